#include "http/handlers/schedule_json.hpp"

#include <limits>

#include "base/timestamps.hpp"
#include "domain/identity/roles.hpp"
#include "domain/program/program.hpp"
#include "http/handlers/identity_json.hpp"
#include "http/json_body.hpp"
#include "http/json_writer.hpp"

namespace hearth::http {
namespace {

nlohmann::json time_or_null(std::int64_t ms) {
  return ms == 0 ? nlohmann::json(nullptr) : nlohmann::json(format_timestamp(ms));
}

nlohmann::json text_or_null(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

nlohmann::json ref_or_null(const std::optional<program::PersonRef>& person) {
  return person ? encode_person_ref(*person) : nlohmann::json(nullptr);
}

nlohmann::json staff_list(const std::vector<program::PersonRef>& staff) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : staff) {
    auto entry = encode_person_ref(s);
    const auto roles = identity::RoleSet::parse(s.roles).value_or(identity::RoleSet{});
    nlohmann::json names = nlohmann::json::array();
    for (auto name : roles.names()) names.push_back(name);
    entry["roles"] = std::move(names);
    list.push_back(std::move(entry));
  }
  return list;
}

}  // namespace

nlohmann::json encode_person_ref(const program::PersonRef& person) {
  return {{"id", person.id}, {"display_name", person.display_name}, {"pronouns", person.pronouns}};
}

nlohmann::json encode_targets(const store::ProgramRecord& p) {
  return {{"weekly_minutes", p.weekly_target_minutes},
          {"daily_minimum_minutes", p.daily_minimum_minutes},
          {"days_per_week", p.days_per_week_minimum}};
}

nlohmann::json encode_program(const program::ProgramView& view) {
  const auto& p = view.program;
  return {{"id", p.id},
          {"slug", p.slug},
          {"name", p.name},
          {"description", p.description},
          {"time_zone", p.time_zone},
          {"audience", p.audience},
          {"targets", encode_targets(p)},
          {"length_weeks", p.length_weeks},
          {"group_capacity_cap", p.group_capacity_cap},
          {"idle_timeout_minutes", p.idle_timeout_minutes},
          {"private_messages", p.private_messages},
          {"staff", staff_list(view.staff)}};
}

nlohmann::json encode_enrollment(const program::EnrollmentView& view, bool with_staff) {
  const auto& e = view.enrollment;
  nlohmann::json out = {{"program",
                         {{"id", view.program.id},
                          {"name", view.program.name},
                          {"time_zone", view.program.time_zone}}},
                        {"participant", encode_person_ref(view.participant)},
                        {"status", e.status},
                        {"admitted_on", text_or_null(e.admitted_on)},
                        {"expected_discharge_on", text_or_null(e.expected_discharge_on)},
                        {"discharged_on", text_or_null(e.discharged_on)},
                        {"age_band", text_or_null(e.age_band)}};
  if (with_staff) out["staff"] = staff_list(view.staff);
  return out;
}

nlohmann::json encode_group(const program::GroupView& view) {
  const auto& g = view.group;
  nlohmann::json tags = nlohmann::json::array();
  for (auto& t : program::split_tags(g.tags)) tags.push_back(std::move(t));
  return {{"id", g.id},
          {"program_id", g.program_id},
          {"program_name", view.program_name},
          {"slug", g.slug},
          {"name", g.name},
          {"description", g.description},
          {"kind", g.kind},
          {"capacity", g.capacity},
          {"seats_taken", view.seats_taken},
          {"waiting", view.waiting},
          {"membership", g.membership},
          {"tags", std::move(tags)},
          {"age_band", text_or_null(g.age_band)},
          {"facilitator", ref_or_null(view.facilitator)},
          {"co_facilitator", ref_or_null(view.co_facilitator)},
          {"status", g.status},
          {"my_place", text_or_null(view.my_place)},
          {"waiting_position",
           view.waiting_position ? nlohmann::json(*view.waiting_position) : nlohmann::json()}};
}

nlohmann::json encode_groups(const std::vector<program::GroupView>& views) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& g : views) out.push_back(encode_group(g));
  return {{"groups", std::move(out)}};
}

nlohmann::json encode_member(const program::GroupMemberView& view) {
  return {{"person", encode_person_ref(view.person)},
          {"state", view.place.state},
          {"requested_at", format_timestamp(view.place.requested_at_ms)},
          {"joined_at", time_or_null(view.place.joined_at_ms)},
          {"position", view.position ? nlohmann::json(*view.position) : nlohmann::json()}};
}

nlohmann::json encode_guest(const schedule::GuestView& view) {
  return {{"person", encode_person_ref(view.person)},
          {"email", view.email},
          {"invited_by", encode_person_ref(view.invited_by)},
          {"invited_at", format_timestamp(view.invited_at_ms)}};
}

nlohmann::json encode_placement(const program::Placement& placement) {
  nlohmann::json enrollments = nlohmann::json::array();
  for (const auto& e : placement.enrollments) enrollments.push_back(encode_enrollment(e, true));
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : placement.groups) groups.push_back(encode_group(g));
  return {{"enrollments", std::move(enrollments)}, {"groups", std::move(groups)}};
}

void write_occurrence(JsonWriter& w, const schedule::OccurrenceView& view) {
  const auto& o = view.occurrence;
  w.begin_object();
  w.key("id").string(o.id);
  w.key("series_id").string(o.series_id);
  w.key("group").begin_object();
  w.key("id").string(o.group_id);
  w.key("name").string(view.group_name);
  w.key("kind").string(view.group_kind);
  w.end_object();
  w.key("title").string(o.title);
  w.key("starts_at").timestamp(o.starts_at_ms);
  w.key("ends_at").timestamp(o.ends_at_ms);
  w.key("time_zone").string(view.time_zone);
  w.key("status").string(o.status);
  w.key("moved").boolean(o.starts_at_ms != o.original_starts_at_ms);
  w.key("original_starts_at").timestamp(o.original_starts_at_ms);
  w.key("change_reason").string_or_null(o.change_reason);
  w.key("join_opens_at").timestamp(o.starts_at_ms - schedule::kJoinEarlyMs);
  w.key("my_role").string_or_null(view.my_role);
  w.end_object();
}

// The shape has one definition, write_occurrence; the answers that nest a session inside a
// larger tree (clashes, bookings) are not the busy ones, so they pay for a parse.
nlohmann::json encode_occurrence(const schedule::OccurrenceView& view) {
  std::string text;
  JsonWriter w(text);
  write_occurrence(w, view);
  return nlohmann::json::parse(text);
}

std::string my_schedule_body(const schedule::MySchedule& schedule) {
  std::string out;
  out.reserve(64 + schedule.occurrences.size() * 600);
  JsonWriter w(out);
  w.begin_object();
  w.key("time_zone").string(schedule.time_zone);
  w.key("occurrences").begin_array();
  for (const auto& view : schedule.occurrences) write_occurrence(w, view);
  w.end_array();
  w.end_object();
  return out;
}

nlohmann::json encode_clashes(const std::vector<schedule::Clash>& clashes) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : clashes) {
    const auto& o = c.other.occurrence;
    list.push_back({{"person", encode_person_ref(c.person)},
                    {"as", c.as},
                    {"occurrence",
                     {{"id", o.id},
                      {"title", o.title},
                      {"group_name", c.other.group_name},
                      {"starts_at", format_timestamp(o.starts_at_ms)},
                      {"ends_at", format_timestamp(o.ends_at_ms)}}},
                    {"new_starts_at", format_timestamp(c.new_starts_at_ms)}});
  }
  return list;
}

nlohmann::json encode_attendance(const schedule::AttendanceView& v) {
  return {{"person", encode_person_ref(v.person)},
          {"status", v.status},
          {"minutes", v.minutes},
          {"first_joined_at", time_or_null(v.first_joined_ms)},
          {"last_left_at", time_or_null(v.last_left_ms)},
          {"connected", v.connected},
          {"corrected", v.corrected},
          {"correction_reason", text_or_null(v.correction_reason)}};
}

nlohmann::json encode_week(const schedule::WeekProgress& w) {
  return {{"week_start", schedule::format_local_date(w.week_start)},
          {"attended_minutes", w.attended_minutes},
          {"minutes_by_day", w.minutes_by_day},
          {"days_meeting_minimum", w.days_meeting_minimum},
          {"meets_weekly_target", w.meets_weekly_target},
          {"meets_days_target", w.meets_days_target},
          {"minutes_short", w.minutes_short},
          {"days_short", w.days_short}};
}

Result<std::optional<int>> optional_int(const nlohmann::json& body, std::string_view field) {
  HEARTH_TRY_ASSIGN(const auto value, optional_integer(body, field));
  if (!value) return std::optional<int>();
  if (*value < std::numeric_limits<int>::min() || *value > std::numeric_limits<int>::max()) {
    return Error::of(Errc::invalid_argument, std::string(field) + " is out of range",
                     std::string(field));
  }
  return std::optional<int>(static_cast<int>(*value));
}

Result<std::optional<program::Targets>> optional_targets(const nlohmann::json& body) {
  const auto it = body.find("targets");
  if (it == body.end() || it->is_null()) return std::optional<program::Targets>();
  if (!it->is_object()) return Error::of(Errc::malformed, "targets must be an object", "targets");
  program::Targets t;
  HEARTH_TRY_ASSIGN(const auto weekly, required_integer(*it, "weekly_minutes", 0, 100000));
  HEARTH_TRY_ASSIGN(const auto daily, required_integer(*it, "daily_minimum_minutes", 0, 100000));
  HEARTH_TRY_ASSIGN(const auto days, required_integer(*it, "days_per_week", 0, 7));
  t.weekly_minutes = static_cast<int>(weekly);
  t.daily_minimum_minutes = static_cast<int>(daily);
  t.days_per_week = static_cast<int>(days);
  return std::optional<program::Targets>(t);
}

Result<std::optional<std::vector<std::string>>> optional_tags(const nlohmann::json& body) {
  const auto it = body.find("tags");
  if (it == body.end() || it->is_null()) return std::optional<std::vector<std::string>>();
  HEARTH_TRY_ASSIGN(auto tags, required_string_array(body, "tags", program::kMaxTags + 1,
                                                     program::kMaxTagBytes * 2));
  return std::optional<std::vector<std::string>>(std::move(tags));
}

nlohmann::json encode_under_target(const schedule::UnderTarget& u) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& row : u.participants) {
    auto entry = encode_week(row.week);
    entry.erase("week_start");
    entry.erase("minutes_by_day");
    entry["person"] = encode_person_ref(row.person);
    list.push_back(std::move(entry));
  }
  return {{"week_start", schedule::format_local_date(u.week_start)},
          {"targets", encode_targets(u.program)},
          {"active_participants", u.active_participants},
          {"participants", std::move(list)}};
}

}  // namespace hearth::http
