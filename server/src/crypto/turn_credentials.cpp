#include "crypto/turn_credentials.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <limits>

#include "crypto/sodium_init.hpp"

namespace hearth::crypto {
namespace {

constexpr std::size_t kSha1Bytes = 20;
constexpr int kBase64Variant = sodium_base64_VARIANT_ORIGINAL;
constexpr std::size_t kCredentialChars = sodium_base64_ENCODED_LEN(kSha1Bytes, kBase64Variant) - 1;
static_assert(kCredentialChars == 28);

bool is_label_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

bool is_config_value_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x21 && byte <= 0x7E;
}

}  // namespace

Result<TurnCredential> turn_credential(std::string_view shared_secret, std::string_view label,
                                       std::int64_t now_s, std::int64_t ttl_s) {
  if (shared_secret.empty() ||
      !std::all_of(shared_secret.begin(), shared_secret.end(), is_config_value_char)) {
    return Error::of(Errc::invalid_argument,
                     "the TURN secret must be printable ASCII without spaces or line breaks",
                     "turn_secret");
  }
  if (label.empty() || label.size() > kTurnLabelMaxChars ||
      !std::all_of(label.begin(), label.end(), is_label_char)) {
    return Error::of(Errc::invalid_argument,
                     "a TURN label must be 1 to 64 characters of A-Z, a-z, 0-9, '-' and '_'",
                     "turn_label");
  }
  if (ttl_s <= 0 || now_s < 0 || now_s > std::numeric_limits<std::int64_t>::max() - ttl_s) {
    return Error::of(Errc::invalid_argument, "a TURN credential needs a positive lifetime",
                     "turn_ttl");
  }

  TurnCredential out;
  out.expires_at_s = now_s + ttl_s;
  out.username = std::to_string(out.expires_at_s);
  out.username.push_back(':');
  out.username.append(label);

  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  std::size_t mac_length = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA1", nullptr, shared_secret.data(),
                shared_secret.size(), reinterpret_cast<const unsigned char*>(out.username.data()),
                out.username.size(), mac.data(), mac.size(), &mac_length) == nullptr ||
      mac_length != kSha1Bytes) {
    return Error::of(Errc::internal, "HMAC-SHA-1 is not available");
  }
  detail::ensure_sodium_initialized();
  std::array<char, kCredentialChars + 1> encoded{};
  sodium_bin2base64(encoded.data(), encoded.size(), mac.data(), kSha1Bytes, kBase64Variant);
  sodium_memzero(mac.data(), mac.size());
  out.credential.assign(encoded.data(), kCredentialChars);
  return out;
}

}  // namespace hearth::crypto
