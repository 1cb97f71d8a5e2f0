// AttendanceService: who came to each session and for how long, and what that adds up to against
// the program's targets.
//
// Join and leave events (from the live session, or recorded through the API) are timed
// by the server's clock and accumulate time inside the session (attendance_math.hpp). A session
// has a row for every seat holder: one who never joined is "expected" until the end and
// "absent_unexcused" after it. The program's care team may correct a row with a reason, which is
// audited; participants never edit attendance. Weekly progress is computed from the rows on
// demand: for the participant (as encouragement) and for the care team (who is under target).
//
// Methods block on the store: run them through BlockingPool. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "base/fresh_cache.hpp"
#include "domain/audit/audit_trail.hpp"
#include "domain/program/program_views.hpp"
#include "domain/schedule/attendance_math.hpp"

namespace hearth::schedule {

using identity::Caller;
using program::PersonRef;

struct AttendanceView {
  PersonRef person;
  std::string status;  // "expected" or one of the stored statuses
  int minutes = 0;
  std::int64_t first_joined_ms = 0;
  std::int64_t last_left_ms = 0;
  bool connected = false;
  bool corrected = false;
  std::string correction_reason;
};

struct Correction {
  std::string status;
  int minutes = 0;
  std::string reason;
};

struct ProgressView {
  store::ProgramRecord program;
  WeekProgress week;
  int scheduled_minutes_left = 0;  // sessions of this week not yet started
};

struct UnderTargetRow {
  PersonRef person;
  WeekProgress week;
};

struct UnderTarget {
  store::ProgramRecord program;
  LocalDate week_start;
  int active_participants = 0;
  std::vector<UnderTargetRow> participants;  // most minutes short first
};

class AttendanceService {
 public:
  AttendanceService(store::Store& store, const Clock& clock, const audit::AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // kind "join" or "leave"; person_id "" for the caller.
  Result<AttendanceView> record_event(const Caller& caller, std::string_view occurrence_id,
                                      std::string_view kind, std::string_view person_id);
  Result<std::vector<AttendanceView>> attendance(const Caller& caller,
                                                 std::string_view occurrence_id);
  Result<AttendanceView> correct(const Caller& caller, std::string_view occurrence_id,
                                 std::string_view person_id, const Correction& correction);

  // `day` is any local date of the wanted week ("" for this week), in each program's time zone.
  Result<std::vector<ProgressView>> my_progress(const Caller& caller, std::string_view day);
  // The list is computed once for every viewer and kept while fresh (FreshCache: any write,
  // through this process or, once noticed, another, drops it; otherwise at most
  // kKeptCopyMaxAgeMs old, so time counting up in a session under way shows within those
  // 10 s); who may see it is checked on every call, against
  // a fresh copy of the caller's relation to the program. Shared and immutable: encoders may
  // keep what they make of it for as long as it lives. With refresh_ahead_with(), copies in
  // steady use are made again in the background before they run out.
  Result<std::shared_ptr<const UnderTarget>> under_target(const Caller& caller,
                                                          std::string_view program_id,
                                                          std::string_view day);
  // The same answer when fresh copies hold both the caller's access and the list; null means
  // "ask under_target()" (which also gives the errors). Never blocks: the I/O thread may call it.
  std::shared_ptr<const UnderTarget> under_target_if_fresh(const Caller& caller,
                                                           std::string_view program_id,
                                                           std::string_view day) const;
  // Where the background reads of refresh-ahead run (the blocking pool); set before serving.
  void refresh_ahead_with(RunInBackground run) { background_ = std::move(run); }

 private:
  // The program, if the caller may see its progress list; the refusal otherwise.
  struct ListAccess {
    std::optional<Error> refusal;
    store::ProgramRecord program;
  };
  Result<std::shared_ptr<const ListAccess>> list_access(const Caller& caller,
                                                        std::string_view program_id,
                                                        std::uint64_t generation, std::int64_t now);
  // Reads the caller's access into list_access_.
  Result<std::shared_ptr<const ListAccess>> read_list_access(const Caller& caller,
                                                             const std::string& program_id,
                                                             std::uint64_t generation,
                                                             std::int64_t now) const;
  // Computes the list into under_target_, one computation at a time; with `reuse_fresh`, takes
  // one that another thread made while this one waited its turn instead.
  Result<std::shared_ptr<const UnderTarget>> make_under_target(
      const store::ProgramRecord& program, LocalDate start, const std::string& key,
      std::uint64_t generation, std::int64_t now, bool reuse_fresh) const;
  Result<UnderTarget> read_under_target(const store::ProgramRecord& program, LocalDate start,
                                        std::int64_t now) const;

  store::Store& store_;
  const Clock& clock_;
  const audit::AuditTrail& audit_;
  mutable FreshCache<ListAccess> list_access_{10'000, kKeptCopyMaxAgeMs};   // by caller and program
  mutable FreshCache<UnderTarget> under_target_{1'000, kKeptCopyMaxAgeMs};  // by program and week
  RunInBackground background_;
  // One computation of a list at a time: when a copy goes stale under load, the requests that
  // find it so wait for the one that recomputes it instead of all recomputing it at once.
  mutable std::mutex computing_;
};

}  // namespace hearth::schedule
