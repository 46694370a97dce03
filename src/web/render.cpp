#include "web/render.hpp"

#include "web/templates.hpp"

#include <boost/json.hpp>
#include <kainjow/mustache.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;
using kainjow::mustache::data;
using kainjow::mustache::mustache;

data to_data(const json::value& v) {
  switch (v.kind()) {
    case json::kind::object: {
      data d{data::type::object};
      for (const auto& [k, x] : v.get_object()) d.set(std::string(k), to_data(x));
      return d;
    }
    case json::kind::array: {
      data d{data::type::list};
      for (const auto& x : v.get_array()) d.push_back(to_data(x));
      return d;
    }
    case json::kind::string:
      // Empty is false, as in JavaScript mustache: {{#to}}…{{/to}} shows nothing without a "to".
      if (v.get_string().empty()) return data(false);
      return data(std::string(v.get_string()));
    case json::kind::bool_:
      return data(v.get_bool());
    case json::kind::null:
      return data(false);
    default:
      return data(json::serialize(v));
  }
}

domain::Result<std::string> render(std::string_view name, const data& values) {
  auto source = embedded(std::string(name) + ".mustache");
  if (source.empty()) return domain::Error{"no template named " + std::string(name), {}};
  mustache tmpl{std::string(source)};
  if (!tmpl.is_valid()) return domain::Error{"template " + std::string(name) + ": " + tmpl.error_message(), {}};
  // Templates named _x.mustache are partials, {{>_x}}, shared by several pages.
  data with_partials = values;
  for (const auto& f : templates::embedded_files())
    if (f.name.starts_with("_") && f.name.ends_with(".mustache")) {
      auto partial_name = std::string(f.name.substr(0, f.name.size() - 9));
      with_partials.set(partial_name,
                        kainjow::mustache::partial([content = f.content] { return std::string(content); }));
    }
  return tmpl.render(with_partials);
}

// The space's sections, in the order of its navigation.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> sections{{
    {"situation", "/espace"},
    {"codes", "/espace/codes"},
    {"consentements", "/espace/consentements"},
    {"historique", "/espace/historique"},
    {"questions", "/espace/questions"},
    {"attestations", "/espace/attestations"},
}};

}  // namespace

std::string_view embedded(std::string_view name) {
  for (const auto& f : templates::embedded_files())
    if (f.name == name) return f.content;
  return {};
}

namespace {

// The page's own path as the value of the language links' "retour": its query escaped.
std::string return_path(std::string_view path) {
  std::string out;
  for (char c : path) {
    if (c == '?')
      out += "%3F";
    else if (c == '=')
      out += "%3D";
    else if (c == '&')
      out += "%26";
    else
      out += c;
  }
  return out;
}

}  // namespace

domain::Result<std::string> render_page(std::string_view name, const PageMeta& meta, const json::object& values) {
  const auto& language = meta.language ? *meta.language : languages().front();
  const auto t = to_data(catalog(language.code, meta.addressee));
  auto body_values = to_data(values);
  body_values.set("t", t);
  auto body = render(name, body_values);
  if (!body) return body;

  json::array links;
  for (const auto& l : languages())
    links.push_back(json::object{{"code", l.code},
                                 {"autonym", l.autonym},
                                 {"href", "/langue?choix=" + std::string(l.code) + "&retour=" + return_path(meta.path)},
                                 {"current", l.code == language.code}});
  json::array nav;
  for (const auto& [id, href] : sections)
    nav.push_back(json::object{
        {"href", href}, {"label", text(language.code, "nav_" + std::string(id))}, {"current", id == meta.section}});
  json::object layout{{"title", meta.title},
                      {"description", meta.description},
                      {"lang", language.code},
                      {"dir", language.dir},
                      {"languages", std::move(links)},
                      {"signed_in", meta.signed_in},
                      {"counter", meta.counter},
                      {"counter_agent", meta.counter_agent},
                      {"admin", meta.admin},
                      {"desk", meta.counter || meta.admin},
                      {"nav", std::move(nav)},
                      {"csrf", meta.csrf},
                      {"machine_translated", machine_translated(language.code)}};
  auto layout_data = to_data(layout);
  layout_data.set("t", t);
  layout_data.set("content", *body);
  return render("layout", layout_data);
}

}  // namespace ofpra::web
