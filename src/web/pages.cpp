#include "web/pages.hpp"

#include "http/errors.hpp"
#include "web/render.hpp"

namespace ofpra::web {
namespace {

constexpr std::string_view dsfr_mount = "/static/dsfr/";

http::Response html(unsigned status, domain::Result<std::string> page) {
  if (!page) return http::error_response(http::errors::internal, "La page n'a pas pu être affichée.");
  http::Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(*page);
  return r;
}

std::string french_thousands(std::int64_t n) {
  auto digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202F";  // narrow no-break space
    out += digits[i];
  }
  return out;
}

}  // namespace

domain::Result<std::unique_ptr<Site>> Site::create(const std::filesystem::path& dsfr_dist, SiteFacts facts) {
  // Only what the pages use: the core stylesheet and scripts, fonts, favicons, icons, artwork.
  auto files =
      http::StaticFiles::load(dsfr_dist, {"dsfr.min.css", "dsfr.module.min.js", "dsfr.nomodule.min.js", "fonts/",
                                          "favicon/", "icons/", "artwork/", "utility/icons/icons.min.css"});
  if (!files) return files.error();
  return std::unique_ptr<Site>(new Site(std::move(*files), std::move(facts)));
}

void Site::add_routes(http::Router& router) const {
  router.get("/", "home", [this](const http::Request& r) { return home(r); });
  router.get("/accessibilite", "accessibility", [this](const http::Request& r) { return accessibility(r); });
  router.get("/api/v1/openapi.json", "openapi", [this](const http::Request& r) { return openapi(r); });
  router.get(std::string(dsfr_mount), "static", [this](const http::Request& r) {
    return dsfr_.serve(r, std::string_view(r.path).substr(dsfr_mount.size()));
  });
  router.set_not_found([this](const http::Request& r) { return not_found(r); });
}

http::Response Site::home(const http::Request&) const {
  const auto persons = facts_.persons_in_registry ? facts_.persons_in_registry() : 0;
  return html(200, render_page("home",
                               {"Accueil",
                                "Ofpra Connect : les administrations vérifient directement auprès de "
                                "l'Ofpra la situation des personnes protégées."},
                               {{"persons", french_thousands(persons)}}));
}

http::Response Site::accessibility(const http::Request&) const {
  return html(200, render_page("accessibility",
                               {"Déclaration d'accessibilité", "Déclaration d'accessibilité d'Ofpra Connect."}));
}

http::Response Site::not_found(const http::Request& request) const {
  // Programs get the JSON envelope; people get a page.
  if (!request.accepts_html() || request.path.starts_with("/api/") || request.path.starts_with("/oauth/"))
    return http::error_response(http::errors::not_found, "Aucune ressource à cette adresse.");
  return html(404, render_page("not_found", {"Page non trouvée", "Page non trouvée."}));
}

http::Response Site::openapi(const http::Request&) const {
  auto r = http::json_response(200, std::string(embedded("openapi.json")));
  r.set_header("Cache-Control", "public, max-age=300");
  return r;
}

}  // namespace ofpra::web
