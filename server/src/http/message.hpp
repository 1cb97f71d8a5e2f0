// Request and Response: the HTTP messages as the layers above the transport see them.
//
// net/ converts Beast's parsed messages into these and back, so nothing above net/ includes Beast.
// Header names in Request::headers are lower-cased by net/. Both are plain values, owned by the
// coroutine handling one exchange; neither is shared between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearth::http {

enum class Method { get, head, post, put, patch, delete_, options, other };

std::string_view method_name(Method m);
Method method_from_name(std::string_view name);

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Equality without regard to ASCII case, for header names and the tokens of header values
// (RFC 9110 sections 5.1 and 5.6.2).
bool equals_ignoring_case(std::string_view a, std::string_view b);

// RFC 9110 section 5.6.2: a header name is a token.
constexpr bool is_token_char(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

// True if `block` is a run of complete header lines as they go on the wire, "Name: value\r\n"
// each: a token name, and a value without CR, LF or NUL (which would split the response).
// Constant enough to be checked by a static_assert where a block is defined.
constexpr bool is_valid_header_block(std::string_view block) {
  while (!block.empty()) {
    const auto colon = block.find(": ");
    const auto end = block.find("\r\n");
    if (colon == 0 || colon == std::string_view::npos || end == std::string_view::npos ||
        end < colon) {
      return false;
    }
    for (unsigned char c : block.substr(0, colon)) {
      if (!is_token_char(c)) return false;
    }
    for (unsigned char c : block.substr(colon + 2, end - colon - 2)) {
      if (c == '\r' || c == '\n' || c == '\0') return false;
    }
    block.remove_prefix(end + 2);
  }
  return true;
}

// Calls visit(name, value) for each line of a block that is_valid_header_block() accepts.
template <class Visit>
constexpr void for_each_header_line(std::string_view block, Visit visit) {
  while (!block.empty()) {
    const auto colon = block.find(": ");
    const auto end = block.find("\r\n");
    visit(block.substr(0, colon), block.substr(colon + 2, end - colon - 2));
    block.remove_prefix(end + 2);
  }
}

struct Request {
  Method method = Method::get;
  std::string target;  // as sent: path and query, still percent-encoded
  std::string body;
  HeaderList headers;  // names lower-case
  std::string remote_address;
  std::string request_id;  // assigned by net/, echoed as X-Request-Id
  bool secure = false;     // arrived over TLS

  // The first value of a header (name in lower case), if present.
  std::optional<std::string_view> header(std::string_view lower_name) const;
  // The target up to '?', still percent-encoded.
  std::string_view path() const;
  std::string_view query() const;
};

struct Response {
  int status = 200;
  HeaderList headers;
  std::string body;
  // When set, sent instead of `body`: lets cached static files go out without a copy.
  std::shared_ptr<const std::string> shared_body;
  // Header lines sent verbatim after `headers`, "Name: value\r\n" each: the security headers
  // every response carries, rendered once instead of set as eight string pairs per response
  // (which cost about a sixth of a small request's instructions: docs/benchmarks.md). Must view
  // a constant, checked by is_valid_header_block() where it is defined; net/ copies it unchecked.
  std::string_view header_block;
  // Set by the router: the route pattern that matched ("/api/v1/version", "static", "unmatched"),
  // used for logs and metrics so that no raw path (which may carry ids) reaches either.
  std::string route;

  void set_header(std::string name, std::string value);
  // The first value of a header in `headers` or `header_block`, the name compared without case.
  std::optional<std::string_view> header(std::string_view name) const;
  std::string_view body_view() const { return shared_body ? *shared_body : body; }

  static Response json(int status, std::string body);
  static Response text(int status, std::string body);
  static Response no_content();
};

}  // namespace hearth::http
