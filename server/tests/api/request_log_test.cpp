// The structured request log: one line per request with the request id, method, route pattern
// and status, and never the raw path, the query or the body (they may carry personal data).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fixtures.hpp"

namespace hearth::api_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(RequestLog, NamesRoutePatternsAndNeverRawPathsQueriesOrBodies) {
  TempDir dir;
  const auto site = make_site(dir.path());
  ServerProcess server(ServerProcess::Options{.data_dir = dir / "data",
                                              .static_dir = site,
                                              .log_dir = dir.path(),
                                              .extra_args = {"--log-level", "info"},
                                              .env = {}});
  ASSERT_TRUE(server.ready()) << server.startup_error();
  const auto programs = http_get(server.port(), "/api/v1/programs?email=pat-q1%40example.org");
  ASSERT_EQ(programs.status, 200) << programs.describe();
  const auto report = http_post(
      server.port(), "/api/v1/csp-reports", "application/json",
      R"({"csp-report":{"effective-directive":"img-src","blocked-uri":"https://x/pat-b2"}})");
  ASSERT_EQ(report.status, 204) << report.describe();
  ASSERT_EQ(http_get(server.port(), "/participants/pat-p3").status, 200);
  ASSERT_EQ(http_get(server.port(), "/api/v1/pat-p4").status, 404);

  const auto status = server.terminate();
  EXPECT_TRUE(status && status->success());
  const std::string log = server.log();
  for (const char* leaked : {"pat-q1", "pat-b2", "pat-p3", "pat-p4", "example.org"}) {
    EXPECT_THAT(log, Not(HasSubstr(leaked))) << log;
  }
  EXPECT_THAT(log, HasSubstr("route=/api/v1/programs")) << log;
  EXPECT_THAT(log, HasSubstr("route=/api/v1/csp-reports")) << log;
  EXPECT_THAT(log, HasSubstr("route=static")) << log;
  EXPECT_THAT(log, HasSubstr("status=204")) << log;
  const std::string id = programs.header("x-request-id").value_or("");
  ASSERT_FALSE(id.empty());
  EXPECT_THAT(log, HasSubstr("id=" + id)) << "the response's X-Request-Id is the log's id\n" << log;
}

}  // namespace
}  // namespace hearth::api_test
