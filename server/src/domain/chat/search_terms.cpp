#include "domain/chat/search_terms.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace hearth::chat {

namespace {

struct CodePoint {
  std::uint32_t value = 0;
  std::size_t length = 0;  // bytes
};

// The code point at the start of `text`, or nullopt for bytes that are not UTF-8 (an overlong
// form, a surrogate, a value above U+10FFFF, a cut-off sequence).
std::optional<CodePoint> next_code_point(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char first = byte(0);
  if (first < 0x80) return CodePoint{first, 1};
  std::size_t length = 0;
  std::uint32_t value = 0;
  std::uint32_t smallest = 0;
  if ((first & 0xe0) == 0xc0) {
    length = 2;
    value = first & 0x1f;
    smallest = 0x80;
  } else if ((first & 0xf0) == 0xe0) {
    length = 3;
    value = first & 0x0f;
    smallest = 0x800;
  } else if ((first & 0xf8) == 0xf0) {
    length = 4;
    value = first & 0x07;
    smallest = 0x10000;
  } else {
    return std::nullopt;
  }
  if (text.size() < length) return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xc0) != 0x80) return std::nullopt;
    value = (value << 6) | (byte(i) & 0x3f);
  }
  if (value < smallest || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
    return std::nullopt;
  }
  return CodePoint{value, length};
}

bool is_ascii_word_character(std::uint32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Non-ASCII code points that separate words: the Latin-1 controls, spaces and signs, and the
// blocks of punctuation, spaces, symbols and emoji. Letters of every script stay in words.
bool separates_words(std::uint32_t c) {
  struct Range {
    std::uint32_t from, to;
  };
  static constexpr Range kSeparators[] = {
      {0x0080, 0x00bf},  // C1 controls, no-break space, Latin-1 punctuation and signs
      {0x00d7, 0x00d7},  // multiplication sign
      {0x00f7, 0x00f7},  // division sign
      {0x2000, 0x2bff},  // general punctuation … miscellaneous symbols and arrows
      {0x2e00, 0x2e7f},  // supplemental punctuation
      {0x3000, 0x303f},  // CJK symbols and punctuation (ideographic space, brackets)
      {0xfe10, 0xfe1f},  // vertical forms
      {0xfe30, 0xfe6f},  // CJK compatibility forms, small form variants
      {0xfeff, 0xfeff},  // zero-width no-break space
      {0xff00, 0xff0f},  // fullwidth punctuation
      {0xff1a, 0xff20}, {0xff3b, 0xff40},
      {0xff5b, 0xff65}, {0x1f000, 0x1faff},  // emoji and pictographs
  };
  return std::ranges::any_of(kSeparators, [c](const Range& r) { return c >= r.from && c <= r.to; });
}

Error bad_query(std::string message) {
  return Error::of(Errc::invalid_argument, std::move(message), "query");
}

}  // namespace

Result<std::vector<std::string>> search_terms(std::string_view text) {
  if (text.size() > kMaxSearchBytes) {
    return bad_query("a search may be at most " + std::to_string(kMaxSearchBytes) + " bytes");
  }
  std::vector<std::string> terms;
  std::string term;
  const auto end_term = [&] {
    if (!term.empty() && terms.size() < kMaxSearchTerms &&
        std::ranges::find(terms, term) == terms.end()) {
      terms.push_back(term);
    }
    term.clear();
  };
  for (std::size_t at = 0; at < text.size();) {
    const auto c = next_code_point(text.substr(at));
    if (!c) return bad_query("a search must be UTF-8 text");
    if (c->value < 0x80 ? is_ascii_word_character(c->value) : !separates_words(c->value)) {
      for (std::size_t i = 0; i < c->length; ++i) {
        const char byte = text[at + i];
        term += (byte >= 'A' && byte <= 'Z') ? static_cast<char>(byte - 'A' + 'a') : byte;
      }
    } else {
      end_term();
    }
    at += c->length;
  }
  end_term();
  if (terms.empty()) return bad_query("a search needs at least one word");
  return terms;
}

}  // namespace hearth::chat
