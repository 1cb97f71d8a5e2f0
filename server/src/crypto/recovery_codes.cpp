#include "crypto/recovery_codes.hpp"

#include <sodium.h>

#include <algorithm>
#include <set>

#include "crypto/sodium_init.hpp"
#include "crypto/tokens.hpp"

namespace hearth::crypto {
namespace {

constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz234567";  // RFC 4648 base32
constexpr std::size_t kCodeChars = 10;                                      // 50 bits
constexpr std::size_t kGroupChars = 5;

std::string new_code() {
  std::string code;
  code.reserve(kCodeChars + 1);
  for (std::size_t i = 0; i < kCodeChars; ++i) {
    if (i == kGroupChars) code.push_back('-');
    code.push_back(kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))]);
  }
  return code;
}

}  // namespace

std::vector<std::string> new_recovery_codes(int count) {
  detail::ensure_sodium_initialized();
  std::vector<std::string> codes;
  if (count <= 0) return codes;
  codes.reserve(static_cast<std::size_t>(count));
  std::set<std::string> seen;
  while (codes.size() < static_cast<std::size_t>(count)) {
    std::string code = new_code();
    if (seen.insert(code).second) codes.push_back(std::move(code));
  }
  return codes;
}

std::string normalize_recovery_code(std::string_view input) {
  std::string out;
  for (char c : input) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (kAlphabet.find(c) == std::string_view::npos || out.size() == kCodeChars) return {};
    out.push_back(c);
  }
  if (out.size() != kCodeChars) return {};
  return out;
}

std::string recovery_code_digest(std::string_view normalized_code) {
  return token_digest(normalized_code);  // the same SHA-256 hex digest
}

}  // namespace hearth::crypto
