#include "web/pages.hpp"

#include "http/errors.hpp"
#include "web/api_reference.hpp"
#include "web/locale_format.hpp"
#include "web/render.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

constexpr std::string_view dsfr_mount = "/static/dsfr/";
constexpr std::string_view scanner_mount = "/static/zxing/";

http::Response html(unsigned status, domain::Result<std::string> page) {
  if (!page) return http::error_response(http::errors::internal, "La page n'a pas pu être affichée.");
  http::Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(*page);
  return r;
}

}  // namespace

domain::Result<std::unique_ptr<Site>> Site::create(const std::filesystem::path& dsfr_dist, SiteFacts facts) {
  // Only what the pages use: the core stylesheet and scripts, fonts, favicons, icons, artwork.
  auto files =
      http::StaticFiles::load(dsfr_dist, {"dsfr.min.css", "dsfr.module.min.js", "dsfr.nomodule.min.js", "fonts/",
                                          "favicon/", "icons/", "artwork/", "utility/icons/icons.min.css"});
  if (!files) return files.error();
  auto scanner =
      http::StaticFiles::load(dsfr_dist / ".." / ".." / ".." / "@zxing" / "library" / "umd", {"index.min.js"});
  if (!scanner) return scanner.error();
  return std::unique_ptr<Site>(new Site(std::move(*files), std::move(*scanner), std::move(facts)));
}

void Site::add_routes(http::Router& router) const {
  router.get("/", "home", [this](const http::Request& r) { return home(r); });
  router.get("/accessibilite", "accessibility", [this](const http::Request& r) { return accessibility(r); });
  router.get("/mentions-legales", "legal_notice",
             [this](const http::Request& r) { return legal(r, "legal_notice", "legal_title"); });
  router.get("/donnees-personnelles", "personal_data",
             [this](const http::Request& r) { return legal(r, "personal_data", "personal_data_title"); });
  router.get("/plan-du-site", "site_map",
             [this](const http::Request& r) { return legal(r, "site_map", "site_map_title"); });
  router.get("/aide-et-contact", "help", [this](const http::Request& r) { return legal(r, "help", "help_title"); });
  router.get("/api/v1/openapi.json", "openapi", [this](const http::Request& r) { return openapi(r); });
  router.get("/api/v1/documentation", "api_documentation",
             [this](const http::Request& r) { return api_documentation(r); });

  router.get("/static/ofpra/portal.css", "static", [](const http::Request&) {
    http::Response r;
    r.content_type = "text/css; charset=utf-8";
    r.body = std::string(embedded("portal.css"));
    r.set_header("Cache-Control", "public, max-age=300");
    return r;
  });
  router.get("/static/ofpra/attestation-scan.js", "static", [](const http::Request&) {
    http::Response r;
    r.content_type = "text/javascript; charset=utf-8";
    r.body = std::string(embedded("attestation-scan.js"));
    r.set_header("Cache-Control", "public, max-age=300");
    return r;
  });
  router.get(std::string(scanner_mount), "static", [this](const http::Request& r) {
    return scanner_.serve(r, std::string_view(r.path).substr(scanner_mount.size()));
  });
  router.get(std::string(dsfr_mount), "static", [this](const http::Request& r) {
    return dsfr_.serve(r, std::string_view(r.path).substr(dsfr_mount.size()));
  });
  router.set_not_found([this](const http::Request& r) { return not_found(r); });
}

http::Response Site::show(const http::Request& request, unsigned status, std::string_view name,
                          std::string_view title_key, boost::json::object values) const {
  const auto& language = negotiate(request);
  PageMeta meta;
  meta.title = text(language.code, title_key);
  meta.description = description(language.code, title_key);
  meta.language = &language;
  meta.path = request.path;
  return html(status, render_page(name, meta, values));
}

http::Response Site::home(const http::Request& request) const {
  const auto persons = facts_.persons_in_registry ? facts_.persons_in_registry() : 0;
  return show(request, 200, "home", "home_title", {{"persons", format_number(negotiate(request).code, persons)}});
}

http::Response Site::accessibility(const http::Request& request) const {
  return show(request, 200, "accessibility", "accessibility_title");
}

http::Response Site::legal(const http::Request& request, std::string_view name, std::string_view title_key) const {
  return show(request, 200, name, title_key);
}

http::Response Site::not_found(const http::Request& request) const {
  // Programs get the JSON envelope; people get a page.
  if (!request.accepts_html() || request.path.starts_with("/api/") || request.path.starts_with("/oauth/"))
    return http::error_response(http::errors::not_found, "Aucune ressource à cette adresse.");
  return show(request, 404, "not_found", "not_found_title");
}

http::Response Site::api_documentation(const http::Request& request) const {
  static const auto view = api_reference_view(embedded("openapi.json"));
  return show(request, 200, "api_documentation", "api_documentation_title", view);
}

http::Response Site::openapi(const http::Request&) const {
  auto r = http::json_response(200, std::string(embedded("openapi.json")));
  r.set_header("Cache-Control", "public, max-age=300");
  return r;
}

}  // namespace ofpra::web
