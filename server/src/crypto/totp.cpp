#include "crypto/totp.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <array>
#include <utility>

#include "crypto/sodium_init.hpp"
#include "crypto/tokens.hpp"

namespace hearth::crypto {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::size_t kSecretBytes = 20;
constexpr int kVerifyDigits = 6;

// The 5-bit value of a base32 character in either case, or -1.
int base32_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

// Holds a decoded secret and wipes it when done, so key material does not linger on the heap.
class SecretKey {
 public:
  explicit SecretKey(std::vector<std::uint8_t> bytes) : bytes_(std::move(bytes)) {}
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;
  ~SecretKey() {
    if (!bytes_.empty()) sodium_memzero(bytes_.data(), bytes_.size());
  }
  std::span<const std::uint8_t> bytes() const { return bytes_; }

 private:
  std::vector<std::uint8_t> bytes_;
};

std::optional<SecretKey> decode_secret(std::string_view base32_secret) {
  std::optional<std::vector<std::uint8_t>> bytes = base32_decode(base32_secret);
  if (!bytes || bytes->empty()) return std::nullopt;
  return std::optional<SecretKey>(std::in_place, std::move(*bytes));
}

// RFC 4226 section 5.3: HMAC-SHA-1 over the big-endian counter, dynamic truncation, modulo 10^d.
std::optional<std::string> hotp(std::span<const std::uint8_t> key, std::uint64_t counter,
                                int digits) {
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter & 0xFFU);
    counter >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  std::size_t mac_length = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA1", nullptr, key.data(), key.size(), message.data(),
                message.size(), mac.data(), mac.size(), &mac_length) == nullptr ||
      mac_length != 20) {
    return std::nullopt;
  }
  const std::size_t offset = mac[19] & 0x0FU;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7FU) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  code.insert(0, static_cast<std::size_t>(digits) - code.size(), '0');
  return code;
}

void append_percent_encoded(std::string& out, std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0FU]);
    }
  }
}

}  // namespace

std::string base32_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::uint8_t byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 31U]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 31U]);
  return out;
}

std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text) {
  std::vector<std::uint8_t> out;
  out.reserve(text.size() * 5 / 8);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == ' ' || c == '=') continue;
    const int value = base32_value(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xFFU));
      bits -= 8;
    }
  }
  return out;
}

std::string new_totp_secret() {
  detail::ensure_sodium_initialized();
  std::array<std::uint8_t, kSecretBytes> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::string secret = base32_encode(raw);
  sodium_memzero(raw.data(), raw.size());
  return secret;
}

std::int64_t totp_step(std::int64_t unix_seconds) {
  std::int64_t step = unix_seconds / kTotpStepSeconds;
  if (unix_seconds % kTotpStepSeconds != 0 && unix_seconds < 0) --step;  // round toward -inf
  return step;
}

std::optional<std::string> totp_code_at_step(std::string_view base32_secret, std::int64_t step,
                                             int digits) {
  if (digits < 6 || digits > 8 || step < 0) return std::nullopt;
  std::optional<SecretKey> key = decode_secret(base32_secret);
  if (!key) return std::nullopt;
  return hotp(key->bytes(), static_cast<std::uint64_t>(step), digits);
}

std::optional<std::int64_t> verify_totp(std::string_view base32_secret, std::string_view code,
                                        std::int64_t unix_seconds, std::int64_t last_used_step) {
  std::string digits;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9' || digits.size() == kVerifyDigits) return std::nullopt;
    digits.push_back(c);
  }
  if (digits.size() != kVerifyDigits) return std::nullopt;
  std::optional<SecretKey> key = decode_secret(base32_secret);
  if (!key) return std::nullopt;

  const std::int64_t now = totp_step(unix_seconds);
  std::optional<std::int64_t> matched;
  for (std::int64_t step = now - 1; step <= now + 1; ++step) {
    if (step < 0) continue;
    const std::optional<std::string> expected =
        hotp(key->bytes(), static_cast<std::uint64_t>(step), kVerifyDigits);
    const bool equal = expected && constant_time_equal(*expected, digits);
    if (equal && step > last_used_step && !matched) matched = step;
  }
  return matched;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account_name,
                        std::string_view base32_secret) {
  std::string uri = "otpauth://totp/";
  if (!issuer.empty()) {
    append_percent_encoded(uri, issuer);
    uri.push_back(':');
  }
  append_percent_encoded(uri, account_name);
  uri += "?secret=";
  append_percent_encoded(uri, base32_secret);
  if (!issuer.empty()) {
    uri += "&issuer=";
    append_percent_encoded(uri, issuer);
  }
  uri += "&algorithm=SHA1&digits=6&period=30";
  return uri;
}

}  // namespace hearth::crypto
