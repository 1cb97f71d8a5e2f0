#include "http/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <exception>

#include "http/error_response.hpp"

namespace hearth::http {
namespace {

// script-src 'self' with no 'unsafe-inline': the built app has no inline scripts (checked by the
// end-to-end suite, which fails on any CSP violation report in the console).
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; media-src 'self' blob:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
    "report-uri /api/v1/csp-reports";

bool method_reads(Method m) {
  return m == Method::get || m == Method::head;
}

}  // namespace

bool is_api_path(std::string_view path) {
  return path == "/api" || path.starts_with("/api/") || path == "/healthz" || path == "/readyz" ||
         path == "/metrics";
}

void apply_security_headers(Response& response, bool secure) {
  response.set_header("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Cross-Origin-Opener-Policy", "same-origin");
  response.set_header("Cross-Origin-Resource-Policy", "same-origin");
  // Camera and microphone stay available to our own pages for group sessions.
  response.set_header("Permissions-Policy",
                      "camera=(self), microphone=(self), display-capture=(self), geolocation=(), "
                      "payment=(), usb=()");
  if (secure) {
    response.set_header("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
}

Dispatcher::Dispatcher(Router router, std::shared_ptr<const StaticFiles> static_files,
                       Metrics& metrics, DispatcherOptions options)
    : router_(std::move(router)),
      static_files_(std::move(static_files)),
      metrics_(metrics),
      options_(std::move(options)) {}

boost::asio::awaitable<Response> Dispatcher::handle(Request request) {
  const auto started = std::chrono::steady_clock::now();
  Response response = co_await route(request);
  finish(&request, response, started);
  co_return response;
}

boost::asio::awaitable<Response> Dispatcher::route(const Request& request) {
  const std::string_view path = request.path();
  RouteMatch match = router_.match(request.method, path);
  switch (match.kind) {
    case RouteMatch::Kind::found: {
      const Route& route = *match.route;
      const AccessDecision decision = decide_access(route.access, request);
      if (!decision.allowed) {
        Response denied = decision.denied_status == 401
                              ? error_response(Errc::unauthenticated, "sign in to do this")
                              : error_response(Errc::permission_denied, "you may not do this");
        denied.route = route.pattern;
        co_return denied;
      }
      RouteContext context{request, route.pattern, std::move(match.params)};
      Response response;
      try {
        response = co_await route.handler(context);
      } catch (const std::exception&) {
        // The exception text may quote data; the route pattern is enough to find the bug.
        spdlog::error("event=handler_failed route={}", route.pattern);
        response = error_response(Errc::internal, "");
      }
      response.route = route.pattern;
      co_return response;
    }
    case RouteMatch::Kind::method_not_allowed: {
      Response response = error_response(Errc::method_not_allowed, "method not allowed here");
      response.set_header("Allow", match.allow);
      response.route = "unmatched";
      co_return response;
    }
    case RouteMatch::Kind::bad_path: {
      Response response = error_response(Errc::malformed, "the request path is not valid");
      response.route = "unmatched";
      co_return response;
    }
    case RouteMatch::Kind::not_found:
      break;
  }
  if (is_api_path(path) || !static_files_) {
    Response response = error_response(Errc::not_found, "no such resource");
    response.route = "unmatched";
    co_return response;
  }
  if (!method_reads(request.method)) {
    Response response = error_response(Errc::method_not_allowed, "method not allowed here");
    response.set_header("Allow", "GET, HEAD");
    response.route = "static";
    co_return response;
  }
  co_return serve_static(request);
}

Response Dispatcher::serve_static(const Request& request) const {
  const auto found = static_files_->lookup(request.path());
  Response response;
  if (found.outcome == StaticFiles::Outcome::refused) {
    response = error_response(Errc::malformed, "the request path is not valid");
  } else if (found.outcome == StaticFiles::Outcome::not_found) {
    response = error_response(Errc::not_found, "no such file");
  } else {
    const StaticFile& file = *found.file;
    response.set_header("ETag", file.etag);
    response.set_header("Cache-Control", file.cache_control);
    if (request.header("if-none-match") == std::string_view(file.etag)) {
      response.status = 304;
    } else {
      response.status = 200;
      response.set_header("Content-Type", file.content_type);
      response.shared_body = file.body;
    }
  }
  response.route = "static";
  return response;
}

UpgradeDecision Dispatcher::decide_upgrade(const Request& request) {
  if (request.path() != options_.websocket_path) return UpgradeDecision::refuse_not_found;
  return decide_access(options_.websocket_access, request).allowed
             ? UpgradeDecision::accept
             : UpgradeDecision::refuse_unauthorized;
}

void Dispatcher::finish_transport_response(const Request* request, Response& response) {
  if (response.route.empty()) response.route = "transport";
  finish(request, response, std::chrono::steady_clock::now());
}

void Dispatcher::finish(const Request* request, Response& response,
                        std::chrono::steady_clock::time_point started) {
  const bool secure = request != nullptr && request->secure;
  response.headers.reserve(response.headers.size() + 12);  // one allocation for what follows
  apply_security_headers(response, secure);
  // Health data must not sit in shared or browser caches; static files set their own policy.
  if (response.route != "static") response.set_header("Cache-Control", "no-store");
  if (request != nullptr && !request->request_id.empty()) {
    response.set_header("X-Request-Id", request->request_id);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const Method method = request != nullptr ? request->method : Method::other;
  metrics_.observe_request(response.route, method, response.status, seconds);
  // Route pattern, never the raw path: paths carry ids and queries may carry anything.
  spdlog::info("event=request id={} method={} route={} status={} duration_ms={:.3f}",
               request != nullptr ? request->request_id : "-", method_name(method), response.route,
               response.status, seconds * 1000.0);
}

}  // namespace hearth::http
