#include "web/pages.hpp"
#include "web/render.hpp"

#include <gtest/gtest.h>

using namespace ofpra;

TEST(Pages, LayoutCarriesLangDirAndTheDsfr) {
  auto page = web::render_page("home", {"Accueil", "desc", "ar", "rtl"}, {{"persons", "12"}});
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_NE(page->find("<html lang=\"ar\" dir=\"rtl\""), std::string::npos);
  EXPECT_NE(page->find("/static/dsfr/dsfr.min.css"), std::string::npos);
  EXPECT_NE(page->find("fr-header"), std::string::npos);
  EXPECT_NE(page->find("12 personnes"), std::string::npos);
}

TEST(Pages, ValuesAreEscaped) {
  auto page = web::render_page("home", {"<script>alert(1)</script>", "d"}, {{"persons", "<b>"}});
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
  req.path = "/accessibilite";
  EXPECT_NE(router.dispatch(req, name).body.find("Voies de recours"), std::string::npos);
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
