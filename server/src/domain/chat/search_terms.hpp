// Search terms: what a person typed into chat search, made into the words the store looks for.
//
// The store hands the terms to each database's full-text query language (FTS5 on SQLite,
// tsquery on PostgreSQL) inside quotes, so a term must never hold anything either language
// reads as syntax: terms are runs of ASCII letters and digits and of non-ASCII characters that
// are not punctuation, spaces or symbols (the Unicode blocks of those listed in the .cpp), with
// ASCII lowercased. Everything else separates terms.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace hearth::chat {

inline constexpr std::size_t kMaxSearchBytes = 200;
inline constexpr std::size_t kMaxSearchTerms = 8;

// The distinct terms of `text`, in the order typed, at most kMaxSearchTerms (later ones are
// dropped: more words only narrow what is found). invalid_argument, with field "query", for
// text that is not UTF-8, is longer than kMaxSearchBytes, or has no term at all.
Result<std::vector<std::string>> search_terms(std::string_view text);

}  // namespace hearth::chat
