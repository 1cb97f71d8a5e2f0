// People, invitations sent, password reset links, break-glass grants and the audit trail
// (docs/api.md). The route rule admits a role; the services decide on the relationship.

#include "base/timestamps.hpp"
#include "domain/audit/audit_trail.hpp"
#include "http/error_response.hpp"
#include "http/handlers/identity_handlers.hpp"
#include "http/handlers/identity_json.hpp"
#include "http/handlers/query_values.hpp"
#include "http/json_body.hpp"

namespace hearth::http {
namespace {

using boost::asio::awaitable;

Response people_response(const std::vector<identity::PersonView>& people) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : people) list.push_back(encode_person(p));
  return Response::json(200, dump_json({{"people", std::move(list)}}));
}

Response person_response(const Result<identity::PersonView>& person) {
  if (!person) return error_response(person.error());
  return Response::json(200, dump_json(encode_person(*person)));
}

Result<store::AuditQuery> audit_query(const Request& request) {
  store::AuditQuery q;
  HEARTH_TRY_ASSIGN(q.from_ms, query_time(request, "from", 0, false));
  HEARTH_TRY_ASSIGN(q.to_ms, query_time(request, "to", INT64_MAX, true));
  HEARTH_TRY_ASSIGN(q.actor_id, query_text(request, "actor_id", 64));
  HEARTH_TRY_ASSIGN(q.action, query_text(request, "action", 64));
  HEARTH_TRY_ASSIGN(const auto limit, query_number(request, "limit", 100, 1, 500));
  q.limit = static_cast<std::size_t>(limit);
  HEARTH_TRY_ASSIGN(q.before_seq, query_number(request, "before", INT64_MAX, 1, INT64_MAX));
  return q;
}

awaitable<Response> list_people(const IdentityDeps& d, RouteContext& ctx) {
  identity::PeopleFilter filter;
  auto q = query_text(ctx.request, "q", 200);
  if (!q) co_return error_response(q.error());
  auto role = query_text(ctx.request, "role", 32);
  if (!role) co_return error_response(role.error());
  auto status = query_text(ctx.request, "status", 32);
  if (!status) co_return error_response(status.error());
  filter.query = std::move(*q);
  filter.role = std::move(*role);
  filter.status = std::move(*status);
  auto people = co_await d.blocking.run([&] { return d.people.list_people(*ctx.caller, filter); });
  if (!people) co_return error_response(people.error());
  co_return people_response(*people);
}

awaitable<Response> create_invite(const IdentityDeps& d, RouteContext& ctx) {
  auto body = parse_json_object(ctx.request);
  if (!body) co_return error_response(body.error());
  identity::NewInvite invite;
  auto email = required_string(*body, "email", 320);
  if (!email) co_return error_response(email.error());
  auto roles = required_string_array(*body, "roles", 6, 32);
  if (!roles) co_return error_response(roles.error());
  auto program = optional_string(*body, "program_id", 64);
  if (!program) co_return error_response(program.error());
  invite.email = std::move(*email);
  invite.roles = std::move(*roles);
  invite.program_id = program->value_or("");
  auto issued = co_await d.blocking.run([&] { return d.enrollment.invite(*ctx.caller, invite); });
  if (!issued) co_return error_response(issued.error());
  const auto link = site_origin(ctx.request, d.public_origin) + "/invite#" + issued->token;
  co_return Response::json(
      201,
      dump_json({{"invite", encode_invite(issued->record, d.clock.now_ms())}, {"link", link}}));
}

awaitable<Response> create_grant(const IdentityDeps& d, RouteContext& ctx) {
  auto body = parse_json_object(ctx.request);
  if (!body) co_return error_response(body.error());
  identity::NewGrant grant;
  auto clinician = required_string(*body, "clinician_id", 64);
  if (!clinician) co_return error_response(clinician.error());
  auto participant = required_string(*body, "participant_id", 64);
  if (!participant) co_return error_response(participant.error());
  auto reason = required_string(*body, "reason", 4000);
  if (!reason) co_return error_response(reason.error());
  auto minutes = required_integer(*body, "minutes", 1, 1440);
  if (!minutes) co_return error_response(minutes.error());
  grant.clinician_id = std::move(*clinician);
  grant.participant_id = std::move(*participant);
  grant.reason = std::move(*reason);
  grant.minutes = *minutes;
  auto made = co_await d.blocking.run([&] { return d.people.grant(*ctx.caller, grant); });
  if (!made) co_return error_response(made.error());
  co_return Response::json(201, dump_json(encode_grant(*made, d.clock.now_ms())));
}

awaitable<Response> list_audit(const IdentityDeps& d, RouteContext& ctx) {
  auto query = audit_query(ctx.request);
  if (!query) co_return error_response(query.error());
  auto events = co_await d.blocking.run([&] { return d.people.audit_events(*ctx.caller, *query); });
  if (!events) co_return error_response(events.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : *events) list.push_back(encode_audit_event(e));
  const bool more = events->size() == query->limit;
  co_return Response::json(200, dump_json({{"events", std::move(list)},
                                           {"next_before", more ? nlohmann::json(events->back().seq)
                                                                : nlohmann::json(nullptr)}}));
}

awaitable<Response> export_audit(const IdentityDeps& d, RouteContext& ctx) {
  auto from = query_time(ctx.request, "from", 0, false);
  if (!from) co_return error_response(from.error());
  auto to = query_time(ctx.request, "to", INT64_MAX, true);
  if (!to) co_return error_response(to.error());
  auto rows =
      co_await d.blocking.run([&] { return d.people.export_audit(*ctx.caller, *from, *to); });
  if (!rows) co_return error_response(rows.error());
  Response r;
  r.body = audit::csv_header();
  for (const auto& row : *rows) r.body += audit::csv_row(row);
  r.set_header("Content-Type", "text/csv; charset=utf-8");
  r.set_header("Content-Disposition", "attachment; filename=\"hearth-audit.csv\"");
  co_return r;
}

}  // namespace

void add_people_routes(Router& router, const IdentityDeps& deps) {
  router.add(Method::get, "/api/v1/people", Access::admin,
             [d = deps](RouteContext& ctx) { return list_people(d, ctx); });
  router.add(Method::get, "/api/v1/participants", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto people =
                   co_await d.blocking.run([&] { return d.people.list_participants(*ctx.caller); });
               if (!people) co_return error_response(people.error());
               co_return people_response(*people);
             });
  router.add(Method::get, "/api/v1/people/{id}", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               const std::string id(ctx.param("id"));
               co_return person_response(
                   co_await d.blocking.run([&] { return d.people.person(*ctx.caller, id); }));
             });
  for (const bool active : {false, true}) {
    router.add(Method::post,
               active ? "/api/v1/people/{id}/reactivate" : "/api/v1/people/{id}/deactivate",
               Access::admin, [d = deps, active](RouteContext& ctx) -> awaitable<Response> {
                 const std::string id(ctx.param("id"));
                 co_return person_response(co_await d.blocking.run(
                     [&] { return d.people.set_active(*ctx.caller, id, active); }));
               });
  }
  router.add(Method::put, "/api/v1/people/{id}/roles", Access::admin,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto body = parse_json_object(ctx.request);
               if (!body) co_return error_response(body.error());
               auto roles = required_string_array(*body, "roles", 6, 32);
               if (!roles) co_return error_response(roles.error());
               const std::string id(ctx.param("id"));
               co_return person_response(co_await d.blocking.run(
                   [&] { return d.people.set_roles(*ctx.caller, id, *roles); }));
             });
  router.add(
      Method::post, "/api/v1/people/{id}/password-reset", Access::care_team,
      [d = deps](RouteContext& ctx) -> awaitable<Response> {
        const std::string id(ctx.param("id"));
        auto issued =
            co_await d.blocking.run([&] { return d.enrollment.issue_reset(*ctx.caller, id); });
        if (!issued) co_return error_response(issued.error());
        const auto link = site_origin(ctx.request, d.public_origin) + "/reset#" + issued->token;
        co_return Response::json(
            201, dump_json({{"link", link},
                            {"expires_at", format_timestamp(issued->record.expires_at_ms)}}));
      });
  router.add(Method::post, "/api/v1/invites", Access::care_team,
             [d = deps](RouteContext& ctx) { return create_invite(d, ctx); });
  router.add(Method::get, "/api/v1/invites", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto invites =
                   co_await d.blocking.run([&] { return d.enrollment.list_invites(*ctx.caller); });
               if (!invites) co_return error_response(invites.error());
               nlohmann::json list = nlohmann::json::array();
               const auto now = d.clock.now_ms();
               for (const auto& i : *invites) list.push_back(encode_invite(i, now));
               co_return Response::json(200, dump_json({{"invites", std::move(list)}}));
             });
  router.add(Method::delete_, "/api/v1/invites/{id}", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               const std::string id(ctx.param("id"));
               auto done = co_await d.blocking.run(
                   [&] { return d.enrollment.revoke_invite(*ctx.caller, id); });
               if (!done) co_return error_response(done.error());
               co_return Response::no_content();
             });
  router.add(Method::post, "/api/v1/break-glass", Access::admin,
             [d = deps](RouteContext& ctx) { return create_grant(d, ctx); });
  router.add(Method::get, "/api/v1/break-glass", Access::admin,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto grants =
                   co_await d.blocking.run([&] { return d.people.list_grants(*ctx.caller); });
               if (!grants) co_return error_response(grants.error());
               nlohmann::json list = nlohmann::json::array();
               const auto now = d.clock.now_ms();
               for (const auto& g : *grants) list.push_back(encode_grant(g, now));
               co_return Response::json(200, dump_json({{"grants", std::move(list)}}));
             });
  router.add(Method::delete_, "/api/v1/break-glass/{id}", Access::admin,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               const std::string id(ctx.param("id"));
               auto done =
                   co_await d.blocking.run([&] { return d.people.revoke_grant(*ctx.caller, id); });
               if (!done) co_return error_response(done.error());
               co_return Response::no_content();
             });
  router.add(Method::get, "/api/v1/audit", Access::admin,
             [d = deps](RouteContext& ctx) { return list_audit(d, ctx); });
  router.add(Method::get, "/api/v1/audit/export", Access::admin,
             [d = deps](RouteContext& ctx) { return export_audit(d, ctx); });
}

}  // namespace hearth::http
