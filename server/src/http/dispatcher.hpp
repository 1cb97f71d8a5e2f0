// Dispatcher: the application's RequestHandler. For each request it matches a route, applies the
// route's access rule (default deny), runs the handler, falls back to the static web app for
// non-API GETs, and finishes every response the same way: security headers, request id,
// no-store caching for API answers, one structured log line and the request metrics.
//
// Built once at start-up; handle() runs concurrently on many connection strands and shares only
// read-only state plus the thread-safe Metrics.
#pragma once

#include <utility>  // before Asio (see DESIGN.md)

#include <chrono>
#include <memory>
#include <string>

#include "http/authenticator.hpp"
#include "http/compression.hpp"
#include "http/metrics.hpp"
#include "http/request_handler.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace hearth::http {

struct DispatcherOptions {
  std::string websocket_path = "/api/v1/ws";
  // Who may open a WebSocket; the handshake must also come from our own origin.
  Access websocket_access = Access::signed_in;
  // Resolves session cookies; without one, every rule that needs a session denies (401).
  Authenticator* authenticator = nullptr;
  // "https://care.example.org": the origin state-changing requests must come from. Empty: the
  // request's own scheme and Host.
  std::string public_origin;
};

class Dispatcher final : public RequestHandler {
 public:
  // static_files may be null (API-only server); metrics must outlive the dispatcher.
  Dispatcher(Router router, std::shared_ptr<const StaticFiles> static_files, Metrics& metrics,
             DispatcherOptions options = {});

  boost::asio::awaitable<Response> handle(Request request) override;
  boost::asio::awaitable<UpgradeAnswer> decide_upgrade(const Request& request) override;
  void finish_transport_response(const Request* request, Response& response) override;

  const Router& router() const { return router_; }

 private:
  boost::asio::awaitable<Response> route(const Request& request);
  boost::asio::awaitable<Response> run_route(
      const Route& route, const Request& request,
      std::vector<std::pair<std::string, std::string>> params);
  bool same_origin(const Request& request) const;
  Response serve_static(const Request& request) const;
  void finish(const Request* request, Response& response,
              std::chrono::steady_clock::time_point started);

  Router router_;
  std::shared_ptr<const StaticFiles> static_files_;
  Metrics& metrics_;
  DispatcherOptions options_;
  Compression compression_;
};

// The security headers every response carries; HSTS only over TLS (RFC 6797 §7.2).
void apply_security_headers(Response& response, bool secure);

// True for methods that may change state, which must pass the CSRF checks.
bool changes_state(Method method);

// True for paths the JSON API owns; unmatched ones get JSON 404s, never the web app.
bool is_api_path(std::string_view path);

}  // namespace hearth::http
