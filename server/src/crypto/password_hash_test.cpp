#include "crypto/password_hash.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

namespace hearth::crypto {
namespace {

constexpr std::string_view kPassword = "correct horse battery staple";

std::string hash_or_die(std::string_view password) {
  Result<std::string> hash = hash_password(password, interactive_params());
  EXPECT_TRUE(hash.ok());
  return hash.ok() ? hash.value() : std::string();
}

TEST(PasswordHash, ProducesAnEncodedArgon2idHashWithTheGivenCost) {
  const std::string hash = hash_or_die(kPassword);
  // m is in KiB: MEMLIMIT_INTERACTIVE is 64 MiB; t is OPSLIMIT_INTERACTIVE.
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << hash;
}

TEST(PasswordHash, VerifiesTheSamePassword) {
  EXPECT_TRUE(verify_password(hash_or_die(kPassword), kPassword));
}

TEST(PasswordHash, RejectsAWrongPassword) {
  const std::string hash = hash_or_die(kPassword);
  EXPECT_FALSE(verify_password(hash, "correct horse battery stapler"));
  EXPECT_FALSE(verify_password(hash, ""));
}

TEST(PasswordHash, SaltsEachHash) {
  EXPECT_NE(hash_or_die(kPassword), hash_or_die(kPassword));
}

TEST(PasswordHash, VerifiesAViewThatIsNotNulTerminated) {
  const std::string stored = hash_or_die(kPassword) + "trailing bytes of a larger buffer";
  const std::string_view hash(stored.data(), stored.find("trailing"));
  EXPECT_TRUE(verify_password(hash, kPassword));
}

TEST(PasswordHash, RejectsMalformedStoredHashes) {
  const std::string hash = hash_or_die(kPassword);
  EXPECT_FALSE(verify_password("", kPassword));
  EXPECT_FALSE(verify_password("not a hash", kPassword));
  EXPECT_FALSE(verify_password("$argon2id$", kPassword));
  EXPECT_FALSE(verify_password(hash.substr(0, hash.size() - 5), kPassword));
  EXPECT_FALSE(verify_password(hash + std::string(200, 'A'), kPassword));
  std::string with_nul = hash;
  with_nul[10] = '\0';
  EXPECT_FALSE(verify_password(with_nul, kPassword));
}

TEST(PasswordHash, RefusesParamsBelowTheInteractiveFloor) {
  const PasswordHashParams floor = interactive_params();
  for (PasswordHashParams weak : {PasswordHashParams{floor.opslimit - 1, floor.memlimit},
                                  PasswordHashParams{floor.opslimit, floor.memlimit / 2}}) {
    Result<std::string> hash = hash_password(kPassword, weak);
    ASSERT_FALSE(hash.ok());
    EXPECT_EQ(hash.error().code, Errc::invalid_argument);
  }
}

TEST(PasswordHash, ModerateIsStrongerThanInteractive) {
  EXPECT_GT(moderate_params().opslimit, interactive_params().opslimit);
  EXPECT_GT(moderate_params().memlimit, interactive_params().memlimit);
}

TEST(PasswordHash, NeedsRehashWhenMadeWithWeakerParams) {
  EXPECT_TRUE(password_needs_rehash(hash_or_die(kPassword), moderate_params()));
}

TEST(PasswordHash, NeedsNoRehashWhenParamsMatch) {
  EXPECT_FALSE(password_needs_rehash(hash_or_die(kPassword), interactive_params()));
}

TEST(PasswordHash, NeedsRehashForArgon2iEvenWithTheSameParams) {
  // Argon2i's floor is 3 passes, so use its own interactive cost and ask for exactly that.
  const PasswordHashParams params{crypto_pwhash_argon2i_OPSLIMIT_INTERACTIVE,
                                  crypto_pwhash_argon2i_MEMLIMIT_INTERACTIVE};
  std::string argon2i(crypto_pwhash_STRBYTES, '\0');
  ASSERT_EQ(crypto_pwhash_str_alg(argon2i.data(), kPassword.data(), kPassword.size(),
                                  params.opslimit, params.memlimit, crypto_pwhash_ALG_ARGON2I13),
            0);
  argon2i.resize(argon2i.find('\0'));
  EXPECT_TRUE(verify_password(argon2i, kPassword));  // still accepted, so it can be upgraded
  EXPECT_TRUE(password_needs_rehash(argon2i, params));
}

TEST(PasswordHash, NeedsRehashForMalformedHashes) {
  EXPECT_TRUE(password_needs_rehash("", interactive_params()));
  EXPECT_TRUE(password_needs_rehash("$argon2id$v=19$garbage", interactive_params()));
}

TEST(PasswordHash, DummyVerifyRunsRepeatedly) {
  verify_password_against_dummy(kPassword, interactive_params());
  verify_password_against_dummy("another password", interactive_params());
}

TEST(PasswordHash, DummyVerifyIgnoresRejectedParams) {
  verify_password_against_dummy(kPassword, PasswordHashParams{1, 1024});
}

}  // namespace
}  // namespace hearth::crypto
