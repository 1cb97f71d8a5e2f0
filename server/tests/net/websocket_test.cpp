// WebSocket upgrade and sessions: handshake answers, the listener callbacks, close codes.
#include "test_support.hpp"

#include <gmock/gmock.h>

#include <boost/beast/websocket/rfc6455.hpp>

namespace hearth::net::testing {
namespace {

constexpr std::string_view kGoodKey = "dGhlIHNhbXBsZSBub25jZQ==";  // RFC 6455 section 1.3

class WebSocketTest : public ServerFixture {
 protected:
  // Sends a raw upgrade request and returns the answer.
  ClientResponse raw_upgrade(const std::string& request) {
    ClientResponse response;
    run_client([&]() -> asio::awaitable<void> {
      auto stream = co_await connect_to(port());
      beast::flat_buffer buffer;
      co_await send_raw(stream, request);
      response = co_await read_response(stream, buffer);
    });
    return response;
  }
};

TEST_F(WebSocketTest, TextRoundTripsThroughListener) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto ws = co_await open_websocket(port());
    co_await ws.async_write(asio::buffer(std::string_view("hello")), asio::use_awaitable);
    beast::flat_buffer buffer;
    co_await ws.async_read(buffer, asio::use_awaitable);
    EXPECT_TRUE(ws.got_text());
    EXPECT_EQ(beast::buffers_to_string(buffer.data()), "hello");
    co_await ws.async_close(websocket::close_code::normal, asio::use_awaitable);
  });
  EXPECT_TRUE(listener_.wait_for_closes(1, 5s));
  EXPECT_EQ(listener_.opens(), 1u);
  EXPECT_EQ(listener_.closes(), 1u);
}

TEST_F(WebSocketTest, SendFromAnotherThreadReachesClient) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto ws = co_await open_websocket(port());
    auto peer = listener_.wait_for_peer(5s);
    EXPECT_NE(peer, nullptr);
    if (!peer) co_return;
    std::thread([peer] { peer->send(std::make_shared<const std::string>("from the hub")); }).join();
    beast::flat_buffer buffer;
    co_await ws.async_read(buffer, asio::use_awaitable);
    EXPECT_EQ(beast::buffers_to_string(buffer.data()), "from the hub");
  });
}

TEST_F(WebSocketTest, PeerCloseSendsCodeAndReason) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto ws = co_await open_websocket(port());
    auto peer = listener_.wait_for_peer(5s);
    EXPECT_NE(peer, nullptr);
    if (!peer) co_return;
    peer->close(4000, "session ended");
    EXPECT_EQ(co_await read_until_ws_close(ws), 4000);
    EXPECT_EQ(ws.reason().reason, "session ended");
  });
  EXPECT_TRUE(listener_.wait_for_closes(1, 5s));
}

TEST_F(WebSocketTest, BadKeyGets400) {
  start_server();
  auto response = raw_upgrade(upgrade_request("/ws", "not-a-key"));
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_EQ(error_code_of(response.body()), "malformed");
  EXPECT_EQ(response["X-Transport"], "1");
  EXPECT_EQ(listener_.opens(), 0u);
}

TEST_F(WebSocketTest, UnsupportedVersionGets426) {
  start_server();
  auto response = raw_upgrade(upgrade_request("/ws", kGoodKey, "12"));
  EXPECT_EQ(response.result_int(), 426);
  EXPECT_EQ(response[beast_http::field::sec_websocket_version], "13");
  EXPECT_EQ(error_code_of(response.body()), "upgrade_required");
  EXPECT_EQ(response["X-Transport"], "1");
  EXPECT_EQ(listener_.opens(), 0u);
}

TEST_F(WebSocketTest, RefusedAsUnauthorizedGets401) {
  start_server();
  auto response = raw_upgrade(upgrade_request("/private", kGoodKey));
  EXPECT_EQ(response.result_int(), 401);
  EXPECT_EQ(error_code_of(response.body()), "unauthenticated");
  EXPECT_EQ(response["X-Transport"], "1");
}

TEST_F(WebSocketTest, RefusedAsNotFoundGets404) {
  start_server();
  auto response = raw_upgrade(upgrade_request("/nowhere", kGoodKey));
  EXPECT_EQ(response.result_int(), 404);
  EXPECT_EQ(error_code_of(response.body()), "not_found");
}

TEST_F(WebSocketTest, BinaryMessageClosesWith1003) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto ws = co_await open_websocket(port());
    ws.binary(true);
    co_await ws.async_write(asio::buffer(std::string_view("\x01\x02")), asio::use_awaitable);
    EXPECT_EQ(co_await read_until_ws_close(ws), websocket::close_code::unknown_data);
  });
  EXPECT_TRUE(listener_.wait_for_closes(1, 5s));
}

TEST_F(WebSocketTest, OversizeMessageClosesWith1009) {
  ServerOptions options = local_options();
  options.ws_message_limit = 1024;
  start_server(options);
  run_client([&]() -> asio::awaitable<void> {
    auto ws = co_await open_websocket(port());
    std::string big(4096, 'x');
    co_await ws.async_write(asio::buffer(big), asio::use_awaitable);
    EXPECT_EQ(co_await read_until_ws_close(ws), websocket::close_code::too_big);
  });
  EXPECT_TRUE(listener_.wait_for_closes(1, 5s));
}

TEST_F(WebSocketTest, ListenerThatThrowsClosesOnlyThatConnectionWith1011) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto healthy = co_await open_websocket(port());
    auto broken = co_await open_websocket(port());
    co_await broken.async_write(asio::buffer(std::string_view("throw")), asio::use_awaitable);
    auto code = co_await read_until_ws_close(broken);
    EXPECT_EQ(code, websocket::close_code::internal_error);

    co_await healthy.async_write(asio::buffer(std::string_view("still here")), asio::use_awaitable);
    beast::flat_buffer buffer;
    co_await healthy.async_read(buffer, asio::use_awaitable);
    EXPECT_EQ(beast::buffers_to_string(buffer.data()), "still here");
  });
  EXPECT_TRUE(listener_.wait_for_closes(1, 5s));
}

TEST_F(WebSocketTest, FullQueueClosesSlowConsumerWith1008) {
  ServerOptions options = local_options();
  options.ws_queue_limit = 4;
  start_server(options);
  run_client([&]() -> asio::awaitable<void> {
    auto ws = co_await open_websocket(port());
    // The listener answers with 64 frames at once; the client reads nothing until then.
    co_await ws.async_write(asio::buffer(std::string_view("flood")), asio::use_awaitable);
    std::size_t delivered = 0;
    EXPECT_EQ(co_await read_until_ws_close(ws, &delivered), websocket::close_code::policy_error);
    EXPECT_EQ(ws.reason().reason, "slow consumer");
    EXPECT_LE(delivered, 4u);
  });
  EXPECT_TRUE(listener_.wait_for_closes(1, 5s));
}

}  // namespace
}  // namespace hearth::net::testing
