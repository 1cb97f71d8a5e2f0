#include "http/dispatcher.hpp"

#include <fmt/compile.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <exception>
#include <iterator>
#include <optional>
#include <string_view>

#include "crypto/tokens.hpp"
#include "http/error_response.hpp"
#include "realtime/peer_identity.hpp"

namespace hearth::http {
namespace {

// The security headers as they go on the wire, rendered once and sent verbatim by net/
// (Response::header_block): built as eight string pairs per response, then validated and copied
// again, they cost about a sixth of a small request's instructions (docs/benchmarks.md).
// - script-src 'self' with no 'unsafe-inline': the built app has no inline scripts (checked by
//   the end-to-end suite, which fails on any CSP violation report in the console).
// - Camera and microphone stay available to our own pages for group sessions.
// - HSTS only over TLS (RFC 6797 section 7.2). It comes last, so that the block for plain HTTP
//   is the same text without its last line.
constexpr std::string_view kHstsLine =
    "Strict-Transport-Security: max-age=63072000; includeSubDomains\r\n";
constexpr std::string_view kSecurityHeadersTls =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; media-src 'self' blob:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
    "report-uri /api/v1/csp-reports\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: no-referrer\r\n"
    "X-Frame-Options: DENY\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n"
    "Cross-Origin-Resource-Policy: same-origin\r\n"
    "Permissions-Policy: camera=(self), microphone=(self), display-capture=(self), "
    "geolocation=(), payment=(), usb=()\r\n"
    "Strict-Transport-Security: max-age=63072000; includeSubDomains\r\n";
static_assert(is_valid_header_block(kSecurityHeadersTls));
static_assert(kSecurityHeadersTls.ends_with(kHstsLine));
constexpr std::string_view kSecurityHeaders =
    kSecurityHeadersTls.substr(0, kSecurityHeadersTls.size() - kHstsLine.size());
constexpr auto kSecurityHeaderNames = [] {
  std::array<std::string_view, 8> names{};
  std::size_t n = 0;
  for_each_header_line(kSecurityHeadersTls,
                       [&](std::string_view name, std::string_view) { names.at(n++) = name; });
  return names;
}();
static_assert(static_cast<std::size_t>(std::ranges::count(kSecurityHeadersTls, '\n')) ==
              kSecurityHeaderNames.size());

// Browsers post CSP reports themselves, without our token; the route only counts directives.
constexpr std::string_view kCspReportPath = "/api/v1/csp-reports";

bool method_reads(Method m) {
  return m == Method::get || m == Method::head;
}

// A query parameter as sent (the WebSocket's are hex and digits: nothing to decode), or nullopt.
std::optional<std::string_view> raw_query_value(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const auto pair = query.substr(0, query.find('&'));
    if (pair.starts_with(name) && pair.size() > name.size() && pair[name.size()] == '=') {
      return pair.substr(name.size() + 1);
    }
    if (pair.size() == query.size()) break;
    query.remove_prefix(pair.size() + 1);
  }
  return std::nullopt;
}

// `resume` and `after` of a reconnecting client (docs/protocol/realtime.md): nullopt inside when
// it asks for none; nullopt outside when they are malformed.
std::optional<std::optional<realtime::ResumeRequest>> resume_request_of(const Request& request) {
  const auto connection_id = raw_query_value(request.query(), "resume");
  const auto after = raw_query_value(request.query(), "after");
  if (!connection_id && !after) return std::optional<realtime::ResumeRequest>();
  if (!connection_id || !after || !realtime::is_connection_id(*connection_id)) return std::nullopt;
  std::int64_t number = 0;
  const auto [end, ec] = std::from_chars(after->data(), after->data() + after->size(), number);
  if (ec != std::errc() || end != after->data() + after->size() || number < 0) return std::nullopt;
  return realtime::ResumeRequest{std::string(*connection_id), number};
}

}  // namespace

bool changes_state(Method m) {
  return m == Method::post || m == Method::put || m == Method::patch || m == Method::delete_;
}

bool is_api_path(std::string_view path) {
  return path == "/api" || path.starts_with("/api/") || path == "/healthz" || path == "/readyz" ||
         path == "/metrics";
}

void apply_security_headers(Response& response, bool secure) {
  // A handler's own header of one of these names gives way, as set_header() made it do; but for
  // a Content-Security-Policy of its own, which is kept beside the site's: every policy sent is
  // enforced (CSP Level 3, section 8.1), so a second one can only narrow what a response may do
  // (a chat file's sandbox).
  std::erase_if(response.headers, [](const auto& header) {
    return header.first != "Content-Security-Policy" &&
           std::ranges::find(kSecurityHeaderNames, header.first) != kSecurityHeaderNames.end();
  });
  response.header_block = secure ? kSecurityHeadersTls : kSecurityHeaders;
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
  compression_.apply(request, response);
  finish(&request, response, started);
  co_return response;
}

boost::asio::awaitable<Response> Dispatcher::route(const Request& request) {
  const std::string_view path = request.path();
  RouteMatch match = router_.match(request.method, path);
  switch (match.kind) {
    case RouteMatch::Kind::found:
      co_return co_await run_route(*match.route, request, std::move(match.params));
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

// Authentication, the route's rule, the CSRF checks (docs/api.md), then the handler.
boost::asio::awaitable<Response> Dispatcher::run_route(
    const Route& route, const Request& request,
    std::vector<std::pair<std::string, std::string>> params) {
  std::optional<identity::Caller> caller;
  if (needs_session(route.access) && options_.authenticator != nullptr) {
    auto found = co_await options_.authenticator->authenticate(request, route.counts_as_activity);
    if (!found) {
      Response failed = error_response(found.error());
      failed.route = route.pattern;
      co_return failed;
    }
    caller = std::move(found).value();
  }
  const AccessDecision decision = decide_access(route.access, request, caller ? &*caller : nullptr);
  if (!decision.allowed) {
    Response denied = decision.denied_status == 401
                          ? error_response(Errc::unauthenticated, "sign in to do this")
                          : error_response(Errc::permission_denied, "you may not do this");
    denied.route = route.pattern;
    co_return denied;
  }
  if (changes_state(request.method) && route.pattern != kCspReportPath) {
    const bool token_ok =
        !caller || crypto::constant_time_equal(request.header("x-csrf-token").value_or(""),
                                               caller->csrf_token);
    if (!same_origin(request) || !token_ok) {
      Response refused =
          error_response(Errc::csrf_failed,
                         "this request must come from Hearth's own pages; reload and try again");
      refused.route = route.pattern;
      co_return refused;
    }
  }
  RouteContext context{request, route.pattern, std::move(params), caller ? &*caller : nullptr};
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

bool Dispatcher::same_origin(const Request& request) const {
  std::string_view origin = request.header("origin").value_or("");
  if (origin.empty()) {
    // Without Origin, the Referer's scheme://host[:port] stands in for it.
    const std::string_view referer = request.header("referer").value_or("");
    const auto scheme_end = referer.find("://");
    if (scheme_end == std::string_view::npos) return false;
    origin = referer.substr(0, referer.find('/', scheme_end + 3));
  }
  if (!options_.public_origin.empty()) return origin == options_.public_origin;
  const std::string_view host = request.header("host").value_or("");
  if (host.empty()) return false;
  const std::string_view scheme = request.secure ? "https://" : "http://";
  return origin.size() == scheme.size() + host.size() && origin.starts_with(scheme) &&
         origin.substr(scheme.size()) == host;
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
    // The form sent, gzip or not, has its own ETag, so that a 304 answers for the form the
    // client holds (RFC 9110 section 8.8.3).
    auto body = file.body;
    std::string etag = file.etag;
    if (Compression::applies_to(file.content_type, file.body->size())) {
      response.set_header("Vary", "Accept-Encoding");
      if (accepts_gzip(request.header("accept-encoding").value_or(""))) {
        if (auto packed = file.gzipped()) {
          body = std::move(packed);
          etag = gzip_etag(etag);
          response.set_header("Content-Encoding", "gzip");
        }
      }
    }
    response.set_header("Cache-Control", file.cache_control);
    if (request.header("if-none-match") == std::string_view(etag)) {
      response.status = 304;
    } else {
      response.status = 200;
      response.set_header("Content-Type", file.content_type);
      response.shared_body = std::move(body);
    }
    response.set_header("ETag", std::move(etag));
  }
  response.route = "static";
  return response;
}

boost::asio::awaitable<UpgradeAnswer> Dispatcher::decide_upgrade(const Request& request) {
  UpgradeAnswer answer;
  if (request.path() != options_.websocket_path) co_return answer;
  // Browsers send Origin with every WebSocket handshake, and send the cookie along even when
  // another site opens the socket: without this check any page could talk to the hub as its
  // signed-in visitor (cross-site WebSocket hijacking). No Referer stands in here.
  if (!request.header("origin") || !same_origin(request)) {
    answer.decision = UpgradeDecision::refuse_foreign_origin;
    co_return answer;
  }
  std::optional<identity::Caller> caller;
  if (needs_session(options_.websocket_access) && options_.authenticator != nullptr) {
    // Opening the connection is not activity: the page that opens it already counted.
    auto found = co_await options_.authenticator->authenticate(request, /*activity=*/false);
    if (!found) {
      answer.decision = UpgradeDecision::refuse_unavailable;
      co_return answer;
    }
    caller = std::move(found).value();
  }
  const AccessDecision decision =
      decide_access(options_.websocket_access, request, caller ? &*caller : nullptr);
  if (!decision.allowed) {
    answer.decision = decision.denied_status == 401 ? UpgradeDecision::refuse_unauthorized
                                                    : UpgradeDecision::refuse_forbidden;
    co_return answer;
  }
  auto resume = resume_request_of(request);
  if (!resume) {
    answer.decision = UpgradeDecision::refuse_bad_resume;
    co_return answer;
  }
  answer.decision = UpgradeDecision::accept;
  answer.identity = std::make_shared<const realtime::PeerIdentity>(realtime::PeerIdentity{
      caller ? std::move(*caller) : identity::Caller{},
      std::string(cookie_value(request, kSessionCookie)), std::move(*resume)});
  co_return answer;
}

void Dispatcher::finish_transport_response(const Request* request, Response& response) {
  if (response.route.empty()) response.route = "transport";
  finish(request, response, std::chrono::steady_clock::now());
}

void Dispatcher::finish(const Request* request, Response& response,
                        std::chrono::steady_clock::time_point started) {
  const bool secure = request != nullptr && request->secure;
  response.headers.reserve(response.headers.size() + 2);  // one allocation at most for what follows
  apply_security_headers(response, secure);
  // Health data must not sit in shared or browser caches; static files set their own policy.
  if (response.route != "static") response.set_header("Cache-Control", "no-store");
  if (request != nullptr && !request->request_id.empty()) {
    response.set_header("X-Request-Id", request->request_id);
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  const Method method = request != nullptr ? request->method : Method::other;
  metrics_.observe_request(response.route, method, response.status,
                           std::chrono::duration<double>(elapsed).count());
  if (!spdlog::should_log(spdlog::level::info)) return;
  // Route pattern, never the raw path: paths carry ids and queries may carry anything.
  // A compiled format, and duration_ms (three decimals) from whole microseconds: fmt's run-time
  // format parsing and float formatting were half the line's cost (docs/benchmarks.md).
  const std::string_view id = request != nullptr ? std::string_view(request->request_id) : "-";
  const auto micros = std::chrono::round<std::chrono::microseconds>(elapsed).count();
  fmt::memory_buffer line;
  fmt::format_to(
      std::back_inserter(line),
      FMT_COMPILE("event=request id={} method={} route={} status={} duration_ms={}.{:03}"), id,
      method_name(method), response.route, response.status, micros / 1000, micros % 1000);
  spdlog::default_logger_raw()->log(spdlog::level::info,
                                    std::string_view(line.data(), line.size()));
}

}  // namespace hearth::http
