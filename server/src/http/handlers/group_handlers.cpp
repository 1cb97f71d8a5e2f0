// Groups and places in them: details, members, assigning, leaving, the catalogue, joining,
// waiting lists and requests (docs/api.md, "Programs, groups and the schedule").
#include "http/handlers/identity_json.hpp"
#include "http/handlers/query_values.hpp"
#include "http/handlers/schedule_handlers.hpp"
#include "http/handlers/schedule_json.hpp"

namespace hearth::http {
namespace {

using boost::asio::awaitable;

Result<program::GroupChanges> decode_group_changes(const Request& request) {
  HEARTH_TRY_ASSIGN(const auto body, parse_json_object(request));
  program::GroupChanges c;
  HEARTH_TRY_ASSIGN(c.name, optional_string(body, "name", 4000));
  HEARTH_TRY_ASSIGN(c.description, optional_string(body, "description", 4000));
  HEARTH_TRY_ASSIGN(c.capacity, optional_int(body, "capacity"));
  HEARTH_TRY_ASSIGN(c.membership, optional_string(body, "membership", 40));
  HEARTH_TRY_ASSIGN(c.tags, optional_tags(body));
  HEARTH_TRY_ASSIGN(c.age_band, optional_string(body, "age_band", 40));
  HEARTH_TRY_ASSIGN(c.facilitator_id, optional_string(body, "facilitator_id", 64));
  HEARTH_TRY_ASSIGN(c.co_facilitator_id, optional_string(body, "co_facilitator_id", 64));
  HEARTH_TRY_ASSIGN(c.status, optional_string(body, "status", 40));
  return c;
}

nlohmann::json member_list(const std::vector<program::GroupMemberView>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : list) out.push_back(encode_member(m));
  return {{"members", std::move(out)}};
}

}  // namespace

void add_group_routes(Router& router, const ScheduleDeps& deps) {
  router.add(Method::get, "/api/v1/groups/{id}", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking, [&] { return d.groups.group(*ctx.caller, ctx.param("id")); },
                   encode_group);
             });
  router.add(Method::patch, "/api/v1/groups/{id}", Access::staff,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto changes = decode_group_changes(ctx.request);
               if (!changes) co_return error_response(changes.error());
               co_return co_await answer_json(
                   d.blocking,
                   [&] { return d.groups.update(*ctx.caller, ctx.param("id"), *changes); },
                   encode_group);
             });
  router.add(Method::get, "/api/v1/groups/{id}/members", Access::staff,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking, [&] { return d.groups.members(*ctx.caller, ctx.param("id")); },
                   member_list);
             });
  router.add(
      Method::put, "/api/v1/groups/{id}/members/{user_id}", Access::staff,
      [d = deps](RouteContext& ctx) -> awaitable<Response> {
        co_return co_await answer_json(
            d.blocking,
            [&] { return d.groups.assign(*ctx.caller, ctx.param("id"), ctx.param("user_id")); },
            encode_member);
      });
  router.add(Method::delete_, "/api/v1/groups/{id}/members/{user_id}", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_no_content(d.blocking, [&] {
                 return d.groups.remove(*ctx.caller, ctx.param("id"), ctx.param("user_id"));
               });
             });
  router.add(Method::get, "/api/v1/catalogue", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               program::CatalogueFilter filter;
               auto kind = query_text(ctx.request, "kind", 40);
               if (!kind) co_return error_response(kind.error());
               auto tag = query_text(ctx.request, "tag", 200);
               if (!tag) co_return error_response(tag.error());
               filter.kind = std::move(*kind);
               filter.tag = std::move(*tag);
               co_return co_await answer_json(
                   d.blocking, [&] { return d.groups.catalogue(*ctx.caller, filter); },
                   encode_groups);
             });
  router.add(Method::post, "/api/v1/groups/{id}/join", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking, [&] { return d.groups.join(*ctx.caller, ctx.param("id")); },
                   encode_member);
             });
  router.add(Method::post, "/api/v1/groups/{id}/waitlist", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking,
                   [&] { return d.groups.join_waiting_list(*ctx.caller, ctx.param("id")); },
                   encode_member);
             });
  router.add(Method::post, "/api/v1/groups/{id}/requests", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking,
                   [&] { return d.groups.request_to_join(*ctx.caller, ctx.param("id")); },
                   encode_member, 202);
             });
}

}  // namespace hearth::http
