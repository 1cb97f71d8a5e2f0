#include "crypto/password_policy.hpp"

#include <gtest/gtest.h>

#include <string>

namespace hearth::crypto {
namespace {

constexpr PasswordContext kNoContext{};

std::string repeat(std::string_view s, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += s;
  return out;
}

std::string normalized(std::string_view raw) {
  Result<std::string> result = normalize_password(raw);
  EXPECT_TRUE(result.ok());
  return result.ok() ? result.value() : std::string();
}

void expect_rejected(std::string_view password, const PasswordContext& context,
                     std::string_view message_part) {
  Result<void> result = check_password_policy(password, context);
  ASSERT_FALSE(result.ok()) << password;
  EXPECT_EQ(result.error().code, Errc::invalid_argument);
  EXPECT_EQ(result.error().field, "password");
  EXPECT_NE(result.error().message.find(message_part), std::string::npos) << result.error().message;
}

TEST(NormalizePassword, KeepsPlainAscii) {
  EXPECT_EQ(normalized("Tulip orbit 9!"), "Tulip orbit 9!");
}

TEST(NormalizePassword, ComposedAndDecomposedAccentsNormaliseEqual) {
  EXPECT_EQ(normalized("caf\u00e9"), "caf\u00e9");
  EXPECT_EQ(normalized("cafe\u0301"), "caf\u00e9");  // e + COMBINING ACUTE ACCENT
}

TEST(NormalizePassword, FoldsFullwidthLettersToAscii) {
  EXPECT_EQ(normalized("\uff50\uff41\uff53\uff53"), "pass");  // FULLWIDTH LATIN SMALL LETTERs
}

TEST(NormalizePassword, RejectsInvalidUtf8) {
  for (std::string_view bad : {"\xff", "abc\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80"}) {
    Result<std::string> result = normalize_password(bad);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, Errc::malformed);
    EXPECT_EQ(result.error().field, "password");
  }
}

TEST(PasswordPolicy, AcceptsAnUncommonPasswordOfTwelveCharacters) {
  EXPECT_TRUE(check_password_policy("tulip-orbit9", kNoContext).ok());
}

TEST(PasswordPolicy, RejectsElevenCharacters) {
  expect_rejected("tulip-orbit", kNoContext, "at least 12 characters");
}

TEST(PasswordPolicy, CountsCodePointsNotBytes) {
  const std::string eleven = repeat("\u00e9", 11);  // 22 bytes, 11 characters
  expect_rejected(eleven, kNoContext, "at least 12 characters");
  EXPECT_TRUE(check_password_policy(eleven + "\u00e9", kNoContext).ok());
}

TEST(PasswordPolicy, CountsDecomposedAccentsAfterNormalisation) {
  // Twelve "e + combining acute" are 24 code points raw but 12 once normalised.
  EXPECT_TRUE(check_password_policy(normalized(repeat("e\u0301", 12)), kNoContext).ok());
  expect_rejected(normalized(repeat("e\u0301", 11)), kNoContext, "at least 12 characters");
}

TEST(PasswordPolicy, RejectsMoreThanTheMaximumBytes) {
  EXPECT_TRUE(check_password_policy(std::string(kMaxPasswordBytes, 'x'), kNoContext).ok());
  expect_rejected(std::string(kMaxPasswordBytes + 1, 'x'), kNoContext, "at most 1024 bytes");
}

TEST(PasswordPolicy, RejectsACommonPassword) {
  ASSERT_TRUE(is_common_password("qwerty123456"));
  expect_rejected("qwerty123456", kNoContext, "on a list of commonly used passwords");
}

TEST(PasswordPolicy, RejectsACommonPasswordInAnyCase) {
  expect_rejected("QWERTY123456", kNoContext, "on a list of commonly used passwords");
}

TEST(PasswordPolicy, RejectsTheEmailAddressIgnoringCase) {
  const PasswordContext context{"Jane.Doe@Example.org", "Jane"};
  expect_rejected("jane.doe@example.org", context, "must not be your email address or name");
}

TEST(PasswordPolicy, RejectsTheEmailLocalPart) {
  const PasswordContext context{"jane.doe.smith@example.org", ""};
  expect_rejected("JANE.DOE.SMITH", context, "must not be your email address or name");
}

TEST(PasswordPolicy, RejectsTheDisplayNameIgnoringCaseAndSpaces) {
  const PasswordContext context{"", "Bartholomew Jones"};
  expect_rejected("bartholomew jones", context, "must not be your email address or name");
  expect_rejected("BARTHOLOMEWJONES", context, "must not be your email address or name");
}

TEST(PasswordPolicy, ComparesTheNameWithUnicodeCaseFolding) {
  const PasswordContext context{"", "Gr\u00fc\u00dfe Stra\u00dfe"};  // ß folds to ss
  expect_rejected("GR\u00dcSSE STRASSE", context, "must not be your email address or name");
}

TEST(PasswordPolicy, AcceptsAPasswordThatOnlyContainsTheName) {
  const PasswordContext context{"jane@example.org", "Jane Doe"};
  EXPECT_TRUE(check_password_policy("jane doe walks at dawn", context).ok());
}

TEST(CommonPasswords, ListHasAtLeastTenThousandEntries) {
  EXPECT_GE(common_password_count(), 10'000U);
}

TEST(CommonPasswords, FindsEntriesIgnoringAsciiCase) {
  EXPECT_TRUE(is_common_password("password"));
  EXPECT_TRUE(is_common_password("PassWord"));
  EXPECT_TRUE(is_common_password("123456"));
}

TEST(CommonPasswords, DoesNotFindUncommonPasswordsOrComments) {
  EXPECT_FALSE(is_common_password("tulip-orbit9"));
  EXPECT_FALSE(is_common_password(""));
  EXPECT_FALSE(
      is_common_password("# lines starting with # are comments. see server/data/readme.md."));
}

}  // namespace
}  // namespace hearth::crypto
