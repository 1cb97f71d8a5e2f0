#include "fixtures.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <system_error>

namespace hearth::api_test {
namespace fs = std::filesystem;

std::string large_asset_body() {
  std::string body;
  for (int i = 0; i < 150; ++i) {
    body += "export function step" + std::to_string(i) + "(x) { return x * " + std::to_string(i) +
            " + 1; }\n";
  }
  return body;
}

fs::path make_site(const fs::path& root) {
  const fs::path site = root / "site";
  fs::create_directories(site / "assets");
  write_file(site / "index.html",
             "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hearth</title>"
             "<script type=\"module\" src=\"" +
                 std::string(kAssetPath) + "\"></script></head><body><main id=\"" +
                 std::string(kIndexMarker) + "\"></main></body></html>\n");
  write_file(site / std::string(kAssetPath).substr(1), kAssetBody);
  write_file(site / std::string(kLargeAssetPath).substr(1), large_asset_body());
  write_file(site / "assets" / "style-9c8d7e6f.css", "body { margin: 0; }\n");
  write_file(site / "robots.txt", "User-agent: *\nDisallow: /api/\n");
  write_file(site / ".env", std::string(kSecret) + "\n");
  write_file(root / "secret", std::string(kSecret) + "\n");
  write_file(root / "secret.txt", std::string(kSecret) + "\n");
  fs::create_symlink("robots.txt", site / "robots-alias.txt");
  fs::create_symlink("../secret.txt", site / "leak.txt");
  fs::create_directory_symlink("..", site / "outside");
  return site;
}

::testing::AssertionResult still_serving(std::uint16_t port) {
  try {
    const HttpResponse r = http_get(port, "/healthz");
    if (r.status == 200) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "GET /healthz answered " << r.describe();
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "GET /healthz failed: " << e.what();
  }
}

std::string scrape_metrics(std::uint16_t port) {
  const HttpResponse r = http_get(port, "/metrics");
  if (r.status != 200) throw std::runtime_error("GET /metrics answered " + r.describe());
  return r.body;
}

bool OwnServer::load_demo(const fs::path& data_dir) {
  return run_hearth({"demo", "--data", data_dir.string(), "--log-level", "warn"}).status.success();
}

std::string demo_session_cookie(std::uint16_t port, std::string_view email) {
  const nlohmann::json body = {{"email", email}, {"password", kDemoPassword}};
  const HttpResponse r = http_raw(
      port, make_request("POST", "/api/v1/auth/sign-in",
                         {{"Origin", "http://localhost"}, {"Content-Type", "application/json"}},
                         body.dump()));
  if (r.status != 200) throw std::runtime_error("sign-in failed: " + r.describe());
  for (const auto& [name, value] : r.headers) {
    if (name == "set-cookie" && value.starts_with("hearth_session=")) {
      return value.substr(0, value.find(';'));
    }
  }
  throw std::runtime_error("sign-in set no session cookie: " + r.describe());
}

std::vector<std::pair<std::string, std::string>> own_page_headers(std::string_view cookie) {
  return {{"Origin", "http://localhost"}, {"Cookie", std::string(cookie)}};
}

void DemoServerTest::SetUpTestSuite() {
  setup_error_.clear();
  dir_ = std::make_unique<TempDir>();
  const fs::path site = make_site(dir_->path());
  const fs::path data = dir() / "data";
  const RunResult demo = run_hearth({"demo", "--data", data.string(), "--log-level", "warn"});
  if (!demo.status.success()) {
    setup_error_ = "hearth demo failed: " + demo.describe();
    return;
  }
  server_ = std::make_unique<ServerProcess>(ServerProcess::Options{
      .data_dir = data,
      .static_dir = site,
      .log_dir = {},
      .extra_args = {"--body-limit", std::to_string(kBodyLimit), "--header-limit",
                     std::to_string(kHeaderLimit)},
      .env = {},
  });
  if (!server_->ready()) setup_error_ = server_->startup_error();
}

void DemoServerTest::TearDownTestSuite() {
  if (server_ && server_->ready()) {
    const auto status = server_->terminate();
    EXPECT_TRUE(status && status->success())
        << "the shared server did not shut down cleanly on SIGTERM: "
        << (status ? status->describe() : "still running after 15 s") << "\nlog:\n"
        << server_->log();
  }
  server_.reset();
  dir_.reset();
}

void DemoServerTest::SetUp() {
  ASSERT_TRUE(setup_error_.empty()) << setup_error_;
}

}  // namespace hearth::api_test
