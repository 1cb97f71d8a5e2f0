#include "crypto/password_hash.hpp"

#include <sodium.h>

#include <array>
#include <map>
#include <mutex>
#include <utility>

#include "crypto/sodium_init.hpp"

namespace hearth::crypto {
namespace {

constexpr std::string_view kArgon2idPrefix = crypto_pwhash_argon2id_STRPREFIX;

// libsodium's *_str functions read a NUL-terminated string of at most crypto_pwhash_STRBYTES - 1
// characters; a string_view from the store is neither, so copy it. Returns false if it cannot fit
// or holds a NUL (a hash never does).
bool to_c_string(std::string_view hash, std::array<char, crypto_pwhash_STRBYTES>& out) {
  if (hash.size() >= out.size() || hash.find('\0') != std::string_view::npos) return false;
  out.fill('\0');
  hash.copy(out.data(), hash.size());
  return true;
}

}  // namespace

PasswordHashParams interactive_params() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHashParams moderate_params() {
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

Result<std::string> hash_password(std::string_view normalized_password,
                                  const PasswordHashParams& params) {
  detail::ensure_sodium_initialized();
  const PasswordHashParams floor = interactive_params();
  if (params.opslimit < floor.opslimit || params.memlimit < floor.memlimit ||
      params.opslimit > crypto_pwhash_OPSLIMIT_MAX ||
      params.memlimit > crypto_pwhash_MEMLIMIT_MAX) {
    return Error::of(Errc::invalid_argument,
                     "password hash parameters are outside the allowed range (at least "
                     "interactive)");
  }
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), normalized_password.data(), normalized_password.size(),
                            params.opslimit, params.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    // The parameters and the length were checked, so what is left is failing to allocate memlimit.
    return Error::of(Errc::internal, "out of memory while hashing a password");
  }
  return std::string(out.data());
}

bool verify_password(std::string_view stored_hash, std::string_view normalized_password) {
  detail::ensure_sodium_initialized();
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (!to_c_string(stored_hash, hash)) return false;
  return crypto_pwhash_str_verify(hash.data(), normalized_password.data(),
                                  normalized_password.size()) == 0;
}

bool password_needs_rehash(std::string_view stored_hash, const PasswordHashParams& params) {
  detail::ensure_sodium_initialized();
  if (!stored_hash.starts_with(kArgon2idPrefix)) return true;
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (!to_c_string(stored_hash, hash)) return true;
  // 0: same algorithm and parameters; 1: different parameters; -1: malformed.
  return crypto_pwhash_str_needs_rehash(hash.data(), params.opslimit, params.memlimit) != 0;
}

void verify_password_against_dummy(std::string_view normalized_password,
                                   const PasswordHashParams& params) {
  static std::mutex mutex;
  static std::map<std::pair<unsigned long long, std::size_t>, std::string> dummies;
  const auto key = std::pair(params.opslimit, params.memlimit);
  std::string dummy;
  {
    std::lock_guard lock(mutex);
    if (auto it = dummies.find(key); it != dummies.end()) dummy = it->second;
  }
  if (dummy.empty()) {
    // Hashed outside the lock so that other parameter sets are not held up; two threads racing
    // here both hash once and the first to insert wins, which is harmless.
    detail::ensure_sodium_initialized();
    std::array<unsigned char, 32> secret{};
    randombytes_buf(secret.data(), secret.size());
    auto made = hash_password(
        std::string_view(reinterpret_cast<const char*>(secret.data()), secret.size()), params);
    if (!made.ok()) return;
    std::lock_guard lock(mutex);
    dummy = dummies.try_emplace(key, std::move(made).value()).first->second;
  }
  // The outcome is always false (the dummy's password is random and forgotten); only the time
  // spent matters, so the result is dropped on purpose.
  static_cast<void>(verify_password(dummy, normalized_password));
}

}  // namespace hearth::crypto
