#include "domain/support/crisis_matcher.hpp"

#include <array>
#include <utility>

namespace hearth::support {

namespace {

// Words of five letters or more match with one edit; shorter ones only exactly, as one edit
// turns too many short words into others ("die" → "did", "dye", "diet").
constexpr std::size_t kFuzzyFrom = 5;

// A word of the text, read: lowercase, apostrophes gone, look-alike digits and symbols turned
// into letters, runs of one letter made one.
struct Word {
  std::string read;
  std::size_t begin = 0;  // its bytes in the text
  std::size_t end = 0;
};

enum class Kind { word, dropped, separator };

// The kind and length of the (UTF-8) character at text[i]. Invalid bytes separate words.
std::pair<Kind, std::size_t> classify(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    const bool letter_or_digit =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (letter_or_digit || c == '@' || c == '$') return {Kind::word, 1};
    if (c == '\'') return {Kind::dropped, 1};
    return {Kind::separator, 1};
  }
  std::size_t length = 0;
  if (c >= 0xC2 && c <= 0xDF) length = 2;
  if (c >= 0xE0 && c <= 0xEF) length = 3;
  if (c >= 0xF0 && c <= 0xF4) length = 4;
  if (length == 0 || i + length > text.size()) return {Kind::separator, 1};
  for (std::size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return {Kind::separator, 1};
  }
  if (length == 4) return {Kind::separator, 4};  // emoji and other symbols beyond the BMP
  const auto b1 = static_cast<unsigned char>(text[i + 1]);
  if (length == 2) {
    // U+00A0 no-break space, U+00AB and U+00BB guillemets; other letters belong to words.
    const bool space_or_quote = c == 0xC2 && (b1 == 0xA0 || b1 == 0xAB || b1 == 0xBB);
    return {space_or_quote ? Kind::separator : Kind::word, 2};
  }
  const auto b2 = static_cast<unsigned char>(text[i + 2]);
  if (c == 0xE2 && b1 == 0x80) {
    if (b2 == 0x98 || b2 == 0x99) return {Kind::dropped, 3};  // ‘ ’ (apostrophes)
    if (b2 >= 0x8B && b2 <= 0x8D) return {Kind::dropped, 3};  // zero-width space and joiners
    return {Kind::separator, 3};  // dashes, quotes, ellipsis and other punctuation
  }
  // U+2190–U+2BFF: arrows, symbols, dingbats (❤ ☹ ✨); U+3000: the ideographic space.
  if ((c == 0xE2 && b1 >= 0x86) || (c == 0xE3 && b1 == 0x80 && b2 == 0x80)) {
    return {Kind::separator, 3};
  }
  return {Kind::word, 3};
}

char read_ascii(char c, bool has_letter) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  if (!has_letter) return c;  // "30 pills": a number stays a number
  switch (c) {
    case '0':
      return 'o';
    case '1':
      return 'i';
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '7':
      return 't';
    case '@':
      return 'a';
    case '$':
      return 's';
    default:
      return c;
  }
}

// Lowercases and maps the word's ASCII bytes and makes each run of one ASCII letter a single
// letter; the bytes of other characters are kept as they are.
std::string read_word(std::string_view raw) {
  bool has_letter = false;
  for (const char c : raw) has_letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  std::string read;
  read.reserve(raw.size());
  for (const char c : raw) {
    const char r = static_cast<unsigned char>(c) < 0x80 ? read_ascii(c, has_letter) : c;
    const bool ascii_letter = r >= 'a' && r <= 'z';
    if (ascii_letter && !read.empty() && read.back() == r) continue;
    read.push_back(r);
  }
  return read;
}

std::vector<Word> split(std::string_view text) {
  std::vector<Word> words;
  std::string raw;
  std::size_t begin = 0;
  std::size_t end = 0;
  const auto finish = [&] {
    if (!raw.empty()) words.push_back(Word{read_word(raw), begin, end});
    raw.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto [kind, length] = classify(text, i);
    if (kind == Kind::separator) {
      finish();
    } else {
      if (raw.empty()) begin = i;
      if (kind == Kind::word) raw.append(text.substr(i, length));
      end = i + length;
    }
    i += length;
  }
  finish();
  return words;
}

// Two words joined as one ("my" "self" → "myself"), read again where they meet.
std::string joined(std::string_view first, std::string_view second) {
  std::string word(first);
  if (!word.empty() && !second.empty() && word.back() == second.front() && word.back() >= 'a' &&
      word.back() <= 'z') {
    second.remove_prefix(1);
  }
  word.append(second);
  return word;
}

// Whether a and b differ by at most one letter added, removed or changed, or two neighbours
// swapped.
bool within_one_edit(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() - b.size() > 1) return false;
  std::size_t i = 0;
  while (i < b.size() && a[i] == b[i]) ++i;
  if (i == b.size()) return true;  // equal, or one letter added at the end
  if (a.size() != b.size()) return a.substr(i + 1) == b.substr(i);
  if (a.substr(i + 1) == b.substr(i + 1)) return true;  // one changed
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         a.substr(i + 2) == b.substr(i + 2);
}

bool similar(std::string_view word, std::string_view phrase_word) {
  if (word == phrase_word) return true;
  return phrase_word.size() >= kFuzzyFrom && within_one_edit(word, phrase_word);
}

// Whether a join of `left` and `right` could be similar to a word of `target` letters.
bool could_join_to(std::size_t left, std::size_t right, std::size_t target) {
  const std::size_t sum = left + right;
  return sum + 1 >= target && sum <= target + 2;  // joining may drop one letter
}

// The text word index just past a match of phrase words [p..] from text word t, if any. Each
// step takes one word of each, or two of the text for one of the phrase ("kill my self"), or
// one of the text for two of the phrase ("selfharm").
std::optional<std::size_t> match_from(const std::vector<std::string>& phrase, std::size_t p,
                                      const std::vector<Word>& text, std::size_t t) {
  if (p == phrase.size()) return t;
  if (t >= text.size()) return std::nullopt;
  const std::string& word = text[t].read;
  if (similar(word, phrase[p])) {
    if (auto end = match_from(phrase, p + 1, text, t + 1)) return end;
  }
  if (t + 1 < text.size() &&
      could_join_to(word.size(), text[t + 1].read.size(), phrase[p].size()) &&
      similar(joined(word, text[t + 1].read), phrase[p])) {
    if (auto end = match_from(phrase, p + 1, text, t + 2)) return end;
  }
  if (p + 1 < phrase.size() && could_join_to(phrase[p].size(), phrase[p + 1].size(), word.size()) &&
      similar(word, joined(phrase[p], phrase[p + 1]))) {
    if (auto end = match_from(phrase, p + 2, text, t + 1)) return end;
  }
  return std::nullopt;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

constexpr std::array<std::pair<CrisisCategory, std::string_view>, 4> kCategoryNames{{
    {CrisisCategory::suicidal_thoughts, "suicidal_thoughts"},
    {CrisisCategory::self_harm, "self_harm"},
    {CrisisCategory::overdose, "overdose"},
    {CrisisCategory::farewell, "farewell"},
}};

}  // namespace

std::string_view category_name(CrisisCategory category) {
  for (const auto& [value, name] : kCategoryNames) {
    if (value == category) return name;
  }
  return "unknown";
}

std::optional<CrisisCategory> parse_category(std::string_view name) {
  for (const auto& [value, known] : kCategoryNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

Result<CrisisMatcher> CrisisMatcher::create(std::vector<CrisisPhrase> phrases) {
  if (phrases.size() > kMaxPhrases) {
    return Error::of(Errc::invalid_argument,
                     "at most " + std::to_string(kMaxPhrases) + " crisis phrases");
  }
  std::vector<std::vector<std::string>> words;
  words.reserve(phrases.size());
  for (const auto& phrase : phrases) {
    std::vector<std::string> read;
    for (auto& word : split(phrase.text)) read.push_back(std::move(word.read));
    if (read.empty() || read.size() > kMaxWordsPerPhrase) {
      return Error::of(Errc::invalid_argument, "the crisis phrase \"" + phrase.text +
                                                   "\" must have 1 to " +
                                                   std::to_string(kMaxWordsPerPhrase) + " words");
    }
    words.push_back(std::move(read));
  }
  return CrisisMatcher(std::move(phrases), std::move(words));
}

std::vector<CrisisMatch> CrisisMatcher::find(std::string_view text) const {
  const auto words = split(text);
  std::vector<CrisisMatch> found;
  for (std::size_t t = 0; t < words.size(); ++t) {
    for (std::size_t i = 0; i < phrase_words_.size(); ++i) {
      if (const auto end = match_from(phrase_words_[i], 0, words, t)) {
        found.push_back(CrisisMatch{phrases_[i].category, i, words[t].begin, words[*end - 1].end});
      }
    }
  }
  return found;
}

Result<std::vector<CrisisPhrase>> parse_crisis_phrases(std::string_view text) {
  std::vector<CrisisPhrase> phrases;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const auto newline = text.find('\n');
    const auto line = trimmed(text.substr(0, newline));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.empty() || line.front() == '#') continue;
    const auto at = "line " + std::to_string(line_number) + ": ";
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      return Error::of(Errc::invalid_argument, at + "expected \"category: phrase\"");
    }
    const auto category = parse_category(trimmed(line.substr(0, colon)));
    if (!category) {
      return Error::of(Errc::invalid_argument,
                       at + "the category must be one of suicidal_thoughts, self_harm, "
                            "overdose, farewell");
    }
    CrisisPhrase phrase{*category, std::string(trimmed(line.substr(colon + 1)))};
    if (auto checked = CrisisMatcher::create({phrase}); !checked.ok()) {
      return Error::of(Errc::invalid_argument, at + checked.error().message);
    }
    phrases.push_back(std::move(phrase));
  }
  if (auto checked = CrisisMatcher::create(phrases); !checked.ok()) return checked.error();
  return phrases;
}

std::vector<CrisisPhrase> default_crisis_phrases() {
  using enum CrisisCategory;
  std::vector<CrisisPhrase> phrases;
  const auto add = [&phrases](CrisisCategory category, std::initializer_list<const char*> texts) {
    for (const char* text : texts) phrases.push_back(CrisisPhrase{category, text});
  };
  add(suicidal_thoughts, {"suicide",
                          "suicidal",
                          "kill myself",
                          "killing myself",
                          "end my life",
                          "ending my life",
                          "take my own life",
                          "end it all",
                          "want to die",
                          "wanna die",
                          "wish i was dead",
                          "wish i were dead",
                          "better off dead",
                          "better off without me",
                          "no reason to live",
                          "nothing to live for",
                          "dont want to live",
                          "do not want to live",
                          "dont want to be here anymore",
                          "cant go on",
                          "not worth living",
                          "kms"});
  add(self_harm, {"self harm", "harm myself", "hurt myself", "hurting myself", "cut myself",
                  "cutting myself", "burn myself", "burning myself"});
  add(overdose, {"overdose", "overdosed", "overdosing", "took all my pills", "take all my pills",
                 "took too many pills", "took all my meds", "take all my meds"});
  add(farewell, {"goodbye everyone", "goodbye forever", "this is goodbye", "my final goodbye",
                 "wont be around much longer", "wont be here much longer", "you wont see me again",
                 "giving away my things", "giving away my stuff"});
  return phrases;
}

}  // namespace hearth::support
