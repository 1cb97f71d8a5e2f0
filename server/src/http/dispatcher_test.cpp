#include "http/dispatcher.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
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
    router.add(Method::get, "/api/v1/throws", Access::anyone,
               [](RouteContext&) -> boost::asio::awaitable<Response> {
                 throw std::runtime_error("detail that must not leak");
                 co_return Response::json(200, "{}");
               });
    return Dispatcher(std::move(router), std::move(files), metrics_);
  }
  Metrics metrics_;
  int private_handler_runs_ = 0;
};

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

TEST_F(DispatcherTest, WebSocketUpgradeOnlyAtTheHubPath) {
  auto d = make();
  EXPECT_EQ(d.decide_upgrade(get("/api/v1/ws")), UpgradeDecision::accept);
  EXPECT_EQ(d.decide_upgrade(get("/api/v1/other")), UpgradeDecision::refuse_not_found);
}

}  // namespace
}  // namespace hearth::http
