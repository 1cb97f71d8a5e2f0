#include "http/error_response.hpp"

#include <nlohmann/json.hpp>

namespace hearth::http {

int status_for(Errc code) {
  switch (code) {
    case Errc::invalid_argument:
      return 422;
    case Errc::malformed:
      return 400;
    case Errc::not_found:
      return 404;
    case Errc::method_not_allowed:
      return 405;
    case Errc::already_exists:
      return 409;
    case Errc::conflict:
      return 409;
    case Errc::unauthenticated:
      return 401;
    case Errc::permission_denied:
    case Errc::muted:
    case Errc::not_admitted:
    case Errc::hard_muted:
    case Errc::locked:
      return 403;
    case Errc::csrf_failed:
      return 403;
    case Errc::invalid_credentials:
    case Errc::second_factor_required:
    case Errc::invalid_second_factor:
      return 401;
    case Errc::payload_too_large:
      return 413;
    case Errc::headers_too_large:
      return 431;
    case Errc::unsupported_media_type:
      return 415;
    case Errc::request_timeout:
      return 408;
    case Errc::rate_limited:
      return 429;
    case Errc::transient:
      return 503;
    case Errc::unavailable:
      return 503;
    case Errc::internal:
      return 500;
  }
  return 500;
}

Response error_response(const Error& error) {
  const int status = status_for(error.code);
  nlohmann::json inner = {{"code", errc_name(error.code)}};
  if (status >= 500) {
    inner["message"] = status == 503 ? "The service is temporarily unavailable; try again shortly."
                                     : "Something went wrong on our side.";
  } else {
    inner["message"] = error.message;
    if (!error.field.empty()) inner["field"] = error.field;
  }
  // Messages are ours, but a field name could come from a client key; never fail on bad UTF-8.
  auto body = nlohmann::json{{"error", inner}}.dump(-1, ' ', false,
                                                    nlohmann::json::error_handler_t::replace);
  Response r = Response::json(status, std::move(body));
  if (status == 503) r.set_header("Retry-After", "1");
  if (error.code == Errc::rate_limited && error.retry_after_seconds > 0) {
    r.set_header("Retry-After", std::to_string(error.retry_after_seconds));
  }
  return r;
}

Response error_response(Errc code, std::string_view message) {
  return error_response(Error::of(code, std::string(message)));
}

}  // namespace hearth::http
