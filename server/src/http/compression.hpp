// Content coding (RFC 9110 sections 8.4 and 12.5.3): gzip for the bodies that many requests
// share, the cached answers (EncodedMemo) and the static files, when the client takes it.
//
// Only shared bodies are compressed, each once (kept beside the body for as long as the body
// lives), so compression costs no CPU per request. It also keeps BREACH out: a shared body is
// the same for every request, so a request's own input (a query, a header) never shares a
// compressed body with a secret such as a CSRF token, which only per-request answers carry.
//
// Threads: Compression may be used from many threads at once (EncodedMemo locks).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/encoded_memo.hpp"
#include "http/message.hpp"

namespace hearth::http {

// Whether an Accept-Encoding value takes gzip: "gzip" or "x-gzip" with a weight above 0, or,
// when neither is named, "*" with a weight above 0. Names compare without case; an entry whose
// weight cannot be read is left out.
bool accepts_gzip(std::string_view accept_encoding);

// Text-like types compress well; images, fonts in woff2 and the like are compressed already.
bool is_compressible(std::string_view content_type);

// The gzip member (RFC 1952) of `data`, or nothing if zlib could not start (out of memory).
std::optional<std::string> gzip(std::string_view data);

// A strong ETag for the gzip form of the representation whose ETag is `etag` ("\"abc\"" gives
// "\"abc-gzip\""); the two forms must not share one (RFC 9110 section 8.8.3).
std::string gzip_etag(std::string_view etag);

class Compression {
 public:
  // Below this, a response fits in a packet or two anyway and the gzip header and the CPU are
  // not worth it.
  static constexpr std::size_t kMinBytes = 1024;

  // Whether this body's form depends on Accept-Encoding: then the response must say
  // "Vary: Accept-Encoding", whichever form it sends.
  static bool applies_to(std::string_view content_type, std::size_t size) {
    return size >= kMinBytes && is_compressible(content_type);
  }

  // The gzip form of a shared body, made on first use and kept while the body lives; null when
  // it is not smaller than the body.
  std::shared_ptr<const std::string> gzipped(const std::shared_ptr<const std::string>& body);

  // For a response whose body is shared (Response::shared_body) and is not a static file
  // (Dispatcher::serve_static chooses those itself): says Vary, and sends the gzip form when
  // the request takes it and it is smaller.
  void apply(const Request& request, Response& response);

 private:
  EncodedMemo gzipped_{4096};
};

}  // namespace hearth::http
