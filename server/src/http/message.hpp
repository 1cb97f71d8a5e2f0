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
  // Set by the router: the route pattern that matched ("/api/v1/version", "static", "unmatched"),
  // used for logs and metrics so that no raw path (which may carry ids) reaches either.
  std::string route;

  void set_header(std::string name, std::string value);
  std::string_view body_view() const { return shared_body ? *shared_body : body; }

  static Response json(int status, std::string body);
  static Response text(int status, std::string body);
  static Response no_content();
};

}  // namespace hearth::http
