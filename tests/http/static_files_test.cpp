#include "http/static_files.hpp"

#include <gtest/gtest.h>

using namespace ofpra::http;

TEST(StaticFiles, ServesOnlyWhatWasLoadedWithRevalidation) {
  auto files = StaticFiles::load(OFPRA_DSFR_DIR, {"dsfr.min.css", "fonts/"});
  ASSERT_TRUE(files) << files.error().message;
  EXPECT_GT(files->size(), 1u);
  Request req;
  auto css = files->serve(req, "dsfr.min.css");
  EXPECT_EQ(css.status, 200u);
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  EXPECT_GT(css.body.size(), 100000u);
  std::string etag;
  for (const auto& [k, v] : css.headers)
    if (k == "ETag") etag = v;
  ASSERT_FALSE(etag.empty());
  req.headers.emplace_back("if-none-match", etag);
  auto again = files->serve(req, "dsfr.min.css");
  EXPECT_EQ(again.status, 304u);
  EXPECT_TRUE(again.body.empty());

  Request plain;
  EXPECT_EQ(files->serve(plain, "dsfr.min.css.map").status, 404u);       // source maps are not served
  EXPECT_EQ(files->serve(plain, "dsfr.module.min.js").status, 404u);     // not in the prefixes
  EXPECT_EQ(files->serve(plain, "../../package.json").status, 404u);     // no way out of the folder
  EXPECT_EQ(files->serve(plain, "fonts/../dsfr.min.css").status, 404u);  // no path arithmetic
}

TEST(StaticFiles, AMissingFolderIsAClearError) {
  auto files = StaticFiles::load("/nonexistent/dsfr", {"x"});
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().message.find("install-deps"), std::string::npos);
}
