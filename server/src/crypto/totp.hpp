// Time-based one-time passwords for two-factor sign-in: TOTP (RFC 6238) over HOTP (RFC 4226) with
// HMAC-SHA-1, 30-second steps and 6-digit codes, the parameters every authenticator app supports.
//
// A secret is 160 random bits (the HMAC-SHA-1 block-size guidance of RFC 4226 section 4), handed
// to the user's app as RFC 4648 base32 inside an otpauth:// URI (usually as a QR code) and stored
// by us encrypted at rest. verify_totp enforces single use: the caller stores the step it returns
// and passes it back as last_used_step, so a code seen once (shoulder-surfed, phished, replayed)
// is refused afterwards. HMAC-SHA-1 comes from OpenSSL (libsodium has no SHA-1); SHA-1's
// collision weakness does not affect HMAC (RFC 6238 section 5 and RFC 6151 section 3). Every
// function is thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::crypto {

inline constexpr std::int64_t kTotpStepSeconds = 30;

// RFC 4648 section 6 base32: upper case, no '=' padding.
std::string base32_encode(std::span<const std::uint8_t> bytes);

// The inverse of base32_encode. Accepts lower case, ignores spaces and '=' anywhere (apps and
// people write secrets in groups, with or without padding); nullopt on any other character.
// Trailing bits that do not fill a byte are dropped.
std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text);

// A fresh secret: 20 random bytes as base32 (32 characters).
std::string new_totp_secret();

// floor(unix_seconds / kTotpStepSeconds), also for times before 1970.
std::int64_t totp_step(std::int64_t unix_seconds);

// The HOTP value (RFC 4226 section 5.3) of the secret for counter `step`, zero-padded to `digits`
// digits. nullopt if digits is not 6, 7 or 8, step is negative, or the secret is empty or does not
// decode.
std::optional<std::string> totp_code_at_step(std::string_view base32_secret, std::int64_t step,
                                             int digits = 6);

// Checks a 6-digit code (spaces ignored) against steps step-1, step and step+1 of unix_seconds
// (RFC 6238 section 5.2: one step of clock drift either way) and accepts it only for a matched
// step greater than last_used_step. Returns the lowest such matched step, which the caller stores
// as the new last_used_step; nullopt for a wrong, reused, malformed or non-6-digit code or a bad
// secret. Pass -1 as last_used_step when no code has been used yet. Codes are compared in constant
// time and all three steps are always computed.
std::optional<std::int64_t> verify_totp(std::string_view base32_secret, std::string_view code,
                                        std::int64_t unix_seconds, std::int64_t last_used_step);

// otpauth://totp/Issuer:account?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30 (Google
// Authenticator's Key Uri Format), issuer and account percent-encoded (RFC 3986 unreserved
// characters kept, spaces as %20). With an empty issuer the label is the account alone and the
// issuer parameter is left out.
std::string otpauth_uri(std::string_view issuer, std::string_view account_name,
                        std::string_view base32_secret);

}  // namespace hearth::crypto
