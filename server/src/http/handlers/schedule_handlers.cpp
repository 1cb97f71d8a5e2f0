// Sessions and schedules, calendar feeds, attendance, progress and notifications (docs/api.md,
// "Programs, groups and the schedule").
#include "http/handlers/schedule_handlers.hpp"

#include <array>

#include "base/timestamps.hpp"
#include "http/encoded_memo.hpp"
#include "http/handlers/identity_json.hpp"
#include "http/handlers/query_values.hpp"
#include "http/handlers/schedule_json.hpp"
#include "http/json_body.hpp"

namespace hearth::http {
namespace {

using boost::asio::awaitable;

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kInProgressMs = 8LL * 60 * 60 * 1000;  // the longest session
constexpr std::string_view kFeedSuffix = ".ics";

Result<int> weekday_from_code(std::string_view code) {
  static constexpr std::array<std::string_view, 7> kCodes = {"MO", "TU", "WE", "TH",
                                                             "FR", "SA", "SU"};
  for (std::size_t i = 0; i < kCodes.size(); ++i) {
    if (kCodes[i] == code) return static_cast<int>(i);
  }
  return Error::of(Errc::invalid_argument, "weekdays are MO, TU, WE, TH, FR, SA or SU", "repeat");
}

Result<std::optional<schedule::WeeklyRepeat>> decode_repeat(const nlohmann::json& body) {
  const auto it = body.find("repeat");
  if (it == body.end() || it->is_null()) return std::optional<schedule::WeeklyRepeat>();
  if (!it->is_object()) return Error::of(Errc::malformed, "repeat must be an object", "repeat");
  schedule::WeeklyRepeat repeat;
  HEARTH_TRY_ASSIGN(const auto codes, required_string_array(*it, "weekdays", 7, 2));
  for (const auto& code : codes) {
    HEARTH_TRY_ASSIGN(const int day, weekday_from_code(code));
    repeat.weekdays.push_back(day);
  }
  HEARTH_TRY_ASSIGN(const auto interval, optional_int(*it, "interval_weeks"));
  repeat.interval_weeks = interval.value_or(1);
  HEARTH_TRY_ASSIGN(const auto until, optional_string(*it, "until", 40));
  if (until) {
    HEARTH_TRY_ASSIGN(repeat.until, schedule::parse_local_date(*until, "repeat"));
  }
  HEARTH_TRY_ASSIGN(const auto count, optional_int(*it, "count"));
  repeat.count = count.value_or(0);
  return std::optional<schedule::WeeklyRepeat>(std::move(repeat));
}

Result<schedule::SeriesRequest> decode_series(const Request& request) {
  HEARTH_TRY_ASSIGN(const auto body, parse_json_object(request));
  schedule::SeriesRequest s;
  HEARTH_TRY_ASSIGN(s.title, required_string(body, "title", 1000));
  HEARTH_TRY_ASSIGN(s.start_local, required_string(body, "start", 40));
  HEARTH_TRY_ASSIGN(const auto zone, optional_string(body, "time_zone", 200));
  s.time_zone = zone.value_or("");
  HEARTH_TRY_ASSIGN(const auto duration, required_integer(body, "duration_minutes", 0, 100000));
  s.duration_minutes = static_cast<int>(duration);
  HEARTH_TRY_ASSIGN(s.repeat, decode_repeat(body));
  HEARTH_TRY_ASSIGN(const auto preview, optional_bool(body, "preview"));
  s.preview = preview.value_or(false);
  return s;
}

Result<schedule::MoveRequest> decode_move(const Request& request) {
  HEARTH_TRY_ASSIGN(const auto body, parse_json_object(request));
  schedule::MoveRequest m;
  HEARTH_TRY_ASSIGN(m.start_local, required_string(body, "start", 40));
  HEARTH_TRY_ASSIGN(m.duration_minutes, optional_int(body, "duration_minutes"));
  HEARTH_TRY_ASSIGN(m.reason, required_string(body, "reason", 2000));
  return m;
}

Result<schedule::AppointmentRequest> decode_appointment(const Request& request) {
  HEARTH_TRY_ASSIGN(const auto body, parse_json_object(request));
  schedule::AppointmentRequest a;
  HEARTH_TRY_ASSIGN(a.participant_id, required_string(body, "participant_id", 64));
  HEARTH_TRY_ASSIGN(a.kind, required_string(body, "kind", 40));
  HEARTH_TRY_ASSIGN(a.start_local, required_string(body, "start", 40));
  HEARTH_TRY_ASSIGN(const auto zone, optional_string(body, "time_zone", 200));
  a.time_zone = zone.value_or("");
  HEARTH_TRY_ASSIGN(const auto duration, required_integer(body, "duration_minutes", 0, 100000));
  a.duration_minutes = static_cast<int>(duration);
  HEARTH_TRY_ASSIGN(const auto title, optional_string(body, "title", 1000));
  a.title = title.value_or("");
  return a;
}

Result<schedule::Correction> decode_correction(const Request& request) {
  HEARTH_TRY_ASSIGN(const auto body, parse_json_object(request));
  schedule::Correction c;
  HEARTH_TRY_ASSIGN(c.status, required_string(body, "status", 40));
  HEARTH_TRY_ASSIGN(const auto minutes, required_integer(body, "minutes", -1, 100000));
  c.minutes = static_cast<int>(minutes);
  HEARTH_TRY_ASSIGN(c.reason, required_string(body, "reason", 2000));
  return c;
}

struct Range {
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;
};

// from/to of a listing; by default the sessions under way and the next `default_days`.
Result<Range> decode_range(const Request& request, std::int64_t now, int default_days) {
  Range r;
  HEARTH_TRY_ASSIGN(r.from_ms, query_time(request, "from", now - kInProgressMs, false));
  HEARTH_TRY_ASSIGN(r.to_ms, query_time(request, "to", r.from_ms + default_days * kDayMs, true));
  return r;
}

nlohmann::json occurrence_list(const std::vector<schedule::OccurrenceView>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& o : list) out.push_back(encode_occurrence(o));
  return out;
}

void add_session_routes(Router& router, const ScheduleDeps& deps) {
  router.add(Method::post, "/api/v1/groups/{id}/series", Access::staff,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto wanted = decode_series(ctx.request);
               if (!wanted) co_return error_response(wanted.error());
               co_return co_await answer_json(
                   d.blocking,
                   [&] { return d.schedule.create_series(*ctx.caller, ctx.param("id"), *wanted); },
                   [](const schedule::SeriesResult& r) {
                     return nlohmann::json{
                         {"series", {{"id", r.series.id}, {"rrule", r.series.rrule}}},
                         {"occurrences", occurrence_list(r.occurrences)},
                         {"clashes", encode_clashes(r.clashes)}};
                   },
                   wanted->preview ? 200 : 201);
             });
  router.add(Method::get, "/api/v1/groups/{id}/occurrences", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto range = decode_range(ctx.request, d.clock.now_ms(), 31);
               if (!range) co_return error_response(range.error());
               co_return co_await answer_json(
                   d.blocking,
                   [&] {
                     return d.schedule.occurrences_of_group(*ctx.caller, ctx.param("id"),
                                                            range->from_ms, range->to_ms);
                   },
                   [](const auto& list) {
                     return nlohmann::json{{"occurrences", occurrence_list(list)}};
                   });
             });
  router.add(Method::get, "/api/v1/occurrences/{id}", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking, [&] { return d.schedule.occurrence(*ctx.caller, ctx.param("id")); },
                   [](const schedule::OccurrenceDetail& detail) {
                     auto out = encode_occurrence(detail.view);
                     out["can_manage"] = detail.can_manage;
                     return out;
                   });
             });
  router.add(Method::post, "/api/v1/occurrences/{id}/cancel", Access::staff,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto body = parse_json_object(ctx.request);
               if (!body) co_return error_response(body.error());
               auto reason = required_string(*body, "reason", 2000);
               if (!reason) co_return error_response(reason.error());
               co_return co_await answer_json(
                   d.blocking,
                   [&] { return d.schedule.cancel(*ctx.caller, ctx.param("id"), *reason); },
                   encode_occurrence);
             });
  router.add(Method::post, "/api/v1/occurrences/{id}/move", Access::staff,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto wanted = decode_move(ctx.request);
               if (!wanted) co_return error_response(wanted.error());
               co_return co_await answer_json(
                   d.blocking,
                   [&] { return d.schedule.move(*ctx.caller, ctx.param("id"), *wanted); },
                   [](const schedule::MoveResult& r) {
                     return nlohmann::json{{"occurrence", encode_occurrence(r.occurrence)},
                                           {"clashes", encode_clashes(r.clashes)}};
                   });
             });
  router.add(Method::post, "/api/v1/appointments", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto wanted = decode_appointment(ctx.request);
               if (!wanted) co_return error_response(wanted.error());
               co_return co_await answer_json(
                   d.blocking, [&] { return d.schedule.book_appointment(*ctx.caller, *wanted); },
                   [](const schedule::AppointmentResult& r) {
                     return nlohmann::json{{"group", encode_group(r.group)},
                                           {"occurrence", encode_occurrence(r.occurrence)},
                                           {"clashes", encode_clashes(r.clashes)}};
                   },
                   201);
             });
  // Each person's copy of their schedule serves the same slice until a session starts, so each
  // slice is encoded once (a few thousand people with the page open: a few MB of bodies).
  router.add(Method::get, "/api/v1/me/schedule", Access::signed_in,
             [d = deps, bodies = std::make_shared<EncodedMemo>(4096)](
                 RouteContext& ctx) -> awaitable<Response> {
               auto range = decode_range(ctx.request, d.clock.now_ms(), 7);
               if (!range) co_return error_response(range.error());
               auto answer = [&](const schedule::MySchedule& schedule) {
                 auto response = Response::json(200, {});
                 response.shared_body = bodies->body_of_part(
                     schedule.keep, schedule.occurrences.data(), schedule.occurrences.size(),
                     [&] { return my_schedule_body(schedule); });
                 return response;
               };
               // In memory most of the time: answered on this thread, without the pool's hand-offs.
               if (auto fresh =
                       d.schedule.my_schedule_if_fresh(*ctx.caller, range->from_ms, range->to_ms)) {
                 co_return answer(*fresh);
               }
               auto schedule = co_await d.blocking.run([&] {
                 return d.schedule.my_schedule(*ctx.caller, range->from_ms, range->to_ms);
               });
               if (!schedule) co_return error_response(schedule.error());
               co_return answer(*schedule);
             });
}

void add_feed_routes(Router& router, const ScheduleDeps& deps) {
  router.add(Method::get, "/api/v1/me/calendar-feed", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking, [&] { return d.feeds.status(*ctx.caller); },
                   [](const schedule::FeedStatus& s) {
                     return nlohmann::json{
                         {"active", s.active},
                         {"created_at", s.active ? nlohmann::json(format_timestamp(s.created_at_ms))
                                                 : nlohmann::json()}};
                   });
             });
  router.add(Method::post, "/api/v1/me/calendar-feed", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               const auto site = site_origin(ctx.request, d.public_origin);
               co_return co_await answer_json(
                   d.blocking, [&] { return d.feeds.create(*ctx.caller); },
                   [&](const schedule::NewFeed& f) {
                     return nlohmann::json{
                         {"url", site + "/api/v1/calendar/" + f.token + std::string(kFeedSuffix)},
                         {"created_at", format_timestamp(f.created_at_ms)}};
                   },
                   201);
             });
  router.add(Method::delete_, "/api/v1/me/calendar-feed", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_no_content(d.blocking,
                                                    [&] { return d.feeds.turn_off(*ctx.caller); });
             });
  // The token in the URL is the credential: calendar apps cannot sign in. It is never logged
  // (the request log names route patterns only) and is compared by its digest.
  router.add(Method::get, "/api/v1/calendar/{file}", Access::anyone,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               const std::string_view file = ctx.param("file");
               if (!file.ends_with(kFeedSuffix)) {
                 co_return error_response(Error::of(Errc::not_found, "no such calendar feed"));
               }
               const std::string token(file.substr(0, file.size() - kFeedSuffix.size()));
               const auto site = site_origin(ctx.request, d.public_origin);
               auto feed = co_await d.blocking.run([&] { return d.feeds.render(token, site); });
               if (!feed) co_return error_response(feed.error());
               auto response = Response::text(200, std::move(*feed));
               response.set_header("Content-Type", "text/calendar; charset=utf-8");
               co_return response;
             });
}

void add_attendance_routes(Router& router, const ScheduleDeps& deps) {
  router.add(Method::post, "/api/v1/occurrences/{id}/attendance/events", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto body = parse_json_object(ctx.request);
               if (!body) co_return error_response(body.error());
               auto kind = required_string(*body, "kind", 20);
               if (!kind) co_return error_response(kind.error());
               auto person = optional_string(*body, "user_id", 64);
               if (!person) co_return error_response(person.error());
               co_return co_await answer_json(
                   d.blocking,
                   [&] {
                     return d.attendance.record_event(*ctx.caller, ctx.param("id"), *kind,
                                                      person->value_or(""));
                   },
                   encode_attendance);
             });
  router.add(Method::get, "/api/v1/occurrences/{id}/attendance", Access::staff,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking,
                   [&] { return d.attendance.attendance(*ctx.caller, ctx.param("id")); },
                   [](const std::vector<schedule::AttendanceView>& rows) {
                     nlohmann::json list = nlohmann::json::array();
                     for (const auto& r : rows) list.push_back(encode_attendance(r));
                     return nlohmann::json{{"attendance", std::move(list)}};
                   });
             });
  router.add(Method::put, "/api/v1/occurrences/{id}/attendance/{user_id}", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto correction = decode_correction(ctx.request);
               if (!correction) co_return error_response(correction.error());
               co_return co_await answer_json(
                   d.blocking,
                   [&] {
                     return d.attendance.correct(*ctx.caller, ctx.param("id"), ctx.param("user_id"),
                                                 *correction);
                   },
                   encode_attendance);
             });
  router.add(Method::get, "/api/v1/me/progress", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto week = query_text(ctx.request, "week", 40);
               if (!week) co_return error_response(week.error());
               co_return co_await answer_json(
                   d.blocking, [&] { return d.attendance.my_progress(*ctx.caller, *week); },
                   [](const std::vector<schedule::ProgressView>& weeks) {
                     nlohmann::json list = nlohmann::json::array();
                     for (const auto& w : weeks) {
                       auto entry = encode_week(w.week);
                       entry["program"] = {{"id", w.program.id}, {"name", w.program.name}};
                       entry["targets"] = encode_targets(w.program);
                       entry["scheduled_minutes_left"] = w.scheduled_minutes_left;
                       list.push_back(std::move(entry));
                     }
                     return nlohmann::json{{"weeks", std::move(list)}};
                   });
             });
  // Refreshed by the care team's open page, so it must not keep an idle session alive.
  router
      .add(Method::get, "/api/v1/programs/{id}/under-target", Access::care_team,
           [d = deps,
            bodies = std::make_shared<EncodedMemo>()](RouteContext& ctx) -> awaitable<Response> {
             auto week = query_text(ctx.request, "week", 40);
             if (!week) co_return error_response(week.error());
             const auto encode = [](const schedule::UnderTarget& u) {
               return dump_json(encode_under_target(u));
             };
             auto answer = [&](const auto& list) {
               auto response = Response::json(200, {});
               response.shared_body = bodies->body(list, encode);
               return response;
             };
             if (auto fresh =
                     d.attendance.under_target_if_fresh(*ctx.caller, ctx.param("id"), *week)) {
               co_return answer(fresh);
             }
             auto list = co_await d.blocking.run(
                 [&] { return d.attendance.under_target(*ctx.caller, ctx.param("id"), *week); });
             if (!list) co_return error_response(list.error());
             co_return answer(*list);
           })
      .counts_as_activity = false;
}

// Guests invited to one session (schedule::GuestService says who may).
void add_guest_routes(Router& router, const ScheduleDeps& deps) {
  router.add(Method::get, "/api/v1/occurrences/{id}/guests", Access::staff,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking, [&] { return d.guests.list(*ctx.caller, ctx.param("id")); },
                   [](const std::vector<schedule::GuestView>& guests) {
                     nlohmann::json list = nlohmann::json::array();
                     for (const auto& g : guests) list.push_back(encode_guest(g));
                     return nlohmann::json{{"guests", std::move(list)}};
                   });
             });
  router.add(Method::post, "/api/v1/occurrences/{id}/guests", Access::staff,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto body = parse_json_object(ctx.request);
               if (!body) co_return error_response(body.error());
               auto email = required_string(*body, "email", 320);
               if (!email) co_return error_response(email.error());
               const std::string occurrence_id(ctx.param("id"));
               co_return co_await answer_json(
                   d.blocking,
                   [&]() -> Result<schedule::GuestView> {
                     HEARTH_TRY_ASSIGN(auto guest,
                                       d.guests.invite(*ctx.caller, occurrence_id, *email));
                     if (d.guest_invited) d.guest_invited(occurrence_id, guest.person.id);
                     return guest;
                   },
                   [](const schedule::GuestView& guest) {
                     return nlohmann::json{{"guest", encode_guest(guest)}};
                   },
                   201);
             });
  router.add(Method::delete_, "/api/v1/occurrences/{id}/guests/{user_id}", Access::staff,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               const std::string occurrence_id(ctx.param("id"));
               const std::string user_id(ctx.param("user_id"));
               co_return co_await answer_no_content(d.blocking, [&]() -> Result<void> {
                 HEARTH_TRY(d.guests.withdraw(*ctx.caller, occurrence_id, user_id));
                 if (d.guest_withdrawn) d.guest_withdrawn(occurrence_id, user_id);
                 return ok();
               });
             });
}

void add_notification_routes(Router& router, const ScheduleDeps& deps) {
  router.add(
      Method::get, "/api/v1/me/notifications", Access::signed_in,
      [d = deps](RouteContext& ctx) -> awaitable<Response> {
        auto before = query_time(ctx.request, "before", INT64_MAX, false);
        if (!before) co_return error_response(before.error());
        auto limit = query_number(ctx.request, "limit", 50, 1, 200);
        if (!limit) co_return error_response(limit.error());
        co_return co_await answer_json(
            d.blocking,
            [&] {
              return d.notifications.list(*ctx.caller, *before, static_cast<std::size_t>(*limit));
            },
            [](const notification::Page& page) {
              nlohmann::json list = nlohmann::json::array();
              for (const auto& n : page.notifications) {
                list.push_back(
                    {{"id", n.id},
                     {"kind", n.kind},
                     {"text", n.text},
                     {"occurrence_id",
                      n.occurrence_id.empty() ? nlohmann::json() : nlohmann::json(n.occurrence_id)},
                     {"group_id",
                      n.group_id.empty() ? nlohmann::json() : nlohmann::json(n.group_id)},
                     {"created_at", format_timestamp(n.created_at_ms)},
                     {"read", n.read_at_ms != 0}});
              }
              return nlohmann::json{{"notifications", std::move(list)}, {"unread", page.unread}};
            });
      });
  // Polled by the web app, so it must not keep an idle session alive.
  router
      .add(Method::get, "/api/v1/me/notifications/unread-count", Access::signed_in,
           [d = deps](RouteContext& ctx) -> awaitable<Response> {
             co_return co_await answer_json(
                 d.blocking, [&] { return d.notifications.unread_count(*ctx.caller); },
                 [](std::int64_t unread) {
                   return nlohmann::json{{"unread", unread}};
                 });
           })
      .counts_as_activity = false;
  router.add(Method::post, "/api/v1/me/notifications/{id}/read", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_no_content(d.blocking, [&] {
                 return d.notifications.mark_read(*ctx.caller, ctx.param("id"));
               });
             });
  router.add(Method::post, "/api/v1/me/notifications/read-all", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking, [&] { return d.notifications.mark_all_read(*ctx.caller); },
                   [](std::int64_t marked) {
                     return nlohmann::json{{"marked", marked}};
                   });
             });
}

}  // namespace

void add_schedule_routes(Router& router, const ScheduleDeps& deps) {
  add_session_routes(router, deps);
  add_feed_routes(router, deps);
  add_attendance_routes(router, deps);
  add_guest_routes(router, deps);
  add_notification_routes(router, deps);
}

}  // namespace hearth::http
