// ScheduleService: when groups meet — recurring series and single sessions, individual
// appointments, cancelling or moving one occurrence (members are told why), double-booking
// warnings that name the clash, and each person's own schedule.
//
// A series is kept as its first local start, time zone and RFC 5545 RRULE, and expanded once into
// occurrences stored in UTC (recurrence.hpp says how local times that do not exist are treated).
// Methods block on the store: run them through BlockingPool. Thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "base/fresh_cache.hpp"
#include "domain/audit/audit_trail.hpp"
#include "domain/program/program_views.hpp"
#include "domain/schedule/recurrence.hpp"

namespace hearth::schedule {

using identity::Caller;
using program::PersonRef;

struct OccurrenceView {
  store::OccurrenceRecord occurrence;
  std::string group_name;
  std::string group_kind;
  std::string time_zone;  // the series' zone, in which its local times were set
  std::string my_role;    // "participant", "facilitator", "guest" or ""
};

// Another session that overlaps a new or moved one for someone expected at both.
struct Clash {
  PersonRef person;
  std::string as;  // "participant" or "facilitator" (in the new session)
  OccurrenceView other;
  std::int64_t new_starts_at_ms = 0;
};

struct SeriesRequest {
  std::string title;
  std::string start_local;  // "2026-11-30T10:00"
  std::string time_zone;    // "" for the program's
  int duration_minutes = 0;
  std::optional<WeeklyRepeat> repeat;
  bool preview = false;  // work everything out, store nothing
};

struct SeriesResult {
  store::SeriesRecord series;
  std::vector<OccurrenceView> occurrences;
  std::vector<Clash> clashes;
};

struct MoveRequest {
  std::string start_local;
  std::optional<int> duration_minutes;
  std::string reason;
};

struct MoveResult {
  OccurrenceView occurrence;
  std::vector<Clash> clashes;
};

struct AppointmentRequest {
  std::string participant_id;
  std::string kind;  // "individual" or "medication"
  std::string start_local;
  std::string time_zone;  // "" for the program's
  int duration_minutes = 0;
  std::string title;  // "" for the kind's plain name
};

struct AppointmentResult {
  program::GroupView group;
  OccurrenceView occurrence;
  std::vector<Clash> clashes;
};

struct OccurrenceDetail {
  OccurrenceView view;
  bool can_manage = false;
};

// A window of a person's schedule. The sessions are a view into a shared copy that `keep`
// holds alive, so that serving one from memory copies no session.
struct MySchedule {
  std::string time_zone;                        // the caller's own
  std::span<const OccurrenceView> occurrences;  // by start time
  std::shared_ptr<const void> keep;
};

inline constexpr int kMinDurationMinutes = 5;
inline constexpr int kMaxDurationMinutes = 8 * 60;
inline constexpr std::size_t kMaxTitleBytes = 120;
inline constexpr std::size_t kMaxReasonBytes = 300;
inline constexpr std::size_t kMaxClashes = 50;
// The longest range one schedule request may cover.
inline constexpr std::int64_t kMaxRangeMs = 62LL * 24 * 60 * 60 * 1000;
// "Join" opens this long before the start.
inline constexpr std::int64_t kJoinEarlyMs = 10LL * 60 * 1000;

class ScheduleService {
 public:
  ScheduleService(store::Store& store, const Clock& clock, const audit::AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  Result<SeriesResult> create_series(const Caller& caller, std::string_view group_id,
                                     const SeriesRequest& request);
  Result<std::vector<OccurrenceView>> occurrences_of_group(const Caller& caller,
                                                           std::string_view group_id,
                                                           std::int64_t from_ms,
                                                           std::int64_t to_ms);
  Result<OccurrenceDetail> occurrence(const Caller& caller, std::string_view occurrence_id);
  Result<OccurrenceView> cancel(const Caller& caller, std::string_view occurrence_id,
                                const std::string& reason);
  Result<MoveResult> move(const Caller& caller, std::string_view occurrence_id,
                          const MoveRequest& request);
  Result<AppointmentResult> book_appointment(const Caller& caller,
                                             const AppointmentRequest& request);
  // Served from a per-person copy of a slightly longer range while it is fresh (FreshCache: any
  // write, through this process or, once noticed, another, drops it), as every open page
  // asks for it and the answer changes only with the schedule. With refresh_ahead_with(), a copy
  // in steady use is read again in the background before it runs out.
  Result<MySchedule> my_schedule(const Caller& caller, std::int64_t from_ms, std::int64_t to_ms);
  // The same answer when a fresh copy holds it; nullopt means "ask my_schedule()". Never
  // blocks: the I/O thread may call it.
  std::optional<MySchedule> my_schedule_if_fresh(const Caller& caller, std::int64_t from_ms,
                                                 std::int64_t to_ms) const;
  // Where the background reads of refresh-ahead run (the blocking pool); set before serving.
  void refresh_ahead_with(RunInBackground run) { background_ = std::move(run); }

 private:
  struct ScheduleCopy {
    std::int64_t from_ms = 0;
    std::int64_t to_ms = 0;
    std::string time_zone;
    std::vector<OccurrenceView> occurrences;  // by start time
  };
  static MySchedule slice(std::shared_ptr<const ScheduleCopy> copy, std::int64_t from_ms,
                          std::int64_t to_ms);
  // Reads [from_ms, to_ms + a day) into schedules_.
  Result<std::shared_ptr<const ScheduleCopy>> copy_my_schedule(const std::string& user_id,
                                                               std::int64_t from_ms,
                                                               std::int64_t to_ms,
                                                               std::uint64_t generation,
                                                               std::int64_t now_ms) const;
  Result<ScheduleCopy> read_my_schedule(std::string_view user_id, std::int64_t from_ms,
                                        std::int64_t to_ms) const;

  store::Store& store_;
  const Clock& clock_;
  const audit::AuditTrail& audit_;
  mutable FreshCache<ScheduleCopy> schedules_{10'000, kKeptCopyMaxAgeMs};  // by user id
  RunInBackground background_;
};

}  // namespace hearth::schedule
