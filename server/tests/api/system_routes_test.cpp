// Health, readiness, metrics, version and the demo program over real HTTP; routing answers for
// unknown routes and methods; the security headers every kind of response carries.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "fixtures.hpp"

namespace hearth::api_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class SystemRoutes : public DemoServerTest {};

nlohmann::json json_body(const HttpResponse& r) {
  auto value = nlohmann::json::parse(r.body, nullptr, false);
  if (value.is_discarded()) throw std::runtime_error("body is not JSON: " + r.describe());
  return value;
}

void expect_json_error(const HttpResponse& r, int status, std::string_view code) {
  EXPECT_EQ(r.status, status) << r.describe();
  EXPECT_THAT(r.header("content-type").value_or(""), StartsWith("application/json"));
  const auto body = json_body(r);
  ASSERT_TRUE(body.contains("error") && body["error"].is_object()) << r.describe();
  EXPECT_EQ(body["error"].value("code", ""), code) << r.describe();
  EXPECT_TRUE(body["error"].contains("message") && body["error"]["message"].is_string())
      << r.describe();
}

TEST_F(SystemRoutes, HealthzAnswersOk) {
  const auto r = http_get(port(), "/healthz");
  EXPECT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(json_body(r).value("status", ""), "ok");
}

TEST_F(SystemRoutes, ReadyzAnswersOkWhenTheDatabaseIsReachable) {
  const auto r = http_get(port(), "/readyz");
  EXPECT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(json_body(r).value("status", ""), "ready");
}

TEST_F(SystemRoutes, MetricsFromLoopbackArePrometheusTextWithRouteLabels) {
  ASSERT_EQ(http_get(port(), "/healthz").status, 200);
  const auto r = http_get(port(), "/metrics");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_THAT(r.header("content-type").value_or(""), StartsWith("text/plain"));
  EXPECT_THAT(r.body, HasSubstr("# TYPE hearth_http_requests_total counter"));
  const auto healthz = metric_sample(
      r.body, R"(hearth_http_requests_total{route="/healthz",method="GET",status="200"})");
  ASSERT_TRUE(healthz.has_value()) << r.body;
  EXPECT_GE(*healthz, 1);
  EXPECT_THAT(r.body, HasSubstr("# TYPE hearth_http_request_duration_seconds histogram"));
  const auto open = metric_sample(r.body, "hearth_open_connections");
  ASSERT_TRUE(open.has_value()) << r.body;
  EXPECT_GE(*open, 1) << "the scrape's own connection is open";
  EXPECT_TRUE(metric_sample(r.body, "hearth_db_connections_in_use").has_value()) << r.body;
}

TEST_F(SystemRoutes, MetricsCountRoutePatternsNotRawPaths) {
  ASSERT_EQ(http_get(port(), "/api/v1/no-such-thing-4711").status, 404);
  const std::string metrics = scrape_metrics(port());
  EXPECT_THAT(metrics, Not(HasSubstr("no-such-thing-4711")));
  EXPECT_THAT(metrics, HasSubstr(R"(route="unmatched")"));
}

TEST_F(SystemRoutes, VersionIsJson) {
  const auto r = http_get(port(), "/api/v1/version");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_THAT(r.header("content-type").value_or(""), StartsWith("application/json"));
  const auto body = json_body(r);
  EXPECT_EQ(body.value("name", ""), "Hearth");
  EXPECT_EQ(body.value("version", ""), HEARTH_EXPECTED_VERSION);
  EXPECT_EQ(body.value("api", 0), 1);
}

TEST_F(SystemRoutes, ProgramsListTheDemoProgramWithSixGroups) {
  const auto r = http_get(port(), "/api/v1/programs");
  ASSERT_EQ(r.status, 200) << r.describe();
  const auto body = json_body(r);
  ASSERT_TRUE(body.contains("programs") && body["programs"].is_array()) << r.describe();
  ASSERT_EQ(body["programs"].size(), 1u) << r.describe();
  const auto& program = body["programs"][0];
  EXPECT_EQ(program.value("slug", ""), "riverbend-iop");
  EXPECT_FALSE(program.value("name", "").empty());
  ASSERT_TRUE(program.contains("groups") && program["groups"].is_array());
  EXPECT_EQ(program["groups"].size(), 6u) << r.describe();
  std::set<std::string> slugs;
  for (const auto& g : program["groups"]) slugs.insert(g.value("slug", ""));
  EXPECT_EQ(slugs.size(), 6u) << "group slugs repeat: " << r.describe();
}

TEST_F(SystemRoutes, HeadAnswersLikeGetWithoutABody) {
  Connection c(port());
  c.send(make_request("HEAD", "/api/v1/version"));
  const auto head = c.read_response(5s, /*head_request=*/true);
  EXPECT_EQ(head.status, 200) << head.describe();
  // The same connection then carries a GET: no stray body bytes were left on it.
  c.send(make_request("GET", "/healthz", {{"Connection", "close"}}));
  const auto next = c.read_response();
  EXPECT_EQ(next.status, 200) << next.describe();
  EXPECT_EQ(json_body(next).value("status", ""), "ok");
}

TEST_F(SystemRoutes, KeepAliveCarriesSeveralRequestsWithDistinctRequestIds) {
  Connection c(port());
  std::set<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    c.send(make_request("GET", "/healthz"));
    const auto r = c.read_response();
    ASSERT_EQ(r.status, 200) << r.describe();
    ids.insert(r.header("x-request-id").value_or(""));
  }
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_FALSE(ids.contains(""));
}

TEST_F(SystemRoutes, UnknownApiRouteIsJsonNotFound) {
  for (const char* target : {"/api/v1/nope", "/api/v2/version", "/api/v1/programs/x/y/z", "/api"}) {
    SCOPED_TRACE(target);
    expect_json_error(http_get(port(), target), 404, "not_found");
  }
}

TEST_F(SystemRoutes, WrongMethodIs405WithAllow) {
  const auto r =
      http_raw(port(), make_request("DELETE", "/api/v1/version", {{"Connection", "close"}}));
  expect_json_error(r, 405, "method_not_allowed");
  const std::string allow = r.header("allow").value_or("");
  EXPECT_THAT(allow, HasSubstr("GET"));
  EXPECT_THAT(allow, Not(HasSubstr("DELETE")));

  const auto post = http_post(port(), "/healthz", "application/json", "{}");
  expect_json_error(post, 405, "method_not_allowed");
  EXPECT_THAT(post.header("allow").value_or(""), HasSubstr("GET"));

  const auto get = http_get(port(), "/api/v1/csp-reports");
  expect_json_error(get, 405, "method_not_allowed");
  EXPECT_THAT(get.header("allow").value_or(""), HasSubstr("POST"));
  EXPECT_TRUE(still_serving(port()));
}

TEST_F(SystemRoutes, PostToAStaticPathIs405) {
  for (const char* target : {"/", "/index.html", "/settings", kAssetPath.data()}) {
    SCOPED_TRACE(target);
    const auto r = http_post(port(), target, "application/json", "{}");
    expect_json_error(r, 405, "method_not_allowed");
    EXPECT_THAT(r.header("allow").value_or(""), HasSubstr("GET"));
  }
  EXPECT_TRUE(still_serving(port()));
}

void expect_security_headers(const HttpResponse& r, bool with_request_id = true) {
  const std::string csp = r.header("content-security-policy").value_or("");
  EXPECT_THAT(csp, HasSubstr("frame-ancestors 'none'")) << r.describe();
  EXPECT_THAT(csp, HasSubstr("script-src")) << r.describe();
  EXPECT_THAT(csp, Not(HasSubstr("unsafe-inline"))) << r.describe();
  EXPECT_THAT(csp, Not(HasSubstr("unsafe-eval"))) << r.describe();
  EXPECT_EQ(r.header("x-content-type-options").value_or(""), "nosniff") << r.describe();
  EXPECT_FALSE(r.header("referrer-policy").value_or("").empty()) << r.describe();
  if (with_request_id) {
    EXPECT_FALSE(r.header("x-request-id").value_or("").empty()) << r.describe();
  }
  // RFC 6797 §7.2: HSTS is sent over secure transport only; this server speaks plain HTTP.
  EXPECT_FALSE(r.has_header("strict-transport-security")) << r.describe();
}

TEST_F(SystemRoutes, ApiResponsesCarrySecurityHeadersAndNoStore) {
  for (const char* target : {"/api/v1/version", "/api/v1/programs", "/healthz", "/metrics"}) {
    SCOPED_TRACE(target);
    const auto r = http_get(port(), target);
    ASSERT_EQ(r.status, 200) << r.describe();
    expect_security_headers(r);
    EXPECT_THAT(r.header("cache-control").value_or(""), HasSubstr("no-store"));
  }
}

TEST_F(SystemRoutes, StaticResponsesCarrySecurityHeaders) {
  for (const char* target : {"/", "/settings", kAssetPath.data(), "/robots.txt"}) {
    SCOPED_TRACE(target);
    const auto r = http_get(port(), target);
    ASSERT_EQ(r.status, 200) << r.describe();
    expect_security_headers(r);
  }
}

TEST_F(SystemRoutes, ApiErrorResponsesCarrySecurityHeadersAndNoStore) {
  const HttpResponse errors[] = {
      http_get(port(), "/api/v1/nope"),
      http_raw(port(), make_request("DELETE", "/healthz", {{"Connection", "close"}})),
      http_post(port(), "/api/v1/csp-reports", "application/json", "{"),
  };
  for (const auto& r : errors) {
    SCOPED_TRACE(r.status);
    EXPECT_GE(r.status, 400) << r.describe();
    expect_security_headers(r);
    EXPECT_THAT(r.header("cache-control").value_or(""), HasSubstr("no-store")) << r.describe();
  }
}

TEST_F(SystemRoutes, StaticErrorResponsesCarrySecurityHeaders) {
  for (const char* target : {"/nope.js", "/%2e%2e/secret", "/assets/"}) {
    SCOPED_TRACE(target);
    const auto r = http_get(port(), target);
    EXPECT_GE(r.status, 400) << r.describe();
    expect_security_headers(r);
  }
}

TEST_F(SystemRoutes, TransportErrorResponsesCarrySecurityHeaders) {
  // Answered by the transport itself (431), not by a route.
  const auto r = http_raw(port(), make_request("GET", "/healthz",
                                               {{"X-Pad", std::string(kHeaderLimit + 512, 'a')},
                                                {"Connection", "close"}}));
  EXPECT_EQ(r.status, 431) << r.describe();
  expect_security_headers(r, /*with_request_id=*/false);
}

}  // namespace
}  // namespace hearth::api_test
