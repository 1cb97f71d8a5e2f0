// SessionService: signing in and out, and turning a session cookie back into a Caller.
//
// Sign-in checks, in this order: the throttle for the email and for the client address (a
// throttled attempt is refused before any password is looked at); the password (an unknown
// email spends the same Argon2id work on a dummy hash and gets the same answer as a wrong
// password); the second factor when the account has one. Every outcome is audited. A password
// hash made with weaker parameters than configured is replaced after a successful sign-in.
//
// Sessions: the cookie holds a 256-bit random token; the store keeps only its SHA-256. A session
// lives until it is ended, its idle time-out passes without activity, or its absolute time-out
// (12 h) comes. Activity is recorded at most every few seconds, not on every request.
//
// authenticate() keeps the live sessions it read (FreshCache): any write through this process
// (a sign-out, a deactivated account, a changed role) drops them at once; on several nodes
// sharing one PostgreSQL, a sign-out on another node is seen at the next look for other
// processes' writes (a fifth of a second in `hearth serve`), and a copy is never older than
// kKeptCopyMaxAgeMs. Time-outs are checked against the clock on every request.
// With refresh_ahead_with(), a session in steady use is read again in the background before its
// copy runs out, so its requests never wait for that read.
//
// Every method blocks on the store (and sign-in on Argon2id): run them through BlockingPool.
// Thread-safe; holds references that must outlive it.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "base/clock.hpp"
#include "base/fresh_cache.hpp"
#include "base/result.hpp"
#include "domain/audit/audit_trail.hpp"
#include "domain/identity/identity.hpp"
#include "store/store.hpp"

namespace hearth::identity {

// A live session with its account, as the API shows it (SessionInfo in docs/api.md).
struct SessionState {
  store::SessionRecord session;
  store::UserRecord user;
  RoleSet roles;
  bool demo = false;

  bool second_factor_required() const { return roles.requires_second_factor(); }
  bool enrollment_pending() const {
    return second_factor_required() && !user.totp_enabled && !demo;
  }
  std::int64_t idle_expires_ms() const { return session.last_seen_ms + session.idle_timeout_ms; }
  Caller caller(ClientInfo client) const;
};

struct StartedSession {
  std::string token;  // for the cookie; never stored
  SessionState state;
};

struct SignInRequest {
  std::string email;
  std::string password;
  std::string code;           // TOTP, when the account has one
  std::string recovery_code;  // instead of `code`
  ClientInfo client;
};

// Failed sign-ins allowed before each further attempt must wait, and the longest wait.
struct ThrottlePolicy {
  int free_failures_per_email = 5;
  int free_failures_per_address = 30;
  std::chrono::seconds longest_wait{15 * 60};
  std::chrono::hours forget_after{24};
};

class SessionService {
 public:
  SessionService(store::Store& store, const Clock& clock, const audit::AuditTrail& audit,
                 IdentityOptions options, ThrottlePolicy throttle = {})
      : store_(store), clock_(clock), audit_(audit), options_(options), throttle_(throttle) {}

  Result<StartedSession> sign_in(const SignInRequest& request);

  // Opens a session for an account inside the caller's transaction (after sign-in, or when an
  // invitation is accepted).
  Result<StartedSession> start(store::Transaction& tx, const store::UserRecord& user,
                               const ClientInfo& client);

  // The live session for a cookie token, or nullopt (unknown, ended, timed out, account
  // deactivated). With `activity`, the request counts towards the idle time-out.
  Result<std::optional<SessionState>> authenticate(std::string_view token, bool activity);
  // authenticate()'s caller when a fresh copy of a live session holds it; nullopt means "ask
  // authenticate()". Activity due to be recorded is recorded in the background (with
  // refresh_ahead_with(); without, nullopt). Never blocks, so the I/O thread may call it and
  // skip the hand-off to the blocking pool.
  std::optional<Caller> caller_if_fresh(std::string_view token, bool activity,
                                        ClientInfo client) const;

  // The caller's own session, re-read (for GET /auth/session).
  Result<SessionState> current(const Caller& caller);
  // Moves the idle deadline to now + the time-out, whenever the last activity was recorded.
  Result<SessionState> keep_alive(const Caller& caller);

  Result<void> sign_out(const Caller& caller);
  Result<void> sign_out_everywhere(const Caller& caller);
  Result<std::vector<store::SessionRecord>> list_sessions(const Caller& caller);
  Result<void> end_session(const Caller& caller, std::string_view session_id);

  // A program's own idle time-out (1–720 minutes; 0 = the server's default). It applies to
  // sessions started afterwards by the program's people. Admins only.
  Result<void> set_program_idle_timeout(const Caller& caller, std::string_view program_id,
                                        std::int64_t minutes);

  const IdentityOptions& options() const { return options_; }
  // Where the background reads of refresh-ahead run (the blocking pool); set before serving.
  void refresh_ahead_with(RunInBackground run) { background_ = std::move(run); }

 private:
  struct ThrottleCheck {
    bool allowed = true;
    int retry_after_seconds = 0;
  };
  ThrottleCheck check_throttle(const std::optional<store::ThrottleRecord>& record,
                               int free_failures, std::int64_t now_ms) const;
  Result<StartedSession> refuse(const SignInRequest& request, std::string_view email, Errc code,
                                std::string_view detail, std::string_view actor_id);
  Result<bool> check_second_factor(store::Transaction& tx, store::UserRecord& user,
                                   const SignInRequest& request);
  std::int64_t idle_timeout_ms_for(store::Transaction& tx, const store::UserRecord& user,
                                   Result<void>& status);
  bool expired(const store::SessionRecord& session, std::int64_t now_ms) const;
  // A fresh copy of a live session from live_sessions_, or null.
  std::shared_ptr<const SessionState> fresh_session(const std::string& digest,
                                                    std::int64_t now_ms) const;
  // Records activity on a session (Transaction::touch_session).
  Result<void> touch(const std::string& session_id, std::int64_t now_ms) const;
  // touch() and a fresh copy, on the background, once at a time per session.
  void touch_in_background(const std::string& digest, const std::string& session_id) const;
  // Reads the session into live_sessions_ (or drops it there if it is no longer live).
  Result<std::optional<SessionState>> read_session(const std::string& digest, std::int64_t now_ms,
                                                   std::uint64_t generation) const;

  store::Store& store_;
  const Clock& clock_;
  const audit::AuditTrail& audit_;
  IdentityOptions options_;
  ThrottlePolicy throttle_;
  mutable FreshCache<SessionState> live_sessions_{10'000, kKeptCopyMaxAgeMs};  // by token digest
  RunInBackground background_;
  mutable std::mutex touching_mutex_;
  mutable std::unordered_set<std::string> touching_;  // token digests being touched
};

}  // namespace hearth::identity
