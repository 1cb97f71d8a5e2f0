#include "net/http_client.hpp"

#include <utility>  // before Asio (see DESIGN.md)

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace hearth::net {

namespace beast = boost::beast;
namespace http = beast::http;

Result<realtime::HttpReply> LoopbackHttpClient::exchange(std::string_view method,
                                                         std::string_view target, std::string body,
                                                         std::chrono::milliseconds timeout) {
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  http::request<http::string_body> request{http::string_to_verb(method), target, 11};
  request.set(http::field::host, host_);
  request.set(http::field::content_type, "application/json");
  request.body() = std::move(body);
  request.prepare_payload();
  http::response<http::string_body> response;
  beast::flat_buffer buffer;
  boost::system::error_code failure;
  const boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address(host_), port_);
  // The whole exchange under one deadline: asynchronous steps on a private io_context, run here.
  stream.expires_after(timeout);
  stream.async_connect(endpoint, [&](boost::system::error_code ec) {
    if (ec) {
      failure = ec;
      return;
    }
    http::async_write(stream, request, [&](boost::system::error_code ec, std::size_t) {
      if (ec) {
        failure = ec;
        return;
      }
      http::async_read(stream, buffer, response,
                       [&](boost::system::error_code ec, std::size_t) { failure = ec; });
    });
  });
  io.run();
  boost::system::error_code ignored;
  stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  if (failure) {
    return Error::of(Errc::unavailable, "the service on loopback did not answer");
  }
  return realtime::HttpReply{static_cast<int>(response.result_int()), std::move(response.body())};
}

}  // namespace hearth::net
