// Conformance: the accounts and audit tables behave alike on both drivers — unique emails,
// whole-row updates, sessions ended in bulk, single-use recovery codes, throttle upserts, and an
// audit chain without gaps or forks even when many threads append at once.
#include <latch>
#include <optional>
#include <set>
#include <thread>

#include "store_fixture.hpp"

namespace hearth::store::testing {
namespace {

UserRecord make_user(std::string email) {
  UserRecord u;
  u.id = new_id();
  u.email = std::move(email);
  u.display_name = "Avery";
  u.time_zone = "UTC";
  u.roles = "participant";
  u.status = "active";
  u.password_hash = "$argon2id$placeholder";
  u.created_at_ms = 1'700'000'000'000;
  u.updated_at_ms = u.created_at_ms;
  return u;
}

SessionRecord make_session(const UserRecord& user) {
  SessionRecord s;
  s.id = new_id();
  s.token_digest = new_id() + new_id();
  s.user_id = user.id;
  s.csrf_token = "csrf";
  s.created_at_ms = 1;
  s.last_seen_ms = 1;
  s.idle_timeout_ms = 900'000;
  s.absolute_expires_ms = 43'200'000;
  s.user_agent = "Firefox on Linux";
  return s;
}

Result<void> in_tx(Store& store, const std::function<Result<void>(Transaction&)>& fn) {
  return store.transact(Access::read_write, fn);
}

std::string fake_seal(const AuditRecord& r) {
  return "h" + std::to_string(r.seq) + ":" + r.prev_hash.substr(0, 8);
}

TEST_P(StoreConformance, UsersRoundTripAndEmailsAreUnique) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  auto user = make_user("avery@example.org");
  user.totp_enabled = true;
  user.totp_last_step = 56'000'000;
  user.text_size = 150;
  ASSERT_TRUE(in_tx(*store, [&](Transaction& tx) { return tx.insert_user(user); }).ok());
  auto clash = make_user("avery@example.org");
  auto second = in_tx(*store, [&](Transaction& tx) { return tx.insert_user(clash); });
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, Errc::already_exists);

  std::optional<UserRecord> found;
  ASSERT_TRUE(in_tx(*store, [&](Transaction& tx) -> Result<void> {
                auto r = tx.find_user_by_email("avery@example.org");
                if (!r) return std::move(r).error();
                found = *r;
                return ok();
              }).ok());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, user.id);
  EXPECT_TRUE(found->totp_enabled);
  EXPECT_EQ(found->totp_last_step, 56'000'000);
  EXPECT_EQ(found->text_size, 150);
}

TEST_P(StoreConformance, UpdatingAMissingUserIsNotFound) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  auto result =
      in_tx(*store, [&](Transaction& tx) { return tx.update_user(make_user("x@y.org")); });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::not_found);
}

TEST_P(StoreConformance, EndingAUsersSessionsSparesTheOneKeptAndOtherUsers) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  const auto a = make_user("a@example.org");
  const auto b = make_user("b@example.org");
  const auto a1 = make_session(a), a2 = make_session(a), a3 = make_session(a), b1 = make_session(b);
  ASSERT_TRUE(in_tx(*store, [&](Transaction& tx) -> Result<void> {
                for (const auto* u : {&a, &b}) {
                  if (auto r = tx.insert_user(*u); !r) return r;
                }
                for (const auto* s : {&a1, &a2, &a3, &b1}) {
                  if (auto r = tx.insert_session(*s); !r) return r;
                }
                return ok();
              }).ok());
  std::int64_t ended = 0;
  std::vector<SessionRecord> a_open, b_open;
  ASSERT_TRUE(in_tx(*store, [&](Transaction& tx) -> Result<void> {
                auto n = tx.end_sessions_of_user(a.id, a2.id, 99, "signed_out_everywhere");
                if (!n) return std::move(n).error();
                ended = *n;
                auto left = tx.list_open_sessions(a.id);
                if (!left) return std::move(left).error();
                a_open = *left;
                auto other = tx.list_open_sessions(b.id);
                if (!other) return std::move(other).error();
                b_open = *other;
                return ok();
              }).ok());
  EXPECT_EQ(ended, 2);
  ASSERT_EQ(a_open.size(), 1U);
  EXPECT_EQ(a_open[0].id, a2.id);
  EXPECT_EQ(b_open.size(), 1U);
}

TEST_P(StoreConformance, ATouchMovesLastSeenForwardOnlyAndNeverOnAnEndedSession) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  const auto a = make_user("touch@example.org");
  auto live = make_session(a), ended = make_session(a);
  ended.ended_at_ms = 50;
  ended.end_reason = "signed_out";
  ASSERT_TRUE(in_tx(*store, [&](Transaction& tx) -> Result<void> {
                if (auto r = tx.insert_user(a); !r) return r;
                if (auto r = tx.insert_session(live); !r) return r;
                return tx.insert_session(ended);
              }).ok());
  std::vector<bool> touched;
  std::optional<SessionRecord> live_after, ended_after;
  ASSERT_TRUE(in_tx(*store, [&](Transaction& tx) -> Result<void> {
                for (const auto& [id, at] :
                     {std::pair{live.id, live.last_seen_ms + 100},
                      std::pair{live.id, live.last_seen_ms + 50},
                      std::pair{ended.id, ended.last_seen_ms + 100},
                      std::pair{std::string("no-such-session"), std::int64_t{1'000}}}) {
                  auto done = tx.touch_session(id, at);
                  if (!done) return std::move(done).error();
                  touched.push_back(*done);
                }
                auto l = tx.find_session(live.id);
                if (!l) return std::move(l).error();
                live_after = *l;
                auto e = tx.find_session(ended.id);
                if (!e) return std::move(e).error();
                ended_after = *e;
                return ok();
              }).ok());
  EXPECT_EQ(touched, (std::vector<bool>{true, false, false, false}));
  ASSERT_TRUE(live_after && ended_after);
  EXPECT_EQ(live_after->last_seen_ms, live.last_seen_ms + 100);  // not back to +50
  EXPECT_EQ(ended_after->last_seen_ms, ended.last_seen_ms);
  EXPECT_EQ(ended_after->ended_at_ms, 50);
}

TEST_P(StoreConformance, ARecoveryCodeIsUsedOnlyOnce) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  const auto u = make_user("codes@example.org");
  std::vector<bool> uses;
  ASSERT_TRUE(in_tx(*store, [&](Transaction& tx) -> Result<void> {
                if (auto r = tx.insert_user(u); !r) return r;
                if (auto r = tx.replace_recovery_codes(u.id, {"d1", "d2"}, 5); !r) return r;
                for (auto digest : {"d1", "d1", "d3", "d2"}) {
                  auto used = tx.use_recovery_code(u.id, digest, 6);
                  if (!used) return std::move(used).error();
                  uses.push_back(*used);
                }
                return ok();
              }).ok());
  EXPECT_EQ(uses, (std::vector<bool>{true, false, false, true}));
}

TEST_P(StoreConformance, ThrottlesAreUpsertedAndCleared) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  std::optional<ThrottleRecord> after_put, after_clear;
  ASSERT_TRUE(in_tx(*store, [&](Transaction& tx) -> Result<void> {
                if (auto r = tx.put_throttle({"email:a@b.org", 1, 10}); !r) return r;
                if (auto r = tx.put_throttle({"email:a@b.org", 2, 20}); !r) return r;
                auto found = tx.find_throttle("email:a@b.org");
                if (!found) return std::move(found).error();
                after_put = *found;
                if (auto r = tx.clear_throttle("email:a@b.org"); !r) return r;
                auto gone = tx.find_throttle("email:a@b.org");
                if (!gone) return std::move(gone).error();
                after_clear = *gone;
                return ok();
              }).ok());
  ASSERT_TRUE(after_put);
  EXPECT_EQ(after_put->failures, 2);
  EXPECT_EQ(after_put->last_failure_ms, 20);
  EXPECT_FALSE(after_clear);
}

TEST_P(StoreConformance, InvitesAreFoundByDigestAndUpdated) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  InviteRecord invite;
  invite.id = new_id();
  invite.token_digest = "digest-1";
  invite.purpose = "invite";
  invite.email = "new@example.org";
  invite.roles = "participant";
  invite.expires_at_ms = 100;
  std::optional<InviteRecord> found;
  ASSERT_TRUE(in_tx(*store, [&](Transaction& tx) -> Result<void> {
                if (auto r = tx.insert_invite(invite); !r) return r;
                invite.used_at_ms = 50;
                if (auto r = tx.update_invite(invite); !r) return r;
                auto f = tx.find_invite_by_digest("digest-1");
                if (!f) return std::move(f).error();
                found = *f;
                return ok();
              }).ok());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->email, "new@example.org");
  EXPECT_EQ(found->used_at_ms, 50);
}

TEST_P(StoreConformance, SettingsAreUpserted) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  std::optional<std::string> value;
  ASSERT_TRUE(in_tx(*store, [&](Transaction& tx) -> Result<void> {
                if (auto r = tx.put_setting("demo_mode", "off"); !r) return r;
                if (auto r = tx.put_setting("demo_mode", "on"); !r) return r;
                auto v = tx.find_setting("demo_mode");
                if (!v) return std::move(v).error();
                value = *v;
                return ok();
              }).ok());
  EXPECT_EQ(value, "on");
}

TEST_P(StoreConformance, AuditAppendsLinkEachEntryToThePrevious) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(in_tx(*store, [&](Transaction& tx) -> Result<void> {
                  AuditRecord r;
                  r.at_ms = 1000 + i;
                  r.action = i == 1 ? "sign_out" : "sign_in";
                  auto appended = tx.append_audit(r, &fake_seal);
                  if (!appended) return std::move(appended).error();
                  return ok();
                }).ok());
  }
  std::vector<AuditRecord> oldest_first, sign_ins;
  ASSERT_TRUE(store
                  ->transact(Access::read_only,
                             [&](Transaction& tx) -> Result<void> {
                               AuditQuery all;
                               all.newest_first = false;
                               auto rows = tx.list_audit(all);
                               if (!rows) return std::move(rows).error();
                               oldest_first = *rows;
                               AuditQuery filtered;
                               filtered.action = "sign_in";
                               auto some = tx.list_audit(filtered);
                               if (!some) return std::move(some).error();
                               sign_ins = *some;
                               return ok();
                             })
                  .ok());
  ASSERT_EQ(oldest_first.size(), 3U);
  EXPECT_EQ(oldest_first[0].prev_hash, std::string(64, '0'));
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(oldest_first[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(oldest_first[i].hash, fake_seal(oldest_first[i]));
    if (i > 0) EXPECT_EQ(oldest_first[i].prev_hash, oldest_first[i - 1].hash);
  }
  ASSERT_EQ(sign_ins.size(), 2U);
  EXPECT_EQ(sign_ins[0].seq, 3);  // newest first
}

TEST_P(StoreConformance, ARolledBackAppendLeavesNoGapInTheChain) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  auto failed = in_tx(*store, [&](Transaction& tx) -> Result<void> {
    auto appended = tx.append_audit(AuditRecord{}, &fake_seal);
    if (!appended) return std::move(appended).error();
    return Error::of(Errc::conflict, "the change this entry describes failed");
  });
  ASSERT_FALSE(failed.ok());
  std::int64_t seq = 0;
  ASSERT_TRUE(in_tx(*store, [&](Transaction& tx) -> Result<void> {
                auto appended = tx.append_audit(AuditRecord{}, &fake_seal);
                if (!appended) return std::move(appended).error();
                seq = appended->seq;
                return ok();
              }).ok());
  EXPECT_EQ(seq, 1);
}

TEST_P(StoreConformance, ConcurrentAuditAppendsFormOneChainWithoutGaps) {
  constexpr int kThreads = 4;
  constexpr int kEach = 15;
  StoreOptions options;
  options.pool_size = 4;
  options.max_attempts = 50;  // every append contends for the head row on purpose
  auto store = open_migrated(options);
  ASSERT_TRUE(store);
  std::latch start(kThreads);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      for (int i = 0; i < kEach; ++i) {
        auto r = in_tx(*store, [&](Transaction& tx) -> Result<void> {
          auto appended = tx.append_audit(AuditRecord{}, &fake_seal);
          if (!appended) return std::move(appended).error();
          return ok();
        });
        if (!r.ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  std::vector<AuditRecord> rows;
  ASSERT_TRUE(store
                  ->transact(Access::read_only,
                             [&](Transaction& tx) -> Result<void> {
                               AuditQuery all;
                               all.newest_first = false;
                               all.limit = 1000;
                               auto r = tx.list_audit(all);
                               if (!r) return std::move(r).error();
                               rows = *r;
                               return ok();
                             })
                  .ok());
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(kThreads * kEach));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].seq, static_cast<std::int64_t>(i + 1));
    if (i > 0) EXPECT_EQ(rows[i].prev_hash, rows[i - 1].hash);
  }
}

}  // namespace
}  // namespace hearth::store::testing
