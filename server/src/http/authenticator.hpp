// Authenticator: turns a request's session cookie into the signed-in Caller, for the dispatcher
// to check route rules against. An interface so that the dispatcher's tests can use a fake and
// http/ needs no store; SessionAuthenticator (session_authenticator.hpp) is the real one.
#pragma once

#include <utility>  // before Asio (see DESIGN.md)

#include <optional>

#include <boost/asio/awaitable.hpp>

#include "base/result.hpp"
#include "domain/identity/identity.hpp"
#include "http/message.hpp"

namespace hearth::http {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // nullopt when the request carries no live session. `activity`: the request counts towards
  // the session's idle time-out. Errors are the store's (the database is down).
  virtual boost::asio::awaitable<Result<std::optional<identity::Caller>>> authenticate(
      const Request& request, bool activity) = 0;
};

// The session cookie's name, and the value of a Cookie header's cookie by name (or "").
inline constexpr std::string_view kSessionCookie = "hearth_session";
std::string_view cookie_value(const Request& request, std::string_view name);

}  // namespace hearth::http
