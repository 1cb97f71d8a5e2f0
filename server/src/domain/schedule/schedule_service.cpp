#include "domain/schedule/schedule_service.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>

#include "base/ids.hpp"
#include "domain/identity/relationships.hpp"
#include "domain/notification/notifications.hpp"
#include "domain/program/program_service.hpp"
#include "domain/schedule/notice_text.hpp"
#include "domain/schedule/occurrence_access.hpp"
#include "domain/schedule/roster.hpp"

namespace hearth::schedule {
namespace {

using program::Group;
using program::GroupRelation;

constexpr std::int64_t kMinuteMs = 60 * 1000;

Error no_such_session() {
  return Error::of(Errc::not_found, "no such session");
}

Error managers_only() {
  return Error::of(Errc::permission_denied,
                   "only the group's facilitators and care team change its sessions");
}

Result<void> check_title(std::string_view title) {
  return program::check_text(title, "title", kMaxTitleBytes, true);
}

Result<void> check_duration(int minutes) {
  if (minutes < kMinDurationMinutes || minutes > kMaxDurationMinutes) {
    return Error::of(Errc::invalid_argument,
                     "duration_minutes must be between " + std::to_string(kMinDurationMinutes) +
                         " and " + std::to_string(kMaxDurationMinutes),
                     "duration_minutes");
  }
  return ok();
}

Result<void> check_reason(std::string_view reason) {
  return program::check_text(reason, "reason", kMaxReasonBytes, true);
}

Result<void> check_range(std::int64_t from_ms, std::int64_t to_ms) {
  if (to_ms <= from_ms || to_ms - from_ms > kMaxRangeMs) {
    return Error::of(Errc::invalid_argument, "to must be after from, and at most 62 days later",
                     "to");
  }
  return ok();
}

Result<Group> load_group(store::Transaction& tx, std::string_view id) {
  if (!is_valid_id(id)) return Error::of(Errc::not_found, "no such group");
  HEARTH_TRY_ASSIGN(auto group, tx.find_group(id));
  if (!group) return Error::of(Errc::not_found, "no such group");
  return std::move(*group);
}

Result<store::ProgramRecord> load_program(store::Transaction& tx, std::string_view id) {
  HEARTH_TRY_ASSIGN(auto program, tx.find_program(id));
  if (!program) return Error::of(Errc::not_found, "no such program");
  return std::move(*program);
}

// Names the occurrences of one answer, reading each group and series once per transaction.
class OccurrenceNamer {
 public:
  explicit OccurrenceNamer(store::Transaction& tx) : tx_(tx) {}

  Result<OccurrenceView> view(store::OccurrenceRecord occ, std::string_view viewer_id) {
    HEARTH_TRY_ASSIGN(const auto* group, group_of(occ.group_id));
    HEARTH_TRY_ASSIGN(auto zone, zone_of(occ.series_id, *group));
    OccurrenceView v;
    v.group_name = group->name;
    v.group_kind = group->kind;
    v.time_zone = std::move(zone);
    if (!viewer_id.empty()) {
      if (group->facilitator_id == viewer_id || group->co_facilitator_id == viewer_id) {
        v.my_role = "facilitator";
      } else {
        HEARTH_TRY_ASSIGN(const bool seat, holds_seat(group->id, viewer_id));
        if (seat) v.my_role = "participant";
      }
    }
    v.occurrence = std::move(occ);
    return v;
  }

 private:
  Result<const Group*> group_of(const std::string& id) {
    auto it = groups_.find(id);
    if (it == groups_.end()) {
      HEARTH_TRY_ASSIGN(auto group, load_group(tx_, id));
      it = groups_.emplace(id, std::move(group)).first;
    }
    return &it->second;
  }

  Result<std::string> zone_of(const std::string& series_id, const Group& group) {
    auto it = zones_.find(series_id);
    if (it == zones_.end()) {
      HEARTH_TRY_ASSIGN(const auto series, tx_.find_series(series_id));
      std::string zone;
      if (series) {
        zone = series->time_zone;
      } else {
        HEARTH_TRY_ASSIGN(const auto program, load_program(tx_, group.program_id));
        zone = program.time_zone;
      }
      it = zones_.emplace(series_id, std::move(zone)).first;
    }
    return it->second;
  }

  Result<bool> holds_seat(const std::string& group_id, std::string_view user_id) {
    const auto key = group_id + "/" + std::string(user_id);
    auto it = seats_.find(key);
    if (it == seats_.end()) {
      HEARTH_TRY_ASSIGN(const auto place, tx_.find_group_member(group_id, user_id));
      it = seats_.emplace(key, place && place->state == "member").first;
    }
    return it->second;
  }

  store::Transaction& tx_;
  std::map<std::string, Group> groups_;
  std::map<std::string, std::string> zones_;
  std::map<std::string, bool> seats_;
};

struct Attendee {
  store::UserRecord user;
  std::string as;  // "participant" or "facilitator"
};

Result<std::vector<Attendee>> attendees_of(store::Transaction& tx, const Group& group) {
  HEARTH_TRY_ASSIGN(auto people, people_of_session(tx, group));
  std::vector<Attendee> out;
  for (auto& person : people) {
    const bool leads = person.id == group.facilitator_id || person.id == group.co_facilitator_id;
    out.push_back({std::move(person), leads ? "facilitator" : "participant"});
  }
  return out;
}

// Every other scheduled session that overlaps one of `fresh` for someone expected at it.
Result<std::vector<Clash>> find_clashes(store::Transaction& tx, OccurrenceNamer& namer,
                                        const std::vector<Attendee>& attendees,
                                        const std::vector<store::OccurrenceRecord>& fresh) {
  std::vector<Clash> clashes;
  if (fresh.empty()) return clashes;
  std::int64_t earliest = INT64_MAX;
  std::int64_t latest = 0;
  for (const auto& f : fresh) {
    earliest = std::min(earliest, f.starts_at_ms);
    latest = std::max(latest, f.ends_at_ms);
  }
  const auto is_fresh = [&](const std::string& id) {
    return std::any_of(fresh.begin(), fresh.end(), [&](const auto& f) { return f.id == id; });
  };
  for (const auto& a : attendees) {
    // A session that overlaps starts less than the longest session before the earliest start.
    HEARTH_TRY_ASSIGN(
        const auto theirs,
        tx.list_occurrences_of_user(a.user.id, earliest - kMaxDurationMinutes * kMinuteMs, latest));
    for (const auto& other : theirs) {
      if (other.status != "scheduled" || is_fresh(other.id)) continue;
      for (const auto& f : fresh) {
        if (other.starts_at_ms < f.ends_at_ms && f.starts_at_ms < other.ends_at_ms) {
          HEARTH_TRY_ASSIGN(auto view, namer.view(other, ""));
          clashes.push_back({program::person_ref(a.user), a.as, std::move(view), f.starts_at_ms});
          if (clashes.size() >= kMaxClashes) return clashes;
        }
      }
    }
  }
  return clashes;
}

Result<void> notify_attendees(store::Transaction& tx, const Group& group,
                              const store::OccurrenceRecord& occ, const Caller& caller,
                              std::string_view kind, std::int64_t now_ms) {
  HEARTH_TRY_ASSIGN(auto people, people_of_session(tx, group));
  HEARTH_TRY_ASSIGN(auto guests, guests_of_session(tx, occ.id));
  people.insert(people.end(), std::make_move_iterator(guests.begin()),
                std::make_move_iterator(guests.end()));
  for (const auto& person : people) {
    if (person.id == caller.user_id) continue;
    const std::string text = kind == "session_cancelled" ? cancelled_text(occ, person.time_zone)
                                                         : moved_text(occ, person.time_zone);
    HEARTH_TRY(notification::notify(tx, {person.id, std::string(kind), text, occ.id, group.id, ""},
                                    now_ms));
  }
  return ok();
}

struct ManagedOccurrence {
  store::OccurrenceRecord occurrence;
  Group group;
};

Result<ManagedOccurrence> load_for_change(store::Transaction& tx, const Caller& caller,
                                          std::string_view occurrence_id, std::int64_t now_ms) {
  HEARTH_TRY_ASSIGN(auto found, load_occurrence(tx, caller, occurrence_id));
  if (!program::can_view_group(caller, found.group, found.relation)) return no_such_session();
  if (!program::can_manage_group(caller, found.relation)) return managers_only();
  if (found.occurrence.status != "scheduled") {
    return Error::of(Errc::conflict, "this session is cancelled");
  }
  if (found.occurrence.ends_at_ms <= now_ms) {
    return Error::of(Errc::conflict, "this session is over");
  }
  return ManagedOccurrence{std::move(found.occurrence), std::move(found.group)};
}

std::vector<store::OccurrenceRecord> occurrences_from(const store::SeriesRecord& series,
                                                      const std::vector<std::int64_t>& starts,
                                                      std::int64_t now_ms) {
  std::vector<store::OccurrenceRecord> out;
  out.reserve(starts.size());
  for (const auto start : starts) {
    store::OccurrenceRecord o;
    o.id = new_id();
    o.series_id = series.id;
    o.group_id = series.group_id;
    o.title = series.title;
    o.starts_at_ms = start;
    o.ends_at_ms = start + std::int64_t{series.duration_minutes} * kMinuteMs;
    o.original_starts_at_ms = start;
    o.updated_at_ms = now_ms;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

Result<SeriesResult> ScheduleService::create_series(const Caller& caller, std::string_view group_id,
                                                    const SeriesRequest& request) {
  HEARTH_TRY(check_title(request.title));
  HEARTH_TRY(check_duration(request.duration_minutes));
  HEARTH_TRY(parse_local_date_time(request.start_local, "start"));
  if (!request.time_zone.empty()) HEARTH_TRY(check_time_zone(request.time_zone, "time_zone"));
  std::string rrule;
  if (request.repeat) {
    HEARTH_TRY_ASSIGN(rrule, to_rrule(*request.repeat));
  }
  const auto access = request.preview ? store::Access::read_only : store::Access::read_write;
  SeriesResult result;
  HEARTH_TRY(store_.transact(access, [&](store::Transaction& tx) -> Result<void> {
    result = SeriesResult{};
    const std::int64_t now = clock_.now_ms();
    HEARTH_TRY_ASSIGN(const auto group, load_group(tx, group_id));
    HEARTH_TRY_ASSIGN(const auto relation, program::group_relation(tx, caller, group));
    if (!program::can_view_group(caller, group, relation)) {
      return Error::of(Errc::not_found, "no such group");
    }
    if (!program::can_manage_group(caller, relation)) return managers_only();
    if (group.status != "active") return Error::of(Errc::conflict, "the group is archived");
    HEARTH_TRY_ASSIGN(const auto program, load_program(tx, group.program_id));
    store::SeriesRecord series;
    series.id = new_id();
    series.group_id = group.id;
    series.title = request.title;
    series.time_zone = request.time_zone.empty() ? program.time_zone : request.time_zone;
    series.first_start_local = request.start_local;
    series.duration_minutes = request.duration_minutes;
    series.rrule = rrule;
    series.created_by = caller.user_id;
    series.created_at_ms = now;
    HEARTH_TRY_ASSIGN(const auto starts,
                      expand(series.first_start_local, series.time_zone, series.rrule));
    if (starts.front() < now) {
      return Error::of(Errc::invalid_argument, "start must be in the future", "start");
    }
    auto occurrences = occurrences_from(series, starts, now);
    OccurrenceNamer namer(tx);
    HEARTH_TRY_ASSIGN(const auto attendees, attendees_of(tx, group));
    HEARTH_TRY_ASSIGN(result.clashes, find_clashes(tx, namer, attendees, occurrences));
    if (!request.preview) {
      HEARTH_TRY(tx.insert_series(series));
      HEARTH_TRY(tx.insert_occurrences(occurrences));
      HEARTH_TRY(
          audit_.record(tx, identity::audit_entry(caller, "series.create", "group", group.id)));
    }
    for (auto& occ : occurrences) {
      HEARTH_TRY_ASSIGN(auto view, namer.view(std::move(occ), caller.user_id));
      result.occurrences.push_back(std::move(view));
    }
    result.series = std::move(series);
    return ok();
  }));
  return result;
}

Result<std::vector<OccurrenceView>> ScheduleService::occurrences_of_group(const Caller& caller,
                                                                          std::string_view group_id,
                                                                          std::int64_t from_ms,
                                                                          std::int64_t to_ms) {
  HEARTH_TRY(check_range(from_ms, to_ms));
  std::vector<OccurrenceView> result;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    result.clear();
    HEARTH_TRY_ASSIGN(const auto group, load_group(tx, group_id));
    HEARTH_TRY_ASSIGN(const auto relation, program::group_relation(tx, caller, group));
    if (!program::can_view_group(caller, group, relation)) {
      return Error::of(Errc::not_found, "no such group");
    }
    HEARTH_TRY_ASSIGN(auto occurrences, tx.list_occurrences_of_group(group.id, from_ms, to_ms));
    OccurrenceNamer namer(tx);
    for (auto& occ : occurrences) {
      HEARTH_TRY_ASSIGN(auto view, namer.view(std::move(occ), caller.user_id));
      result.push_back(std::move(view));
    }
    return ok();
  }));
  return result;
}

Result<OccurrenceDetail> ScheduleService::occurrence(const Caller& caller,
                                                     std::string_view occurrence_id) {
  OccurrenceDetail result;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto found, load_occurrence(tx, caller, occurrence_id));
    auto* occ = &found.occurrence;
    const auto& relation = found.relation;
    const bool seat = relation.place && relation.place->state == "member";
    result.can_manage = program::can_manage_group(caller, relation);
    bool guest = false;
    if (!seat && !result.can_manage) {
      HEARTH_TRY_ASSIGN(const auto guests, tx.list_session_guests(occ->id));
      guest = std::any_of(guests.begin(), guests.end(),
                          [&](const auto& g) { return g.user_id == caller.user_id; });
    }
    if (!seat && !result.can_manage && !relation.program.staff && !guest) {
      return no_such_session();
    }
    OccurrenceNamer namer(tx);
    HEARTH_TRY_ASSIGN(result.view, namer.view(std::move(*occ), caller.user_id));
    if (guest && result.view.my_role.empty()) result.view.my_role = "guest";
    return ok();
  }));
  return result;
}

Result<OccurrenceView> ScheduleService::cancel(const Caller& caller, std::string_view occurrence_id,
                                               const std::string& reason) {
  HEARTH_TRY(check_reason(reason));
  OccurrenceView result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        const std::int64_t now = clock_.now_ms();
        HEARTH_TRY_ASSIGN(auto managed, load_for_change(tx, caller, occurrence_id, now));
        auto& occ = managed.occurrence;
        occ.status = "cancelled";
        occ.change_reason = reason;
        occ.updated_at_ms = now;
        HEARTH_TRY(tx.update_occurrence(occ));
        HEARTH_TRY(notify_attendees(tx, managed.group, occ, caller, "session_cancelled", now));
        HEARTH_TRY(audit_.record(
            tx, identity::audit_entry(caller, "occurrence.cancel", "occurrence", occ.id)));
        OccurrenceNamer namer(tx);
        HEARTH_TRY_ASSIGN(result, namer.view(std::move(occ), caller.user_id));
        return ok();
      }));
  return result;
}

Result<MoveResult> ScheduleService::move(const Caller& caller, std::string_view occurrence_id,
                                         const MoveRequest& request) {
  HEARTH_TRY(check_reason(request.reason));
  HEARTH_TRY_ASSIGN(const auto start, parse_local_date_time(request.start_local, "start"));
  if (request.duration_minutes) HEARTH_TRY(check_duration(*request.duration_minutes));
  MoveResult result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        const std::int64_t now = clock_.now_ms();
        HEARTH_TRY_ASSIGN(auto managed, load_for_change(tx, caller, occurrence_id, now));
        auto& occ = managed.occurrence;
        OccurrenceNamer namer(tx);
        HEARTH_TRY_ASSIGN(const auto current, namer.view(occ, ""));
        HEARTH_TRY_ASSIGN(const auto starts_at,
                          local_to_utc_ms(start, current.time_zone, Gap::reject));
        if (starts_at < now) {
          return Error::of(Errc::invalid_argument, "start must be in the future", "start");
        }
        const std::int64_t duration = request.duration_minutes
                                          ? std::int64_t{*request.duration_minutes} * kMinuteMs
                                          : occ.ends_at_ms - occ.starts_at_ms;
        occ.starts_at_ms = starts_at;
        occ.ends_at_ms = starts_at + duration;
        occ.change_reason = request.reason;
        occ.updated_at_ms = now;
        HEARTH_TRY(tx.update_occurrence(occ));
        HEARTH_TRY_ASSIGN(const auto attendees, attendees_of(tx, managed.group));
        HEARTH_TRY_ASSIGN(result.clashes, find_clashes(tx, namer, attendees, {occ}));
        HEARTH_TRY(notify_attendees(tx, managed.group, occ, caller, "session_moved", now));
        HEARTH_TRY(audit_.record(
            tx, identity::audit_entry(caller, "occurrence.move", "occurrence", occ.id)));
        HEARTH_TRY_ASSIGN(result.occurrence, namer.view(std::move(occ), caller.user_id));
        return ok();
      }));
  return result;
}

Result<AppointmentResult> ScheduleService::book_appointment(const Caller& caller,
                                                            const AppointmentRequest& request) {
  if (request.kind != "individual" && request.kind != "medication") {
    return Error::of(Errc::invalid_argument, "kind must be individual or medication", "kind");
  }
  if (!is_valid_id(request.participant_id)) {
    return Error::of(Errc::invalid_argument, "participant_id is not a person's id",
                     "participant_id");
  }
  const std::string title =
      request.title.empty()
          ? (request.kind == "individual" ? "Individual session" : "Medication consult")
          : request.title;
  HEARTH_TRY(check_title(title));
  HEARTH_TRY(check_duration(request.duration_minutes));
  HEARTH_TRY(parse_local_date_time(request.start_local, "start"));
  if (!request.time_zone.empty()) HEARTH_TRY(check_time_zone(request.time_zone, "time_zone"));
  if (!caller.roles.has(identity::Role::clinician)) {
    return Error::of(Errc::permission_denied, "appointments are booked by a clinician");
  }
  AppointmentResult result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        const std::int64_t now = clock_.now_ms();
        // The program: one the participant is active in and the clinician staffs.
        HEARTH_TRY_ASSIGN(const auto theirs, tx.list_memberships_of_user(request.participant_id));
        std::optional<store::ProgramRecord> shared;
        for (const auto& m : theirs) {
          if (m.kind != "participant" || m.status != "active") continue;
          HEARTH_TRY_ASSIGN(const auto relation,
                            program::program_relation(tx, caller, m.program_id));
          if (!relation.staff) continue;
          HEARTH_TRY_ASSIGN(shared, tx.find_program(m.program_id));
          break;
        }
        if (!shared) {
          return Error::of(Errc::invalid_argument,
                           "the participant is not active in a program you staff",
                           "participant_id");
        }
        HEARTH_TRY_ASSIGN(const auto participant, tx.find_user(request.participant_id));
        HEARTH_TRY_ASSIGN(const auto clinician, tx.find_user(caller.user_id));
        if (!participant || !clinician) return Error::of(Errc::not_found, "no such participant");

        program::NewGroup wanted;
        wanted.name = title + ": " + participant->display_name + " with " + clinician->display_name;
        wanted.slug = program::slug_from_name(request.kind + "-" + new_id());
        wanted.kind = request.kind;
        wanted.capacity = 1;
        wanted.membership = "closed";
        wanted.facilitator_id = caller.user_id;
        HEARTH_TRY_ASSIGN(auto group, program::new_group_record(wanted, shared->id, new_id(), now));
        HEARTH_TRY(tx.insert_group(group));
        HEARTH_TRY(tx.insert_group_member(
            {group.id, participant->id, "member", now, now, caller.user_id}));

        store::SeriesRecord series;
        series.id = new_id();
        series.group_id = group.id;
        series.title = title;
        series.time_zone = request.time_zone.empty() ? shared->time_zone : request.time_zone;
        series.first_start_local = request.start_local;
        series.duration_minutes = request.duration_minutes;
        series.created_by = caller.user_id;
        series.created_at_ms = now;
        HEARTH_TRY_ASSIGN(const auto starts,
                          expand(series.first_start_local, series.time_zone, ""));
        if (starts.front() < now) {
          return Error::of(Errc::invalid_argument, "start must be in the future", "start");
        }
        auto occurrences = occurrences_from(series, starts, now);
        OccurrenceNamer namer(tx);
        const std::vector<Attendee> attendees = {{*participant, "participant"},
                                                 {*clinician, "facilitator"}};
        HEARTH_TRY_ASSIGN(result.clashes, find_clashes(tx, namer, attendees, occurrences));
        HEARTH_TRY(tx.insert_series(series));
        HEARTH_TRY(tx.insert_occurrences(occurrences));
        HEARTH_TRY(notification::notify(
            tx,
            {participant->id, "session_booked",
             title + ": " +
                 local_time_text(occurrences.front().starts_at_ms, participant->time_zone),
             occurrences.front().id, group.id, ""},
            now));
        HEARTH_TRY(audit_.record(
            tx, identity::audit_entry(caller, "appointment.create", "person", participant->id)));
        HEARTH_TRY_ASSIGN(result.occurrence,
                          namer.view(std::move(occurrences.front()), caller.user_id));
        HEARTH_TRY_ASSIGN(result.group,
                          program::group_view(tx, caller, std::move(group), shared->name));
        return ok();
      }));
  return result;
}

Result<MySchedule> ScheduleService::my_schedule(const Caller& caller, std::int64_t from_ms,
                                                std::int64_t to_ms) {
  HEARTH_TRY(check_range(from_ms, to_ms));
  const auto now = clock_.now_ms();
  const auto generation = store_.generation();
  auto copy = schedules_.find(caller.user_id, generation, now);
  if (!copy || from_ms < copy->from_ms || to_ms > copy->to_ms) {
    HEARTH_TRY_ASSIGN(copy, copy_my_schedule(caller.user_id, from_ms, to_ms, generation, now));
  }
  return slice(std::move(copy), from_ms, to_ms);
}

std::optional<MySchedule> ScheduleService::my_schedule_if_fresh(const Caller& caller,
                                                                std::int64_t from_ms,
                                                                std::int64_t to_ms) const {
  if (!check_range(from_ms, to_ms)) return std::nullopt;
  auto copy = schedules_.find(
      caller.user_id, store_.generation(), clock_.now_ms(), background_,
      [this, user_id = caller.user_id, from_ms, to_ms] {
        return copy_my_schedule(user_id, from_ms, to_ms, store_.generation(), clock_.now_ms()).ok();
      });
  if (!copy || from_ms < copy->from_ms || to_ms > copy->to_ms) return std::nullopt;
  return slice(std::move(copy), from_ms, to_ms);
}

Result<std::shared_ptr<const ScheduleService::ScheduleCopy>> ScheduleService::copy_my_schedule(
    const std::string& user_id, std::int64_t from_ms, std::int64_t to_ms, std::uint64_t generation,
    std::int64_t now_ms) const {
  // A day past what was asked, so that the requests that follow, whose "now" has moved on,
  // still fall inside the copy.
  const std::int64_t read_to = to_ms + 24LL * 60 * 60 * 1000;
  HEARTH_TRY_ASSIGN(auto read, read_my_schedule(user_id, from_ms, read_to));
  auto copy = std::make_shared<const ScheduleCopy>(std::move(read));
  schedules_.put(user_id, copy, generation, now_ms);
  return copy;
}

MySchedule ScheduleService::slice(std::shared_ptr<const ScheduleCopy> copy, std::int64_t from_ms,
                                  std::int64_t to_ms) {
  const auto& all = copy->occurrences;
  const auto starts_before = [](const OccurrenceView& v, std::int64_t ms) {
    return v.occurrence.starts_at_ms < ms;
  };
  const auto first = std::lower_bound(all.begin(), all.end(), from_ms, starts_before);
  const auto last = std::lower_bound(first, all.end(), to_ms, starts_before);
  MySchedule result;
  result.time_zone = copy->time_zone;
  result.occurrences = std::span<const OccurrenceView>(first, last);
  result.keep = std::move(copy);
  return result;
}

Result<ScheduleService::ScheduleCopy> ScheduleService::read_my_schedule(std::string_view user_id,
                                                                        std::int64_t from_ms,
                                                                        std::int64_t to_ms) const {
  ScheduleCopy result;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    result = ScheduleCopy{from_ms, to_ms, {}, {}};
    HEARTH_TRY_ASSIGN(const auto me, tx.find_user(user_id));
    if (!me) return Error::of(Errc::unauthenticated, "sign in first");
    result.time_zone = me->time_zone;
    HEARTH_TRY_ASSIGN(auto occurrences, tx.list_occurrences_of_user(me->id, from_ms, to_ms));
    HEARTH_TRY_ASSIGN(auto as_guest, tx.list_guest_occurrences_of_user(me->id, from_ms, to_ms));
    OccurrenceNamer namer(tx);
    for (auto& occ : occurrences) {
      if (occ.status != "scheduled") continue;
      HEARTH_TRY_ASSIGN(auto view, namer.view(std::move(occ), me->id));
      result.occurrences.push_back(std::move(view));
    }
    for (auto& occ : as_guest) {
      if (occ.status != "scheduled") continue;
      HEARTH_TRY_ASSIGN(auto view, namer.view(std::move(occ), me->id));
      // A guest who also holds a seat or leads the group is already listed by that.
      if (!view.my_role.empty()) continue;
      view.my_role = "guest";
      result.occurrences.push_back(std::move(view));
    }
    std::stable_sort(result.occurrences.begin(), result.occurrences.end(),
                     [](const OccurrenceView& a, const OccurrenceView& b) {
                       return std::tie(a.occurrence.starts_at_ms, a.occurrence.id) <
                              std::tie(b.occurrence.starts_at_ms, b.occurrence.id);
                     });
    return ok();
  }));
  return result;
}

}  // namespace hearth::schedule
