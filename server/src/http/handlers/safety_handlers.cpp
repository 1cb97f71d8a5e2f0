// Safety alerts and crisis resources (docs/api.md, "Safety net").
#include "http/handlers/safety_handlers.hpp"

#include "base/timestamps.hpp"
#include "http/handlers/query_values.hpp"
#include "http/handlers/schedule_handlers.hpp"

namespace hearth::http {
namespace {

using boost::asio::awaitable;

nlohmann::json encode_alert(const support::AlertView& view) {
  const auto& a = view.record;
  nlohmann::json alert = {{"id", a.id},
                          {"participant_id", a.participant_id},
                          {"participant_name", view.participant_name},
                          {"program_id", a.program_id},
                          {"program_name", view.program_name},
                          {"room_id", a.room_id},
                          {"room_kind", view.room_kind},
                          {"room_name", view.room_name},
                          {"message_id", a.message_id},
                          {"category", a.category},
                          {"created_at", format_timestamp(a.created_at_ms)},
                          {"acknowledged", a.acknowledged_at_ms != 0}};
  if (a.acknowledged_at_ms != 0) {
    alert["acknowledged_by"] = a.acknowledged_by;
    alert["acknowledged_by_name"] = view.acknowledged_by_name;
    alert["acknowledged_at"] = format_timestamp(a.acknowledged_at_ms);
  }
  return alert;
}

nlohmann::json encode_resources(const support::ProgramCrisisResources& listed) {
  nlohmann::json resources = nlohmann::json::array();
  for (const auto& r : listed.resources) {
    resources.push_back({{"name", r.name}, {"contact", r.contact}, {"url", r.url}});
  }
  return {{"resources", std::move(resources)}, {"own", listed.own}};
}

Result<std::vector<support::CrisisResource>> decode_resources(const Request& request) {
  HEARTH_TRY_ASSIGN(const auto body, parse_json_object(request));
  const auto found = body.find("resources");
  if (found == body.end() || !found->is_array()) {
    return Error::of(Errc::invalid_argument, "resources must be a list", "resources");
  }
  if (found->size() > support::kMaxCrisisResources) {
    return Error::of(Errc::invalid_argument, "a program lists at most 10 crisis resources",
                     "resources");
  }
  std::vector<support::CrisisResource> resources;
  for (const auto& entry : *found) {
    if (!entry.is_object()) {
      return Error::of(Errc::invalid_argument, "each resource must be an object", "resources");
    }
    support::CrisisResource r;
    HEARTH_TRY_ASSIGN(r.name, required_string(entry, "name", support::kMaxCrisisResourceNameBytes));
    HEARTH_TRY_ASSIGN(r.contact,
                      required_string(entry, "contact", support::kMaxCrisisResourceContactBytes));
    HEARTH_TRY_ASSIGN(const auto url,
                      optional_string(entry, "url", support::kMaxCrisisResourceUrlBytes));
    r.url = url.value_or("");
    resources.push_back(std::move(r));
  }
  return resources;
}

}  // namespace

void add_safety_routes(Router& router, const SafetyDeps& deps) {
  router.add(Method::get, "/api/v1/safety-alerts", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               const auto open_only = query_open_only(ctx.request);
               if (!open_only) co_return error_response(open_only.error());
               co_return co_await answer_json(
                   d.blocking, [&] { return d.safety.alerts(*ctx.caller, *open_only); },
                   [](const std::vector<support::AlertView>& alerts) {
                     nlohmann::json listed = nlohmann::json::array();
                     for (const auto& a : alerts) listed.push_back(encode_alert(a));
                     return nlohmann::json{{"alerts", std::move(listed)}};
                   });
             });
  router.add(Method::post, "/api/v1/safety-alerts/{id}/acknowledge", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking,
                   [&]() -> Result<support::Acknowledged> {
                     auto done = d.safety.acknowledge(*ctx.caller, ctx.param("id"));
                     if (done && done->changed && d.on_acknowledged) d.on_acknowledged(*done);
                     return done;
                   },
                   [](const support::Acknowledged& done) {
                     return nlohmann::json{{"alert", encode_alert(done.alert)}};
                   });
             });
  router.add(Method::get, "/api/v1/programs/{id}/crisis-resources", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking,
                   [&] { return d.safety.crisis_resources(*ctx.caller, ctx.param("id")); },
                   encode_resources);
             });
  router.add(
      Method::put, "/api/v1/programs/{id}/crisis-resources", Access::admin,
      [d = deps](RouteContext& ctx) -> awaitable<Response> {
        auto resources = decode_resources(ctx.request);
        if (!resources) co_return error_response(resources.error());
        co_return co_await answer_json(
            d.blocking,
            [&] { return d.safety.set_crisis_resources(*ctx.caller, ctx.param("id"), *resources); },
            encode_resources);
      });
}

}  // namespace hearth::http
