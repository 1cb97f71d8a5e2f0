// Two-phase shutdown: in-flight requests finish, idle connections close, WebSockets get 1001,
// nothing new is accepted, and `done` fires once no connection is left.
#include "test_support.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

namespace hearth::net::testing {
namespace {

class ShutdownTest : public ServerFixture {};

TEST_F(ShutdownTest, InFlightRequestFinishesWebSocketGets1001AndNewConnectionsAreRefused) {
  start_server();
  std::optional<std::shared_future<void>> done;
  bool websocket_closed = false;
  auto in_flight = [&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream, get_request("/wait"));
    auto response = co_await read_response(stream, buffer);
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), "released");
    EXPECT_FALSE(response.keep_alive()) << "a response during shutdown carries Connection: close";
    EXPECT_EQ(co_await read_until_closed(stream, buffer), "");
  };
  auto websocket = [&]() -> asio::awaitable<void> {
    auto ws = co_await open_websocket(port());
    EXPECT_EQ(co_await read_until_ws_close(ws), websocket::close_code::going_away);
    websocket_closed = true;
  };
  auto controller = [&]() -> asio::awaitable<void> {
    EXPECT_TRUE(co_await eventually([&] { return listener_.opens() == 1; }));
    EXPECT_TRUE(handler_.gate().wait_for_arrivals(1, 5s));
    done = shutdown_server(5s);
    // The acceptor is closed before any session is asked to stop.
    EXPECT_TRUE(co_await eventually([&] { return websocket_closed; }));
    boost::system::error_code ec;
    beast::tcp_stream late(co_await asio::this_coro::executor);
    co_await late.async_connect(
        asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()),
        asio::redirect_error(asio::use_awaitable, ec));
    EXPECT_EQ(ec, asio::error::connection_refused);
    EXPECT_NE(done->wait_for(0s), std::future_status::ready) << "a request is still in flight";
    handler_.gate().open();
  };
  run_clients({in_flight, websocket, controller});
  ASSERT_TRUE(done.has_value());
  EXPECT_EQ(done->wait_for(5s), std::future_status::ready);
  EXPECT_EQ(server().open_connections(), 0u);
  EXPECT_EQ(listener_.closes(), 1u);
}

TEST_F(ShutdownTest, IdleKeepAliveConnectionIsClosedAtOnce) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream, get_request("/echo"));
    EXPECT_TRUE((co_await read_response(stream, buffer)).keep_alive());
    // A deadline far beyond the client's limit: closing must not wait for it.
    auto done = shutdown_server(60s);
    EXPECT_EQ(co_await read_until_closed(stream, buffer), "");
    EXPECT_TRUE(
        co_await eventually([&] { return done.wait_for(0s) == std::future_status::ready; }));
  });
}

TEST_F(ShutdownTest, DeadlineForceClosesWebSocketThatNeverAnswersClose) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    // The client reads nothing, so it never answers the server's close frame.
    auto ws = co_await open_websocket(port());
    auto done = shutdown_server(200ms);
    EXPECT_TRUE(
        co_await eventually([&] { return done.wait_for(0s) == std::future_status::ready; }));
  });
  EXPECT_EQ(listener_.closes(), 1u);
  EXPECT_EQ(server().open_connections(), 0u);
}

TEST_F(ShutdownTest, WithoutConnectionsDoneIsCalledAtOnce) {
  start_server();
  EXPECT_EQ(shutdown_server(60s).wait_for(5s), std::future_status::ready);
}

}  // namespace
}  // namespace hearth::net::testing
