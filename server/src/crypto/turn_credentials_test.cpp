#include "crypto/turn_credentials.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace hearth::crypto {
namespace {

constexpr std::string_view kSecret = "hearth-test-secret";
constexpr std::int64_t kNow = 1700000000;

void expect_refused(const Result<TurnCredential>& result, std::string_view field) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::invalid_argument);
  EXPECT_EQ(result.error().field, field);
}

TEST(TurnCredential, MatchesHmacSha1Base64ComputedByOpenssl) {
  // printf %s '1700000600:join-3f9a' |
  //   openssl dgst -sha1 -hmac 'hearth-test-secret' -binary | base64
  const Result<TurnCredential> c = turn_credential(kSecret, "join-3f9a", kNow, 600);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->username, "1700000600:join-3f9a");
  EXPECT_EQ(c->credential, "v0rG8BOS+SSM3CMVD/xLormtf30=");
}

TEST(TurnCredential, MatchesOpensslForAOneCharacterSecretAndLabel) {
  // printf %s '86400:a' | openssl dgst -sha1 -hmac 'k' -binary | base64
  const Result<TurnCredential> c = turn_credential("k", "a", 0, 86400);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->username, "86400:a");
  EXPECT_EQ(c->credential, "q6zbik4WJZDnHVSOlwqx887b7xE=");
}

TEST(TurnCredential, ExpiresTtlSecondsAfterNowAndSaysSoInTheUsername) {
  const Result<TurnCredential> c = turn_credential(kSecret, "h", kNow, 3600);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->expires_at_s, kNow + 3600);
  EXPECT_EQ(c->username, std::to_string(kNow + 3600) + ":h");

  const Result<TurnCredential> one_second = turn_credential(kSecret, "h", kNow, 1);
  ASSERT_TRUE(one_second.ok());
  EXPECT_EQ(one_second->expires_at_s, kNow + 1);
}

TEST(TurnCredential, IsTwentyBytesInPaddedStandardBase64) {
  const Result<TurnCredential> c = turn_credential(kSecret, "x", kNow, 60);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->credential.size(), 28U);
  EXPECT_EQ(c->credential.back(), '=');
  EXPECT_EQ(c->credential.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="),
            std::string::npos);
}

TEST(TurnCredential, DependsOnTheSecretTheLabelAndTheExpiry) {
  const std::string base = turn_credential(kSecret, "a", kNow, 60)->credential;
  EXPECT_NE(turn_credential("another-secret", "a", kNow, 60)->credential, base);
  EXPECT_NE(turn_credential(kSecret, "b", kNow, 60)->credential, base);
  EXPECT_NE(turn_credential(kSecret, "a", kNow, 61)->credential, base);
  EXPECT_EQ(turn_credential(kSecret, "a", kNow + 1, 59)->credential, base);  // same expiry
}

TEST(TurnCredential, AcceptsEveryLabelCharacterUpToSixtyFour) {
  EXPECT_TRUE(turn_credential(kSecret, "AZaz09-_", kNow, 60).ok());
  EXPECT_TRUE(turn_credential(kSecret, std::string(kTurnLabelMaxChars, 'x'), kNow, 60).ok());
}

TEST(TurnCredential, RefusesEmptyOrTooLongLabels) {
  expect_refused(turn_credential(kSecret, "", kNow, 60), "turn_label");
  expect_refused(turn_credential(kSecret, std::string(kTurnLabelMaxChars + 1, 'x'), kNow, 60),
                 "turn_label");
}

TEST(TurnCredential, RefusesLabelsWithOtherCharacters) {
  // ':' is coturn's separator between expiry and label; an e-mail address names a person.
  for (std::string_view label : {"a:b", "a b", "a.b", "me@example.org", "a\n", "caf\xc3\xa9"}) {
    SCOPED_TRACE(label);
    expect_refused(turn_credential(kSecret, label, kNow, 60), "turn_label");
  }
  expect_refused(turn_credential(kSecret, std::string_view("a\0b", 3), kNow, 60), "turn_label");
}

TEST(TurnCredential, RefusesNonPositiveLifetimes) {
  expect_refused(turn_credential(kSecret, "a", kNow, 0), "turn_ttl");
  expect_refused(turn_credential(kSecret, "a", kNow, -60), "turn_ttl");
}

TEST(TurnCredential, RefusesAnExpiryThatOverflowsOrATimeBefore1970) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  expect_refused(turn_credential(kSecret, "a", kMax, 1), "turn_ttl");
  expect_refused(turn_credential(kSecret, "a", kNow, kMax), "turn_ttl");
  expect_refused(turn_credential(kSecret, "a", -1, 60), "turn_ttl");
  EXPECT_TRUE(turn_credential(kSecret, "a", kMax - 1, 1).ok());
}

// A secret read from a file with its newline kept would give credentials that coturn, which reads
// the secret from its configuration line, refuses without saying why.
TEST(TurnCredential, RefusesSecretsCoturnCouldNotHaveReadFromItsConfiguration) {
  expect_refused(turn_credential("", "a", kNow, 60), "turn_secret");
  expect_refused(turn_credential("secret\n", "a", kNow, 60), "turn_secret");
  expect_refused(turn_credential("two words", "a", kNow, 60), "turn_secret");
  expect_refused(turn_credential("tab\tbed", "a", kNow, 60), "turn_secret");
  expect_refused(turn_credential("caf\xc3\xa9", "a", kNow, 60), "turn_secret");
}

TEST(TurnCredential, KeepsTheSecretOutOfItsErrorMessage) {
  const Result<TurnCredential> c = turn_credential("s3cr3t value", "a", kNow, 60);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().message.find("s3cr3t"), std::string::npos);
}

}  // namespace
}  // namespace hearth::crypto
