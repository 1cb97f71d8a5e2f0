#include "base/ids.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>

namespace hearth {
namespace {
constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz234567";  // RFC 4648 base32
constexpr std::size_t kIdChars = 26;                                        // ceil(128 / 5)
}  // namespace

std::string new_id() {
  std::array<std::uint8_t, 16> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::string out;
  out.reserve(kIdChars);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::uint8_t byte : raw) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31U]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31U]);
  return out;
}

bool is_valid_id(std::string_view s) {
  if (s.size() != kIdChars) return false;
  for (char c : s) {
    if (kAlphabet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace hearth
