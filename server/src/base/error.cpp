#include "base/error.hpp"

namespace hearth {

std::string_view errc_name(Errc code) {
  switch (code) {
    case Errc::invalid_argument:
      return "invalid_argument";
    case Errc::malformed:
      return "malformed";
    case Errc::not_found:
      return "not_found";
    case Errc::method_not_allowed:
      return "method_not_allowed";
    case Errc::already_exists:
      return "already_exists";
    case Errc::conflict:
      return "conflict";
    case Errc::unauthenticated:
      return "unauthenticated";
    case Errc::permission_denied:
      return "permission_denied";
    case Errc::muted:
      return "muted";
    case Errc::not_admitted:
      return "not_admitted";
    case Errc::hard_muted:
      return "hard_muted";
    case Errc::locked:
      return "locked";
    case Errc::csrf_failed:
      return "csrf_failed";
    case Errc::invalid_credentials:
      return "invalid_credentials";
    case Errc::second_factor_required:
      return "second_factor_required";
    case Errc::invalid_second_factor:
      return "invalid_second_factor";
    case Errc::payload_too_large:
      return "payload_too_large";
    case Errc::headers_too_large:
      return "headers_too_large";
    case Errc::unsupported_media_type:
      return "unsupported_media_type";
    case Errc::request_timeout:
      return "request_timeout";
    case Errc::rate_limited:
      return "rate_limited";
    case Errc::transient:
      return "transient";
    case Errc::unavailable:
      return "unavailable";
    case Errc::internal:
      return "internal";
  }
  return "internal";
}

}  // namespace hearth
