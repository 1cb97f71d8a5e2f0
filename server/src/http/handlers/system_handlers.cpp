#include "http/handlers/system_handlers.hpp"

#include <spdlog/spdlog.h>

#include <array>

#include "http/error_response.hpp"
#include "http/json_body.hpp"

namespace hearth::http {
namespace {

// The directives our policy sets; anything else is counted as "other" so that a client cannot
// create metric series at will.
constexpr std::array<std::string_view, 16> kKnownDirectives = {
    "default-src", "script-src",     "script-src-elem", "script-src-attr",
    "style-src",   "style-src-elem", "style-src-attr",  "img-src",
    "connect-src", "font-src",       "media-src",       "object-src",
    "base-uri",    "form-action",    "frame-ancestors", "worker-src"};

std::string_view known_directive(std::string_view reported) {
  // "violated-directive" may carry the policy's value after the name ("script-src 'self'").
  reported = reported.substr(0, reported.find(' '));
  for (auto d : kKnownDirectives) {
    if (d == reported) return d;
  }
  return "other";
}

boost::asio::awaitable<Response> record_csp_report(RouteContext& context, Metrics& metrics) {
  auto body = parse_json_object(context.request, {"application/csp-report"});
  if (!body) co_return error_response(body.error());
  auto report = required_object(*body, "csp-report");
  if (!report) co_return error_response(report.error());
  auto effective = optional_string(**report, "effective-directive", 256);
  if (!effective) co_return error_response(effective.error());
  auto violated = optional_string(**report, "violated-directive", 256);
  if (!violated) co_return error_response(violated.error());
  const std::string reported = effective->value_or(violated->value_or(""));
  if (reported.empty()) {
    co_return error_response(Error::of(Errc::invalid_argument,
                                       "effective-directive or violated-directive is required",
                                       "effective-directive"));
  }
  const std::string_view directive = known_directive(reported);
  metrics.count_event("csp_violations", directive);
  // Only the directive: report URIs can hold paths and queries we must not log.
  spdlog::warn("event=csp_violation directive={}", directive);
  co_return Response::no_content();
}

}  // namespace

void add_system_routes(Router& router, SystemRoutesDeps deps) {
  router.add(Method::get, "/healthz", Access::anyone,
             [](RouteContext&) -> boost::asio::awaitable<Response> {
               co_return Response::json(200, R"({"status":"ok"})");
             });

  router.add(Method::get, "/readyz", Access::anyone,
             [&store = deps.store,
              &blocking = deps.blocking](RouteContext&) -> boost::asio::awaitable<Response> {
               auto ping = co_await blocking.run([&] { return store.ping(); });
               if (!ping) {
                 co_return error_response(Errc::unavailable, "the database is not reachable");
               }
               co_return Response::json(200, R"({"status":"ready"})");
             });

  router.add(Method::get, "/metrics", Access::local_operator,
             [&metrics = deps.metrics](RouteContext&) -> boost::asio::awaitable<Response> {
               Response r;
               r.body = metrics.render();
               r.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
               co_return r;
             });

  router.add(Method::get, "/api/v1/version", Access::anyone,
             [version = deps.version](RouteContext&) -> boost::asio::awaitable<Response> {
               co_return Response::json(
                   200, dump_json({{"name", "Hearth"}, {"version", version}, {"api", 1}}));
             });

  router.add(Method::post, "/api/v1/csp-reports", Access::anyone,
             [&metrics = deps.metrics](RouteContext& context) {
               return record_csp_report(context, metrics);
             });
}

}  // namespace hearth::http
