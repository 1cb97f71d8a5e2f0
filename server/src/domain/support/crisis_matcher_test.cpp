#include "domain/support/crisis_matcher.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hearth::support {
namespace {

const CrisisMatcher& defaults() {
  static const CrisisMatcher matcher = [] {
    auto created = CrisisMatcher::create(default_crisis_phrases());
    EXPECT_TRUE(created.ok());
    return std::move(created).value();
  }();
  return matcher;
}

// The categories found in a text, in order, one per match.
std::vector<std::string> categories_in(std::string_view text) {
  std::vector<std::string> names;
  for (const auto& match : defaults().find(text)) {
    names.emplace_back(category_name(match.category));
  }
  return names;
}

struct Case {
  const char* text;
  const char* category;  // the first match's category
};

class FindsCrisis : public ::testing::TestWithParam<Case> {};

TEST_P(FindsCrisis, InText) {
  const auto found = categories_in(GetParam().text);
  ASSERT_FALSE(found.empty()) << "nothing found in: " << GetParam().text;
  EXPECT_EQ(found.front(), GetParam().category) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, FindsCrisis,
    ::testing::Values(
        // plain, and any case
        Case{"I want to die", "suicidal_thoughts"}, Case{"i wanna die", "suicidal_thoughts"},
        Case{"Sometimes I think about SUICIDE.", "suicidal_thoughts"},
        Case{"honestly i might kill myself tonight", "suicidal_thoughts"},
        // misspelt: one letter missing, added, changed or swapped in a long word
        Case{"thinking about suicde", "suicidal_thoughts"},
        Case{"thinking about sucide", "suicidal_thoughts"},
        Case{"thinking about suiscide", "suicidal_thoughts"},
        Case{"thinking about suicdie", "suicidal_thoughts"},
        Case{"i overdosd last night", "overdose"}, Case{"kill myslef", "suicidal_thoughts"},
        // repeated letters, look-alike digits and symbols
        Case{"killl myselfff", "suicidal_thoughts"}, Case{"I w4nt to d1e", "suicidal_thoughts"},
        Case{"$uicide", "suicidal_thoughts"}, Case{"k1ll mys3lf", "suicidal_thoughts"},
        Case{"kmssss", "suicidal_thoughts"},
        // apostrophes, straight and curly, and none
        Case{"I don't want to live", "suicidal_thoughts"},
        Case{"I don\xE2\x80\x99t want to live anymore", "suicidal_thoughts"},
        Case{"i dont want to be here anymore", "suicidal_thoughts"},
        Case{"I can't go on", "suicidal_thoughts"},
        // punctuation, dashes, quotes and emoji between words
        Case{"\xE2\x80\x9CI want to die\xE2\x80\x9D", "suicidal_thoughts"},
        Case{"want to die\xF0\x9F\x98\xA2", "suicidal_thoughts"},
        Case{"want...to...die", "suicidal_thoughts"}, Case{"self-harm again", "self_harm"},
        Case{"self\xE2\x80\x94harm", "self_harm"},
        // words split or run together
        Case{"kill my self", "suicidal_thoughts"}, Case{"selfharm", "self_harm"},
        Case{"i cut my self", "self_harm"}, Case{"good bye everyone", "farewell"},
        // each category
        Case{"I hurt myself again", "self_harm"}, Case{"took all my pills", "overdose"},
        Case{"so this is goodbye", "farewell"}, Case{"I'm giving away my things", "farewell"},
        Case{"you won't see me again", "farewell"}));

class FindsNothing : public ::testing::TestWithParam<const char*> {};

TEST_P(FindsNothing, InText) {
  EXPECT_TRUE(categories_in(GetParam()).empty()) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Table, FindsNothing,
                         ::testing::Values("", "   ", "skills group was good today",
                                           "I studied for the exam", "the diet is going fine",
                                           "I'd die for pizza", "I killed it at work",
                                           "my self-esteem is better", "this is good",
                                           "goodbye, see you Thursday", "overdue library books",
                                           "took 30 minutes", "harmless fun",
                                           "I want to dine out"));

// On purpose: a needless alert costs a clinician a look; a missed one can cost a life.
TEST(CrisisMatcher, ErrsTowardsFinding) {
  EXPECT_EQ(categories_in("I don't want to die"), std::vector<std::string>{"suicidal_thoughts"});
  EXPECT_EQ(categories_in("watched Suicide Squad"), std::vector<std::string>{"suicidal_thoughts"});
}

TEST(CrisisMatcher, SaysWhereEachMatchIs) {
  const std::string text = "oh. I want to die now and kill myself";
  const auto found = defaults().find(text);
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "want to die");
  EXPECT_EQ(defaults().phrases()[found[0].phrase].text, "want to die");
  EXPECT_EQ(text.substr(found[1].begin, found[1].end - found[1].begin), "kill myself");
}

TEST(CrisisMatcher, APhraseFoundTwiceIsListedTwice) {
  EXPECT_EQ(categories_in("suicide. suicide.").size(), 2U);
}

TEST(CrisisMatcher, AnyBytesAreRead) {
  // Invalid UTF-8 separates words; it never stops the words around it from being read.
  EXPECT_EQ(categories_in("want\xFFto\xC0 die").size(), 1U);
  EXPECT_EQ(categories_in(std::string("want\0to die", 11)).size(), 1U);
  EXPECT_TRUE(categories_in("\xE2\x80").empty());  // a character cut short
  // Letters of other scripts are parts of words, not separators.
  EXPECT_TRUE(categories_in("d\xC3\xAF"
                            "e")
                  .empty());
  EXPECT_TRUE(categories_in(std::string(100'000, 'a')).empty());
}

TEST(CrisisMatcher, ConfiguredPhrasesAreUsedInsteadOfTheDefaults) {
  auto matcher = CrisisMatcher::create({{CrisisCategory::overdose, "too much fentanyl"}});
  ASSERT_TRUE(matcher.ok());
  EXPECT_EQ(matcher->find("I took too much fentanyl").size(), 1U);
  EXPECT_TRUE(matcher->find("I want to die").empty());
}

TEST(CrisisMatcher, PhrasesWithoutWordsOrWithTooManyAreRefused) {
  EXPECT_FALSE(CrisisMatcher::create({{CrisisCategory::farewell, ""}}).ok());
  EXPECT_FALSE(CrisisMatcher::create({{CrisisCategory::farewell, " - ! "}}).ok());
  const auto long_phrase = CrisisMatcher::create({{CrisisCategory::farewell, "a b c d e f g h i"}});
  ASSERT_FALSE(long_phrase.ok());
  EXPECT_EQ(long_phrase.error().code, Errc::invalid_argument);
}

TEST(CrisisPhrases, AFileIsReadLineByLine) {
  auto phrases = parse_crisis_phrases(
      "# our list\n\nself_harm: scratch myself\r\n  overdose :  took everything  \nfarewell: bye "
      "all");
  ASSERT_TRUE(phrases.ok()) << phrases.error().message;
  ASSERT_EQ(phrases->size(), 3U);
  EXPECT_EQ((*phrases)[0].category, CrisisCategory::self_harm);
  EXPECT_EQ((*phrases)[0].text, "scratch myself");
  EXPECT_EQ((*phrases)[1].category, CrisisCategory::overdose);
  EXPECT_EQ((*phrases)[1].text, "took everything");
  EXPECT_EQ((*phrases)[2].text, "bye all");
}

TEST(CrisisPhrases, ABadLineIsNamed) {
  const auto unknown = parse_crisis_phrases("self_harm: cut myself\nsadness: so sad\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, Errc::invalid_argument);
  EXPECT_NE(unknown.error().message.find("line 2"), std::string::npos) << unknown.error().message;

  const auto no_colon = parse_crisis_phrases("# list\nkill myself\n");
  ASSERT_FALSE(no_colon.ok());
  EXPECT_NE(no_colon.error().message.find("line 2"), std::string::npos);

  const auto empty = parse_crisis_phrases("overdose:   \n");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("line 1"), std::string::npos);
}

TEST(CrisisCategories, NamesGoBothWays) {
  for (const auto category : {CrisisCategory::suicidal_thoughts, CrisisCategory::self_harm,
                              CrisisCategory::overdose, CrisisCategory::farewell}) {
    EXPECT_EQ(parse_category(category_name(category)), category);
  }
  EXPECT_FALSE(parse_category("Suicidal_Thoughts"));
}

}  // namespace
}  // namespace hearth::support
