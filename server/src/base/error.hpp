// Error: what went wrong, as a code every layer understands and a message safe to show a user.
//
// The message must never hold personal health information, tokens or request bodies: it may reach
// a client (4xx) or a log line. Only http/error_response.cpp turns an Error into an HTTP status,
// and it replaces the message of every 5xx with a generic one.
#pragma once

#include <string>
#include <string_view>

namespace hearth {

enum class Errc {
  invalid_argument,  // the request is well-formed but a field's value is not acceptable
  malformed,         // the request cannot be parsed (bad JSON, bad UTF-8, wrong type)
  not_found,
  method_not_allowed,
  already_exists,
  conflict,  // a concurrent change or a violated constraint
  unauthenticated,
  permission_denied,
  muted,                   // chat: a moderator has muted the person in this room for a while
  not_admitted,            // live session: the participant is not in the room (yet)
  hard_muted,              // live session: a facilitator's mute the participant cannot lift
  locked,                  // live session: the facilitators locked the room to newcomers
  csrf_failed,             // a state-changing request that is not same-origin or lacks its token
  invalid_credentials,     // sign-in: unknown email or wrong password (one answer for both)
  second_factor_required,  // sign-in: the password was right; a TOTP or recovery code is needed
  invalid_second_factor,   // sign-in: the code was wrong, used before, or out of its window
  payload_too_large,
  headers_too_large,
  unsupported_media_type,
  request_timeout,
  rate_limited,
  transient,    // retry the whole unit of work (SQLITE_BUSY, SQLSTATE 40001/40P01)
  unavailable,  // a dependency (the database) cannot be reached
  internal,
};

// The stable wire name of a code, e.g. "invalid_argument"; used in error bodies and logs.
std::string_view errc_name(Errc code);

struct Error {
  Errc code = Errc::internal;
  std::string message;  // for people; no PHI, no secrets
  std::string field;    // the JSON field at fault, if any (a name from our schema, never a value)
  int retry_after_seconds = 0;  // for rate_limited: when to try again (the Retry-After header)

  static Error of(Errc code, std::string message, std::string field = {}) {
    return Error{code, std::move(message), std::move(field), 0};
  }
};

}  // namespace hearth
