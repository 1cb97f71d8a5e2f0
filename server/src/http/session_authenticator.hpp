// SessionAuthenticator: the Authenticator over identity::SessionService. The session lookup
// blocks on the store, so it runs on the BlockingPool and the coroutine resumes on its strand,
// unless the service has a fresh copy in memory (caller_if_fresh).
// Thread-safe; the service and pool must outlive it.
#pragma once

#include "base/blocking_pool.hpp"
#include "domain/identity/session_service.hpp"
#include "http/authenticator.hpp"

namespace hearth::http {

// The client details kept with a session and in the audit trail: the peer address and a
// browser-and-device summary of the User-Agent.
identity::ClientInfo client_info(const Request& request);

class SessionAuthenticator final : public Authenticator {
 public:
  SessionAuthenticator(identity::SessionService& sessions, BlockingPool& blocking)
      : sessions_(sessions), blocking_(blocking) {}

  boost::asio::awaitable<Result<std::optional<identity::Caller>>> authenticate(
      const Request& request, bool activity) override;

 private:
  identity::SessionService& sessions_;
  BlockingPool& blocking_;
};

}  // namespace hearth::http
