// CrisisMatcher: finds crisis phrases (suicidal thoughts, self-harm, overdose, farewell
// messages) in free text written by participants: chat messages now, forum posts and check-ins
// later. A match never blocks or hides what was written; the caller shows its author crisis
// resources and alerts their clinicians.
//
// The matcher errs towards finding: someone in crisis types fast, misspells and abbreviates.
//   - Words, not substrings: "skills" does not hold "kill", "studied" does not hold "die".
//   - Case, apostrophes (' ’) and repeated letters do not matter: "Killl MYSELF", "I’m", "im".
//   - Punctuation, dashes, quotes and emoji separate words: "self-harm", "“die”", "die😢".
//   - Digits and symbols inside a word read as the letters they stand for: "d1e", "$uicide".
//   - A word of five letters or more matches with one letter added, missing, changed, or two
//     neighbours swapped: "suicde", "sucide", "overdoes".
//   - A phrase word may be split in the text, or two phrase words run together: "kill my self"
//     and "selfharm" both match.
// Negation is not understood ("I don't want to die" matches "want to die"): a clinician reads
// the alert, and missing a real one costs far more than a needless one.
//
// Threads: a CrisisMatcher is immutable after create(); find() may run on many threads at once.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"

namespace hearth::support {

enum class CrisisCategory { suicidal_thoughts, self_harm, overdose, farewell };

// "suicidal_thoughts", "self_harm", "overdose", "farewell": the names used in phrase files,
// alerts and the API.
std::string_view category_name(CrisisCategory category);
std::optional<CrisisCategory> parse_category(std::string_view name);

struct CrisisPhrase {
  CrisisCategory category = CrisisCategory::suicidal_thoughts;
  std::string text;  // as configured, e.g. "kill myself"
};

struct CrisisMatch {
  CrisisCategory category = CrisisCategory::suicidal_thoughts;
  std::size_t phrase = 0;  // index into CrisisMatcher::phrases()
  std::size_t begin = 0;   // the byte range of the text that matched
  std::size_t end = 0;
};

class CrisisMatcher {
 public:
  static constexpr std::size_t kMaxPhrases = 1000;
  static constexpr std::size_t kMaxWordsPerPhrase = 8;

  // Errc::invalid_argument, naming the phrase, for a phrase without a word or with more than
  // kMaxWordsPerPhrase words, or more than kMaxPhrases phrases.
  static Result<CrisisMatcher> create(std::vector<CrisisPhrase> phrases);

  // Every phrase found, by position in the text (then by phrase); a phrase found at two places
  // is listed twice. Any text may be given, invalid UTF-8 included.
  std::vector<CrisisMatch> find(std::string_view text) const;

  const std::vector<CrisisPhrase>& phrases() const { return phrases_; }

 private:
  CrisisMatcher(std::vector<CrisisPhrase> phrases, std::vector<std::vector<std::string>> words)
      : phrases_(std::move(phrases)), phrase_words_(std::move(words)) {}

  std::vector<CrisisPhrase> phrases_;
  std::vector<std::vector<std::string>> phrase_words_;  // each phrase's words, read as text is
};

// The built-in English list, used when a deployment configures none.
std::vector<CrisisPhrase> default_crisis_phrases();

// A phrase list as a deployment writes it: one "category: phrase" a line, e.g.
// "self_harm: cut myself"; blank lines and lines starting with '#' are skipped.
// Errc::invalid_argument naming the line for an unknown category, a line without ':', or a
// phrase create() would refuse.
Result<std::vector<CrisisPhrase>> parse_crisis_phrases(std::string_view text);

}  // namespace hearth::support
