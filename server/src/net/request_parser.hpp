// RequestParser: Beast's HTTP/1.1 request parser, building an http::Request directly (private to
// net/).
//
// Beast's request_parser stores each header in a beast::http::fields node (an allocation per
// header), which then had to be copied again into http::Request; parsing straight into it saved
// about 1,700 instructions per small request (bench/request_cost.sh, docs/benchmarks.md). This
// parser keeps Beast's parsing and its limits (header_limit, body_limit, framing) and only
// changes where the parts go: header names lower-cased, values as Beast parsed them, the body
// appended as it arrives (chunked or not).
//
// One parser per request; not thread-safe.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <cstdint>
#include <string_view>

#include <boost/beast/http/basic_parser.hpp>

#include "http/message.hpp"
#include "net/message_conversion.hpp"

namespace hearth::net {

class RequestParser final : public boost::beast::http::basic_parser<true> {
 public:
  RequestParser();

  // Valid once is_header_done(): 10 or 11.
  unsigned version() const { return version_; }
  bool is_head() const { return request_.method == http::Method::head; }
  // The Expect header asks for "100 Continue" (HTTP/1.1 only, RFC 9110 section 10.1.1).
  bool expects_continue() const;
  // A Transfer-Encoding that does not end in chunked: no knowable length (RFC 9112 section 6.3).
  bool has_unframed_body() const;

  // Valid once is_header_done().
  http::Method method() const { return request_.method; }
  std::string_view target() const { return request_.target; }

  // The parsed request, once is_done(); the parser is spent afterwards.
  http::Request release() { return std::move(request_); }

 private:
  using error_code = boost::beast::error_code;
  using string_view = boost::beast::string_view;

  void on_request_impl(boost::beast::http::verb method, string_view method_str, string_view target,
                       int version, error_code& ec) override;
  void on_response_impl(int code, string_view reason, int version, error_code& ec) override;
  void on_field_impl(boost::beast::http::field name, string_view name_string, string_view value,
                     error_code& ec) override;
  void on_header_impl(error_code& ec) override;
  void on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                         error_code& ec) override;
  std::size_t on_body_impl(string_view body, error_code& ec) override;
  void on_chunk_header_impl(std::uint64_t size, string_view extensions, error_code& ec) override;
  std::size_t on_chunk_body_impl(std::uint64_t remain, string_view body, error_code& ec) override;
  void on_finish_impl(error_code& ec) override;

  http::Request request_;
  unsigned version_ = 11;
};

// The same request as Beast's message type, for the WebSocket handshake (Beast checks and
// answers it from one): rare enough that building it again costs nothing that matters.
BeastRequest to_beast_request(const http::Request& request, unsigned version);

}  // namespace hearth::net
