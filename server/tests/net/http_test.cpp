// HTTP/1.1 exchanges over real loopback sockets: keep-alive, HEAD, bodies, framing.
#include "test_support.hpp"

#include <gmock/gmock.h>

#include <boost/asio/ip/tcp.hpp>

namespace hearth::net::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class HttpTest : public ServerFixture {};

TEST_F(HttpTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    for (int i = 0; i < 3; ++i) {
      co_await send_raw(stream, get_request("/echo?n=" + std::to_string(i)));
      auto response = co_await read_response(stream, buffer);
      EXPECT_EQ(response.result_int(), 200);
      EXPECT_EQ(response.body(), "GET /echo?n=" + std::to_string(i) + " ");
      EXPECT_TRUE(response.keep_alive());
    }
  });
  EXPECT_EQ(handler_.requests().size(), 3u);
}

TEST_F(HttpTest, RequestReachesHandlerWithLowerCaseHeadersAddressAndId) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream, get_request("/echo", "X-Custom-Header: Value\r\n"));
    auto response = co_await read_response(stream, buffer);
    EXPECT_EQ(response.result_int(), 200);
  });
  auto requests = handler_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].header("x-custom-header"), "Value");
  EXPECT_EQ(requests[0].remote_address, "127.0.0.1");
  EXPECT_THAT(requests[0].request_id, MatchesRegex("[0-9a-f]{16}"));
  EXPECT_FALSE(requests[0].secure);
}

TEST_F(HttpTest, PostBodyReachesHandler) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream,
                      "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello");
    auto response = co_await read_response(stream, buffer);
    EXPECT_EQ(response.body(), "POST /echo hello");
  });
}

TEST_F(HttpTest, HeadGetsContentLengthOfGetButNoBody) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream, "HEAD /echo HTTP/1.1\r\nHost: test\r\n\r\n");
    auto head = co_await read_response(stream, buffer, /*head=*/true);
    EXPECT_EQ(head.result_int(), 200);
    EXPECT_EQ(head[beast_http::field::content_length],
              std::to_string(std::string("HEAD /echo ").size()));
    // No body bytes follow: the next response on the connection parses cleanly.
    co_await send_raw(stream, get_request("/echo"));
    auto get = co_await read_response(stream, buffer);
    EXPECT_EQ(get.body(), "GET /echo ");
  });
}

TEST_F(HttpTest, SharedBodyIsSent) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream, get_request("/shared"));
    auto response = co_await read_response(stream, buffer);
    EXPECT_EQ(response.body(), FakeHandler::kSharedBody);
    EXPECT_EQ(response[beast_http::field::content_length],
              std::to_string(FakeHandler::kSharedBody.size()));
  });
}

TEST_F(HttpTest, PipelinedRequestsAreAnsweredInOrder) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream, get_request("/echo?first") + get_request("/echo?second"));
    EXPECT_EQ((co_await read_response(stream, buffer)).body(), "GET /echo?first ");
    EXPECT_EQ((co_await read_response(stream, buffer)).body(), "GET /echo?second ");
  });
}

TEST_F(HttpTest, ExpectContinueGetsInterimResponseBeforeBody) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream,
                      "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 4\r\n"
                      "Expect: 100-continue\r\n\r\n");
    auto interim = co_await read_response(stream, buffer);
    EXPECT_EQ(interim.result_int(), 100);
    co_await send_raw(stream, "data");
    auto response = co_await read_response(stream, buffer);
    EXPECT_EQ(response.body(), "POST /echo data");
  });
}

TEST_F(HttpTest, ClientConnectionCloseClosesAfterResponse) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream, get_request("/echo", "Connection: close\r\n"));
    auto response = co_await read_response(stream, buffer);
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_FALSE(response.keep_alive());
    EXPECT_EQ(co_await read_until_closed(stream, buffer), "");
  });
}

TEST_F(HttpTest, Http10WithoutKeepAliveClosesAfterResponse) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream, "GET /echo HTTP/1.0\r\n\r\n");
    auto response = co_await read_response(stream, buffer);
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.version(), 10u);
    EXPECT_EQ(co_await read_until_closed(stream, buffer), "");
  });
}

TEST_F(HttpTest, HandlerAskingToCloseClosesAfterResponse) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream, get_request("/close"));
    auto response = co_await read_response(stream, buffer);
    EXPECT_EQ(response.body(), "bye");
    EXPECT_FALSE(response.keep_alive());
    EXPECT_EQ(co_await read_until_closed(stream, buffer), "");
  });
}

TEST_F(HttpTest, HandlerThatThrowsGets500AndOthersAreServed) {
  start_server();
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream, get_request("/throw"));
    auto response = co_await read_response(stream, buffer);
    EXPECT_EQ(response.result_int(), 500);
    EXPECT_EQ(error_code_of(response.body()), "internal");
    EXPECT_EQ(response["X-Transport"], "1");
    EXPECT_FALSE(response.keep_alive());

    auto other = co_await connect_to(port());
    co_await send_raw(other, get_request("/echo"));
    auto served = co_await read_response(other, buffer);
    EXPECT_EQ(served.result_int(), 200);
  });
}

TEST_F(HttpTest, StartFailsClearlyWhenAddressIsInUse) {
  start_server();
  ServerOptions options = local_options();
  options.port = port();
  asio::io_context other_io;
  Server second(other_io, options, handler_, listener_);
  auto started = second.start();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, Errc::unavailable);
  EXPECT_THAT(started.error().message, HasSubstr("already in use"));
}

}  // namespace
}  // namespace hearth::net::testing
