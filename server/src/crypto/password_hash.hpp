// Password hashing with Argon2id (libsodium's crypto_pwhash, RFC 9106).
//
// A stored hash is a self-describing string,
//   $argon2id$v=19$m=<memory in KiB>,t=<passes>,p=1$<salt>$<hash>
// so it carries its own salt and cost; the store keeps it as text. Passwords passed in are already
// normalised (password_policy.hpp: normalize_password), so that the same password typed on two
// keyboards hashes alike. Hashing costs real memory and CPU time (64 MiB at the interactive floor,
// 256 MiB at moderate, and up to a second): call these on the blocking pool, never on an I/O
// thread. Every function is thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace hearth::crypto {

// Argon2id cost: passes over memory (opslimit) and memory in bytes (memlimit).
struct PasswordHashParams {
  unsigned long long opslimit;
  std::size_t memlimit;
};

// crypto_pwhash_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE: the floor; hash_password refuses less.
PasswordHashParams interactive_params();
// crypto_pwhash_OPSLIMIT_MODERATE / MEMLIMIT_MODERATE.
PasswordHashParams moderate_params();

// The encoded Argon2id hash of the password with a fresh random salt.
// Errc::invalid_argument if params are below interactive_params() (or above libsodium's maxima);
// Errc::internal if the memory cannot be allocated.
Result<std::string> hash_password(std::string_view normalized_password,
                                  const PasswordHashParams& params);

// True only if stored_hash is a well-formed Argon2 hash of this password. False for any malformed,
// truncated or foreign hash; never throws. Costs what the hash's own parameters say.
bool verify_password(std::string_view stored_hash, std::string_view normalized_password);

// True when stored_hash was not made by Argon2id with exactly `params` (weaker, stronger, another
// algorithm such as Argon2i, or malformed): the caller rehashes at the next successful sign-in.
bool password_needs_rehash(std::string_view stored_hash, const PasswordHashParams& params);

// Spends the work of verify_password against a hash made with `params`, for sign-ins to unknown
// accounts, so that "no such email" and "wrong password" take the same time. The dummy hash is
// made once per distinct params (the first call pays for one extra hash) and kept for the life of
// the process. Does nothing if params are rejected by hash_password.
void verify_password_against_dummy(std::string_view normalized_password,
                                   const PasswordHashParams& params);

}  // namespace hearth::crypto
