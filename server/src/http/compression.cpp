#include "http/compression.hpp"

#include <zlib.h>

#include <limits>

namespace hearth::http {
namespace {

// zlib's default level, its usual balance of size and time; each body is compressed once, so
// the level matters little to the CPU per request.
constexpr int kLevel = 6;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The weight of one entry's parameters ("q=0.5"), 1 without one; nothing if it is not a
// qvalue (RFC 9110 section 12.4.2: "0" or "1" with up to three decimals).
std::optional<bool> weight_above_zero(std::string_view params) {
  if (params.empty()) return true;
  params = trim(params);
  if (params.size() < 2 || (params[0] != 'q' && params[0] != 'Q') || params[1] != '=') {
    return std::nullopt;
  }
  const std::string_view q = params.substr(2);
  if (q.empty() || (q[0] != '0' && q[0] != '1')) return std::nullopt;
  if (q.size() == 1) return q[0] == '1';
  if (q[1] != '.' || q.size() > 5) return std::nullopt;
  bool above_zero = q[0] == '1';
  for (const char c : q.substr(2)) {
    if (c < '0' || c > '9' || (q[0] == '1' && c != '0')) return std::nullopt;
    above_zero = above_zero || c != '0';
  }
  return above_zero;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  std::optional<bool> gzip_named;
  std::optional<bool> any_named;
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    const std::string_view entry = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const auto semicolon = entry.find(';');
    const std::string_view name = trim(entry.substr(0, semicolon));
    const auto weight = weight_above_zero(
        semicolon == std::string_view::npos ? std::string_view() : entry.substr(semicolon + 1));
    if (!weight) continue;
    if (equals_ignoring_case(name, "gzip") || equals_ignoring_case(name, "x-gzip")) {
      // Named twice: any entry that refuses it wins, the careful reading.
      gzip_named = gzip_named.value_or(true) && *weight;
    } else if (name == "*") {
      any_named = any_named.value_or(true) && *weight;
    }
  }
  if (gzip_named) return *gzip_named;
  return any_named.value_or(false);
}

bool is_compressible(std::string_view content_type) {
  const std::string_view type = trim(content_type.substr(0, content_type.find(';')));
  return type.starts_with("text/") || type == "application/json" ||
         type == "application/javascript" || type == "application/manifest+json" ||
         type == "image/svg+xml" || type == "application/wasm";
}

std::optional<std::string> gzip(std::string_view data) {
  if (data.size() > std::numeric_limits<uInt>::max()) return std::nullopt;
  z_stream stream{};
  // 15 + 16: the largest window, with a gzip header and trailer rather than zlib's.
  if (deflateInit2(&stream, kLevel, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  // deflateBound leaves room for everything, so one call finishes the stream.
  const int finished = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (finished != Z_STREAM_END) return std::nullopt;
  return out;
}

std::string gzip_etag(std::string_view etag) {
  if (etag.size() >= 2 && etag.back() == '"') {
    std::string out(etag.substr(0, etag.size() - 1));
    out += "-gzip\"";
    return out;
  }
  return std::string(etag) + "-gzip";
}

std::shared_ptr<const std::string> Compression::gzipped(
    const std::shared_ptr<const std::string>& body) {
  // An empty string stands for "no smaller form" in the memo, so that the attempt is made once.
  auto kept = gzipped_.body(body, [](const std::string& plain) {
    auto packed = gzip(plain);
    return packed && packed->size() < plain.size() ? std::move(*packed) : std::string();
  });
  return kept->empty() ? nullptr : kept;
}

void Compression::apply(const Request& request, Response& response) {
  if (!response.shared_body || response.route == "static" || response.status != 200) return;
  const auto type = response.header("content-type");
  if (!type || !applies_to(*type, response.shared_body->size())) return;
  response.set_header("Vary", "Accept-Encoding");
  if (response.header("content-encoding")) return;
  if (!accepts_gzip(request.header("accept-encoding").value_or(""))) return;
  if (auto packed = gzipped(response.shared_body)) {
    response.shared_body = std::move(packed);
    response.set_header("Content-Encoding", "gzip");
  }
}

}  // namespace hearth::http
