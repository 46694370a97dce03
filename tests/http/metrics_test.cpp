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

// A histogram kept elsewhere (the journal's commit durations) is rendered as Prometheus
// expects: cumulative buckets, +Inf holding every observation, then the sum and the count.
TEST(Metrics, RendersAnotherModulesHistogram) {
  Metrics m;
  m.add_histogram("ofpra_journal_commit_duration_seconds", "Commits.", [] {
    return Metrics::Histogram{{0.001, 0.01, 0.1}, {5, 0, 2, 1}, 0.75, 8};
  });
  const auto text = m.render();
  const std::string expected =
      "# HELP ofpra_journal_commit_duration_seconds Commits.\n"
      "# TYPE ofpra_journal_commit_duration_seconds histogram\n"
      "ofpra_journal_commit_duration_seconds_bucket{le=\"0.001\"} 5\n"
      "ofpra_journal_commit_duration_seconds_bucket{le=\"0.01\"} 5\n"
      "ofpra_journal_commit_duration_seconds_bucket{le=\"0.1\"} 7\n"
      "ofpra_journal_commit_duration_seconds_bucket{le=\"+Inf\"} 8\n"
      "ofpra_journal_commit_duration_seconds_sum 0.75\n"
      "ofpra_journal_commit_duration_seconds_count 8\n";
  EXPECT_NE(text.find(expected), std::string::npos) << text;
  // The routes' own histogram keeps its labels on every line.
  m.record("verify", 200, 2ms);
  EXPECT_NE(m.render().find("ofpra_http_request_duration_seconds_sum{route=\"verify\"} 0.002\n"), std::string::npos);
}

TEST(Metrics, TheMedianIsBoundedByItsBucket) {
  Metrics m;
  EXPECT_FALSE(m.median_bound_seconds("verifications"));
  using std::chrono::microseconds;
  for (int i = 0; i < 3; ++i) m.record("verifications", 200, microseconds(300));   // ≤ 0.5 ms
  for (int i = 0; i < 2; ++i) m.record("verifications", 200, microseconds(3000));  // ≤ 5 ms
  m.record("other", 200, microseconds(100000));
  EXPECT_DOUBLE_EQ(*m.median_bound_seconds("verifications"), 0.0005);
  for (int i = 0; i < 2; ++i) m.record("verifications", 200, microseconds(3000));
  EXPECT_DOUBLE_EQ(*m.median_bound_seconds("verifications"), 0.005);
  EXPECT_DOUBLE_EQ(*m.median_bound_seconds("other"), 0.1);
}
