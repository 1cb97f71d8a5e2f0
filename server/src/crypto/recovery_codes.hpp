// Recovery codes: single-use codes that stand in for a TOTP code when the authenticator is lost.
//
// A set of kRecoveryCodeCount codes is shown once when two-factor sign-in is turned on; the store
// keeps only recovery_code_digest(normalize_recovery_code(code)) and deletes a digest when its code
// is used. Each code is 10 characters of the lower-case RFC 4648 base32 alphabet (50 random bits),
// written "xxxxx-xxxxx" to be easy to copy by hand. Every function is thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hearth::crypto {

inline constexpr int kRecoveryCodeCount = 10;

// `count` distinct fresh codes, each "xxxxx-xxxxx"; empty for count <= 0.
std::vector<std::string> new_recovery_codes(int count = kRecoveryCodeCount);

// The canonical form of a typed code: lower-cased, spaces and hyphens dropped, 10 characters of
// the base32 alphabet ("abcde-fghij" and " ABCDE FGHIJ " both become "abcdefghij"). "" if anything
// else is off (another length, a character outside the alphabet such as 0, 1, 8 or 9).
std::string normalize_recovery_code(std::string_view input);

// SHA-256 of the normalised code as 64 lower-case hex characters. A fast, unsalted hash is enough
// here, unlike for passwords: a code has 50 random bits (not chosen by a person), is single-use,
// only stands in for the second factor (the password is still needed), and online guessing is
// capped by sign-in rate limits. Someone holding a copy of the digests can still search 2^50
// candidates offline for all of them at once; the codes they would find are void once a user
// regenerates them, so a suspected database leak calls for regenerating every set.
std::string recovery_code_digest(std::string_view normalized_code);

}  // namespace hearth::crypto
