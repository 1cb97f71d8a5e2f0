#include "crypto/tokens.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hearth::crypto {
namespace {

TEST(Tokens, AreFortyThreeCharacters) {
  EXPECT_EQ(random_token().size(), 43U);
}

TEST(Tokens, UseOnlyTheBase64UrlAlphabet) {
  for (int i = 0; i < 100; ++i) {
    const std::string token = random_token();
    EXPECT_EQ(
        token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos)
        << token;
    EXPECT_TRUE(looks_like_token(token));
  }
}

TEST(Tokens, DoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(seen.insert(random_token()).second);
}

TEST(TokenDigest, IsSha256OfAbc) {
  // FIPS 180-2 appendix B.1.
  EXPECT_EQ(token_digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TokenDigest, IsSha256OfTheEmptyString) {
  EXPECT_EQ(token_digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(TokenDigest, DiffersFromTheTokenAndIsLowerCaseHex) {
  const std::string token = random_token();
  const std::string digest = token_digest(token);
  EXPECT_EQ(digest.size(), 64U);
  EXPECT_EQ(digest.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(digest, token);
  EXPECT_EQ(digest, token_digest(token));
}

TEST(ConstantTimeEqual, ComparesContent) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
  EXPECT_FALSE(constant_time_equal("", "a"));
}

TEST(LooksLikeToken, RejectsOtherShapes) {
  const std::string token = random_token();
  EXPECT_FALSE(looks_like_token(""));
  EXPECT_FALSE(looks_like_token(token.substr(1)));
  EXPECT_FALSE(looks_like_token(token + "A"));
  for (char bad : {'+', '/', '=', ' ', '.', '\0'}) {
    std::string changed = token;
    changed[7] = bad;
    EXPECT_FALSE(looks_like_token(changed)) << bad;
  }
}

}  // namespace
}  // namespace hearth::crypto
