// Password normalisation and the rules a new password must meet (NIST SP 800-63B section 5.1.1.2:
// a length floor, no composition rules, a check against commonly used and context-specific
// passwords).
//
// Every password goes through normalize_password (Unicode NFKC) before it is checked, hashed or
// verified, so that the same characters typed on different keyboards or input methods give the
// same bytes. check_password_policy applies only when a password is chosen (sign-up, change,
// reset), never at sign-in. The common-password list (server/data/common-passwords.txt, see
// server/data/README.md) is compiled into the binary and parsed once on first use. Every function
// is thread-safe. Error messages never contain the password.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace hearth::crypto {

// The NFKC normal form of raw (e.g. fullwidth "ｐａｓｓ" becomes "pass", "e" + U+0301 becomes "é").
// Errc::malformed with field "password" if raw is not well-formed UTF-8 (overlong forms,
// surrogates and truncated sequences included).
Result<std::string> normalize_password(std::string_view raw);

// What the policy compares a password against; both may be empty. Views must outlive the call.
struct PasswordContext {
  std::string_view email;
  std::string_view display_name;
};

inline constexpr std::size_t kMinPasswordCodePoints = 12;
inline constexpr std::size_t kMaxPasswordBytes = 1024;  // after normalisation

// ok() if the normalised password meets every rule, else Errc::invalid_argument with field
// "password" and a message naming the first rule broken, in this order:
//   fewer than kMinPasswordCodePoints code points ("at least 12 characters");
//   more than kMaxPasswordBytes bytes ("at most 1024 bytes");
//   on the common-password list, ignoring ASCII case ("is on a list of commonly used passwords");
//   equal, ignoring case (Unicode NFKC case folding), to the email address, its local part, or
//   the display name with or without its spaces ("must not be your email address or name").
Result<void> check_password_policy(std::string_view normalized_password,
                                   const PasswordContext& context);

// True if the password, ASCII-lower-cased, is on the common-password list. O(log n).
bool is_common_password(std::string_view normalized_password);

// The number of distinct entries on the compiled-in common-password list.
std::size_t common_password_count();

}  // namespace hearth::crypto
