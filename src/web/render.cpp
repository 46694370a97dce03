#include "web/render.hpp"

#include "web/templates.hpp"

#include <kainjow/mustache.hpp>

namespace ofpra::web {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

domain::Result<std::string> render(std::string_view name, const data& values) {
  auto source = embedded(std::string(name) + ".mustache");
  if (source.empty()) return domain::Error{"no template named " + std::string(name), {}};
  mustache tmpl{std::string(source)};
  if (!tmpl.is_valid()) return domain::Error{"template " + std::string(name) + ": " + tmpl.error_message(), {}};
  return tmpl.render(values);
}

}  // namespace

std::string_view embedded(std::string_view name) {
  for (const auto& f : templates::embedded_files())
    if (f.name == name) return f.content;
  return {};
}

domain::Result<std::string> render_page(std::string_view name, const PageMeta& meta, const Values& values) {
  data body_values;
  for (const auto& [k, v] : values) body_values.set(k, v);
  auto body = render(name, body_values);
  if (!body) return body;
  data layout;
  layout.set("title", meta.title);
  layout.set("description", meta.description);
  layout.set("lang", meta.lang);
  layout.set("dir", meta.dir);
  layout.set("content", *body);
  return render("layout", layout);
}

}  // namespace ofpra::web
