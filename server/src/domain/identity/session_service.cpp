#include "domain/identity/session_service.hpp"

#include <algorithm>

#include "base/ids.hpp"
#include "crypto/password_policy.hpp"
#include "crypto/recovery_codes.hpp"
#include "crypto/tokens.hpp"
#include "crypto/totp.hpp"
#include "domain/identity/relationships.hpp"

namespace hearth::identity {
namespace {

// Activity moves the idle deadline at most this often, so that a busy page does not write to
// the database on every request; the deadline is then up to this much early, never late.
constexpr std::int64_t kTouchEveryMs = 5'000;

constexpr std::string_view kWrongCredentials = "The email or password is not right.";

std::string email_key(std::string_view email) {
  return "email:" + std::string(email);
}
std::string address_key(std::string_view address) {
  return "address:" + std::string(address);
}

audit::Entry sign_in_entry(const SignInRequest& request, std::string_view actor_id) {
  audit::Entry e;
  e.actor_id = std::string(actor_id);
  e.action = "sign_in";
  e.subject_type = "account";
  e.subject_id = std::string(actor_id);
  e.client_address = request.client.address;
  e.user_agent = request.client.user_agent;
  return e;
}

}  // namespace

Caller SessionState::caller(ClientInfo client) const {
  Caller c;
  c.user_id = user.id;
  c.roles = roles;
  c.session_id = session.id;
  c.csrf_token = session.csrf_token;
  c.enrollment_pending = enrollment_pending();
  c.client = std::move(client);
  return c;
}

SessionService::ThrottleCheck SessionService::check_throttle(
    const std::optional<store::ThrottleRecord>& record, int free_failures,
    std::int64_t now_ms) const {
  if (!record) return {};
  const auto forget_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(throttle_.forget_after).count();
  if (now_ms - record->last_failure_ms > forget_ms) return {};
  const int over = record->failures - free_failures;
  if (over < 0) return {};
  // The wait doubles with each failure past the free ones: 1 s, 2 s, 4 s … up to the longest.
  const std::int64_t longest_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(throttle_.longest_wait).count();
  const std::int64_t wait_ms =
      over >= 20 ? longest_ms : std::min<std::int64_t>(longest_ms, std::int64_t{1000} << over);
  const std::int64_t remaining = record->last_failure_ms + wait_ms - now_ms;
  if (remaining <= 0) return {};
  return {false, static_cast<int>((remaining + 999) / 1000)};
}

Result<StartedSession> SessionService::refuse(const SignInRequest& request, std::string_view email,
                                              Errc code, std::string_view detail,
                                              std::string_view actor_id) {
  const auto now = clock_.now_ms();
  const auto forget_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(throttle_.forget_after).count();
  auto recorded =
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        // The normal password-then-code step counts against the email only (which a successful
        // sign-in clears): counted against the address too, a clinic behind one address would be
        // throttled by its own staff's ordinary two-step sign-ins.
        std::vector<std::string> keys = {email_key(email)};
        if (code != Errc::second_factor_required)
          keys.push_back(address_key(request.client.address));
        for (const auto& key : keys) {
          HEARTH_TRY_ASSIGN(auto found, tx.find_throttle(key));
          store::ThrottleRecord next{key, 1, now};
          if (found && now - found->last_failure_ms <= forget_ms)
            next.failures = found->failures + 1;
          HEARTH_TRY(tx.put_throttle(next));
        }
        auto entry = sign_in_entry(request, actor_id);
        entry.outcome = "failure";
        entry.detail = std::string(detail);
        return audit_.record(tx, entry);
      });
  if (!recorded) return std::move(recorded).error();
  switch (code) {
    case Errc::second_factor_required:
      return Error::of(code, "Enter the code from your authenticator app.", "code");
    case Errc::invalid_second_factor:
      return Error::of(code, "That code is not right, or it has been used already.", "code");
    default:
      return Error::of(Errc::invalid_credentials, std::string(kWrongCredentials));
  }
}

Result<StartedSession> SessionService::sign_in(const SignInRequest& request) {
  HEARTH_TRY_ASSIGN(const std::string email, normalize_email(request.email));
  if (request.password.empty()) {
    return Error::of(Errc::invalid_argument, "password is required", "password");
  }
  HEARTH_TRY_ASSIGN(const std::string password, crypto::normalize_password(request.password));
  if (password.size() > crypto::kMaxPasswordBytes) {
    return Error::of(Errc::invalid_argument, "password is longer than any Hearth accepts",
                     "password");
  }
  const auto now = clock_.now_ms();

  std::optional<store::ThrottleRecord> by_email, by_address;
  std::optional<store::UserRecord> user;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(by_email, tx.find_throttle(email_key(email)));
    HEARTH_TRY_ASSIGN(by_address, tx.find_throttle(address_key(request.client.address)));
    HEARTH_TRY_ASSIGN(user, tx.find_user_by_email(email));
    return ok();
  }));
  const auto email_check = check_throttle(by_email, throttle_.free_failures_per_email, now);
  const auto address_check = check_throttle(by_address, throttle_.free_failures_per_address, now);
  if (!email_check.allowed || !address_check.allowed) {
    auto entry = sign_in_entry(request, "");
    entry.outcome = "denied";
    entry.detail = "throttled";
    HEARTH_TRY(audit_.record(entry));
    Error error = Error::of(Errc::rate_limited,
                            "Too many attempts to sign in. Wait a little, then try again.");
    error.retry_after_seconds =
        std::max(email_check.retry_after_seconds, address_check.retry_after_seconds);
    return error;
  }

  if (!user) {
    crypto::verify_password_against_dummy(password, options_.password_params);
    return refuse(request, email, Errc::invalid_credentials, "unknown_email", "");
  }
  if (!crypto::verify_password(user->password_hash, password)) {
    return refuse(request, email, Errc::invalid_credentials, "wrong_password", user->id);
  }
  if (user->status != "active") {
    return refuse(request, email, Errc::invalid_credentials, "deactivated", user->id);
  }

  std::optional<StartedSession> started;
  std::optional<Error> second_factor_failure;
  auto done =
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        started.reset();
        second_factor_failure.reset();
        HEARTH_TRY_ASSIGN(auto fresh, tx.find_user(user->id));
        if (!fresh) return Error::of(Errc::conflict, "the account changed during sign-in");
        store::UserRecord account = std::move(*fresh);
        auto factor = check_second_factor(tx, account, request);
        if (!factor) {
          second_factor_failure = std::move(factor).error();
          return ok();  // nothing written; the refusal is recorded below
        }
        if (crypto::password_needs_rehash(account.password_hash, options_.password_params)) {
          HEARTH_TRY_ASSIGN(account.password_hash,
                            crypto::hash_password(password, options_.password_params));
          account.updated_at_ms = clock_.now_ms();
          HEARTH_TRY(tx.update_user(account));
        }
        HEARTH_TRY(tx.clear_throttle(email_key(email)));
        HEARTH_TRY_ASSIGN(auto session, start(tx, account, request.client));
        auto entry = sign_in_entry(request, account.id);
        entry.detail = request.recovery_code.empty() ? "" : "recovery_code";
        HEARTH_TRY(audit_.record(tx, entry));
        started = std::move(session);
        return ok();
      });
  if (!done) return std::move(done).error();
  if (second_factor_failure) {
    const bool missing = second_factor_failure->code == Errc::second_factor_required;
    return refuse(request, email, second_factor_failure->code,
                  missing ? "second_factor_required" : "wrong_second_factor", user->id);
  }
  return std::move(*started);
}

Result<bool> SessionService::check_second_factor(store::Transaction& tx, store::UserRecord& user,
                                                 const SignInRequest& request) {
  if (!user.totp_enabled) return true;
  const auto now_ms = clock_.now_ms();
  if (!request.code.empty()) {
    const auto step =
        crypto::verify_totp(user.totp_secret, request.code, now_ms / 1000, user.totp_last_step);
    if (!step) return Error::of(Errc::invalid_second_factor, "wrong code");
    user.totp_last_step = *step;
    user.updated_at_ms = now_ms;
    HEARTH_TRY(tx.update_user(user));
    return true;
  }
  if (!request.recovery_code.empty()) {
    const auto normalized = crypto::normalize_recovery_code(request.recovery_code);
    if (normalized.empty()) return Error::of(Errc::invalid_second_factor, "wrong code");
    HEARTH_TRY_ASSIGN(const bool used,
                      tx.use_recovery_code(user.id, recovery_digest(user.id, normalized), now_ms));
    if (!used) return Error::of(Errc::invalid_second_factor, "wrong code");
    return true;
  }
  return Error::of(Errc::second_factor_required, "code needed");
}

std::int64_t SessionService::idle_timeout_ms_for(store::Transaction& tx,
                                                 const store::UserRecord& user,
                                                 Result<void>& status) {
  std::int64_t timeout =
      std::chrono::duration_cast<std::chrono::milliseconds>(options_.idle_timeout).count();
  auto memberships = tx.list_memberships_of_user(user.id);
  if (!memberships) {
    status = std::move(memberships).error();
    return timeout;
  }
  for (const auto& m : *memberships) {
    auto program = tx.find_program(m.program_id);
    if (!program) {
      status = std::move(program).error();
      return timeout;
    }
    if (*program && (*program)->idle_timeout_minutes > 0) {
      timeout = std::min<std::int64_t>(timeout, (*program)->idle_timeout_minutes * 60'000LL);
    }
  }
  return timeout;
}

Result<StartedSession> SessionService::start(store::Transaction& tx, const store::UserRecord& user,
                                             const ClientInfo& client) {
  const auto now = clock_.now_ms();
  Result<void> status = ok();
  const auto idle_ms = idle_timeout_ms_for(tx, user, status);
  HEARTH_TRY(std::move(status));
  StartedSession started;
  started.token = crypto::random_token();
  auto& s = started.state.session;
  s.id = new_id();
  s.token_digest = crypto::token_digest(started.token);
  s.user_id = user.id;
  s.csrf_token = crypto::random_token();
  s.created_at_ms = now;
  s.last_seen_ms = now;
  s.idle_timeout_ms = idle_ms;
  s.absolute_expires_ms =
      now +
      std::chrono::duration_cast<std::chrono::milliseconds>(options_.absolute_timeout).count();
  s.user_agent = client.user_agent;
  HEARTH_TRY(tx.insert_session(s));
  started.state.user = user;
  started.state.roles = RoleSet::parse(user.roles).value_or(RoleSet{});
  started.state.demo = options_.demo;
  return started;
}

bool SessionService::expired(const store::SessionRecord& s, std::int64_t now_ms) const {
  return s.ended_at_ms != 0 || now_ms >= s.absolute_expires_ms ||
         now_ms >= s.last_seen_ms + s.idle_timeout_ms;
}

std::shared_ptr<const SessionState> SessionService::fresh_session(const std::string& digest,
                                                                  std::int64_t now_ms) const {
  // Only a live session is taken from the cache; one it shows as timed out is read again, as
  // another node may have recorded activity since.
  auto cached = live_sessions_.find(
      digest, store_.generation(), now_ms, background_,
      [this, digest] { return read_session(digest, clock_.now_ms(), store_.generation()).ok(); });
  if (cached && expired(cached->session, now_ms)) return nullptr;
  return cached;
}

Result<std::optional<SessionState>> SessionService::read_session(const std::string& digest,
                                                                 std::int64_t now_ms,
                                                                 std::uint64_t generation) const {
  std::optional<SessionState> state;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    state.reset();
    HEARTH_TRY_ASSIGN(auto session, tx.find_session_by_digest(digest));
    if (!session || expired(*session, now_ms)) return ok();
    HEARTH_TRY_ASSIGN(auto user, tx.find_user(session->user_id));
    if (!user || user->status != "active") return ok();
    const auto roles = RoleSet::parse(user->roles);
    if (!roles) return ok();  // a row we cannot read grants nothing
    state = SessionState{std::move(*session), std::move(*user), *roles, options_.demo};
    return ok();
  }));
  if (state) {
    live_sessions_.put(digest, std::make_shared<const SessionState>(*state), generation, now_ms);
  } else {
    live_sessions_.erase(digest);
  }
  return state;
}

std::optional<Caller> SessionService::caller_if_fresh(std::string_view token, bool activity,
                                                      ClientInfo client) const {
  if (!crypto::looks_like_token(token)) return std::nullopt;
  const auto now = clock_.now_ms();
  const auto digest = crypto::token_digest(token);
  const auto cached = fresh_session(digest, now);
  if (!cached) return std::nullopt;
  if (activity && now - cached->session.last_seen_ms >= kTouchEveryMs) {
    // Recording the activity need not hold the request up, where there is a background.
    if (!background_) return std::nullopt;
    touch_in_background(digest, cached->session.id);
  }
  return cached->caller(std::move(client));
}

Result<std::optional<SessionState>> SessionService::authenticate(std::string_view token,
                                                                 bool activity) {
  if (!crypto::looks_like_token(token)) return std::optional<SessionState>();
  const auto digest = crypto::token_digest(token);
  const auto now = clock_.now_ms();
  const auto generation = store_.generation();
  std::optional<SessionState> state;
  if (const auto cached = fresh_session(digest, now)) {
    state = *cached;
  } else {
    HEARTH_TRY_ASSIGN(state, read_session(digest, now, generation));
    if (!state) return state;
  }
  if (activity && now - state->session.last_seen_ms >= kTouchEveryMs) {
    state->session.last_seen_ms = now;
    HEARTH_TRY(touch(state->session.id, now));
    // Read afresh next time, rather than keep a copy whose other fields are older than it says.
    live_sessions_.erase(digest);
  }
  return state;
}

Result<SessionState> SessionService::current(const Caller& caller) {
  const auto now = clock_.now_ms();
  std::optional<SessionState> state;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    state.reset();
    HEARTH_TRY_ASSIGN(auto session, tx.find_session(caller.session_id));
    if (!session || expired(*session, now)) return ok();
    HEARTH_TRY_ASSIGN(auto user, tx.find_user(session->user_id));
    if (!user || user->status != "active") return ok();
    // Parsed before the record is moved into the state: the braced list runs left to right.
    const auto roles = RoleSet::parse(user->roles).value_or(RoleSet{});
    state = SessionState{std::move(*session), std::move(*user), roles, options_.demo};
    return ok();
  }));
  if (!state) return Error::of(Errc::unauthenticated, "sign in to do this");
  return std::move(*state);
}

Result<SessionState> SessionService::keep_alive(const Caller& caller) {
  HEARTH_TRY_ASSIGN(auto state, current(caller));
  state.session.last_seen_ms = clock_.now_ms();
  HEARTH_TRY(touch(state.session.id, state.session.last_seen_ms));
  return state;
}

Result<void> SessionService::touch(const std::string& session_id, std::int64_t now_ms) const {
  // Bookkeeping: a last-seen time changes nothing that other caches hold. A session ended since
  // it was read stays ended (touch_session leaves it alone).
  return store_.transact(store::Access::bookkeeping, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY(tx.touch_session(session_id, now_ms));
    return ok();
  });
}

void SessionService::touch_in_background(const std::string& digest,
                                         const std::string& session_id) const {
  {
    std::lock_guard lock(touching_mutex_);
    if (!touching_.insert(digest).second) return;  // already on its way
  }
  background_([this, digest, session_id] {
    // Then a fresh copy, with the new time, so that the next requests do not touch again.
    if (touch(session_id, clock_.now_ms())) {
      (void)read_session(digest, clock_.now_ms(), store_.generation());
    }
    std::lock_guard lock(touching_mutex_);
    touching_.erase(digest);
  });
}

Result<void> SessionService::sign_out(const Caller& caller) {
  const auto now = clock_.now_ms();
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto session, tx.find_session(caller.session_id));
    if (!session) return ok();
    if (session->ended_at_ms == 0) {
      session->ended_at_ms = now;
      session->end_reason = "signed_out";
      HEARTH_TRY(tx.update_session(*session));
    }
    return audit_.record(tx, audit_entry(caller, "sign_out", "session", caller.session_id));
  });
}

Result<void> SessionService::sign_out_everywhere(const Caller& caller) {
  const auto now = clock_.now_ms();
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(const auto ended,
                      tx.end_sessions_of_user(caller.user_id, "", now, "signed_out_everywhere"));
    auto entry = audit_entry(caller, "sign_out_everywhere", "account", caller.user_id);
    entry.detail = "sessions=" + std::to_string(ended);
    return audit_.record(tx, entry);
  });
}

Result<std::vector<store::SessionRecord>> SessionService::list_sessions(const Caller& caller) {
  const auto now = clock_.now_ms();
  std::vector<store::SessionRecord> live;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto open, tx.list_open_sessions(caller.user_id));
    live.clear();
    for (auto& s : open) {
      if (!expired(s, now)) live.push_back(std::move(s));
    }
    return ok();
  }));
  return live;
}

Result<void> SessionService::end_session(const Caller& caller, std::string_view session_id) {
  const auto now = clock_.now_ms();
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto session, tx.find_session(session_id));
    if (!session || session->user_id != caller.user_id || session->ended_at_ms != 0) {
      return Error::of(Errc::not_found, "no such session");
    }
    session->ended_at_ms = now;
    session->end_reason = "ended_by_user";
    HEARTH_TRY(tx.update_session(*session));
    return audit_.record(tx, audit_entry(caller, "session.end", "session", session->id));
  });
}

Result<void> SessionService::set_program_idle_timeout(const Caller& caller,
                                                      std::string_view program_id,
                                                      std::int64_t minutes) {
  if (!can_change_session_policy(caller)) {
    return Error::of(Errc::permission_denied, "you may not do this");
  }
  if (minutes < 0 || minutes > 720) {
    return Error::of(Errc::invalid_argument, "idle_timeout_minutes must be from 0 to 720",
                     "idle_timeout_minutes");
  }
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    auto changed = tx.set_program_idle_timeout(program_id, static_cast<int>(minutes));
    if (!changed) {
      if (changed.error().code == Errc::not_found) {
        return Error::of(Errc::not_found, "no such program");
      }
      return changed;
    }
    auto entry = audit_entry(caller, "program.session_timeout", "program", program_id);
    entry.detail = "idle_timeout_minutes=" + std::to_string(minutes);
    return audit_.record(tx, entry);
  });
}

}  // namespace hearth::identity
