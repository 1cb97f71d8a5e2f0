// Shared set-up of the API suite: a small built web app with a secret beside it (to prove that no
// request reaches outside the static root), and a fixture with one demo-loaded `hearth serve`
// per test suite.
//
// CTest runs each test in its own process (gtest_discover_tests), so "per suite" means one server
// per test there, and one per suite when the binary is run by hand. Tests never depend on what
// another test did to the shared server: they compare counters before and after, not absolute
// values.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "demo_accounts.hpp"
#include "http_client.hpp"
#include "process.hpp"

namespace hearth::api_test {

// Contents the tests look for.
inline constexpr std::string_view kSecret = "HEARTH-SECRET-5f1c0e9a";
inline constexpr std::string_view kIndexMarker = "hearth-test-index-7d2b";
inline constexpr std::string_view kAssetPath = "/assets/app-3f2a1b9c.js";
inline constexpr std::string_view kAssetBody = "console.log(\"hearth test asset\");\n";
// An asset large enough (several KB of script) to be sent gzipped to clients that take it.
inline constexpr std::string_view kLargeAssetPath = "/assets/vendor-5e6f7a8b.js";
std::string large_asset_body();

// Lays out <root>/site as the static root: index.html, hashed assets under assets/, robots.txt,
// a dot-file, a link inside the root, and links that lead out of it (leak.txt → ../secret.txt,
// outside/ → ..). <root>/secret and <root>/secret.txt hold kSecret. Returns <root>/site.
std::filesystem::path make_site(const std::filesystem::path& root);

// A fresh GET /healthz on a new connection answers 200.
::testing::AssertionResult still_serving(std::uint16_t port);

// GET /metrics (from loopback, which is allowed to read it).
std::string scrape_metrics(std::uint16_t port);

// A `hearth serve` of one test's own, without demo data or web app, started with `extra` flags.
class OwnServer {
 public:
  enum class Data { empty, demo };  // demo: `hearth demo` fills the data folder first

  explicit OwnServer(std::vector<std::string> extra, Data data = Data::empty)
      : demo_loaded_(data == Data::demo && load_demo(dir_.path())),
        server_(ServerProcess::Options{.data_dir = dir_.path(),
                                       .static_dir = {},
                                       .log_dir = {},
                                       .extra_args = std::move(extra),
                                       .env = {}}) {}
  ServerProcess& operator*() { return server_; }
  ServerProcess* operator->() { return &server_; }
  bool demo_loaded() const { return demo_loaded_; }

 private:
  static bool load_demo(const std::filesystem::path& data_dir);

  TempDir dir_;  // declared first: it outlives the server that uses it
  bool demo_loaded_;
  ServerProcess server_;
};

// Signs a demo account in as Hearth's own page does (POST /api/v1/auth/sign-in) and returns the
// Cookie header value of its session, "hearth_session=…"; throws unless the answer is 200 with
// a session cookie.
std::string demo_session_cookie(std::uint16_t port, std::string_view email = demo::kAvery);

// The headers Hearth's own page adds to a WebSocket upgrade: its Origin and the session cookie.
std::vector<std::pair<std::string, std::string>> own_page_headers(std::string_view cookie);

// One `hearth demo` then `hearth serve` with the site above, shared by the tests of a suite.
// Started with small limits so that bad-input tests can exceed them cheaply.
class DemoServerTest : public ::testing::Test {
 public:
  static constexpr std::size_t kBodyLimit = 4096;
  static constexpr std::size_t kHeaderLimit = 4096;

  static void SetUpTestSuite();
  static void TearDownTestSuite();

 protected:
  void SetUp() override;

  static std::uint16_t port() { return server_->port(); }
  static const TempDir& dir() { return *dir_; }

 private:
  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<ServerProcess> server_;
  static inline std::string setup_error_;
};

}  // namespace hearth::api_test
