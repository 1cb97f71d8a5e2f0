#include "store/url.hpp"

#include <optional>

#include "store/store.hpp"

namespace hearth::store {

namespace {

constexpr std::string_view kAccepted =
    "use sqlite:///absolute/path.db, sqlite://relative/path.db or "
    "postgresql://user:password@host:port/database";

// Replaces (or, given nullopt, removes) the password in a URL's user information, e.g.
// "postgresql://u:secret@h/db".
std::string rewrite_userinfo(std::string_view url, std::optional<std::string_view> replacement) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const auto authority_begin = scheme_end + 3;
  auto authority_end = url.find_first_of("/?#", authority_begin);
  if (authority_end == std::string_view::npos) authority_end = url.size();
  const auto authority = url.substr(authority_begin, authority_end - authority_begin);
  const auto at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  const auto colon = authority.substr(0, at).find(':');
  if (colon == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, authority_begin + colon));
  if (replacement) out.append(":").append(*replacement);
  out.append(url.substr(authority_begin + at));
  return out;
}

// Where a "password=" parameter starts (in a URL query or a key=value string), or npos.
std::size_t find_password_parameter(std::string_view s, std::size_t from) {
  while (true) {
    const auto at = s.find("password=", from);
    if (at == std::string_view::npos) return at;
    if (at == 0 || s[at - 1] == '?' || s[at - 1] == '&' || s[at - 1] == ' ') return at;
    from = at + 1;
  }
}

std::size_t value_end(std::string_view s, std::size_t begin) {
  if (begin < s.size() && s[begin] == '\'') {  // key='quoted value' in a key=value string
    for (auto i = begin + 1; i < s.size(); ++i) {
      if (s[i] == '\\') {
        ++i;
      } else if (s[i] == '\'') {
        return i + 1;
      }
    }
    return s.size();
  }
  const auto end = s.find_first_of("& #", begin);
  return end == std::string_view::npos ? s.size() : end;
}

// Replaces (or removes) every password=… parameter.
std::string rewrite_parameters(std::string s, std::optional<std::string_view> replacement) {
  std::size_t from = 0;
  while ((from = find_password_parameter(s, from)) != std::string_view::npos) {
    const auto begin = from + 9;  // after "password="
    const auto end = value_end(s, begin);
    if (replacement) {
      s.replace(begin, end - begin, *replacement);
      from = begin + replacement->size();
      continue;
    }
    auto erase_begin = from;
    auto erase_end = end;
    if (erase_end < s.size() && (s[erase_end] == '&' || s[erase_end] == ' ')) {
      ++erase_end;  // "?password=x&a=b" → "?a=b"
    } else if (erase_begin > 0 && (s[erase_begin - 1] == '&' || s[erase_begin - 1] == '?')) {
      --erase_begin;  // "?a=b&password=x" → "?a=b", "?password=x" → ""
    }
    s.erase(erase_begin, erase_end - erase_begin);
    from = erase_begin;
  }
  return s;
}

}  // namespace

Result<StoreUrl> parse_store_url(std::string_view url) {
  if (url.empty()) {
    return Error::of(Errc::invalid_argument, "no database URL given; " + std::string(kAccepted));
  }
  if (url.starts_with("sqlite://")) {
    auto path = url.substr(9);
    if (path.empty() || path == "/") {
      return Error::of(Errc::invalid_argument,
                       "the SQLite URL names no file; " + std::string(kAccepted));
    }
    if (path == ":memory:" || path == "/:memory:") {
      return Error::of(Errc::invalid_argument,
                       "in-memory SQLite databases are not supported: each connection of the "
                       "pool would see a different database");
    }
    return StoreUrl{Driver::sqlite, std::string(path)};
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return StoreUrl{Driver::postgresql, std::string(url)};
  }
  if (url.starts_with("sqlite:")) {
    return Error::of(Errc::invalid_argument,
                     "a SQLite URL starts with sqlite:// (three slashes for an absolute path); " +
                         std::string(kAccepted));
  }
  const auto colon = url.find(':');
  // Only a short scheme is echoed: a long one is more likely a mistyped secret than a scheme.
  const bool short_scheme = colon != std::string_view::npos && colon <= 16;
  const std::string scheme(url.substr(0, short_scheme ? colon : 0));
  return Error::of(
      Errc::invalid_argument,
      (scheme.empty() ? std::string("the database URL does not start with a supported scheme")
                      : "unsupported database URL scheme '" + scheme + "'") +
          "; " + std::string(kAccepted));
}

std::string redact_url(std::string_view url) {
  return rewrite_parameters(rewrite_userinfo(url, "***"), "***");
}

std::string url_without_password(std::string_view url) {
  return rewrite_parameters(rewrite_userinfo(url, std::nullopt), std::nullopt);
}

}  // namespace hearth::store
