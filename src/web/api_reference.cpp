#include "web/api_reference.hpp"

#include "domain/json_member.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>

namespace ofpra::web {
namespace {

namespace json = boost::json;

// "`a` and b" as segments {text, code}, for the template to escape.
json::array inline_segments(std::string_view text) {
  json::array out;
  bool code = false;
  while (!text.empty()) {
    const auto tick = text.find('`');
    const auto part = text.substr(0, tick);
    if (!part.empty()) out.push_back(json::object{{"text", part}, {"code", code}});
    if (tick == std::string_view::npos) break;
    code = !code;
    text.remove_prefix(tick + 1);
  }
  return out;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// Blocks separated by blank lines: a list when its lines start with "- " (continuation lines
// are indented), else a paragraph.
json::array blocks(std::string_view text) {
  json::array out;
  while (!text.empty()) {
    const auto end = text.find("\n\n");
    const auto block = trimmed(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 2);
    if (block.empty()) continue;
    std::vector<std::string> items;
    const bool list = block.starts_with("- ");
    std::string_view rest = block;
    while (!rest.empty()) {
      const auto nl = rest.find('\n');
      auto line = trimmed(rest.substr(0, nl));
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
      if (list && line.starts_with("- ")) {
        items.emplace_back(line.substr(2));
      } else if (items.empty()) {
        items.emplace_back(line);
      } else {
        items.back() += ' ';
        items.back() += line;
      }
    }
    json::array parts;
    for (const auto& i : items) parts.push_back(json::object{{"segments", inline_segments(i)}});
    out.push_back(json::object{{"list", list}, {"items", std::move(parts)}});
  }
  return out;
}

// A schema in a few words: "VerificationAnswer" (a link), "array of Scope", "string (date)".
json::object type_of(const json::object& schema) {
  if (const auto ref = domain::string_member(schema, "$ref"); !ref.empty()) {
    return {{"ref", ref.substr(ref.rfind('/') + 1)}, {"plain", ""}, {"array", false}};
  }
  auto type = domain::string_member(schema, "type");
  if (type == "array")
    if (const auto* items = schema.if_contains("items"); items && items->is_object()) {
      auto inner = type_of(items->get_object());
      inner["array"] = true;
      return inner;
    }
  if (const auto format = domain::string_member(schema, "format"); !format.empty()) type += " (" + format + ")";
  if (const auto* e = schema.if_contains("enum"); e && e->is_array()) {
    std::string values;
    for (const auto& x : e->get_array())
      if (x.is_string()) values += (values.empty() ? "" : ", ") + std::string(x.get_string());
    type += ": " + values;
  }
  return {{"ref", ""}, {"plain", type.empty() ? "object" : type}, {"array", false}};
}

json::array properties_of(const json::object& schema) {
  json::array out;
  std::vector<std::string> required;
  if (const auto* r = schema.if_contains("required"); r && r->is_array())
    for (const auto& x : r->get_array())
      if (x.is_string()) required.emplace_back(x.get_string());
  if (const auto* props = schema.if_contains("properties"); props && props->is_object())
    for (const auto& [name, p] : props->get_object()) {
      if (!p.is_object()) continue;
      out.push_back(
          json::object{{"name", name},
                       {"type", type_of(p.get_object())},
                       {"required", std::find(required.begin(), required.end(), std::string(name)) != required.end()},
                       {"description", blocks(domain::string_member(p.get_object(), "description"))}});
    }
  return out;
}

// The body of a request or an answer: each media type with its schema.
json::array contents_of(const json::object& holder) {
  json::array out;
  if (const auto* content = holder.if_contains("content"); content && content->is_object())
    for (const auto& [media, m] : content->get_object()) {
      if (!m.is_object()) continue;
      json::object c{{"media", media}};
      if (const auto* s = m.get_object().if_contains("schema"); s && s->is_object()) {
        c["type"] = type_of(s->get_object());
        c["properties"] = properties_of(s->get_object());
        c["has_properties"] = !c["properties"].as_array().empty();
      }
      out.push_back(std::move(c));
    }
  return out;
}

json::object operation(std::string_view method, std::string_view path, const json::object& op) {
  json::array parameters;
  if (const auto* ps = op.if_contains("parameters"); ps && ps->is_array())
    for (const auto& p : ps->get_array()) {
      if (!p.is_object()) continue;
      const auto& o = p.get_object();
      const auto* schema = o.if_contains("schema");
      parameters.push_back(
          json::object{{"name", domain::string_member(o, "name")},
                       {"in", domain::string_member(o, "in")},
                       {"type", schema && schema->is_object() ? type_of(schema->get_object()) : type_of({})},
                       {"description", blocks(domain::string_member(o, "description"))}});
    }
  json::array responses;
  if (const auto* rs = op.if_contains("responses"); rs && rs->is_object())
    for (const auto& [status, r] : rs->get_object())
      if (r.is_object())
        responses.push_back(json::object{{"status", status},
                                         {"description", blocks(domain::string_member(r.get_object(), "description"))},
                                         {"contents", contents_of(r.get_object())}});
  std::string upper(method);
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  json::object view{{"method", upper},
                    {"path", path},
                    {"id", domain::string_member(op, "operationId")},
                    {"summary", domain::string_member(op, "summary")},
                    {"description", blocks(domain::string_member(op, "description"))},
                    {"parameters", std::move(parameters)},
                    {"has_parameters", false},
                    {"responses", std::move(responses)}};
  view["has_parameters"] = !view["parameters"].as_array().empty();
  if (const auto* body = op.if_contains("requestBody"); body && body->is_object())
    view["body"] = json::object{{"contents", contents_of(body->get_object())}};
  return view;
}

}  // namespace

json::object api_reference_view(std::string_view openapi_json) {
  boost::system::error_code ec;
  const auto doc = json::parse(openapi_json, ec);
  if (ec || !doc.is_object()) return {};
  const auto& d = doc.get_object();
  json::object view;
  if (const auto* info = d.if_contains("info"); info && info->is_object()) {
    view["title"] = domain::string_member(info->get_object(), "title");
    view["version"] = domain::string_member(info->get_object(), "version");
    view["description"] = blocks(domain::string_member(info->get_object(), "description"));
  }
  json::array operations;
  constexpr std::array<std::string_view, 5> methods{"get", "post", "put", "patch", "delete"};
  if (const auto* paths = d.if_contains("paths"); paths && paths->is_object())
    for (const auto& [path, item] : paths->get_object())
      if (item.is_object())
        for (auto m : methods)
          if (const auto* op = item.get_object().if_contains(m); op && op->is_object())
            operations.push_back(operation(m, path, op->get_object()));
  view["operations"] = std::move(operations);
  json::array schemas;
  if (const auto* c = d.if_contains("components"); c && c->is_object())
    if (const auto* s = c->get_object().if_contains("schemas"); s && s->is_object())
      for (const auto& [name, schema] : s->get_object())
        if (schema.is_object()) {
          auto properties = properties_of(schema.get_object());
          const bool has_properties = !properties.empty();
          schemas.push_back(
              json::object{{"name", name},
                           {"type", type_of(schema.get_object())},
                           {"description", blocks(domain::string_member(schema.get_object(), "description"))},
                           {"properties", std::move(properties)},
                           {"has_properties", has_properties}});
        }
  view["schemas"] = std::move(schemas);
  return view;
}

}  // namespace ofpra::web
