// Fuzz target: raw bytes → the crisis-phrase matcher (domain/support/crisis_matcher), read as a
// message and as a phrase file. Whatever participants type (any bytes: invalid UTF-8, NULs,
// floods of one letter) must be read without a crash and within time.
//
// Properties checked beyond "no crash, no sanitizer report": every match lies inside the text,
// names a phrase of the list, and a second reading of the same text finds the same matches.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/support/crisis_matcher.hpp"

namespace {

using hearth::support::CrisisMatcher;

const CrisisMatcher& matcher() {
  static const CrisisMatcher instance = [] {
    auto created = CrisisMatcher::create(hearth::support::default_crisis_phrases());
    if (!created.ok()) std::abort();
    return std::move(created).value();
  }();
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto found = matcher().find(text);
  for (const auto& match : found) {
    if (match.begin >= match.end || match.end > text.size()) std::abort();
    if (match.phrase >= matcher().phrases().size()) std::abort();
    if (matcher().phrases()[match.phrase].category != match.category) std::abort();
  }
  const auto again = matcher().find(text);
  if (again.size() != found.size()) std::abort();
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (again[i].begin != found[i].begin || again[i].phrase != found[i].phrase) std::abort();
  }
  // The same bytes as a deployment's phrase file: refused or read, never a crash; what is read
  // makes a matcher.
  if (auto phrases = hearth::support::parse_crisis_phrases(text); phrases.ok()) {
    if (!CrisisMatcher::create(std::move(phrases).value()).ok()) std::abort();
  }
  return 0;
}
