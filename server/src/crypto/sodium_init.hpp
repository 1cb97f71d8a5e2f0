// ensure_sodium_initialized(): private to the crypto layer; not for use outside server/src/crypto.
//
// libsodium wants sodium_init() before its first use: it picks the fastest Argon2 and SHA-2
// implementations for this CPU and opens the random source. main() calls it too; calling it from
// each entry point keeps this layer correct in tests and tools that do not. Thread-safe.
#pragma once

#include <sodium.h>

#include <cstdlib>

namespace hearth::crypto::detail {

inline void ensure_sodium_initialized() {
  // sodium_init() returns 0 the first time, 1 afterwards, -1 when no random source can be opened:
  // without one nothing this layer makes (tokens, secrets, salts) would be safe, so stop.
  static const bool initialized = sodium_init() >= 0;
  if (!initialized) std::abort();
}

}  // namespace hearth::crypto::detail
