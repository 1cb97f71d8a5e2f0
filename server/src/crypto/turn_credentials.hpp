// Time-limited TURN credentials for coturn's shared-secret mode (`use-auth-secret` with
// `static-auth-secret`), the scheme of the TURN REST API draft (draft-uberti-behave-turn-rest-00,
// section 2.2): Hearth and coturn share one secret and never talk to each other. Hearth hands a
// browser the pair below inside `ice_servers`; coturn recomputes the HMAC from the username and
// refuses the pair once the expiry in the username has passed.
//
//   username   = "<expiry unix seconds>:<label>"
//   credential = base64(HMAC-SHA-1(key = secret, message = username))   RFC 4648 section 4, padded
//
// The username travels in clear in every TURN request and lands in coturn's log, so the label
// must not identify a person: callers pass a random per-join handle. HMAC-SHA-1 is what coturn
// computes for this scheme; SHA-1's collision weakness does not affect HMAC (RFC 6151 section 3).
// HMAC-SHA-1 comes from OpenSSL, base64 from libsodium. Every function is thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace hearth::crypto {

inline constexpr std::size_t kTurnLabelMaxChars = 64;

struct TurnCredential {
  std::string username;    // "<expiry unix seconds>:<label>"
  std::string credential;  // base64 (standard alphabet, padded) of HMAC-SHA1(secret, username)
  std::int64_t expires_at_s = 0;
};

// The credential for `label`, valid until now_s + ttl_s (coturn refuses it after that second).
//
// Errc::invalid_argument (field "turn_secret", "turn_label" or "turn_ttl"; the message never
// holds the secret) when:
//  - shared_secret is empty or has a byte outside printable ASCII without space (0x21-0x7E):
//    coturn reads the secret from a `static-auth-secret=` line of its configuration, which cannot
//    carry such bytes, so a secret that has them (usually a newline kept from the secret file)
//    would give credentials coturn silently refuses;
//  - label is not 1-kTurnLabelMaxChars characters of [A-Za-z0-9_-] (no ':', coturn's separator);
//  - ttl_s <= 0, now_s < 0, or now_s + ttl_s overflows.
Result<TurnCredential> turn_credential(std::string_view shared_secret, std::string_view label,
                                       std::int64_t now_s, std::int64_t ttl_s);

}  // namespace hearth::crypto
