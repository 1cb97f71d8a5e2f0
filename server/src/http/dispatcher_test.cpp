#include "http/dispatcher.hpp"

#include "realtime/peer_identity.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace hearth::http {
namespace {

Response run(Dispatcher& d, Request request) {
  boost::asio::io_context io;
  auto future = boost::asio::co_spawn(io, d.handle(std::move(request)), boost::asio::use_future);
  io.run();
  return future.get();
}

Request get(std::string target, std::string remote = "127.0.0.1") {
  Request r;
  r.method = Method::get;
  r.target = std::move(target);
  r.remote_address = std::move(remote);
  r.request_id = "req-1";
  return r;
}

class DispatcherTest : public ::testing::Test {
 protected:
  Dispatcher make(std::shared_ptr<const StaticFiles> files = nullptr) {
    Router router;
    router.add(Method::get, "/api/v1/open", Access::anyone,
               [](RouteContext&) -> boost::asio::awaitable<Response> {
                 co_return Response::json(200, "{}");
               });
    router.add(Method::get, "/api/v1/private", Access::signed_in,
               [this](RouteContext&) -> boost::asio::awaitable<Response> {
                 ++private_handler_runs_;
                 co_return Response::json(200, "{}");
               });
    router.add(Method::get, "/api/v1/shared", Access::anyone,
               [this](RouteContext&) -> boost::asio::awaitable<Response> {
                 auto r = Response::json(200, {});
                 r.shared_body = shared_body_;
                 co_return r;
               });
    router.add(Method::get, "/api/v1/sandboxed", Access::anyone,
               [](RouteContext&) -> boost::asio::awaitable<Response> {
                 auto r = Response::json(200, "{}");
                 r.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
                 r.set_header("X-Frame-Options", "ALLOWALL");
                 co_return r;
               });
    router.add(Method::get, "/api/v1/throws", Access::anyone,
               [](RouteContext&) -> boost::asio::awaitable<Response> {
                 throw std::runtime_error("detail that must not leak");
                 co_return Response::json(200, "{}");
               });
    return Dispatcher(std::move(router), std::move(files), metrics_);
  }
  Metrics metrics_;
  int private_handler_runs_ = 0;
  std::shared_ptr<const std::string> shared_body_ =
      std::make_shared<const std::string>("[" + std::string(4000, ' ') + "]");
};

Request with_header(Request r, std::string name, std::string value) {
  r.headers.emplace_back(std::move(name), std::move(value));
  return r;
}

TEST_F(DispatcherTest, EveryResponseCarriesSecurityHeadersAndRequestId) {
  auto d = make();
  auto r = run(d, get("/api/v1/open"));
  EXPECT_EQ(r.status, 200);
  // The security headers come as one pre-rendered block (Response::header_block).
  auto header = [&](std::string_view name) {
    return std::string(r.header(name).value_or("<missing>"));
  };
  EXPECT_NE(header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(header("Content-Security-Policy").find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(header("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(header("Cache-Control"), "no-store");
  EXPECT_EQ(header("X-Request-Id"), "req-1");
  EXPECT_EQ(header("Strict-Transport-Security"), "<missing>");
}

TEST_F(DispatcherTest, AHandlersOwnPolicyIsKeptBesideTheSitesAndOtherSecurityHeadersGiveWay) {
  auto d = make();
  auto r = run(d, get("/api/v1/sandboxed"));
  EXPECT_EQ(r.header("Content-Security-Policy"), "default-src 'none'; sandbox");
  EXPECT_NE(r.header_block.find("frame-ancestors 'none'"), std::string_view::npos)
      << "the site's policy is still sent";
  EXPECT_EQ(r.header("X-Frame-Options"), "DENY") << "a weaker header gives way";
}

TEST_F(DispatcherTest, HstsOnlyOverTls) {
  auto d = make();
  auto request = get("/api/v1/open");
  request.secure = true;
  auto r = run(d, request);
  EXPECT_TRUE(r.header("Strict-Transport-Security").has_value());
}

TEST_F(DispatcherTest, DeniedRoutesNeverRunTheirHandler) {
  auto d = make();
  auto r = run(d, get("/api/v1/private"));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(private_handler_runs_, 0);
}

TEST_F(DispatcherTest, AThrowingHandlerBecomesAGeneric500) {
  auto d = make();
  auto r = run(d, get("/api/v1/throws"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("detail"), std::string::npos);
}

TEST_F(DispatcherTest, UnknownApiPathsAreJson404EvenWithAWebApp) {
  auto d = make();
  auto r = run(d, get("/api/v1/nope"));
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("not_found"), std::string::npos);
}

TEST_F(DispatcherTest, MetricsUseTheRoutePatternNotTheRawPath) {
  auto d = make();
  (void)run(d, get("/api/v1/nope/person-name"));
  const auto text = metrics_.render();
  EXPECT_EQ(text.find("person-name"), std::string::npos);
  EXPECT_NE(text.find("route=\"unmatched\""), std::string::npos);
}

TEST_F(DispatcherTest, SharedAnswersGoOutGzippedToClientsThatTakeIt) {
  auto d = make();
  auto packed = run(d, with_header(get("/api/v1/shared"), "accept-encoding", "gzip, br"));
  EXPECT_EQ(packed.status, 200);
  EXPECT_EQ(packed.header("content-encoding"), "gzip");
  EXPECT_EQ(packed.header("vary"), "Accept-Encoding");
  EXPECT_LT(packed.body_view().size(), 100u);
  auto plain = run(d, get("/api/v1/shared"));
  EXPECT_FALSE(plain.header("content-encoding"));
  EXPECT_EQ(plain.body_view(), *shared_body_);
}

// Static files choose their form in serve_static, each form with its own ETag.
TEST_F(DispatcherTest, StaticFilesHaveAGzipFormWithItsOwnEtag) {
  namespace fs = std::filesystem;
  const fs::path root =
      fs::temp_directory_path() / ("hearth-dispatch-" + std::to_string(std::random_device{}()));
  fs::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<!doctype html><title>app</title>";
  {
    std::ofstream script(root / "assets" / "app-1.js");
    for (int i = 0; i < 200; ++i) script << "export const value" << i << " = " << i << ";\n";
  }
  auto loaded = StaticFiles::load(root);
  fs::remove_all(root);
  ASSERT_TRUE(loaded.ok());
  const auto files = std::make_shared<const StaticFiles>(std::move(loaded).value());
  auto d = make(files);

  // Before precompress() has made the gzip form: the file as it is, which may vary.
  const auto gzip_get = with_header(get("/assets/app-1.js"), "accept-encoding", "gzip");
  auto early = run(d, gzip_get);
  ASSERT_EQ(early.status, 200);
  EXPECT_FALSE(early.header("content-encoding"));
  EXPECT_EQ(early.header("vary"), "Accept-Encoding");
  files->precompress();

  auto plain = run(d, get("/assets/app-1.js"));
  ASSERT_EQ(plain.status, 200);
  EXPECT_FALSE(plain.header("content-encoding"));
  EXPECT_EQ(plain.header("vary"), "Accept-Encoding");
  const std::string plain_etag(plain.header("etag").value_or(""));
  EXPECT_EQ(early.header("etag"), plain_etag);

  auto packed = run(d, gzip_get);
  ASSERT_EQ(packed.status, 200);
  EXPECT_EQ(packed.header("content-encoding"), "gzip");
  EXPECT_LT(packed.body_view().size(), plain.body_view().size());
  const std::string packed_etag(packed.header("etag").value_or(""));
  EXPECT_EQ(packed_etag, gzip_etag(plain_etag));

  auto revalidated = run(d, with_header(gzip_get, "if-none-match", packed_etag));
  EXPECT_EQ(revalidated.status, 304);
  EXPECT_EQ(revalidated.header("etag"), packed_etag);
  EXPECT_TRUE(revalidated.body_view().empty());
  // A tag of the other form does not match: the client holds different bytes.
  EXPECT_EQ(run(d, with_header(gzip_get, "if-none-match", plain_etag)).status, 200);
  EXPECT_EQ(run(d, with_header(get("/assets/app-1.js"), "if-none-match", plain_etag)).status, 304);

  // Too small to be worth it: one form, no Vary.
  auto index = run(d, with_header(get("/"), "accept-encoding", "gzip"));
  EXPECT_EQ(index.status, 200);
  EXPECT_FALSE(index.header("content-encoding"));
  EXPECT_FALSE(index.header("vary"));
}

UpgradeAnswer decide(Dispatcher& d, const Request& request) {
  boost::asio::io_context io;
  auto future = boost::asio::co_spawn(io, d.decide_upgrade(request), boost::asio::use_future);
  io.run();
  return future.get();
}

Request upgrade(std::string target, std::optional<std::string> origin = "http://hearth.test",
                std::string cookie = "hearth_session=live-token") {
  Request r = get(std::move(target));
  r.headers.emplace_back("host", "hearth.test");
  if (origin) r.headers.emplace_back("origin", std::move(*origin));
  if (!cookie.empty()) r.headers.emplace_back("cookie", std::move(cookie));
  return r;
}

// Knows one live session ("live-token") and one whose staff account has no second factor yet
// ("pending-token"); a "down-token" stands for a database that cannot be reached.
class FakeAuthenticator final : public Authenticator {
 public:
  boost::asio::awaitable<Result<std::optional<identity::Caller>>> authenticate(
      const Request& request, bool activity) override {
    activities += activity ? 1 : 0;
    const auto token = cookie_value(request, kSessionCookie);
    if (token == "down-token") co_return Error{Errc::unavailable, "down"};
    if (token != "live-token" && token != "pending-token") {
      co_return std::optional<identity::Caller>();
    }
    identity::Caller caller;
    caller.user_id = "u-1";
    caller.roles.add(identity::Role::clinician);
    caller.enrollment_pending = token == "pending-token";
    co_return caller;
  }
  int activities = 0;
};

TEST_F(DispatcherTest, AWebSocketIsOpenedOnlyAtTheHubPathFromOurOriginWithALiveSession) {
  FakeAuthenticator authenticator;
  DispatcherOptions options;
  options.authenticator = &authenticator;
  Dispatcher d(Router{}, nullptr, metrics_, options);

  const auto accepted = decide(d, upgrade("/api/v1/ws"));
  ASSERT_EQ(accepted.decision, UpgradeDecision::accept);
  ASSERT_NE(accepted.identity, nullptr);
  EXPECT_EQ(accepted.identity->caller.user_id, "u-1");
  EXPECT_EQ(accepted.identity->session_token, "live-token");
  EXPECT_EQ(authenticator.activities, 0) << "opening a socket is not activity";

  EXPECT_EQ(decide(d, upgrade("/api/v1/other")).decision, UpgradeDecision::refuse_not_found);
  EXPECT_EQ(decide(d, upgrade("/api/v1/ws", "https://evil.example")).decision,
            UpgradeDecision::refuse_foreign_origin);
  EXPECT_EQ(decide(d, upgrade("/api/v1/ws", "https://hearth.test")).decision,
            UpgradeDecision::refuse_foreign_origin)
      << "the scheme is part of the origin";
  EXPECT_EQ(decide(d, upgrade("/api/v1/ws", std::nullopt)).decision,
            UpgradeDecision::refuse_foreign_origin)
      << "browsers always send Origin on a WebSocket handshake";
  EXPECT_EQ(decide(d, upgrade("/api/v1/ws", "http://hearth.test", "")).decision,
            UpgradeDecision::refuse_unauthorized);
  EXPECT_EQ(decide(d, upgrade("/api/v1/ws", "http://hearth.test", "hearth_session=gone")).decision,
            UpgradeDecision::refuse_unauthorized);
  EXPECT_EQ(decide(d, upgrade("/api/v1/ws", "http://hearth.test", "hearth_session=pending-token"))
                .decision,
            UpgradeDecision::refuse_forbidden);
  EXPECT_EQ(
      decide(d, upgrade("/api/v1/ws", "http://hearth.test", "hearth_session=down-token")).decision,
      UpgradeDecision::refuse_unavailable);
  EXPECT_EQ(decide(d, upgrade("/api/v1/ws", "https://evil.example")).identity, nullptr);
}

TEST_F(DispatcherTest, WithoutAnAuthenticatorEveryWebSocketIsRefused) {
  Dispatcher d(Router{}, nullptr, metrics_);
  const auto answer = decide(d, upgrade("/api/v1/ws"));
  EXPECT_EQ(answer.decision, UpgradeDecision::refuse_unauthorized);
  EXPECT_EQ(answer.identity, nullptr);
}

TEST_F(DispatcherTest, AConfiguredPublicOriginIsTheOnlyOneAccepted) {
  FakeAuthenticator authenticator;
  DispatcherOptions options;
  options.authenticator = &authenticator;
  options.public_origin = "https://care.example.org";
  Dispatcher d(Router{}, nullptr, metrics_, options);
  EXPECT_EQ(decide(d, upgrade("/api/v1/ws", "https://care.example.org")).decision,
            UpgradeDecision::accept);
  EXPECT_EQ(decide(d, upgrade("/api/v1/ws", "http://hearth.test")).decision,
            UpgradeDecision::refuse_foreign_origin);
}

}  // namespace
}  // namespace hearth::http
