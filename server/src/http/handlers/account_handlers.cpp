// One's own account: profile and preferences, password, second factor, sessions (docs/api.md).
#include "base/timestamps.hpp"
#include "http/error_response.hpp"
#include "http/handlers/identity_handlers.hpp"
#include "http/handlers/identity_json.hpp"
#include "http/json_body.hpp"

namespace hearth::http {
namespace {

using boost::asio::awaitable;

constexpr std::size_t kMaxPasswordInputBytes = 4096;

Response codes_response(const std::vector<std::string>& codes) {
  return Response::json(200, dump_json({{"recovery_codes", codes}}));
}

awaitable<Response> update_account(const IdentityDeps& d, RouteContext& ctx) {
  auto body = parse_json_object(ctx.request);
  if (!body) co_return error_response(body.error());
  identity::ProfileChange change;
  auto name = optional_string(*body, "display_name", 400);
  if (!name) co_return error_response(name.error());
  auto pronouns = optional_string(*body, "pronouns", 200);
  if (!pronouns) co_return error_response(pronouns.error());
  auto zone = optional_string(*body, "time_zone", 64);
  if (!zone) co_return error_response(zone.error());
  auto text_size = optional_integer(*body, "text_size");
  if (!text_size) co_return error_response(text_size.error());
  auto contrast = optional_bool(*body, "high_contrast");
  if (!contrast) co_return error_response(contrast.error());
  change.display_name = std::move(*name);
  change.pronouns = std::move(*pronouns);
  change.time_zone = std::move(*zone);
  change.text_size = *text_size;
  change.high_contrast = *contrast;
  auto user =
      co_await d.blocking.run([&] { return d.accounts.update_profile(*ctx.caller, change); });
  if (!user) co_return error_response(user.error());
  co_return Response::json(200, dump_json(encode_account(*user)));
}

awaitable<Response> change_password(const IdentityDeps& d, RouteContext& ctx) {
  auto body = parse_json_object(ctx.request);
  if (!body) co_return error_response(body.error());
  auto current = required_string(*body, "current_password", kMaxPasswordInputBytes);
  if (!current) co_return error_response(current.error());
  auto next = required_string(*body, "new_password", kMaxPasswordInputBytes);
  if (!next) co_return error_response(next.error());
  auto done = co_await d.blocking.run(
      [&] { return d.accounts.change_password(*ctx.caller, *current, *next); });
  if (!done) co_return error_response(done.error());
  co_return Response::no_content();
}

// The routes that need the password again: turning the second factor off, new recovery codes.
Result<std::string> password_field(const Request& request) {
  auto body = parse_json_object(request);
  if (!body) return std::move(body).error();
  return required_string(*body, "password", kMaxPasswordInputBytes);
}

awaitable<Response> list_sessions(const IdentityDeps& d, RouteContext& ctx) {
  auto sessions = co_await d.blocking.run([&] { return d.sessions.list_sessions(*ctx.caller); });
  if (!sessions) co_return error_response(sessions.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : *sessions) {
    const auto on = s.user_agent.find(" on ");
    list.push_back(
        {{"id", s.id},
         {"browser", on == std::string::npos ? s.user_agent : s.user_agent.substr(0, on)},
         {"device", on == std::string::npos ? "" : s.user_agent.substr(on + 4)},
         {"signed_in_at", format_timestamp(s.created_at_ms)},
         {"last_seen_at", format_timestamp(s.last_seen_ms)},
         {"current", s.id == ctx.caller->session_id}});
  }
  co_return Response::json(200, dump_json({{"sessions", std::move(list)}}));
}

}  // namespace

void add_account_routes(Router& router, const IdentityDeps& deps) {
  router.add(Method::get, "/api/v1/account", Access::signed_in_pending,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto user = co_await d.blocking.run([&] { return d.accounts.account(*ctx.caller); });
               if (!user) co_return error_response(user.error());
               co_return Response::json(200, dump_json(encode_account(*user)));
             });
  router.add(Method::patch, "/api/v1/account", Access::signed_in,
             [d = deps](RouteContext& ctx) { return update_account(d, ctx); });
  router.add(Method::post, "/api/v1/account/password", Access::signed_in,
             [d = deps](RouteContext& ctx) { return change_password(d, ctx); });
  router.add(
      Method::post, "/api/v1/account/totp/setup", Access::signed_in_pending,
      [d = deps](RouteContext& ctx) -> awaitable<Response> {
        auto setup = co_await d.blocking.run([&] { return d.accounts.begin_totp(*ctx.caller); });
        if (!setup) co_return error_response(setup.error());
        co_return Response::json(
            200, dump_json({{"secret", setup->secret}, {"otpauth_uri", setup->otpauth_uri}}));
      });
  router.add(Method::post, "/api/v1/account/totp/confirm", Access::signed_in_pending,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto body = parse_json_object(ctx.request);
               if (!body) co_return error_response(body.error());
               auto code = required_string(*body, "code", 16);
               if (!code) co_return error_response(code.error());
               auto codes = co_await d.blocking.run(
                   [&] { return d.accounts.confirm_totp(*ctx.caller, *code); });
               if (!codes) co_return error_response(codes.error());
               co_return codes_response(*codes);
             });
  router.add(Method::delete_, "/api/v1/account/totp", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto password = password_field(ctx.request);
               if (!password) co_return error_response(password.error());
               auto done = co_await d.blocking.run(
                   [&] { return d.accounts.disable_totp(*ctx.caller, *password); });
               if (!done) co_return error_response(done.error());
               co_return Response::no_content();
             });
  router.add(Method::post, "/api/v1/account/recovery-codes", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto password = password_field(ctx.request);
               if (!password) co_return error_response(password.error());
               auto codes = co_await d.blocking.run(
                   [&] { return d.accounts.regenerate_recovery_codes(*ctx.caller, *password); });
               if (!codes) co_return error_response(codes.error());
               co_return codes_response(*codes);
             });
  router.add(Method::get, "/api/v1/account/sessions", Access::signed_in_pending,
             [d = deps](RouteContext& ctx) { return list_sessions(d, ctx); });
  router.add(Method::delete_, "/api/v1/account/sessions/{id}", Access::signed_in_pending,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               const std::string id(ctx.param("id"));
               auto done =
                   co_await d.blocking.run([&] { return d.sessions.end_session(*ctx.caller, id); });
               if (!done) co_return error_response(done.error());
               co_return Response::no_content();
             });
}

}  // namespace hearth::http
