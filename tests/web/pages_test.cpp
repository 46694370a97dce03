#include "web/pages.hpp"
#include "web/render.hpp"

#include <gtest/gtest.h>

using namespace ofpra;

namespace {

web::PageMeta meta(std::string title, std::string_view lang) {
  web::PageMeta m;
  m.title = std::move(title);
  m.description = "d";
  m.language = web::find_language(lang);
  m.path = "/";
  return m;
}

}  // namespace

TEST(Pages, LayoutCarriesLangDirAndTheDsfr) {
  auto page = web::render_page("home", meta("الصفحة الرئيسية", "ar"), {{"persons", "12"}});
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_NE(page->find("<html lang=\"ar\" dir=\"rtl\""), std::string::npos);
  EXPECT_NE(page->find("/static/dsfr/dsfr.min.css"), std::string::npos);
  EXPECT_NE(page->find("fr-header"), std::string::npos);
  EXPECT_NE(page->find("12</p>"), std::string::npos);
  // Translated, and told to be machine-made.
  EXPECT_NE(page->find(web::text("ar", "home_card_person_title")), std::string::npos);
  EXPECT_NE(page->find(web::text("ar", "machine_translation_notice")), std::string::npos);
  // The language links name each language in itself, marked with its lang.
  EXPECT_NE(page->find("lang=\"ru\" hreflang=\"ru\""), std::string::npos);
  EXPECT_NE(page->find("href=\"/langue?choix=fa-AF&amp;retour=/\""), std::string::npos);
}

TEST(Pages, FrenchIsTheReferenceAndCarriesNoMachineTranslationNotice) {
  auto page = web::render_page("home", meta("Accueil", "fr"), {{"persons", "12"}});
  ASSERT_TRUE(page);
  EXPECT_NE(page->find("<html lang=\"fr\" dir=\"ltr\""), std::string::npos);
  EXPECT_EQ(page->find(web::text("en", "machine_translation_notice")), std::string::npos);
  EXPECT_FALSE(web::machine_translated("fr"));
  EXPECT_TRUE(web::machine_translated("ti"));
}

TEST(Pages, ValuesAreEscaped) {
  auto page = web::render_page("home", meta("<script>alert(1)</script>", "fr"), {{"persons", "<b>"}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->find("<script>alert(1)"), std::string::npos);
  EXPECT_EQ(page->find("<b>"), std::string::npos);
  EXPECT_NE(page->find("&lt;b&gt;"), std::string::npos);
}

TEST(Pages, SiteServesPagesAssetsAndNotFound) {
  auto site = web::Site::create(OFPRA_DSFR_DIR, {[] { return std::int64_t{1234567}; }});
  ASSERT_TRUE(site) << site.error().message;
  http::Router router;
  (*site)->add_routes(router);
  std::string_view name;
  http::Request req;
  req.method = "GET";
  req.path = "/";
  auto home = router.dispatch(req, name);
  EXPECT_EQ(home.status, 200u);
  EXPECT_NE(home.body.find("1\u202F234\u202F567"), std::string::npos);
  req.headers.emplace_back("accept-language", "ru-RU,ru;q=0.9");
  auto russian = router.dispatch(req, name);
  EXPECT_NE(russian.body.find("<html lang=\"ru\""), std::string::npos);
  EXPECT_NE(russian.body.find("1\u00A0234\u00A0567"), std::string::npos);
  req.headers.clear();
  req.path = "/accessibilite";
  EXPECT_NE(router.dispatch(req, name).body.find("Voies de recours"), std::string::npos);
  for (const auto* path : {"/mentions-legales", "/donnees-personnelles"}) {
    req.path = path;
    EXPECT_EQ(router.dispatch(req, name).status, 200u) << path;
  }
  req.path = "/static/dsfr/dsfr.min.css";
  EXPECT_EQ(router.dispatch(req, name).status, 200u);
  req.path = "/api/v1/openapi.json";
  auto api = router.dispatch(req, name);
  EXPECT_EQ(api.status, 200u);
  EXPECT_NE(api.body.find("\"openapi\":\"3.1.0\""), std::string::npos);
  req.path = "/nowhere";
  auto json404 = router.dispatch(req, name);
  EXPECT_EQ(json404.status, 404u);
  EXPECT_EQ(json404.content_type, "application/json");
  req.headers.emplace_back("accept", "text/html,application/xhtml+xml");
  auto html404 = router.dispatch(req, name);
  EXPECT_EQ(html404.status, 404u);
  EXPECT_NE(html404.body.find("Page non trouvée"), std::string::npos);
}
