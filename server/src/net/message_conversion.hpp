// Conversions between Beast's HTTP messages and http::Request / http::Response, and the error
// responses net/ makes on its own (private to net/; the rest of the server never sees Beast).
//
// Plain functions over values; thread-safe.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/span_body.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/message.hpp"

namespace hearth::net {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
// How one response is framed on this connection.
struct Framing {
  unsigned version = 11;  // of the request: 10 or 11
  bool head = false;      // answer to HEAD: headers (with the real Content-Length) but no body
  bool keep_alive = false;
};

// Writes the status line and headers of `response` into `head` (replacing what it held, keeping
// its capacity: a connection reuses one string), as they go on the wire, ending with the blank
// line. Framing headers from the handler (Content-Length, Transfer-Encoding, Connection) are
// replaced by net/'s own; a header that would break the framing (bad name, CR/LF/NUL in a value)
// is dropped with a warning; the response's header_block is copied as it is (validated where it
// is defined). Built by hand rather than through beast::http::fields and its serializer, which
// allocate per field: the request-path profile in docs/benchmarks.md.
void serialize_response_head(const http::Response& response, const Framing& framing,
                             std::string& head);

// The bytes of the body to send after that head: empty for HEAD and bodiless statuses. A view
// of `response` (its body or its shared_body), so cached static files go out without a copy:
// the http::Response must outlive the write.
std::string_view response_payload(const http::Response& response, const Framing& framing);

// Turns the error answer Beast built for a failed WebSocket handshake (400 or 426, plain text)
// into `error`'s JSON body and headers, keeping Beast's status and its own headers (such as
// Sec-WebSocket-Version), and marks it `Connection: close`.
void apply_transport_error(const http::Response& error,
                           boost::beast::http::response<boost::beast::http::string_body>& target);

// True if the handler asked for the connection to close after this response.
bool wants_close(const http::Response& response);

// {"error":{"code":"...","message":"..."}} with `status`; code is a stable wire name
// (errc_name(...) or a transport-specific one such as "upgrade_required").
http::Response transport_error(int status, std::string_view code, std::string_view message);

// 16 random lower-case hex characters (64 bits): unique enough to find one request in the logs,
// and unguessable so that an id reveals nothing about traffic volume.
std::string new_request_id();

// RFC 6455 section 4.2.1: the key must be base64 of exactly 16 bytes. (Beast only checks that
// it is not too long, so "Sec-WebSocket-Key: x" would otherwise be accepted.)
bool is_valid_websocket_key(std::string_view key);

}  // namespace hearth::net
