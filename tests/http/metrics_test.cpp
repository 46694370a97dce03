#include "http/metrics.hpp"

#include <gtest/gtest.h>

using namespace ofpra::http;
using namespace std::chrono_literals;

TEST(Metrics, CountsByRouteAndStatusWithCumulativeBuckets) {
  Metrics m;
  m.record("verify", 200, 300us);
  m.record("verify", 200, 3ms);
  m.record("verify", 404, 30ms);
  m.add_gauge("ofpra_registry_persons", "Persons.", [] { return 42.0; });
  auto text = m.render();
  EXPECT_NE(text.find("ofpra_http_requests_total{route=\"verify\",status=\"200\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("ofpra_http_requests_total{route=\"verify\",status=\"404\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("ofpra_http_request_duration_seconds_bucket{route=\"verify\",le=\"0.0005\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("ofpra_http_request_duration_seconds_bucket{route=\"verify\",le=\"0.005\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("ofpra_http_request_duration_seconds_bucket{route=\"verify\",le=\"+Inf\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("ofpra_http_request_duration_seconds_count{route=\"verify\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE ofpra_registry_persons gauge\nofpra_registry_persons 42\n"), std::string::npos);
}
