#include "crypto/recovery_codes.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hearth::crypto {
namespace {

TEST(RecoveryCodes, HaveTheDocumentedShape) {
  const std::vector<std::string> codes = new_recovery_codes();
  ASSERT_EQ(codes.size(), static_cast<std::size_t>(kRecoveryCodeCount));
  for (const std::string& code : codes) {
    ASSERT_EQ(code.size(), 11U) << code;
    EXPECT_EQ(code[5], '-') << code;
    EXPECT_EQ(code.substr(0, 5).find_first_not_of("abcdefghijklmnopqrstuvwxyz234567"),
              std::string::npos)
        << code;
    EXPECT_EQ(code.substr(6).find_first_not_of("abcdefghijklmnopqrstuvwxyz234567"),
              std::string::npos)
        << code;
  }
}

TEST(RecoveryCodes, AreDistinct) {
  const std::vector<std::string> codes = new_recovery_codes(200);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size());
}

TEST(RecoveryCodes, HonourTheCount) {
  EXPECT_EQ(new_recovery_codes(3).size(), 3U);
  EXPECT_TRUE(new_recovery_codes(0).empty());
  EXPECT_TRUE(new_recovery_codes(-1).empty());
}

TEST(RecoveryCodes, NormaliseToTheirTenCharacters) {
  for (const std::string& code : new_recovery_codes()) {
    std::string expected = code;
    expected.erase(5, 1);
    EXPECT_EQ(normalize_recovery_code(code), expected);
  }
}

TEST(NormalizeRecoveryCode, DropsCaseSpacesAndHyphens) {
  EXPECT_EQ(normalize_recovery_code("abcde-fghij"), "abcdefghij");
  EXPECT_EQ(normalize_recovery_code(" ABCDE FGHIJ "), "abcdefghij");
  EXPECT_EQ(normalize_recovery_code("ab-cd-ef-gh-ij"), "abcdefghij");
}

TEST(NormalizeRecoveryCode, ReturnsEmptyForOddInput) {
  for (std::string_view bad : {"", "abcde-fghi", "abcde-fghijk", "abcde-fghi1", "abcde_fghij",
                               "abcde-fgh\xc3\xa9", "abcde\tfghij", "abcde-fghij\n"}) {
    EXPECT_EQ(normalize_recovery_code(bad), "") << bad;
  }
}

TEST(RecoveryCodeDigest, IsSha256Hex) {
  EXPECT_EQ(recovery_code_digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_NE(recovery_code_digest("abcdefghij"), recovery_code_digest("abcdefghik"));
}

}  // namespace
}  // namespace hearth::crypto
