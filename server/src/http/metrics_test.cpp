#include "http/metrics.hpp"

#include <gtest/gtest.h>

namespace hearth::http {
namespace {

TEST(Metrics, CountsRequestsByRouteMethodAndStatus) {
  Metrics m;
  m.observe_request("/api/v1/version", Method::get, 200, 0.0002);
  m.observe_request("/api/v1/version", Method::get, 200, 0.003);
  const auto text = m.render();
  EXPECT_NE(
      text.find(
          R"(hearth_http_requests_total{route="/api/v1/version",method="GET",status="200"} 2)"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          R"(hearth_http_request_duration_seconds_bucket{route="/api/v1/version",method="GET",le="0.0005"} 1)"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          R"(hearth_http_request_duration_seconds_bucket{route="/api/v1/version",method="GET",le="+Inf"} 2)"),
      std::string::npos);
}

TEST(Metrics, GaugesAreSampledAtRenderTime) {
  Metrics m;
  double open = 1;
  m.add_gauge("hearth_open_connections", "Open connections.", [&] { return open; });
  open = 5;
  EXPECT_NE(m.render().find("hearth_open_connections 5"), std::string::npos);
}

TEST(Metrics, ACountKeptElsewhereIsTypedAsACounter) {
  Metrics m;
  double commits = 3;
  m.add_counter("hearth_db_group_commits_total", "Shared commits.", [&] { return commits; });
  m.add_gauge("hearth_db_waiting", "Waiting.", [] { return 0.0; });
  commits = 7;
  const auto text = m.render();
  EXPECT_NE(
      text.find("# TYPE hearth_db_group_commits_total counter\nhearth_db_group_commits_total 7"),
      std::string::npos);
  EXPECT_NE(text.find("# TYPE hearth_db_waiting gauge\n"), std::string::npos);
}

TEST(Metrics, EventsAreCountedByKind) {
  Metrics m;
  m.count_event("csp_violations", "script-src");
  m.count_event("csp_violations", "script-src");
  EXPECT_NE(m.render().find(R"(hearth_csp_violations_total{kind="script-src"} 2)"),
            std::string::npos);
}

}  // namespace
}  // namespace hearth::http
