// Programs, their staff, enrollments and groups (docs/api.md, "Programs, groups and the schedule").
#include "http/handlers/identity_json.hpp"
#include "http/handlers/query_values.hpp"
#include "http/handlers/schedule_handlers.hpp"
#include "http/handlers/schedule_json.hpp"

namespace hearth::http {
namespace {

using boost::asio::awaitable;

constexpr std::size_t kMaxTextField = 4000;

Result<program::NewProgram> decode_new_program(const Request& request) {
  HEARTH_TRY_ASSIGN(const auto body, parse_json_object(request));
  program::NewProgram p;
  HEARTH_TRY_ASSIGN(p.slug, required_string(body, "slug", 200));
  HEARTH_TRY_ASSIGN(p.name, required_string(body, "name", kMaxTextField));
  HEARTH_TRY_ASSIGN(const auto description, optional_string(body, "description", kMaxTextField));
  p.description = description.value_or("");
  HEARTH_TRY_ASSIGN(p.time_zone, required_string(body, "time_zone", 200));
  HEARTH_TRY_ASSIGN(const auto audience, optional_string(body, "audience", 40));
  p.audience = audience.value_or("adult");
  HEARTH_TRY_ASSIGN(p.targets, optional_targets(body));
  HEARTH_TRY_ASSIGN(const auto length, optional_int(body, "length_weeks"));
  p.length_weeks = length.value_or(12);
  HEARTH_TRY_ASSIGN(const auto cap, optional_int(body, "group_capacity_cap"));
  p.group_capacity_cap = cap.value_or(12);
  return p;
}

Result<program::ProgramChanges> decode_program_changes(const Request& request) {
  HEARTH_TRY_ASSIGN(const auto body, parse_json_object(request));
  program::ProgramChanges c;
  HEARTH_TRY_ASSIGN(c.name, optional_string(body, "name", kMaxTextField));
  HEARTH_TRY_ASSIGN(c.description, optional_string(body, "description", kMaxTextField));
  HEARTH_TRY_ASSIGN(c.time_zone, optional_string(body, "time_zone", 200));
  HEARTH_TRY_ASSIGN(c.audience, optional_string(body, "audience", 40));
  HEARTH_TRY_ASSIGN(c.targets, optional_targets(body));
  HEARTH_TRY_ASSIGN(c.length_weeks, optional_int(body, "length_weeks"));
  HEARTH_TRY_ASSIGN(c.group_capacity_cap, optional_int(body, "group_capacity_cap"));
  HEARTH_TRY_ASSIGN(c.private_messages, optional_string(body, "private_messages", 40));
  return c;
}

Result<program::NewEnrollment> decode_enrollment(const Request& request) {
  HEARTH_TRY_ASSIGN(const auto body, parse_json_object(request));
  program::NewEnrollment e;
  HEARTH_TRY_ASSIGN(e.participant_id, required_string(body, "participant_id", 64));
  HEARTH_TRY_ASSIGN(e.admitted_on, required_string(body, "admitted_on", 40));
  HEARTH_TRY_ASSIGN(const auto discharge, optional_string(body, "expected_discharge_on", 40));
  e.expected_discharge_on = discharge.value_or("");
  HEARTH_TRY_ASSIGN(const auto band, optional_string(body, "age_band", 40));
  e.age_band = band.value_or("");
  return e;
}

Result<program::EnrollmentChanges> decode_enrollment_changes(const Request& request) {
  HEARTH_TRY_ASSIGN(const auto body, parse_json_object(request));
  program::EnrollmentChanges c;
  HEARTH_TRY_ASSIGN(c.status, optional_string(body, "status", 40));
  HEARTH_TRY_ASSIGN(c.expected_discharge_on, optional_string(body, "expected_discharge_on", 40));
  HEARTH_TRY_ASSIGN(c.age_band, optional_string(body, "age_band", 40));
  return c;
}

Result<program::NewGroup> decode_new_group(const Request& request) {
  HEARTH_TRY_ASSIGN(const auto body, parse_json_object(request));
  program::NewGroup g;
  HEARTH_TRY_ASSIGN(g.name, required_string(body, "name", kMaxTextField));
  HEARTH_TRY_ASSIGN(const auto slug, optional_string(body, "slug", 200));
  g.slug = slug.value_or("");
  HEARTH_TRY_ASSIGN(const auto description, optional_string(body, "description", kMaxTextField));
  g.description = description.value_or("");
  HEARTH_TRY_ASSIGN(g.kind, required_string(body, "kind", 40));
  HEARTH_TRY_ASSIGN(g.capacity, optional_int(body, "capacity"));
  HEARTH_TRY_ASSIGN(const auto membership, optional_string(body, "membership", 40));
  g.membership = membership.value_or("open");
  HEARTH_TRY_ASSIGN(const auto tags, optional_tags(body));
  g.tags = tags.value_or(std::vector<std::string>{});
  HEARTH_TRY_ASSIGN(const auto band, optional_string(body, "age_band", 40));
  g.age_band = band.value_or("");
  HEARTH_TRY_ASSIGN(const auto lead, optional_string(body, "facilitator_id", 64));
  g.facilitator_id = lead.value_or("");
  HEARTH_TRY_ASSIGN(const auto co_lead, optional_string(body, "co_facilitator_id", 64));
  g.co_facilitator_id = co_lead.value_or("");
  return g;
}

nlohmann::json enrollment_list(const std::vector<program::EnrollmentView>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : list) out.push_back(encode_enrollment(e, false));
  return {{"enrollments", std::move(out)}};
}

}  // namespace

void add_program_admin_routes(Router& router, const ScheduleDeps& deps) {
  router.add(Method::post, "/api/v1/programs", Access::admin,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto wanted = decode_new_program(ctx.request);
               if (!wanted) co_return error_response(wanted.error());
               co_return co_await answer_json(
                   d.blocking, [&] { return d.programs.create(*ctx.caller, *wanted); },
                   encode_program, 201);
             });
  router.add(Method::get, "/api/v1/programs/{id}", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking, [&] { return d.programs.program(*ctx.caller, ctx.param("id")); },
                   encode_program);
             });
  router.add(Method::patch, "/api/v1/programs/{id}", Access::admin,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto changes = decode_program_changes(ctx.request);
               if (!changes) co_return error_response(changes.error());
               co_return co_await answer_json(
                   d.blocking,
                   [&] { return d.programs.update(*ctx.caller, ctx.param("id"), *changes); },
                   encode_program);
             });
  router.add(Method::put, "/api/v1/programs/{id}/staff/{user_id}", Access::admin,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_no_content(d.blocking, [&] {
                 return d.programs.add_staff(*ctx.caller, ctx.param("id"), ctx.param("user_id"));
               });
             });
  router.add(Method::delete_, "/api/v1/programs/{id}/staff/{user_id}", Access::admin,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_no_content(d.blocking, [&] {
                 return d.programs.remove_staff(*ctx.caller, ctx.param("id"), ctx.param("user_id"));
               });
             });
  router.add(Method::get, "/api/v1/programs/{id}/enrollments", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking,
                   [&] { return d.admissions.enrollments(*ctx.caller, ctx.param("id")); },
                   enrollment_list);
             });
  router.add(Method::post, "/api/v1/programs/{id}/enrollments", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto wanted = decode_enrollment(ctx.request);
               if (!wanted) co_return error_response(wanted.error());
               co_return co_await answer_json(
                   d.blocking,
                   [&] { return d.admissions.enroll(*ctx.caller, ctx.param("id"), *wanted); },
                   [](const auto& e) { return encode_enrollment(e, false); }, 201);
             });
  router.add(Method::patch, "/api/v1/programs/{id}/enrollments/{user_id}", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto changes = decode_enrollment_changes(ctx.request);
               if (!changes) co_return error_response(changes.error());
               co_return co_await answer_json(
                   d.blocking,
                   [&] {
                     return d.admissions.update(*ctx.caller, ctx.param("id"), ctx.param("user_id"),
                                                *changes);
                   },
                   [](const auto& e) { return encode_enrollment(e, false); });
             });
  router.add(Method::get, "/api/v1/me/programs", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking, [&] { return d.admissions.my_placement(*ctx.caller); },
                   encode_placement);
             });
  router.add(Method::get, "/api/v1/participants/{id}/placement", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking,
                   [&] { return d.admissions.placement_of(*ctx.caller, ctx.param("id")); },
                   encode_placement);
             });
  router.add(
      Method::get, "/api/v1/programs/{id}/groups", Access::staff,
      [d = deps](RouteContext& ctx) -> awaitable<Response> {
        auto include = query_text(ctx.request, "include", 20);
        if (!include) co_return error_response(include.error());
        const bool archived = *include == "archived";
        co_return co_await answer_json(
            d.blocking,
            [&] { return d.groups.groups_of_program(*ctx.caller, ctx.param("id"), archived); },
            encode_groups);
      });
  router.add(Method::post, "/api/v1/programs/{id}/groups", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto wanted = decode_new_group(ctx.request);
               if (!wanted) co_return error_response(wanted.error());
               co_return co_await answer_json(
                   d.blocking,
                   [&] { return d.groups.create(*ctx.caller, ctx.param("id"), *wanted); },
                   encode_group, 201);
             });
}

}  // namespace hearth::http
