#include "domain/identity/identity.hpp"

#include <algorithm>
#include <array>
#include <filesystem>

#include "crypto/recovery_codes.hpp"

namespace hearth::identity {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Code points in valid UTF-8 (the JSON decoder has already refused invalid UTF-8); false if the
// text holds a C0 or C1 control character.
bool count_printable(std::string_view s, std::size_t& code_points) {
  code_points = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return false;
    if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xa0) {
      return false;  // U+0080..U+009F
    }
    if ((c & 0xc0) != 0x80) ++code_points;
  }
  return true;
}

Result<std::string> check_short_text(std::string_view raw, std::string_view field,
                                     std::size_t min_chars, std::size_t max_chars) {
  const auto text = trim(raw);
  std::size_t chars = 0;
  if (!count_printable(text, chars)) {
    return Error::of(Errc::invalid_argument,
                     std::string(field) + " must not contain control characters",
                     std::string(field));
  }
  if (chars < min_chars || chars > max_chars) {
    return Error::of(Errc::invalid_argument,
                     std::string(field) + (min_chars > 0 ? " must be 1 to " : " must be at most ") +
                         std::to_string(max_chars) + " characters",
                     std::string(field));
  }
  return std::string(text);
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace

Result<std::string> normalize_email(std::string_view raw) {
  const auto bad = [] {
    return Error::of(Errc::invalid_argument, "email must be an address like name@example.org",
                     "email");
  };
  const auto text = trim(raw);
  if (text.empty() || text.size() > 254) return bad();
  std::string email;
  email.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == ',' ||
        c == ';' || c == '(' || c == ')' || c == '[' || c == ']') {
      return bad();
    }
    email.push_back(static_cast<char>(std::tolower(u)));
  }
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0 || at > 64 ||
      email.find('@', at + 1) != std::string::npos) {
    return bad();
  }
  const std::string_view domain = std::string_view(email).substr(at + 1);
  const auto dot = domain.rfind('.');
  if (domain.empty() || dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size() ||
      contains(domain, "..") || domain.front() == '-' || domain.back() == '-') {
    return bad();
  }
  return email;
}

Result<std::string> check_display_name(std::string_view raw) {
  return check_short_text(raw, "display_name", 1, 80);
}

Result<std::string> check_pronouns(std::string_view raw) {
  return check_short_text(raw, "pronouns", 0, 40);
}

Result<std::string> check_time_zone(std::string_view raw) {
  const auto bad = [] {
    return Error::of(Errc::invalid_argument,
                     "time_zone must be an IANA time zone name such as America/Chicago",
                     "time_zone");
  };
  const auto zone = trim(raw);
  if (zone.empty() || zone.size() > 64 || zone.front() == '/' || contains(zone, "..")) return bad();
  for (char c : zone) {
    const bool allowed =
        std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' || c == '+';
    if (!allowed) return bad();
  }
  // The system's zone database knows every name; where it is missing (a minimal container) the
  // shape check above is all we can do.
  static const bool have_zoneinfo = std::filesystem::exists("/usr/share/zoneinfo/UTC");
  if (have_zoneinfo) {
    std::error_code ec;
    const auto path = std::filesystem::path("/usr/share/zoneinfo") / std::string(zone);
    if (!std::filesystem::is_regular_file(path, ec)) return bad();
  }
  return std::string(zone);
}

Result<void> check_text_size(std::int64_t percent) {
  if (percent < 100 || percent > 200) {
    return Error::of(Errc::invalid_argument, "text_size must be between 100 and 200", "text_size");
  }
  return ok();
}

std::string recovery_digest(std::string_view user_id, std::string_view normalized_code) {
  std::string salted(user_id);
  salted += ':';
  salted += normalized_code;
  return crypto::recovery_code_digest(salted);
}

std::string describe_user_agent(std::string_view ua) {
  // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
  constexpr std::array<std::pair<std::string_view, std::string_view>, 7> browsers = {{
      {"Edg/", "Edge"},
      {"OPR/", "Opera"},
      {"Firefox/", "Firefox"},
      {"Chromium/", "Chromium"},
      {"Chrome/", "Chrome"},
      {"Safari/", "Safari"},
      {"curl/", "curl"},
  }};
  constexpr std::array<std::pair<std::string_view, std::string_view>, 8> devices = {{
      {"iPhone", "iPhone"},
      {"iPad", "iPad"},
      {"Android", "Android"},
      {"CrOS", "ChromeOS"},
      {"Windows", "Windows"},
      {"Mac OS X", "macOS"},
      {"Macintosh", "macOS"},
      {"Linux", "Linux"},
  }};
  std::string_view browser = "Unknown browser";
  for (const auto& [marker, name] : browsers) {
    if (contains(ua, marker)) {
      browser = name;
      break;
    }
  }
  std::string_view device = "unknown device";
  for (const auto& [marker, name] : devices) {
    if (contains(ua, marker)) {
      device = name;
      break;
    }
  }
  return std::string(browser) + " on " + std::string(device);
}

}  // namespace hearth::identity
