#include "domain/chat/search_terms.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hearth::chat {
namespace {

using Terms = std::vector<std::string>;

struct Case {
  std::string typed;
  Terms terms;
};

class SearchTermsTable : public ::testing::TestWithParam<Case> {};

TEST_P(SearchTermsTable, SplitsIntoWordsThatHoldNoQuerySyntax) {
  auto terms = search_terms(GetParam().typed);
  ASSERT_TRUE(terms.ok()) << terms.error().message;
  EXPECT_EQ(*terms, GetParam().terms);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SearchTermsTable,
    ::testing::Values(Case{"craving", {"craving"}},
                      Case{"  Meeting   Tomorrow ", {"meeting", "tomorrow"}},
                      // What FTS5 or tsquery would read as syntax only separates.
                      Case{R"("quoted" OR title:x -not*)", {"quoted", "or", "title", "x", "not"}},
                      Case{R"('a' & b | !c <-> d:* (e))", {"a", "b", "c", "d", "e"}},
                      Case{"don't", {"don", "t"}}, Case{"step-by-step", {"step", "by"}},
                      Case{"café naïve", {"café", "naïve"}},  // letters beyond ASCII stay in words
                      Case{"Ängste", {"Ängste"}},             // and are not lowercased here
                      Case{"don’t — “ok”…", {"don", "t", "ok"}},  // Unicode punctuation separates
                      Case{"hope🙂today", {"hope", "today"}},   // so do emoji
                      Case{"日本語 テスト", {"日本語", "テスト"}},
                      Case{"a a A", {"a"}},  // each word once
                      Case{"1 2 3 4 5 6 7 8 9 10", {"1", "2", "3", "4", "5", "6", "7", "8"}}));

TEST(SearchTerms, NothingToLookForIsRefused) {
  for (const std::string typed : {"", "   ", "!!! ???", "\"*\"", "🙂"}) {
    auto terms = search_terms(typed);
    ASSERT_FALSE(terms.ok()) << typed;
    EXPECT_EQ(terms.error().code, Errc::invalid_argument);
    EXPECT_EQ(terms.error().field, "query");
  }
}

TEST(SearchTerms, TextThatIsNotUtf8IsRefused) {
  for (const std::string typed :
       {std::string("ab\xff"), std::string("\xc3"), std::string("\xc0\xaf"),
        std::string("\xed\xa0\x80"), std::string("\xf4\x90\x80\x80")}) {
    auto terms = search_terms(typed);
    ASSERT_FALSE(terms.ok());
    EXPECT_EQ(terms.error().code, Errc::invalid_argument);
  }
}

TEST(SearchTerms, ASearchLongerThanTheLimitIsRefused) {
  EXPECT_TRUE(search_terms(std::string(kMaxSearchBytes, 'a')).ok());
  auto terms = search_terms(std::string(kMaxSearchBytes + 1, 'a'));
  ASSERT_FALSE(terms.ok());
  EXPECT_EQ(terms.error().code, Errc::invalid_argument);
}

}  // namespace
}  // namespace hearth::chat
