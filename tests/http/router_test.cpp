#include "http/router.hpp"
#include "http/errors.hpp"

#include <gtest/gtest.h>

using namespace ofpra::http;

namespace {

Request make(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.target = r.path;
  return r;
}

Response text(std::string body) {
  Response r;
  r.body = std::move(body);
  return r;
}

}  // namespace

TEST(Router, ExactAndPrefixRoutes) {
  Router router;
  router.get("/a", "a", [](const Request&) { return text("a"); });
  router.get("/files/", "files", [](const Request& r) { return text("file " + r.path); });
  std::string_view name;
  EXPECT_EQ(router.dispatch(make("GET", "/a"), name).body, "a");
  EXPECT_EQ(name, "a");
  EXPECT_EQ(router.dispatch(make("GET", "/files/x/y.css"), name).body, "file /files/x/y.css");
  EXPECT_EQ(name, "files");
  EXPECT_EQ(router.dispatch(make("GET", "/a/"), name).status, 404u);
  EXPECT_EQ(name, "unmatched");
  EXPECT_EQ(router.dispatch(make("GET", "/ab"), name).status, 404u);
}

TEST(Router, WrongMethodIs405WithAllow) {
  Router router;
  router.get("/a", "a", [](const Request&) { return text("a"); });
  router.post("/a", "a", [](const Request&) { return text("posted"); });
  std::string_view name;
  auto r = router.dispatch(make("DELETE", "/a"), name);
  EXPECT_EQ(r.status, 405u);
  bool allow = false;
  for (const auto& [k, v] : r.headers) allow = allow || (k == "Allow" && v == "GET, POST");
  EXPECT_TRUE(allow);
  EXPECT_NE(r.body.find("\"40500\""), std::string::npos);
  EXPECT_EQ(router.dispatch(make("HEAD", "/a"), name).body, "a");
  EXPECT_EQ(router.dispatch(make("POST", "/a"), name).body, "posted");
}

TEST(Router, ErrorEnvelopeShape) {
  auto r = error_response(errors::invalid_parameter, "Le champ doit comporter 9 chiffres.", "numero_ofpra");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(
      r.body,
      R"({"errors":[{"code":"40001","title":"Paramètre invalide","detail":"Le champ doit comporter 9 chiffres.","source":{"parameter":"numero_ofpra"}}]})");
}
