// Sign-in, the session, sign-out, and the two kinds of single-use link (docs/api.md).
#include "http/error_response.hpp"
#include "http/handlers/identity_handlers.hpp"
#include "http/handlers/identity_json.hpp"
#include "http/json_body.hpp"
#include "http/session_authenticator.hpp"

namespace hearth::http {
namespace {

using boost::asio::awaitable;

constexpr std::size_t kMaxEmailBytes = 320;
constexpr std::size_t kMaxPasswordInputBytes = 4096;  // the policy's limit applies after NFKC
constexpr std::size_t kMaxTokenBytes = 64;

Response signed_in(const identity::StartedSession& started, const Request& request,
                   std::int64_t now_ms) {
  Response r = Response::json(200, dump_json(encode_session_info(started.state)));
  r.set_header("Set-Cookie", session_cookie(started.token, started.state, now_ms, request.secure));
  return r;
}

awaitable<Response> sign_in(const IdentityDeps& d, RouteContext& ctx) {
  auto body = parse_json_object(ctx.request);
  if (!body) co_return error_response(body.error());
  identity::SignInRequest request;
  auto email = required_string(*body, "email", kMaxEmailBytes);
  if (!email) co_return error_response(email.error());
  auto password = required_string(*body, "password", kMaxPasswordInputBytes);
  if (!password) co_return error_response(password.error());
  auto code = optional_string(*body, "code", 16);
  if (!code) co_return error_response(code.error());
  auto recovery = optional_string(*body, "recovery_code", 32);
  if (!recovery) co_return error_response(recovery.error());
  request.email = std::move(*email);
  request.password = std::move(*password);
  request.code = code->value_or("");
  request.recovery_code = recovery->value_or("");
  request.client = client_info(ctx.request);
  auto started = co_await d.blocking.run([&] { return d.sessions.sign_in(request); });
  if (!started) co_return error_response(started.error());
  co_return signed_in(*started, ctx.request, d.clock.now_ms());
}

awaitable<Response> current_session(const IdentityDeps& d, RouteContext& ctx) {
  auto state = co_await d.blocking.run([&] { return d.sessions.current(*ctx.caller); });
  if (!state) co_return error_response(state.error());
  co_return Response::json(200, dump_json(encode_session_info(*state)));
}

awaitable<Response> lookup_link(const IdentityDeps& d, RouteContext& ctx,
                                std::string_view purpose) {
  auto body = parse_json_object(ctx.request);
  if (!body) co_return error_response(body.error());
  auto token = required_string(*body, "token", kMaxTokenBytes);
  if (!token) co_return error_response(token.error());
  auto link = co_await d.blocking.run([&] { return d.enrollment.lookup(*token, purpose); });
  if (!link) co_return error_response(link.error());
  nlohmann::json out = {{"email", link->email},
                        {"expires_at", encode_invite(*link, d.clock.now_ms())["expires_at"]}};
  if (purpose == "invite") out["roles"] = encode_invite(*link, d.clock.now_ms())["roles"];
  co_return Response::json(200, dump_json(out));
}

awaitable<Response> accept_invite(const IdentityDeps& d, RouteContext& ctx) {
  auto body = parse_json_object(ctx.request);
  if (!body) co_return error_response(body.error());
  identity::InviteAcceptance a;
  auto token = required_string(*body, "token", kMaxTokenBytes);
  if (!token) co_return error_response(token.error());
  auto password = required_string(*body, "password", kMaxPasswordInputBytes);
  if (!password) co_return error_response(password.error());
  auto name = required_string(*body, "display_name", 400);
  if (!name) co_return error_response(name.error());
  auto pronouns = optional_string(*body, "pronouns", 200);
  if (!pronouns) co_return error_response(pronouns.error());
  auto zone = optional_string(*body, "time_zone", 64);
  if (!zone) co_return error_response(zone.error());
  a.token = std::move(*token);
  a.password = std::move(*password);
  a.display_name = std::move(*name);
  a.pronouns = pronouns->value_or("");
  a.time_zone = zone->value_or("");
  a.client = client_info(ctx.request);
  auto started = co_await d.blocking.run([&] { return d.enrollment.accept_invite(a); });
  if (!started) co_return error_response(started.error());
  co_return signed_in(*started, ctx.request, d.clock.now_ms());
}

awaitable<Response> accept_reset(const IdentityDeps& d, RouteContext& ctx) {
  auto body = parse_json_object(ctx.request);
  if (!body) co_return error_response(body.error());
  auto token = required_string(*body, "token", kMaxTokenBytes);
  if (!token) co_return error_response(token.error());
  auto password = required_string(*body, "password", kMaxPasswordInputBytes);
  if (!password) co_return error_response(password.error());
  const auto client = client_info(ctx.request);
  auto done =
      co_await d.blocking.run([&] { return d.enrollment.accept_reset(*token, *password, client); });
  if (!done) co_return error_response(done.error());
  co_return Response::no_content();
}

}  // namespace

void add_auth_routes(Router& router, const IdentityDeps& deps) {
  router.add(Method::get, "/api/v1/auth/config", Access::anyone,
             [d = deps](RouteContext&) -> awaitable<Response> {
               const auto& o = d.sessions.options();
               co_return Response::json(
                   200,
                   dump_json({{"demo", o.demo}, {"idle_timeout_seconds", o.idle_timeout.count()}}));
             });
  router.add(Method::post, "/api/v1/auth/sign-in", Access::anyone,
             [d = deps](RouteContext& ctx) { return sign_in(d, ctx); });
  // The web app polls this to notice a session ended elsewhere; polling must not keep it alive.
  router
      .add(Method::get, "/api/v1/auth/session", Access::signed_in_pending,
           [d = deps](RouteContext& ctx) { return current_session(d, ctx); })
      .counts_as_activity = false;
  router.add(Method::post, "/api/v1/auth/keep-alive", Access::signed_in_pending,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto state =
                   co_await d.blocking.run([&] { return d.sessions.keep_alive(*ctx.caller); });
               if (!state) co_return error_response(state.error());
               co_return Response::json(200, dump_json(encode_session_info(*state)));
             });
  router.add(Method::post, "/api/v1/auth/sign-out", Access::signed_in_pending,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto done =
                   co_await d.blocking.run([&] { return d.sessions.sign_out(*ctx.caller); });
               if (!done) co_return error_response(done.error());
               Response r = Response::no_content();
               r.set_header("Set-Cookie", cleared_session_cookie(ctx.request.secure));
               co_return r;
             });
  router.add(Method::post, "/api/v1/auth/sign-out-everywhere", Access::signed_in_pending,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto done = co_await d.blocking.run(
                   [&] { return d.sessions.sign_out_everywhere(*ctx.caller); });
               if (!done) co_return error_response(done.error());
               Response r = Response::no_content();
               r.set_header("Set-Cookie", cleared_session_cookie(ctx.request.secure));
               co_return r;
             });
  router.add(Method::put, "/api/v1/programs/{id}/session-timeout", Access::admin,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto body = parse_json_object(ctx.request);
               if (!body) co_return error_response(body.error());
               auto minutes = required_integer(*body, "idle_timeout_minutes", 0, 720);
               if (!minutes) co_return error_response(minutes.error());
               const std::string id(ctx.param("id"));
               auto done = co_await d.blocking.run(
                   [&] { return d.sessions.set_program_idle_timeout(*ctx.caller, id, *minutes); });
               if (!done) co_return error_response(done.error());
               co_return Response::no_content();
             });
  router.add(Method::post, "/api/v1/invites/lookup", Access::anyone,
             [d = deps](RouteContext& ctx) { return lookup_link(d, ctx, "invite"); });
  router.add(Method::post, "/api/v1/invites/accept", Access::anyone,
             [d = deps](RouteContext& ctx) { return accept_invite(d, ctx); });
  router.add(Method::post, "/api/v1/password-resets/lookup", Access::anyone,
             [d = deps](RouteContext& ctx) { return lookup_link(d, ctx, "reset"); });
  router.add(Method::post, "/api/v1/password-resets/accept", Access::anyone,
             [d = deps](RouteContext& ctx) { return accept_reset(d, ctx); });
}

}  // namespace hearth::http
