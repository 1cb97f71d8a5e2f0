#include "crypto/tokens.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "crypto/sodium_init.hpp"

namespace hearth::crypto {
namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
constexpr std::size_t kTokenChars = sodium_base64_ENCODED_LEN(kTokenBytes, kVariant) - 1;  // NUL
static_assert(kTokenChars == 43);

bool is_base64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

std::string random_token() {
  detail::ensure_sodium_initialized();
  std::array<unsigned char, kTokenBytes> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::array<char, kTokenChars + 1> encoded{};
  sodium_bin2base64(encoded.data(), encoded.size(), raw.data(), raw.size(), kVariant);
  sodium_memzero(raw.data(), raw.size());
  return std::string(encoded.data(), kTokenChars);
}

std::string token_digest(std::string_view token) {
  detail::ensure_sodium_initialized();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), hex.size() - 1);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool looks_like_token(std::string_view s) {
  return s.size() == kTokenChars && std::all_of(s.begin(), s.end(), is_base64url);
}

}  // namespace hearth::crypto
