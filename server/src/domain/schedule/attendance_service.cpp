#include "domain/schedule/attendance_service.hpp"

#include "domain/schedule/occurrence_access.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "base/ids.hpp"
#include "domain/identity/relationships.hpp"
#include "domain/schedule/roster.hpp"
#include "domain/schedule/schedule_service.hpp"

namespace hearth::schedule {
namespace {

using program::Group;

constexpr std::int64_t kMinuteMs = 60 * 1000;
constexpr std::size_t kMinReasonBytes = 3;

Error no_such_session() {
  return Error::of(Errc::not_found, "no such session");
}

Presence presence_of(const store::AttendanceRecord& r) {
  return Presence{r.attended_ms, r.first_joined_ms, r.last_left_ms, r.open_since_ms};
}

void set_presence(store::AttendanceRecord& r, const Presence& p) {
  r.attended_ms = p.attended_ms;
  r.first_joined_ms = p.first_joined_ms;
  r.last_left_ms = p.last_left_ms;
  r.open_since_ms = p.open_since_ms;
}

// Time so far: an open interval counts up to now (or the end, once the session is over).
std::int64_t attended_so_far(const store::AttendanceRecord& r, const store::OccurrenceRecord& occ,
                             std::int64_t now) {
  return settle(presence_of(r), occ.ends_at_ms, std::min(now, occ.ends_at_ms)).attended_ms;
}

AttendanceView view_of(PersonRef person, const std::optional<store::AttendanceRecord>& r,
                       const store::OccurrenceRecord& occ, std::int64_t now) {
  AttendanceView v;
  v.person = std::move(person);
  if (!r) {
    v.status = now < occ.ends_at_ms ? "expected" : std::string(kStatusAbsentUnexcused);
    return v;
  }
  v.corrected = !r->corrected_by.empty();
  v.correction_reason = r->correction_reason;
  v.first_joined_ms = r->first_joined_ms;
  v.last_left_ms = r->last_left_ms;
  v.connected = r->open_since_ms != 0 && now < occ.ends_at_ms;
  v.minutes = static_cast<int>(attended_so_far(*r, occ, now) / kMinuteMs);
  if (v.corrected) {
    v.status = r->status;
    v.minutes = static_cast<int>(r->attended_ms / kMinuteMs);
  } else {
    const auto settled = settle(presence_of(*r), occ.ends_at_ms, std::min(now, occ.ends_at_ms));
    v.status = derive_status(settled, occ.starts_at_ms, occ.ends_at_ms);
    // Still in the session: nobody has left early yet.
    if (v.connected && v.status == kStatusLeftEarly) v.status = kStatusPresent;
  }
  return v;
}

struct SessionContext {
  store::OccurrenceRecord occurrence;
  Group group;
  program::GroupRelation relation;
};

Result<SessionContext> load_session(store::Transaction& tx, const Caller& caller,
                                    std::string_view occurrence_id) {
  HEARTH_TRY_ASSIGN(auto found, load_occurrence(tx, caller, occurrence_id));
  const auto& relation = found.relation;
  const bool seat = relation.place && relation.place->state == "member";
  if (!seat && !program::can_manage_group(caller, relation) && !relation.program.staff) {
    return no_such_session();
  }
  return SessionContext{std::move(found.occurrence), std::move(found.group),
                        std::move(found.relation)};
}

Result<LocalDate> week_of(std::string_view day, std::string_view tz, std::int64_t now) {
  if (day.empty()) return week_start(utc_to_local_date(now, tz));
  HEARTH_TRY_ASSIGN(const auto date, parse_local_date(day, "week"));
  return week_start(date);
}

WeekTargets targets_of(const store::ProgramRecord& p) {
  return WeekTargets{p.weekly_target_minutes, p.daily_minimum_minutes, p.days_per_week_minimum};
}

struct WeekBounds {
  LocalDate start;
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;
};

WeekBounds bounds_of(LocalDate start, std::string_view tz) {
  return {start, start_of_local_day_utc_ms(start, tz),
          start_of_local_day_utc_ms(add_days(start, 7), tz)};
}

// The time a row stands for: a correction's minutes, or the accumulated time so far.
std::int64_t counted_ms(const store::AttendanceRecord& r, const store::OccurrenceRecord& occ,
                        std::int64_t now) {
  if (!r.corrected_by.empty()) return r.attended_ms;
  return attended_so_far(r, occ, now);
}

}  // namespace

Result<AttendanceView> AttendanceService::record_event(const Caller& caller,
                                                       std::string_view occurrence_id,
                                                       std::string_view kind,
                                                       std::string_view person_id) {
  if (kind != "join" && kind != "leave") {
    return Error::of(Errc::invalid_argument, "kind must be join or leave", "kind");
  }
  const std::string person = person_id.empty() ? caller.user_id : std::string(person_id);
  if (!is_valid_id(person))
    return Error::of(Errc::invalid_argument,
                     "user_id is not a person's "
                     "id",
                     "user_id");
  AttendanceView result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        const std::int64_t now = clock_.now_ms();
        HEARTH_TRY_ASSIGN(const auto ctx, load_session(tx, caller, occurrence_id));
        const auto& occ = ctx.occurrence;
        if (person != caller.user_id && !program::can_manage_group(caller, ctx.relation)) {
          return Error::of(Errc::permission_denied, "you record only your own attendance");
        }
        HEARTH_TRY_ASSIGN(const auto place, tx.find_group_member(ctx.group.id, person));
        const bool leads =
            person == ctx.group.facilitator_id || person == ctx.group.co_facilitator_id;
        if (!leads && !(place && place->state == "member")) {
          return Error::of(Errc::conflict, "this person is not expected at this session",
                           "user_id");
        }
        if (occ.status != "scheduled")
          return Error::of(Errc::conflict, "this session is cancelled");
        if (now < occ.starts_at_ms - kJoinEarlyMs || now > occ.ends_at_ms) {
          return Error::of(Errc::conflict,
                           "attendance is recorded from 10 minutes before the start until the end");
        }
        HEARTH_TRY_ASSIGN(auto found, tx.find_attendance(occ.id, person));
        store::AttendanceRecord r = found.value_or(store::AttendanceRecord{});
        r.occurrence_id = occ.id;
        r.user_id = person;
        const Presence before = presence_of(r);
        const Presence after = kind == "join"
                                   ? on_join(before, occ.starts_at_ms, occ.ends_at_ms, now)
                                   : on_leave(before, occ.starts_at_ms, occ.ends_at_ms, now);
        set_presence(r, after);
        if (r.corrected_by.empty())
          r.status = derive_status(after, occ.starts_at_ms, occ.ends_at_ms);
        r.updated_at_ms = now;
        HEARTH_TRY(tx.put_attendance(r));
        HEARTH_TRY_ASSIGN(const auto who, program::load_person(tx, person));
        result = view_of(who.value_or(PersonRef{person, "", "", ""}), r, occ, now);
        return ok();
      }));
  return result;
}

Result<std::vector<AttendanceView>> AttendanceService::attendance(const Caller& caller,
                                                                  std::string_view occurrence_id) {
  std::vector<AttendanceView> result;
  // Read-write: reading the attendees' rows is a record read, and the audit trail says so.
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        result.clear();
        const std::int64_t now = clock_.now_ms();
        HEARTH_TRY_ASSIGN(const auto ctx, load_session(tx, caller, occurrence_id));
        if (!program::can_manage_group(caller, ctx.relation)) {
          return Error::of(Errc::permission_denied,
                           "only the group's facilitators and care team see attendance");
        }
        HEARTH_TRY_ASSIGN(const auto rows, tx.list_attendance_of_occurrence(ctx.occurrence.id));
        std::map<std::string, store::AttendanceRecord> by_person;
        for (const auto& r : rows) by_person.emplace(r.user_id, r);
        // Everyone holding a seat, and anyone who came and has left the group since.
        std::set<std::string> people;
        HEARTH_TRY_ASSIGN(const auto seats, seat_holders(tx, ctx.group.id));
        people.insert(seats.begin(), seats.end());
        for (const auto& r : rows) people.insert(r.user_id);
        for (const auto& id : people) {
          HEARTH_TRY_ASSIGN(const auto person, program::load_person(tx, id));
          if (!person) continue;
          const auto it = by_person.find(id);
          result.push_back(view_of(*person,
                                   it == by_person.end() ? std::nullopt : std::optional(it->second),
                                   ctx.occurrence, now));
        }
        std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) {
          return a.person.display_name < b.person.display_name;
        });
        return audit_.record(
            tx, identity::audit_entry(caller, "attendance.read", "occurrence", ctx.occurrence.id));
      }));
  return result;
}

Result<AttendanceView> AttendanceService::correct(const Caller& caller,
                                                  std::string_view occurrence_id,
                                                  std::string_view person_id,
                                                  const Correction& correction) {
  static constexpr std::string_view kStatuses[] = {"present", "late", "left_early",
                                                   "absent_excused", "absent_unexcused"};
  if (std::find(std::begin(kStatuses), std::end(kStatuses), correction.status) ==
      std::end(kStatuses)) {
    return Error::of(Errc::invalid_argument,
                     "status must be present, late, left_early, absent_excused or "
                     "absent_unexcused",
                     "status");
  }
  if (correction.reason.size() < kMinReasonBytes) {
    return Error::of(Errc::invalid_argument, "reason must say why, in 3 to 300 characters",
                     "reason");
  }
  HEARTH_TRY(program::check_text(correction.reason, "reason", kMaxReasonBytes, true));
  if (!is_valid_id(person_id)) return Error::of(Errc::not_found, "no such attendee");
  AttendanceView result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        const std::int64_t now = clock_.now_ms();
        HEARTH_TRY_ASSIGN(const auto ctx, load_session(tx, caller, occurrence_id));
        const auto& occ = ctx.occurrence;
        if (!program::can_correct_attendance(caller, ctx.relation.program)) {
          return Error::of(Errc::permission_denied,
                           "only the program's care team corrects attendance");
        }
        const int longest = static_cast<int>((occ.ends_at_ms - occ.starts_at_ms) / kMinuteMs);
        if (correction.minutes < 0 || correction.minutes > longest) {
          return Error::of(Errc::invalid_argument,
                           "minutes must be between 0 and " + std::to_string(longest) +
                               ", the length of the session",
                           "minutes");
        }
        HEARTH_TRY_ASSIGN(auto found, tx.find_attendance(occ.id, person_id));
        if (!found) {
          HEARTH_TRY_ASSIGN(const auto place, tx.find_group_member(ctx.group.id, person_id));
          if (!place || place->state != "member") {
            return Error::of(Errc::not_found, "no such attendee");
          }
        }
        store::AttendanceRecord r = found.value_or(store::AttendanceRecord{});
        r.occurrence_id = occ.id;
        r.user_id = std::string(person_id);
        r.status = correction.status;
        r.attended_ms = std::int64_t{correction.minutes} * kMinuteMs;
        r.open_since_ms = 0;
        r.corrected_by = caller.user_id;
        r.correction_reason = correction.reason;
        r.updated_at_ms = now;
        HEARTH_TRY(tx.put_attendance(r));
        HEARTH_TRY(audit_.record(
            tx, identity::audit_entry(caller, "attendance.correct", "person", person_id)));
        HEARTH_TRY_ASSIGN(const auto who, program::load_person(tx, person_id));
        if (!who) return Error::of(Errc::not_found, "no such attendee");
        result = view_of(*who, r, occ, now);
        return ok();
      }));
  return result;
}

Result<std::vector<ProgressView>> AttendanceService::my_progress(const Caller& caller,
                                                                 std::string_view day) {
  std::vector<ProgressView> result;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    result.clear();
    const std::int64_t now = clock_.now_ms();
    HEARTH_TRY_ASSIGN(const auto memberships, tx.list_memberships_of_user(caller.user_id));
    for (const auto& m : memberships) {
      if (m.kind != "participant" || m.status != "active") continue;
      HEARTH_TRY_ASSIGN(const auto program, tx.find_program(m.program_id));
      if (!program) continue;
      HEARTH_TRY_ASSIGN(const auto start, week_of(day, program->time_zone, now));
      const auto week = bounds_of(start, program->time_zone);
      HEARTH_TRY_ASSIGN(const auto mine,
                        tx.list_occurrences_of_user(caller.user_id, week.from_ms, week.to_ms));
      HEARTH_TRY_ASSIGN(const auto rows,
                        tx.list_attendance_of_user(caller.user_id, week.from_ms, week.to_ms));
      std::map<std::string, bool> in_program;  // group id → belongs to this program
      const auto of_program = [&](const std::string& group_id) -> Result<bool> {
        auto it = in_program.find(group_id);
        if (it == in_program.end()) {
          HEARTH_TRY_ASSIGN(const auto group, tx.find_group(group_id));
          it = in_program.emplace(group_id, group && group->program_id == program->id).first;
        }
        return it->second;
      };
      ProgressView view{*program, {}, 0};
      std::vector<AttendedSession> sessions;
      for (const auto& r : rows) {
        HEARTH_TRY_ASSIGN(const auto occ, tx.find_occurrence(r.occurrence_id));
        if (!occ) continue;
        HEARTH_TRY_ASSIGN(const bool ours, of_program(occ->group_id));
        if (ours) sessions.push_back({occ->starts_at_ms, counted_ms(r, *occ, now)});
      }
      for (const auto& occ : mine) {
        if (occ.status != "scheduled" || occ.starts_at_ms <= now) continue;
        HEARTH_TRY_ASSIGN(const bool ours, of_program(occ.group_id));
        if (ours) {
          view.scheduled_minutes_left +=
              static_cast<int>((occ.ends_at_ms - occ.starts_at_ms) / kMinuteMs);
        }
      }
      view.week = week_progress(start, program->time_zone, sessions, targets_of(*program));
      result.push_back(std::move(view));
    }
    return ok();
  }));
  return result;
}

Result<std::shared_ptr<const UnderTarget>> AttendanceService::under_target(
    const Caller& caller, std::string_view program_id, std::string_view day) {
  if (!is_valid_id(program_id)) return Error::of(Errc::not_found, "no such program");
  const std::int64_t now = clock_.now_ms();
  const auto generation = store_.generation();
  HEARTH_TRY_ASSIGN(const auto access, list_access(caller, program_id, generation, now));
  if (access->refusal) return *access->refusal;
  const auto& program = access->program;
  HEARTH_TRY_ASSIGN(const auto start, week_of(day, program.time_zone, now));
  const auto key = program.id + ' ' + format_local_date(start);
  if (auto list = under_target_.find(key, generation, now)) return list;
  return make_under_target(program, start, key, generation, now, true);
}

Result<std::shared_ptr<const UnderTarget>> AttendanceService::make_under_target(
    const store::ProgramRecord& program, LocalDate start, const std::string& key,
    std::uint64_t generation, std::int64_t now, bool reuse_fresh) const {
  std::lock_guard one_at_a_time(computing_);
  // Whoever held the lock may have just made it; the generation taken before is still the
  // right tag (a later one could hide a write made while this list was read).
  if (reuse_fresh) {
    if (auto list = under_target_.find(key, generation, clock_.now_ms())) return list;
  }
  HEARTH_TRY_ASSIGN(auto computed, read_under_target(program, start, now));
  auto list = std::make_shared<const UnderTarget>(std::move(computed));
  under_target_.put(key, list, generation, now);
  return list;
}

std::shared_ptr<const UnderTarget> AttendanceService::under_target_if_fresh(
    const Caller& caller, std::string_view program_id, std::string_view day) const {
  const std::int64_t now = clock_.now_ms();
  const auto generation = store_.generation();
  const auto access_key = caller.user_id + ' ' + std::string(program_id);
  const auto access = list_access_.find(
      access_key, generation, now, background_,
      [this, caller, program_id = std::string(program_id)] {
        return read_list_access(caller, program_id, store_.generation(), clock_.now_ms()).ok();
      });
  if (!access || access->refusal) return nullptr;
  const auto start = week_of(day, access->program.time_zone, now);
  if (!start) return nullptr;
  auto key = access->program.id + ' ' + format_local_date(*start);
  return under_target_.find(
      key, generation, now, background_, [this, program = access->program, start = *start, key] {
        return make_under_target(program, start, key, store_.generation(), clock_.now_ms(), false)
            .ok();
      });
}

Result<std::shared_ptr<const AttendanceService::ListAccess>> AttendanceService::list_access(
    const Caller& caller, std::string_view program_id, std::uint64_t generation, std::int64_t now) {
  const auto key = caller.user_id + ' ' + std::string(program_id);
  if (auto known = list_access_.find(key, generation, now)) return known;
  return read_list_access(caller, std::string(program_id), generation, now);
}

Result<std::shared_ptr<const AttendanceService::ListAccess>> AttendanceService::read_list_access(
    const Caller& caller, const std::string& program_id, std::uint64_t generation,
    std::int64_t now) const {
  ListAccess access;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    access = ListAccess{};
    HEARTH_TRY_ASSIGN(auto program, tx.find_program(program_id));
    HEARTH_TRY_ASSIGN(const auto relation, program::program_relation(tx, caller, program_id));
    if (!program || !program::can_view_program(caller, relation)) {
      access.refusal = Error::of(Errc::not_found, "no such program");
    } else if (!program::can_view_progress_of_program(caller, relation)) {
      access.refusal =
          Error::of(Errc::permission_denied, "only the program's care team sees this list");
    } else {
      access.program = std::move(*program);
    }
    return ok();
  }));
  auto shared = std::make_shared<const ListAccess>(std::move(access));
  list_access_.put(caller.user_id + ' ' + program_id, shared, generation, now);
  return shared;
}

Result<UnderTarget> AttendanceService::read_under_target(const store::ProgramRecord& program,
                                                         LocalDate start, std::int64_t now) const {
  UnderTarget result;
  // Not audited per read, unlike the attendance of one session: the care team's page refreshes
  // this list every 15 s, which would bury the trail (and serialise every refresh on the audit
  // head). It shows names and hours only, of the program the caller staffs.
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    result = UnderTarget{};
    const auto week = bounds_of(start, program.time_zone);
    HEARTH_TRY_ASSIGN(const auto occurrences,
                      tx.list_occurrences_of_program(program.id, week.from_ms, week.to_ms));
    std::map<std::string, const store::OccurrenceRecord*> by_id;
    for (const auto& occ : occurrences) by_id.emplace(occ.id, &occ);
    HEARTH_TRY_ASSIGN(const auto rows,
                      tx.list_attendance_of_program(program.id, week.from_ms, week.to_ms));
    std::map<std::string, std::vector<AttendedSession>> sessions;
    for (const auto& r : rows) {
      const auto it = by_id.find(r.occurrence_id);
      if (it == by_id.end()) continue;
      sessions[r.user_id].push_back({it->second->starts_at_ms, counted_ms(r, *it->second, now)});
    }
    HEARTH_TRY_ASSIGN(const auto memberships, tx.list_memberships_of_program(program.id));
    // One read of the program's people beats one per participant: programs hold hundreds.
    HEARTH_TRY_ASSIGN(const auto people, tx.list_people_of_program(program.id));
    std::map<std::string_view, const store::PersonNameRecord*> user_by_id;
    for (const auto& p : people) user_by_id.emplace(p.id, &p);
    const auto targets = targets_of(program);
    for (const auto& m : memberships) {
      if (m.kind != "participant" || m.status != "active") continue;
      ++result.active_participants;
      const auto& mine = sessions[m.user_id];
      auto progress = week_progress(start, program.time_zone, mine, targets);
      if (progress.meets_weekly_target && progress.meets_days_target) continue;
      const auto user = user_by_id.find(m.user_id);
      if (user == user_by_id.end()) continue;
      result.participants.push_back({program::person_ref(*user->second), progress});
    }
    std::sort(result.participants.begin(), result.participants.end(),
              [](const UnderTargetRow& a, const UnderTargetRow& b) {
                if (a.week.minutes_short != b.week.minutes_short) {
                  return a.week.minutes_short > b.week.minutes_short;
                }
                return a.person.display_name < b.person.display_name;
              });
    result.program = program;
    result.week_start = start;
    return ok();
  }));
  return result;
}

}  // namespace hearth::schedule
