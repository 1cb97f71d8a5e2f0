// Opaque bearer tokens (sessions, email verification, password reset) and their digests.
//
// A token is 256 random bits, shown once to its holder as 43 base64url characters (RFC 4648
// section 5, no padding). The store keeps only token_digest(token), so a leaked database does not
// yield usable tokens; a plain SHA-256 suffices because the input already has 256 bits of entropy
// (nothing to brute-force, unlike a password). Every function is thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace hearth::crypto {

// 32 bytes from randombytes_buf, base64url without padding: 43 characters of [A-Za-z0-9_-].
std::string random_token();

// SHA-256 of the token's bytes (crypto_hash_sha256) as 64 lower-case hex characters.
std::string token_digest(std::string_view token);

// a == b in time that depends only on the length: false at once for different lengths (lengths
// are not secret here), sodium_memcmp otherwise.
bool constant_time_equal(std::string_view a, std::string_view b);

// True if s has random_token()'s shape (43 characters of the base64url alphabet): a cheap check
// that turns garbage away before any store lookup.
bool looks_like_token(std::string_view s);

}  // namespace hearth::crypto
