// SessionService against a real SQLite store and a manual clock: sign-in outcomes, throttling,
// time-outs, the second factor and hash upgrades — without sleeping.
#include "domain/identity/session_service.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <vector>

#include "base/ids.hpp"
#include "crypto/password_hash.hpp"
#include "crypto/totp.hpp"
#include "domain/identity/identity_services.hpp"
#include "domain/testing/sqlite_test_store.hpp"

namespace hearth::identity {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kPassword = "correct horse battery";

class SessionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_.ok());
    user_ = add_account("avery@example.org", {Role::participant});
  }

  store::UserRecord add_account(std::string email, RoleSet roles) {
    NewAccount account;
    account.email = std::move(email);
    account.display_name = "Avery";
    account.password = std::string(kPassword);
    account.roles = roles;
    auto made = services_.enrollment.ensure_account(account);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().message);
    return made.ok() ? made->first : store::UserRecord{};
  }

  Result<StartedSession> sign_in(std::string_view email, std::string_view password,
                                 std::string code = "") {
    SignInRequest r;
    r.email = std::string(email);
    r.password = std::string(password);
    r.code = std::move(code);
    r.client = {"192.0.2.7", "Firefox on Linux"};
    return services_.sessions.sign_in(r);
  }

  std::optional<SessionState> authenticate(const std::string& token, bool activity = true) {
    auto state = services_.sessions.authenticate(token, activity);
    EXPECT_TRUE(state.ok());
    return state.ok() ? *state : std::nullopt;
  }

  // Background work (refresh-ahead, activity records) waits in the list until a test runs it.
  std::shared_ptr<std::vector<std::function<void()>>> queue_background_work() {
    auto queued = std::make_shared<std::vector<std::function<void()>>>();
    services_.sessions.refresh_ahead_with(
        [queued](std::function<void()> work) { queued->push_back(std::move(work)); });
    return queued;
  }

  // Ends a session as another process on the same database would: unseen by this one's
  // generation.
  void end_in_another_process(store::SessionRecord session) {
    auto other = store::open_store("sqlite://" + store_.file().string(), {});
    ASSERT_TRUE(other.ok());
    session.ended_at_ms = clock_.now_ms();
    ASSERT_TRUE((*other)
                    ->transact(store::Access::read_write,
                               [&](store::Transaction& tx) { return tx.update_session(session); })
                    .ok());
  }

  Caller user_caller() const {
    Caller c;
    c.user_id = user_.id;
    c.roles = {Role::participant};
    return c;
  }

  testing::SqliteTestStore store_;
  ManualClock clock_{TimePoint(std::chrono::milliseconds(1'795'000'000'000))};
  IdentityServices services_{*store_, clock_, IdentityOptions{}};
  store::UserRecord user_;
};

TEST_F(SessionServiceTest, TheRightPasswordOpensASessionTheCookieFinds) {
  auto started = sign_in("Avery@Example.org", kPassword);
  ASSERT_TRUE(started.ok()) << started.error().message;
  EXPECT_EQ(started->token.size(), 43U);
  auto state = authenticate(started->token);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->user.id, user_.id);
  EXPECT_EQ(state->session.user_agent, "Firefox on Linux");
}

TEST_F(SessionServiceTest, UnknownEmailAndWrongPasswordGetTheSameAnswer) {
  auto unknown = sign_in("nobody@example.org", kPassword);
  auto wrong = sign_in("avery@example.org", "not the password at all");
  ASSERT_FALSE(unknown.ok());
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(unknown.error().code, Errc::invalid_credentials);
  EXPECT_EQ(wrong.error().code, Errc::invalid_credentials);
  EXPECT_EQ(unknown.error().message, wrong.error().message);
}

TEST_F(SessionServiceTest, RepeatedFailuresAreThrottledWithAGrowingWait) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(sign_in("avery@example.org", "wrong password " + std::to_string(i)).error().code,
              Errc::invalid_credentials);
  }
  // Five failures are free; after them each attempt waits, even with the right password.
  auto throttled = sign_in("avery@example.org", kPassword);
  ASSERT_FALSE(throttled.ok());
  EXPECT_EQ(throttled.error().code, Errc::rate_limited);
  EXPECT_GE(throttled.error().retry_after_seconds, 1);
  clock_.advance(std::chrono::seconds(throttled.error().retry_after_seconds));
  EXPECT_TRUE(sign_in("avery@example.org", kPassword).ok());
}

TEST_F(SessionServiceTest, IdleSessionsEndAndActivityKeepsThemAlive) {
  auto started = sign_in("avery@example.org", kPassword);
  ASSERT_TRUE(started.ok());
  clock_.advance(14min);
  EXPECT_TRUE(authenticate(started->token));  // counts as activity
  clock_.advance(14min);
  EXPECT_TRUE(authenticate(started->token, false));  // a poll: does not count
  clock_.advance(2min);
  EXPECT_FALSE(authenticate(started->token));
}

TEST_F(SessionServiceTest, AProgramsShorterIdleTimeOutAppliesToItsPeople) {
  store::ProgramRecord program{new_id(), "evening", "Evening IOP", "", "UTC", 1, 0};
  ASSERT_TRUE(
      store_
          ->transact(store::Access::read_write,
                     [&](store::Transaction& tx) -> Result<void> {
                       HEARTH_TRY(tx.insert_program(program));
                       return tx.insert_membership({program.id, user_.id, "participant", 1});
                     })
          .ok());
  auto admin = add_account("admin@example.org", {Role::admin});
  Caller admin_caller;
  admin_caller.user_id = admin.id;
  admin_caller.roles = {Role::admin};
  ASSERT_TRUE(services_.sessions.set_program_idle_timeout(admin_caller, program.id, 5).ok());
  EXPECT_EQ(services_.sessions.set_program_idle_timeout(user_caller(), program.id, 1).error().code,
            Errc::permission_denied);

  auto started = sign_in("avery@example.org", kPassword);
  ASSERT_TRUE(started.ok());
  EXPECT_EQ(started->state.session.idle_timeout_ms, 5 * 60'000);
  clock_.advance(6min);
  EXPECT_FALSE(authenticate(started->token));
}

TEST_F(SessionServiceTest, NoSessionOutlivesTheAbsoluteTimeOut) {
  auto started = sign_in("avery@example.org", kPassword);
  ASSERT_TRUE(started.ok());
  for (int i = 0; i < 12 * 6; ++i) {
    clock_.advance(10min);
    if (!authenticate(started->token)) {
      EXPECT_GE(i, 12 * 6 - 1);
      return;
    }
  }
  FAIL() << "the session lived past 12 hours";
}

TEST_F(SessionServiceTest, SignOutEverywhereEndsEverySession) {
  auto first = sign_in("avery@example.org", kPassword);
  auto second = sign_in("avery@example.org", kPassword);
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE(authenticate(first->token) && authenticate(second->token));  // now kept in memory
  const auto caller = first->state.caller({});
  ASSERT_TRUE(services_.sessions.sign_out_everywhere(caller).ok());
  EXPECT_FALSE(authenticate(first->token));
  EXPECT_FALSE(authenticate(second->token));
}

TEST_F(SessionServiceTest, ADeactivatedAccountsSessionsStopAtOnce) {
  auto started = sign_in("avery@example.org", kPassword);
  ASSERT_TRUE(started.ok());
  ASSERT_TRUE(authenticate(started->token));  // now kept in memory
  auto admin = add_account("admin@example.org", {Role::admin});
  Caller admin_caller;
  admin_caller.user_id = admin.id;
  admin_caller.roles = {Role::admin};
  ASSERT_TRUE(services_.people.set_active(admin_caller, user_.id, false).ok());
  EXPECT_FALSE(authenticate(started->token));
  EXPECT_EQ(sign_in("avery@example.org", kPassword).error().code, Errc::invalid_credentials);
}

// Another node on the same database ends a session: this process's copy goes at the store's next
// look for other processes' writes (`hearth serve` looks five times a second).
TEST_F(SessionServiceTest, ASessionEndedByAnotherProcessIsRefusedOnceTheWriteIsNoticed) {
  auto started = sign_in("avery@example.org", kPassword);
  ASSERT_TRUE(started.ok());
  ASSERT_TRUE(store_->notice_outside_writes().ok());  // the first look, which finds "something"
  ASSERT_TRUE(authenticate(started->token));
  end_in_another_process(started->state.session);
  EXPECT_TRUE(authenticate(started->token, false)) << "not looked yet: the copy still stands";
  auto looked = store_->notice_outside_writes();
  ASSERT_TRUE(looked.ok());
  EXPECT_TRUE(*looked);
  EXPECT_FALSE(authenticate(started->token, false));
}

// Without a look (they fail, or the change was made outside Hearth), the copy is trusted for at
// most its lifetime.
TEST_F(SessionServiceTest, ASessionEndedByAnotherProcessIsRefusedWhenTheCopyRunsOut) {
  auto started = sign_in("avery@example.org", kPassword);
  ASSERT_TRUE(started.ok());
  ASSERT_TRUE(authenticate(started->token));
  end_in_another_process(started->state.session);
  clock_.advance(std::chrono::milliseconds(kKeptCopyMaxAgeMs + 1));
  EXPECT_FALSE(authenticate(started->token, false));
}

TEST_F(SessionServiceTest, ABusySessionIsReadAgainInTheBackgroundBeforeItsCopyRunsOut) {
  const auto queued = queue_background_work();
  auto started = sign_in("avery@example.org", kPassword);
  ASSERT_TRUE(started.ok());
  const auto token = started->token;
  ASSERT_TRUE(authenticate(token, false));  // read and kept
  EXPECT_TRUE(services_.sessions.caller_if_fresh(token, false, {}));
  EXPECT_TRUE(queued->empty());  // young: nothing to do
  // Past three quarters of its lifetime (7.5 to 10 s): served, and one background read queued,
  // once.
  clock_.advance(std::chrono::milliseconds(kKeptCopyMaxAgeMs * 3 / 4));
  EXPECT_TRUE(services_.sessions.caller_if_fresh(token, false, {}));
  EXPECT_TRUE(services_.sessions.caller_if_fresh(token, false, {}));
  ASSERT_EQ(queued->size(), 1U);
  // Another process ends the session; the background read sees it, and the copy goes at once.
  end_in_another_process(started->state.session);
  queued->front()();
  EXPECT_FALSE(services_.sessions.caller_if_fresh(token, false, {}));
  EXPECT_FALSE(authenticate(token, false));
}

TEST_F(SessionServiceTest, ActivityOnAWarmSessionIsRecordedInTheBackgroundOnce) {
  const auto queued = queue_background_work();
  auto started = sign_in("avery@example.org", kPassword);
  ASSERT_TRUE(started.ok());
  const auto token = started->token;
  const auto signed_in_at = started->state.session.last_seen_ms;
  clock_.advance(6s);                       // past the time between recorded activities
  ASSERT_TRUE(authenticate(token, false));  // a fresh copy, its activity not yet recorded
  ASSERT_TRUE(queued->empty());
  // Answered at once, with the touch queued, once however many requests come meanwhile.
  EXPECT_TRUE(services_.sessions.caller_if_fresh(token, true, {}));
  EXPECT_TRUE(services_.sessions.caller_if_fresh(token, true, {}));
  ASSERT_EQ(queued->size(), 1U);
  queued->front()();
  const auto state = authenticate(token, false);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->session.last_seen_ms, signed_in_at + 6000);
}

TEST_F(SessionServiceTest, TotpCodesAreRequiredAndNeverAcceptedTwice) {
  auto started = sign_in("avery@example.org", kPassword);
  ASSERT_TRUE(started.ok());
  const auto caller = started->state.caller({});
  auto setup = services_.accounts.begin_totp(caller);
  ASSERT_TRUE(setup.ok());
  const auto now_s = clock_.now_ms() / 1000;
  auto code = crypto::totp_code_at_step(setup->secret, crypto::totp_step(now_s));
  ASSERT_TRUE(code);
  auto recovery = services_.accounts.confirm_totp(caller, *code);
  ASSERT_TRUE(recovery.ok()) << recovery.error().message;
  EXPECT_EQ(recovery->size(), 10U);

  EXPECT_EQ(sign_in("avery@example.org", kPassword).error().code, Errc::second_factor_required);
  EXPECT_EQ(sign_in("avery@example.org", kPassword, *code).error().code,
            Errc::invalid_second_factor);  // used for enrolment already
  auto next = crypto::totp_code_at_step(setup->secret, crypto::totp_step(now_s) + 1);
  EXPECT_TRUE(sign_in("avery@example.org", kPassword, *next).ok());
  EXPECT_EQ(sign_in("avery@example.org", kPassword, *next).error().code,
            Errc::invalid_second_factor);
}

TEST_F(SessionServiceTest, AWeakerHashIsUpgradedAtTheNextSignIn) {
  IdentityOptions stronger;
  stronger.password_params = crypto::moderate_params();
  IdentityServices upgraded{*store_, clock_, stronger};
  SignInRequest r{"avery@example.org", std::string(kPassword), "", "", {"192.0.2.7", ""}};
  ASSERT_TRUE(upgraded.sessions.sign_in(r).ok());
  std::optional<store::UserRecord> after;
  ASSERT_TRUE(store_
                  ->transact(store::Access::read_only,
                             [&](store::Transaction& tx) -> Result<void> {
                               auto u = tx.find_user(user_.id);
                               if (!u) return std::move(u).error();
                               after = *u;
                               return ok();
                             })
                  .ok());
  ASSERT_TRUE(after);
  EXPECT_NE(after->password_hash, user_.password_hash);
  EXPECT_FALSE(crypto::password_needs_rehash(after->password_hash, crypto::moderate_params()));
}

}  // namespace
}  // namespace hearth::identity
