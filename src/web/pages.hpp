#pragma once
// The public pages (home, accessibility statement, legal notice, personal data, site map, help
// and contact, not found), the OpenAPI document and its documentation page, and the DSFR's
// assets, mounted on a router.
#include "domain/result.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>

namespace ofpra::web {

struct SiteFacts {
  std::function<std::int64_t()> persons_in_registry;
};

class Site {
 public:
  // Loads the DSFR assets from dsfr_dist (node_modules/@gouvfr/dsfr/dist), and the DataMatrix
  // decoder the attestation page's camera uses from the same node_modules (@zxing/library).
  static domain::Result<std::unique_ptr<Site>> create(const std::filesystem::path& dsfr_dist, SiteFacts facts);

  // Routes capture this Site, which must outlive the router.
  void add_routes(http::Router& router) const;

  http::Response home(const http::Request& request) const;
  http::Response accessibility(const http::Request& request) const;
  http::Response not_found(const http::Request& request) const;
  http::Response openapi(const http::Request& request) const;
  http::Response legal(const http::Request& request, std::string_view name, std::string_view title_key) const;

 private:
  http::Response show(const http::Request& request, unsigned status, std::string_view name, std::string_view title_key,
                      boost::json::object values = {}) const;
  Site(http::StaticFiles dsfr, http::StaticFiles scanner, SiteFacts facts)
      : dsfr_(std::move(dsfr)), scanner_(std::move(scanner)), facts_(std::move(facts)) {}
  http::Response api_documentation(const http::Request& request) const;
  http::StaticFiles dsfr_;
  http::StaticFiles scanner_;
  SiteFacts facts_;
};

}  // namespace ofpra::web
