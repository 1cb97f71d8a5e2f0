// Shared by the schedule conformance suites (schedule_places_test.cpp, schedule_calendar_test.cpp):
// whole-record comparisons, record makers, the World every case starts from, and the fixture.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <latch>
#include <mutex>
#include <thread>
#include <tuple>

#include "store/migration.hpp"
#include "store_fixture.hpp"

namespace hearth::store::testing {

constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kMonday = 1'800'000'000'000;  // any fixed instant; the store has no calendar

// Every field of a record, so that one EXPECT_EQ compares (and prints) whole records.
inline auto fields(const ProgramRecord& p) {
  return std::tie(p.id, p.slug, p.name, p.description, p.time_zone, p.created_at_ms,
                  p.idle_timeout_minutes, p.audience, p.weekly_target_minutes,
                  p.daily_minimum_minutes, p.days_per_week_minimum, p.length_weeks,
                  p.group_capacity_cap, p.updated_at_ms);
}
inline auto fields(const GroupRecord& g) {
  return std::tie(g.id, g.program_id, g.slug, g.name, g.description, g.kind, g.capacity,
                  g.created_at_ms, g.facilitator_id, g.co_facilitator_id, g.membership, g.tags,
                  g.age_band, g.status, g.updated_at_ms);
}
inline auto fields(const MembershipRecord& m) {
  return std::tie(m.program_id, m.user_id, m.kind, m.created_at_ms, m.status, m.admitted_on,
                  m.expected_discharge_on, m.discharged_on, m.age_band, m.updated_at_ms);
}
inline auto fields(const GroupMemberRecord& m) {
  return std::tie(m.group_id, m.user_id, m.state, m.requested_at_ms, m.joined_at_ms, m.added_by);
}
inline auto fields(const SeriesRecord& s) {
  return std::tie(s.id, s.group_id, s.title, s.time_zone, s.first_start_local, s.duration_minutes,
                  s.rrule, s.created_by, s.created_at_ms);
}
inline auto fields(const OccurrenceRecord& o) {
  return std::tie(o.id, o.series_id, o.group_id, o.title, o.starts_at_ms, o.ends_at_ms,
                  o.original_starts_at_ms, o.status, o.change_reason, o.updated_at_ms);
}
inline auto fields(const AttendanceRecord& a) {
  return std::tie(a.occurrence_id, a.user_id, a.status, a.attended_ms, a.first_joined_ms,
                  a.last_left_ms, a.open_since_ms, a.corrected_by, a.correction_reason,
                  a.updated_at_ms);
}
inline auto fields(const NotificationRecord& n) {
  return std::tie(n.id, n.user_id, n.kind, n.occurrence_id, n.group_id, n.dedupe_key, n.text,
                  n.created_at_ms, n.read_at_ms);
}
inline auto fields(const SessionGuestRecord& g) {
  return std::tie(g.occurrence_id, g.user_id, g.invited_by, g.invited_at_ms);
}
inline auto fields(const CalendarFeedRecord& f) {
  return std::tie(f.user_id, f.token_digest, f.created_at_ms);
}

template <class Record>
void expect_same(const std::optional<Record>& found, const Record& expected) {
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(fields(*found), fields(expected));
}

template <class Record>
inline std::vector<std::string> ids(const std::vector<Record>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r.id);
  return out;
}

inline std::vector<std::string> user_ids(const auto& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r.user_id);
  return out;
}

// What fn returns, read in a read-only transaction; a failure fails the test.
template <class Fn>
inline auto read_in(Store& store, Fn fn) {
  std::decay_t<decltype(fn(std::declval<Transaction&>()).value())> value{};
  auto done = store.transact(Access::read_only, [&](Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(value, fn(tx));
    return ok();
  });
  EXPECT_TRUE(done.ok()) << done.error().message;
  return value;
}

inline UserRecord make_person(std::string name, std::string roles) {
  UserRecord u;
  u.id = new_id();
  u.email = name + "@example.org";
  u.display_name = std::move(name);
  u.time_zone = "America/Chicago";
  u.roles = std::move(roles);
  u.status = "active";
  u.password_hash = "$argon2id$placeholder";
  return u;
}

inline SeriesRecord make_series(const GroupRecord& group, const UserRecord& creator) {
  return SeriesRecord{.id = new_id(),
                      .group_id = group.id,
                      .title = "Skills group",
                      .time_zone = "America/Chicago",
                      .first_start_local = "2027-01-18T10:00",
                      .duration_minutes = 90,
                      .rrule = "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=24",
                      .created_by = creator.id,
                      .created_at_ms = 5};
}

inline OccurrenceRecord make_occurrence(const SeriesRecord& series, std::int64_t starts_at_ms) {
  return OccurrenceRecord{.id = new_id(),
                          .series_id = series.id,
                          .group_id = series.group_id,
                          .title = series.title,
                          .starts_at_ms = starts_at_ms,
                          .ends_at_ms = starts_at_ms + 90 * 60'000,
                          .original_starts_at_ms = starts_at_ms,
                          .updated_at_ms = 5};
}

inline GroupMemberRecord place(const GroupRecord& group, const UserRecord& user, std::string state,
                               std::int64_t requested_at_ms) {
  return GroupMemberRecord{.group_id = group.id,
                           .user_id = user.id,
                           .state = std::move(state),
                           .requested_at_ms = requested_at_ms,
                           .joined_at_ms = 0,
                           .added_by = user.id};
}

// Two programs: `program` with two groups (`group` led by clinician and co, `second_group` led by
// nobody) and `other_program` with one. Each group has a series. Fields are set away from their
// defaults so that a column left out of a statement shows.
struct World {
  UserRecord clinician = make_person("clinician", "clinician");
  UserRecord co = make_person("co", "peer_specialist");
  UserRecord alice = make_person("alice", "participant");
  UserRecord bob = make_person("bob", "participant");
  UserRecord carol = make_person("carol", "participant");
  UserRecord dave = make_person("dave", "participant");
  ProgramRecord program = targets(make_program("evening", "Evening IOP"));
  ProgramRecord other_program = make_program("morning", "Morning IOP");
  GroupRecord group = led(make_group(program, "skills", "Skills group"));
  GroupRecord second_group = make_group(program, "process", "Process group");
  GroupRecord other_group = make_group(other_program, "skills", "Skills group");
  SeriesRecord series = make_series(group, clinician);
  SeriesRecord second_series = make_series(second_group, clinician);
  SeriesRecord other_series = make_series(other_group, clinician);

  ProgramRecord targets(ProgramRecord p) {
    p.idle_timeout_minutes = 20;
    p.audience = "adolescent";
    p.weekly_target_minutes = 360;
    p.daily_minimum_minutes = 120;
    p.days_per_week_minimum = 4;
    p.length_weeks = 8;
    p.group_capacity_cap = 10;
    p.updated_at_ms = 7;
    return p;
  }
  GroupRecord led(GroupRecord g) {
    g.capacity = 3;
    g.facilitator_id = clinician.id;
    g.co_facilitator_id = co.id;
    g.membership = "closed";
    g.tags = "substance-use,young-adults";
    g.age_band = "young_adult";
    g.updated_at_ms = 9;
    return g;
  }

  Result<void> insert(Transaction& tx) const {
    for (const auto* u : {&clinician, &co, &alice, &bob, &carol, &dave}) {
      HEARTH_TRY(tx.insert_user(*u));
    }
    for (const auto* p : {&program, &other_program}) HEARTH_TRY(tx.insert_program(*p));
    for (const auto* g : {&group, &second_group, &other_group}) HEARTH_TRY(tx.insert_group(*g));
    for (const auto* s : {&series, &second_series, &other_series}) {
      HEARTH_TRY(tx.insert_series(*s));
    }
    return ok();
  }
};

// Each case starts from a migrated database holding a World.
class ScheduleStore : public StoreConformance {
 protected:
  void SetUp() override {
    StoreConformance::SetUp();
    if (HasFatalFailure()) return;
    store_ = open_migrated();
    ASSERT_TRUE(store_);
    auto seeded = write([&](Transaction& tx) { return w_.insert(tx); });
    ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  }
  void TearDown() override {
    store_.reset();
    StoreConformance::TearDown();
  }

  Result<void> write(const std::function<Result<void>(Transaction&)>& fn) {
    return store_->transact(Access::read_write, fn);
  }
  void commit(const std::function<Result<void>(Transaction&)>& fn) {
    auto done = write(fn);
    ASSERT_TRUE(done.ok()) << done.error().message;
  }
  // The code the transaction failed with, or nullopt if it committed.
  std::optional<Errc> failure(const std::function<Result<void>(Transaction&)>& fn) {
    auto done = write(fn);
    if (done.ok()) return std::nullopt;
    return done.error().code;
  }
  template <class Fn>
  auto read(Fn fn) {
    return read_in(*store_, fn);
  }

  void insert_occurrences(const std::vector<OccurrenceRecord>& occurrences) {
    commit([&](Transaction& tx) { return tx.insert_occurrences(occurrences); });
  }

  const World w_;
  std::unique_ptr<Store> store_;
};

}  // namespace hearth::store::testing
