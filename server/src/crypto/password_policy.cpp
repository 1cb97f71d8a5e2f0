#include "crypto/password_policy.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "crypto/common_passwords_data.hpp"

namespace hearth::crypto {
namespace {

constexpr char kField[] = "password";
// The messages below spell the limits out; keep them in step.
static_assert(kMinPasswordCodePoints == 12 && kMaxPasswordBytes == 1024);

// ICU takes int32_t lengths; nothing this long is a password, and the HTTP layer caps bodies far
// below it, but the check keeps the casts below honest.
bool fits_icu(std::string_view s) {
  return s.size() <= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max());
}

// Well-formed UTF-8 as RFC 3629 defines it: U8_NEXT yields a negative code point for overlong
// forms, surrogates, values past U+10FFFF and truncated sequences.
bool is_valid_utf8(std::string_view s) {
  if (!fits_icu(s)) return false;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto length = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

// Applies one of ICU's normalisers to well-formed UTF-8; nullopt if ICU fails (missing data).
std::optional<std::string> apply(const icu::Normalizer2* normalizer, UErrorCode status,
                                 std::string_view text) {
  if (U_FAILURE(status) || normalizer == nullptr) return std::nullopt;
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<std::int32_t>(text.size()));
  normalizer->normalizeUTF8(0,
                            icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())),
                            sink, nullptr, status);
  if (U_FAILURE(status)) return std::nullopt;
  return out;
}

// The Unicode NFKC_Casefold mapping (UAX #44): NFKC plus full case folding, for caseless matching.
// nullopt for text that is not well-formed UTF-8, which then matches nothing.
std::optional<std::string> case_fold(std::string_view text) {
  if (!is_valid_utf8(text)) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* folder = icu::Normalizer2::getNFKCCasefoldInstance(status);
  return apply(folder, status, text);
}

std::size_t count_code_points(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;  // not a continuation byte
  }));
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string without_spaces(std::string_view s) {
  std::string out;
  std::copy_if(s.begin(), s.end(), std::back_inserter(out), [](char c) { return c != ' '; });
  return out;
}

// The compiled-in list: one lower-case password per line, '#' lines are comments. Sorted for
// binary search; the views point into the static array, which lives as long as the program.
const std::vector<std::string_view>& common_passwords() {
  static const std::vector<std::string_view> list = [] {
    std::string_view data(reinterpret_cast<const char*>(detail::kCommonPasswordsData),
                          detail::kCommonPasswordsDataSize);
    std::vector<std::string_view> entries;
    while (!data.empty()) {
      const std::size_t end = std::min(data.find('\n'), data.size());
      std::string_view line = data.substr(0, end);
      data.remove_prefix(std::min(end + 1, data.size()));
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (!line.empty() && !line.starts_with('#')) entries.push_back(line);
    }
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    return entries;
  }();
  return list;
}

bool matches_context(std::string_view normalized_password, const PasswordContext& context) {
  const std::optional<std::string> password = case_fold(normalized_password);
  if (!password || password->empty()) return false;
  std::vector<std::string> forbidden;
  if (auto email = case_fold(context.email); email && !email->empty()) {
    forbidden.push_back(*email);
    if (std::size_t at = email->rfind('@'); at != std::string::npos) {
      forbidden.push_back(email->substr(0, at));
    }
  }
  if (auto name = case_fold(context.display_name); name && !name->empty()) {
    forbidden.push_back(*name);
    forbidden.push_back(without_spaces(*name));
  }
  return std::find(forbidden.begin(), forbidden.end(), *password) != forbidden.end();
}

}  // namespace

Result<std::string> normalize_password(std::string_view raw) {
  if (!is_valid_utf8(raw)) {
    return Error::of(Errc::malformed, "Password is not valid UTF-8 text.", kField);
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  std::optional<std::string> normalized = apply(nfkc, status, raw);
  if (!normalized) return Error::of(Errc::internal, "Unicode normalisation is unavailable.");
  return std::move(*normalized);
}

Result<void> check_password_policy(std::string_view normalized_password,
                                   const PasswordContext& context) {
  if (count_code_points(normalized_password) < kMinPasswordCodePoints) {
    return Error::of(Errc::invalid_argument, "Password must be at least 12 characters long.",
                     kField);
  }
  if (normalized_password.size() > kMaxPasswordBytes) {
    return Error::of(Errc::invalid_argument, "Password must be at most 1024 bytes long.", kField);
  }
  if (is_common_password(normalized_password)) {
    return Error::of(Errc::invalid_argument,
                     "Password is on a list of commonly used passwords; choose another.", kField);
  }
  if (matches_context(normalized_password, context)) {
    return Error::of(Errc::invalid_argument, "Password must not be your email address or name.",
                     kField);
  }
  return ok();
}

bool is_common_password(std::string_view normalized_password) {
  const std::vector<std::string_view>& list = common_passwords();
  const std::string lowered = ascii_lower(normalized_password);
  return std::binary_search(list.begin(), list.end(), std::string_view(lowered));
}

std::size_t common_password_count() {
  return common_passwords().size();
}

}  // namespace hearth::crypto
