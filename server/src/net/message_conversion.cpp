#include "net/message_conversion.hpp"

#include <sodium.h>

#include <array>
#include <atomic>
#include <cctype>
#include <cstdint>

#include <boost/beast/http/status.hpp>

#include <spdlog/spdlog.h>

namespace hearth::net {

namespace beast_http = boost::beast::http;

namespace {

// RFC 9110 section 5.6.2: token characters, as a table so that checking the names of every
// response header is one pass with no locale-aware isalnum() calls (seen in the profile).
constexpr std::array<bool, 256> kTokenChars = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) table[c] = http::is_token_char(static_cast<unsigned char>(c));
  return table;
}();

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (!kTokenChars[c]) return false;
  }
  return true;
}

// CR, LF or NUL in a value would end the header early (response splitting).
bool is_safe_value(std::string_view s) {
  for (unsigned char c : s) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

bool is_framing_header(std::string_view name) {
  return http::equals_ignoring_case(name, "content-length") ||
         http::equals_ignoring_case(name, "transfer-encoding") ||
         http::equals_ignoring_case(name, "connection");
}

// RFC 9110 sections 15.2, 15.3.5, 15.4.5: these never carry content.
bool is_bodiless_status(int status) {
  return status < 200 || status == 204 || status == 304;
}

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

void serialize_response_head(const http::Response& response, const Framing& framing,
                             std::string& head) {
  int status = response.status;
  if (status < 100 || status > 999) {
    spdlog::warn("event=invalid_response_status status={} route={}", status, response.route);
    status = 500;
  }
  using namespace std::string_view_literals;  // appends without strlen()
  head.clear();
  head.reserve(1024);
  head += framing.version == 10 ? "HTTP/1.0 "sv : "HTTP/1.1 "sv;
  head += std::to_string(status);
  head += ' ';
  head += beast_http::obsolete_reason(static_cast<beast_http::status>(status));
  head += "\r\n"sv;
  for (const auto& [name, value] : response.headers) {
    if (is_framing_header(name)) continue;
    if (!is_token(name) || !is_safe_value(value)) {
      // Logged by name only: the value may carry user data.
      spdlog::warn("event=invalid_response_header route={} header=\"{}\"", response.route,
                   is_token(name) ? name : "(invalid name)");
      continue;
    }
    head += name;
    head += ": "sv;
    head += value;
    head += "\r\n"sv;
  }
  head += response.header_block;
  if (!is_bodiless_status(status)) {
    head += "Content-Length: "sv;
    head += std::to_string(response.body_view().size());
    head += "\r\n"sv;
  }
  // HTTP/1.1 is persistent unless it says close; HTTP/1.0 only if it says keep-alive (RFC 9112
  // section 9.3).
  if (framing.version == 10 && framing.keep_alive) head += "Connection: keep-alive\r\n"sv;
  if (framing.version != 10 && !framing.keep_alive) head += "Connection: close\r\n"sv;
  head += "\r\n"sv;
}

std::string_view response_payload(const http::Response& response, const Framing& framing) {
  if (framing.head || is_bodiless_status(response.status)) return {};
  return response.body_view();
}

void apply_transport_error(const http::Response& error,
                           beast_http::response<beast_http::string_body>& target) {
  for (const auto& [name, value] : error.headers) {
    if (is_framing_header(name) || !is_token(name) || !is_safe_value(value)) continue;
    target.set(name, value);
  }
  http::for_each_header_line(
      error.header_block,
      [&](std::string_view name, std::string_view value) { target.set(name, value); });
  target.body() = error.body_view();
  target.keep_alive(false);
  target.prepare_payload();
}

bool wants_close(const http::Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (http::equals_ignoring_case(name, "connection") &&
        http::equals_ignoring_case(value, "close"))
      return true;
  }
  return false;
}

http::Response transport_error(int status, std::string_view code, std::string_view message) {
  std::string body = R"({"error":{"code":")";
  body += json_escape(code);
  body += R"(","message":")";
  body += json_escape(message);
  body += R"("}})";
  return http::Response::json(status, std::move(body));
}

std::string new_request_id() {
  // SipHash of a counter under a per-process random key: as unguessable as random bytes, unique
  // within a process run, and without the getrandom() system call per request that
  // randombytes_buf() costs (it showed in the request-path profile, docs/benchmarks.md).
  struct Keyed {
    unsigned char key[crypto_shorthash_KEYBYTES];
    Keyed() { randombytes_buf(key, sizeof key); }
  };
  static const Keyed keyed;
  static std::atomic<std::uint64_t> counter{0};
  const std::uint64_t n = counter.fetch_add(1, std::memory_order_relaxed);
  std::array<unsigned char, crypto_shorthash_BYTES> raw{};
  crypto_shorthash(raw.data(), reinterpret_cast<const unsigned char*>(&n), sizeof n, keyed.key);
  // By table, not sodium_bin2hex(): its constant time protects secrets, and the id is sent to
  // the client anyway (it cost more than the hashing).
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(raw.size() * 2, '0');
  for (std::size_t i = 0; i < raw.size(); ++i) {
    id[2 * i] = kHex[raw[i] >> 4];
    id[2 * i + 1] = kHex[raw[i] & 15];
  }
  return id;
}

bool is_valid_websocket_key(std::string_view key) {
  static constexpr std::string_view kBase64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  // 16 bytes = 128 bits: 21 full sextets, then 2 bits in the 22nd character (whose 4 low bits
  // must be zero), then "==".
  if (key.size() != 24 || key.substr(22) != "==") return false;
  for (std::size_t i = 0; i < 22; ++i) {
    auto value = kBase64.find(key[i]);
    if (value == std::string_view::npos) return false;
    if (i == 21 && (value & 0x0f) != 0) return false;
  }
  return true;
}

}  // namespace hearth::net
