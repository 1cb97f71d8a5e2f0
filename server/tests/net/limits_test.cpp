// Limits and bad input: each violation gets its status (or a clean close) and the server keeps
// serving everyone else.
#include "test_support.hpp"

#include <gmock/gmock.h>

namespace hearth::net::testing {
namespace {

class LimitsTest : public ServerFixture {
 protected:
  // Expects `request` to be answered with `status` and error `code` through the handler's
  // finish_transport_response, followed by the server closing the connection.
  void expect_refused(const std::string& request, int status, const std::string& code) {
    run_client([&]() -> asio::awaitable<void> {
      auto stream = co_await connect_to(port());
      beast::flat_buffer buffer;
      co_await send_raw(stream, request);
      auto response = co_await read_response(stream, buffer);
      EXPECT_EQ(response.result_int(), status);
      EXPECT_EQ(error_code_of(response.body()), code) << response.body();
      EXPECT_EQ(response[beast_http::field::content_type], "application/json");
      EXPECT_EQ(response["X-Transport"], "1");
      EXPECT_FALSE(response.keep_alive());
      co_await read_until_closed(stream, buffer);
    });
  }

  void expect_still_serving() {
    run_client([&]() -> asio::awaitable<void> {
      auto stream = co_await connect_to(port());
      beast::flat_buffer buffer;
      co_await send_raw(stream, get_request("/echo"));
      EXPECT_EQ((co_await read_response(stream, buffer)).result_int(), 200);
    });
  }
};

TEST_F(LimitsTest, HeadersOverLimitGet431AndServerKeepsServing) {
  ServerOptions options = local_options();
  options.header_limit = 1024;
  start_server(options);
  expect_refused(get_request("/echo", "X-Big: " + std::string(2048, 'a') + "\r\n"), 431,
                 "headers_too_large");
  expect_still_serving();
}

TEST_F(LimitsTest, BodyOverLimitByContentLengthGets413BeforeBodyIsSent) {
  ServerOptions options = local_options();
  options.body_limit = 1024;
  start_server(options);
  // Only the headers are sent: the answer must not wait for a body it will refuse.
  expect_refused("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 4096\r\n\r\n", 413,
                 "payload_too_large");
  expect_still_serving();
}

TEST_F(LimitsTest, ChunkedBodyOverLimitGets413) {
  ServerOptions options = local_options();
  options.body_limit = 1024;
  start_server(options);
  std::string chunk = "400\r\n" + std::string(1024, 'b') + "\r\n";
  expect_refused("POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk +
                     chunk + "0\r\n\r\n",
                 413, "payload_too_large");
  expect_still_serving();
}

TEST_F(LimitsTest, MalformedRequestLineGets400) {
  start_server();
  expect_refused("THIS IS NOT HTTP\r\n\r\n", 400, "malformed");
  expect_still_serving();
}

TEST_F(LimitsTest, MalformedHeaderGets400) {
  start_server();
  expect_refused("GET /echo HTTP/1.1\r\nHost test\r\n\r\n", 400, "malformed");
}

TEST_F(LimitsTest, BadContentLengthGets400) {
  start_server();
  expect_refused("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: -5\r\n\r\n", 400,
                 "malformed");
}

TEST_F(LimitsTest, ContentLengthWithTransferEncodingGets400) {
  start_server();
  expect_refused(
      "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 4\r\n"
      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      400, "malformed");
}

TEST_F(LimitsTest, TransferEncodingNotEndingInChunkedGets400) {
  start_server();
  expect_refused(
      "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: gzip\r\n\r\n"
      "GET /echo HTTP/1.1\r\nHost: test\r\n\r\n",
      400, "malformed");
  EXPECT_TRUE(handler_.requests().empty()) << "the smuggled request must not be served";
}

TEST_F(LimitsTest, SlowClientIsCutOffWhileAnotherIsServed) {
  ServerOptions options = local_options();
  options.read_timeout = 300ms;
  start_server(options);
  const std::string request = get_request("/echo", "X-Padding: " + std::string(60, 'p') + "\r\n");
  std::size_t sent = 0;
  bool cut_off = false;
  bool other_served = false;
  auto trickle = [&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    auto reader = [&]() -> asio::awaitable<void> {
      auto response = co_await read_response(stream, buffer);
      EXPECT_EQ(response.result_int(), 408);
      EXPECT_EQ(error_code_of(response.body()), "request_timeout");
      co_await read_until_closed(stream, buffer);
      cut_off = true;
    };
    asio::co_spawn(co_await asio::this_coro::executor, reader(), asio::detached);
    // One byte every 100 ms: the whole request would take about 9 s.
    while (!cut_off && sent < request.size()) {
      boost::system::error_code ec;
      co_await asio::async_write(stream, asio::buffer(&request[sent], 1),
                                 asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
      ++sent;
      co_await pause(100ms);
    }
    EXPECT_TRUE(co_await eventually([&] { return cut_off; }));
  };
  auto other = [&]() -> asio::awaitable<void> {
    co_await pause(150ms);
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream, get_request("/echo"));
    EXPECT_EQ((co_await read_response(stream, buffer)).result_int(), 200);
    other_served = !cut_off;
  };
  run_clients({trickle, other});
  EXPECT_TRUE(cut_off);
  EXPECT_TRUE(other_served) << "the other client was served only after the slow one was cut";
  EXPECT_LT(sent, request.size());
}

TEST_F(LimitsTest, ConnectionThatSendsNothingIsClosed) {
  ServerOptions options = local_options();
  options.read_timeout = 300ms;
  start_server(options);
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    EXPECT_EQ(co_await read_until_closed(stream, buffer), "");
  });
}

TEST_F(LimitsTest, IdleKeepAliveConnectionIsClosed) {
  ServerOptions options = local_options();
  options.idle_timeout = 300ms;
  start_server(options);
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream, get_request("/echo"));
    EXPECT_TRUE((co_await read_response(stream, buffer)).keep_alive());
    EXPECT_EQ(co_await read_until_closed(stream, buffer), "");
  });
}

TEST_F(LimitsTest, ConnectionsOverTheLimitGet503AndLaterOnesAreServed) {
  ServerOptions options = local_options();
  options.max_connections = 3;
  start_server(options);
  run_client([&]() -> asio::awaitable<void> {
    std::vector<beast::tcp_stream> admitted;
    beast::flat_buffer buffer;
    for (int i = 0; i < 3; ++i) {
      admitted.push_back(co_await connect_to(port()));
      co_await send_raw(admitted.back(), get_request("/echo"));
      EXPECT_EQ((co_await read_response(admitted.back(), buffer)).result_int(), 200);
    }
    EXPECT_EQ(server().open_connections(), 3u);

    auto fourth = co_await connect_to(port());
    co_await send_raw(fourth, get_request("/echo"));
    auto refused = co_await read_response(fourth, buffer);
    EXPECT_EQ(refused.result_int(), 503);
    EXPECT_EQ(error_code_of(refused.body()), "unavailable");
    EXPECT_EQ(refused["X-Transport"], "1");
    co_await read_until_closed(fourth, buffer);

    // The admitted ones were not disturbed.
    co_await send_raw(admitted[1], get_request("/echo"));
    EXPECT_EQ((co_await read_response(admitted[1], buffer)).result_int(), 200);

    admitted[0].close();
    EXPECT_TRUE(co_await eventually([&] { return server().open_connections() == 2; }));
    auto fifth = co_await connect_to(port());
    co_await send_raw(fifth, get_request("/echo"));
    EXPECT_EQ((co_await read_response(fifth, buffer)).result_int(), 200);
  });
}

}  // namespace
}  // namespace hearth::net::testing
