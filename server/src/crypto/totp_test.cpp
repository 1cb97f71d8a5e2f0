#include "crypto/totp.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hearth::crypto {
namespace {

// RFC 6238 appendix B and RFC 4226 appendix D use the ASCII secret "12345678901234567890".
constexpr std::string_view kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
// A time inside step 37037036 (RFC 6238's T = 1111111109).
constexpr std::int64_t kNow = 1111111109;

std::vector<std::uint8_t> bytes_of(std::string_view s) {
  return std::vector<std::uint8_t>(s.begin(), s.end());
}

std::string code_at(std::int64_t step) {
  return totp_code_at_step(kRfcSecret, step).value_or("missing");
}

TEST(Base32, EncodesTheRfc4648Vectors) {
  // RFC 4648 section 10, without the padding.
  EXPECT_EQ(base32_encode(bytes_of("")), "");
  EXPECT_EQ(base32_encode(bytes_of("f")), "MY");
  EXPECT_EQ(base32_encode(bytes_of("fo")), "MZXQ");
  EXPECT_EQ(base32_encode(bytes_of("foo")), "MZXW6");
  EXPECT_EQ(base32_encode(bytes_of("foob")), "MZXW6YQ");
  EXPECT_EQ(base32_encode(bytes_of("fooba")), "MZXW6YTB");
  EXPECT_EQ(base32_encode(bytes_of("foobar")), "MZXW6YTBOI");
  EXPECT_EQ(base32_encode(bytes_of("12345678901234567890")), kRfcSecret);
}

TEST(Base32, DecodesTheRfc4648VectorsWithPadding) {
  EXPECT_EQ(base32_decode(""), bytes_of(""));
  EXPECT_EQ(base32_decode("MY======"), bytes_of("f"));
  EXPECT_EQ(base32_decode("MZXQ===="), bytes_of("fo"));
  EXPECT_EQ(base32_decode("MZXW6==="), bytes_of("foo"));
  EXPECT_EQ(base32_decode("MZXW6YQ="), bytes_of("foob"));
  EXPECT_EQ(base32_decode("MZXW6YTB"), bytes_of("fooba"));
  EXPECT_EQ(base32_decode("MZXW6YTBOI======"), bytes_of("foobar"));
}

TEST(Base32, DecodesLowerCaseAndIgnoresSpaces) {
  EXPECT_EQ(base32_decode("mzxw 6ytb oi"), bytes_of("foobar"));
}

TEST(Base32, RefusesCharactersOutsideTheAlphabet) {
  EXPECT_EQ(base32_decode("MZXW1"), std::nullopt);  // 0, 1, 8 and 9 are not base32
  EXPECT_EQ(base32_decode("MZ-XW"), std::nullopt);
  EXPECT_EQ(base32_decode("MZXW\n"), std::nullopt);
}

TEST(TotpSecret, IsThirtyTwoBase32CharactersOfTwentyBytes) {
  const std::string secret = new_totp_secret();
  EXPECT_EQ(secret.size(), 32U);
  ASSERT_TRUE(base32_decode(secret).has_value());
  EXPECT_EQ(base32_decode(secret)->size(), 20U);
}

TEST(TotpSecret, DoesNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(seen.insert(new_totp_secret()).second);
}

TEST(TotpStep, RoundsDownToThirtySecondSteps) {
  EXPECT_EQ(totp_step(0), 0);
  EXPECT_EQ(totp_step(29), 0);
  EXPECT_EQ(totp_step(30), 1);
  EXPECT_EQ(totp_step(59), 1);
  EXPECT_EQ(totp_step(-1), -1);
  EXPECT_EQ(totp_step(-30), -1);
  EXPECT_EQ(totp_step(-31), -2);
}

TEST(TotpCode, MatchesTheRfc6238Sha1Vectors) {
  const std::pair<std::int64_t, std::string_view> vectors[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& [time, code] : vectors) {
    EXPECT_EQ(totp_code_at_step(kRfcSecret, totp_step(time), 8), code) << time;
  }
}

TEST(TotpCode, MatchesTheRfc4226HotpValues) {
  const std::string_view values[] = {"755224", "287082", "359152", "969429", "338314",
                                     "254676", "287922", "162583", "399871", "520489"};
  for (std::int64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(totp_code_at_step(kRfcSecret, counter), values[counter]) << counter;
  }
}

TEST(TotpCode, RefusesBadSecretsDigitsAndSteps) {
  EXPECT_EQ(totp_code_at_step("not base32!", 1), std::nullopt);
  EXPECT_EQ(totp_code_at_step("", 1), std::nullopt);
  EXPECT_EQ(totp_code_at_step(kRfcSecret, 1, 5), std::nullopt);
  EXPECT_EQ(totp_code_at_step(kRfcSecret, 1, 9), std::nullopt);
  EXPECT_EQ(totp_code_at_step(kRfcSecret, -1), std::nullopt);
}

TEST(VerifyTotp, AcceptsTheCurrentStepAndReturnsIt) {
  EXPECT_EQ(verify_totp(kRfcSecret, "081804", kNow, -1), 37037036);
}

TEST(VerifyTotp, AcceptsOneStepOfDriftEitherWay) {
  const std::int64_t step = totp_step(kNow);
  EXPECT_EQ(verify_totp(kRfcSecret, code_at(step - 1), kNow, -1), step - 1);
  EXPECT_EQ(verify_totp(kRfcSecret, code_at(step + 1), kNow, -1), step + 1);
}

TEST(VerifyTotp, RefusesCodesOutsideTheWindow) {
  const std::int64_t step = totp_step(kNow);
  EXPECT_EQ(verify_totp(kRfcSecret, code_at(step - 2), kNow, -1), std::nullopt);
  EXPECT_EQ(verify_totp(kRfcSecret, code_at(step + 2), kNow, -1), std::nullopt);
}

TEST(VerifyTotp, RefusesACodeAlreadyUsed) {
  const std::optional<std::int64_t> used = verify_totp(kRfcSecret, "081804", kNow, -1);
  ASSERT_TRUE(used.has_value());
  EXPECT_EQ(verify_totp(kRfcSecret, "081804", kNow, *used), std::nullopt);
  EXPECT_EQ(verify_totp(kRfcSecret, "081804", kNow + 20, *used), std::nullopt);
}

TEST(VerifyTotp, RefusesAnOlderCodeAfterANewerOneWasUsed) {
  const std::int64_t step = totp_step(kNow);
  EXPECT_EQ(verify_totp(kRfcSecret, code_at(step - 1), kNow, step), std::nullopt);
  EXPECT_EQ(verify_totp(kRfcSecret, code_at(step + 1), kNow, step), step + 1);
}

TEST(VerifyTotp, IgnoresSpaces) {
  EXPECT_EQ(verify_totp(kRfcSecret, " 081 804 ", kNow, -1), 37037036);
}

TEST(VerifyTotp, RefusesMalformedCodes) {
  for (std::string_view bad : {"", "08180", "0818045", "08180a", "-81804", "081804\n",
                               "\uff1081804",  // FULLWIDTH DIGIT ZERO first
                               "94287082"}) {
    EXPECT_EQ(verify_totp(kRfcSecret, bad, kNow, -1), std::nullopt) << bad;
  }
}

TEST(VerifyTotp, RefusesAWrongCode) {
  const std::string right = code_at(totp_step(kNow));
  std::string wrong = right;
  wrong[5] = right[5] == '9' ? '0' : static_cast<char>(right[5] + 1);
  EXPECT_EQ(verify_totp(kRfcSecret, wrong, kNow, -1), std::nullopt);
}

TEST(VerifyTotp, RefusesABadSecret) {
  EXPECT_EQ(verify_totp("not base32!", "081804", kNow, -1), std::nullopt);
  EXPECT_EQ(verify_totp("", "081804", kNow, -1), std::nullopt);
}

TEST(OtpauthUri, PercentEncodesIssuerAndAccount) {
  EXPECT_EQ(otpauth_uri("Hearth Clinic", "jane+1@example.org", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Hearth%20Clinic:jane%2B1%40example.org?secret=JBSWY3DPEHPK3PXP"
            "&issuer=Hearth%20Clinic&algorithm=SHA1&digits=6&period=30");
}

TEST(OtpauthUri, OmitsAnEmptyIssuer) {
  EXPECT_EQ(otpauth_uri("", "jane", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/jane?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace hearth::crypto
