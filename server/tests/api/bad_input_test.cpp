// A JSON endpoint (POST /api/v1/csp-reports) under good and bad input. Each bad request must get
// a clear 4xx (or, for a broken HTTP message, a clean close), change nothing — the violation
// counter in /metrics stays where it was — and leave the server answering everyone else.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fixtures.hpp"

namespace hearth::api_test {
namespace {

using ::testing::StartsWith;

constexpr std::string_view kReportsPath = "/api/v1/csp-reports";
constexpr std::string_view kScriptSeries = R"(hearth_csp_violations_total{kind="script-src-elem"})";
constexpr std::string_view kValidReport =
    R"({"csp-report":{"effective-directive":"script-src-elem"}})";

class CspReports : public DemoServerTest {
 protected:
  double script_count() { return metric_sample(scrape_metrics(port()), kScriptSeries).value_or(0); }
  double all_violations() {
    return metric_total(scrape_metrics(port()), "hearth_csp_violations_total");
  }

  // Sends `request` on a new connection and checks the answer is `status` with error `code`,
  // that no violation was counted and that the server still serves a fresh request.
  void expect_refused(const std::string& request, int status, std::string_view code,
                      std::string_view field = {}) {
    const double before = all_violations();
    Connection c(port());
    c.send(request);
    const auto r = c.read_response();
    EXPECT_EQ(r.status, status) << r.describe();
    EXPECT_THAT(r.header("content-type").value_or(""), StartsWith("application/json"));
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    ASSERT_TRUE(body.is_object() && body.contains("error")) << r.describe();
    EXPECT_EQ(body["error"].value("code", ""), code) << r.describe();
    if (!field.empty()) {
      EXPECT_EQ(body["error"].value("field", ""), field) << r.describe();
    }
    EXPECT_EQ(all_violations(), before) << "a refused report was counted";
    EXPECT_TRUE(still_serving(port()));
  }

  static std::string post(std::string_view body,
                          std::string_view content_type = "application/json") {
    return make_request("POST", kReportsPath,
                        {{"Content-Type", std::string(content_type)}, {"Connection", "close"}},
                        body);
  }
};

TEST_F(CspReports, ValidReportIsCountedOnce) {
  const double before = script_count();
  const auto r = http_post(port(), kReportsPath, "application/json", kValidReport);
  EXPECT_EQ(r.status, 204) << r.describe();
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(script_count(), before + 1);
}

TEST_F(CspReports, BrowserContentTypeIsAccepted) {
  const double before = script_count();
  const auto r = http_post(port(), kReportsPath, "application/csp-report", kValidReport);
  EXPECT_EQ(r.status, 204) << r.describe();
  EXPECT_EQ(script_count(), before + 1);
}

TEST_F(CspReports, UnknownDirectiveIsCountedAsOtherNotAsANewSeries) {
  const auto r = http_post(port(), kReportsPath, "application/json",
                           R"({"csp-report":{"effective-directive":"made-up-4711"}})");
  EXPECT_EQ(r.status, 204) << r.describe();
  const std::string metrics = scrape_metrics(port());
  EXPECT_EQ(metrics.find("made-up-4711"), std::string::npos);
  EXPECT_GE(metric_sample(metrics, R"(hearth_csp_violations_total{kind="other"})").value_or(0), 1);
}

TEST_F(CspReports, MalformedJsonIs400) {
  expect_refused(post(R"({"csp-report":{"effective-directive":"script-src-elem")"), 400,
                 "malformed");
  expect_refused(post("not json at all"), 400, "malformed");
}

TEST_F(CspReports, EmptyBodyIs400) {
  expect_refused(post(""), 400, "malformed");
}

TEST_F(CspReports, TopLevelArrayIs400) {
  expect_refused(post(R"([])"), 400, "malformed");
}

TEST_F(CspReports, TopLevelArrayOfReportsIs400) {
  expect_refused(post(std::string("[") + std::string(kValidReport) + "]"), 400, "malformed");
}

TEST_F(CspReports, WrongTypeIs400NamingTheField) {
  expect_refused(post(R"({"csp-report":5})"), 400, "malformed", "csp-report");
  expect_refused(post(R"({"csp-report":{"effective-directive":7}})"), 400, "malformed",
                 "effective-directive");
}

TEST_F(CspReports, MissingFieldIs422) {
  expect_refused(post(R"({})"), 422, "invalid_argument", "csp-report");
  expect_refused(post(R"({"csp-report":{}})"), 422, "invalid_argument");
}

TEST_F(CspReports, WrongContentTypeIs415) {
  expect_refused(post(kValidReport, "text/plain"), 415, "unsupported_media_type");
  expect_refused(post(kValidReport, "application/x-www-form-urlencoded"), 415,
                 "unsupported_media_type");
  expect_refused(make_request("POST", kReportsPath, {{"Connection", "close"}}, kValidReport), 415,
                 "unsupported_media_type");
}

TEST_F(CspReports, InvalidUtf8InAStringIs400) {
  // 0xC3 0x28 is an invalid two-byte sequence; 0xFF never appears in UTF-8.
  expect_refused(post("{\"csp-report\":{\"effective-directive\":\"script-src-elem\xc3\x28\"}}"),
                 400, "malformed");
  expect_refused(post("{\"csp-report\":{\"effective-directive\":\"script-src-elem\xff\"}}"), 400,
                 "malformed");
}

TEST_F(CspReports, BodyOverTheLimitIs413) {
  // A valid report padded with whitespace: counted if the limit were not enforced.
  std::string body(kValidReport);
  body.append(kBodyLimit + 1024 - body.size(), ' ');
  const double before = all_violations();
  Connection c(port());
  c.send(post(body));
  const auto r = c.read_response_or_end();
  ASSERT_TRUE(r.has_value()) << "the connection was closed without a 413 answer";
  EXPECT_EQ(r->status, 413) << r->describe();
  EXPECT_EQ(all_violations(), before);
  EXPECT_TRUE(still_serving(port()));
}

TEST_F(CspReports, ChunkedBodyOverTheLimitIs413) {
  std::string request(kReportsPath);
  request = "POST " + request +
            " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  std::string body(kValidReport);
  body.append(kBodyLimit + 1024 - body.size(), ' ');
  for (std::size_t at = 0; at < body.size(); at += 1000) {
    const std::string chunk = body.substr(at, 1000);
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
    request += size + chunk + "\r\n";
  }
  request += "0\r\n\r\n";
  const double before = all_violations();
  Connection c(port());
  (void)c.try_send(request);  // the server may answer and close before it has read everything
  const auto r = c.read_response_or_end();
  ASSERT_TRUE(r.has_value()) << "the connection was closed without a 413 answer";
  EXPECT_EQ(r->status, 413) << r->describe();
  EXPECT_EQ(all_violations(), before);
  EXPECT_TRUE(still_serving(port()));
}

TEST_F(CspReports, HeadersOverTheLimitAre431) {
  const std::string request = make_request("POST", kReportsPath,
                                           {{"Content-Type", "application/json"},
                                            {"X-Pad", std::string(kHeaderLimit + 512, 'a')},
                                            {"Connection", "close"}},
                                           kValidReport);
  const double before = all_violations();
  Connection c(port());
  (void)c.try_send(request);
  const auto r = c.read_response_or_end();
  ASSERT_TRUE(r.has_value()) << "the connection was closed without a 431 answer";
  EXPECT_EQ(r->status, 431) << r->describe();
  EXPECT_EQ(all_violations(), before);
  EXPECT_TRUE(still_serving(port()));
}

TEST_F(CspReports, ManySmallHeadersOverTheLimitAre431) {
  std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/json"}};
  for (int i = 0; i < 300; ++i) headers.emplace_back("X-H" + std::to_string(i), "0123456789");
  const double before = all_violations();
  Connection c(port());
  (void)c.try_send(make_request("POST", kReportsPath, headers, kValidReport));
  const auto r = c.read_response_or_end();
  ASSERT_TRUE(r.has_value()) << "the connection was closed without a 431 answer";
  EXPECT_EQ(r->status, 431) << r->describe();
  EXPECT_EQ(all_violations(), before);
  EXPECT_TRUE(still_serving(port()));
}

TEST_F(CspReports, BrokenHttpGets400OrACleanClose) {
  static constexpr char kNulInHeader[] = "GET /healthz HTTP/1.1\r\nX-Nul: a\0b\r\n\r\n";
  for (std::string_view garbage :
       {std::string_view("THIS IS NOT HTTP\r\n\r\n"),
        std::string_view("POST /api/v1/csp-reports HTTP/1.1\r\nContent-Length: abc\r\n\r\n"),
        std::string_view("POST /api/v1/csp-reports HTTP/1.1\r\nBad Header\r\n\r\n"),
        std::string_view(kNulInHeader, sizeof kNulInHeader - 1)}) {
    SCOPED_TRACE(garbage);
    const double before = all_violations();
    Connection c(port());
    (void)c.try_send(garbage);
    const auto r = c.read_response_or_end();
    if (r) {
      EXPECT_EQ(r->status, 400) << r->describe();
      EXPECT_TRUE(c.wait_closed(5s)) << "a broken connection is closed after the answer";
    }
    EXPECT_EQ(all_violations(), before);
    EXPECT_TRUE(still_serving(port()));
  }
}

TEST_F(CspReports, ARequestSentOneByteAtATimeIsServed) {
  const double before = script_count();
  Connection c(port());
  for (char byte : post(kValidReport)) c.send(std::string_view(&byte, 1));
  const auto r = c.read_response();
  EXPECT_EQ(r.status, 204) << r.describe();
  EXPECT_EQ(script_count(), before + 1);
}

}  // namespace
}  // namespace hearth::api_test
