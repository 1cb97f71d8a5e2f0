// RequestHandler: what the transport (net/) calls for every complete HTTP request.
//
// The application's implementation routes, authorizes, runs the handler and decorates the
// response (security headers, request id). net/ only adds framing headers (Content-Length,
// Connection). handle() runs on the calling connection's strand and must not block: blocking
// work goes through BlockingPool. It never throws; failures come back as error responses.
#pragma once

#include <utility>  // before Asio (see DESIGN.md)

#include <memory>

#include <boost/asio/awaitable.hpp>

#include "http/message.hpp"

namespace hearth::realtime {
struct PeerIdentity;  // realtime/peer_identity.hpp; the transport only passes it along
}

namespace hearth::http {

enum class UpgradeDecision {
  refuse_not_found,       // 404: no WebSocket endpoint at this path
  refuse_foreign_origin,  // 403: not opened by Hearth's own pages
  refuse_unauthorized,    // 401: no live session
  refuse_forbidden,       // 403: a session that may not open one (second factor not enrolled)
  refuse_unavailable,     // 503: the session could not be looked up (the database is down)
  refuse_bad_resume,      // 400: `resume` or `after` malformed (docs/protocol/realtime.md)
  accept,
};

struct UpgradeAnswer {
  UpgradeDecision decision = UpgradeDecision::refuse_not_found;
  // Accepted: who opens the connection, for PeerListener::on_open.
  std::shared_ptr<const realtime::PeerIdentity> identity;
};

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual boost::asio::awaitable<Response> handle(Request request) = 0;
  // Asked before a WebSocket handshake is accepted for `request` (its target, Origin and
  // cookies). Runs on the connection's strand, like handle().
  virtual boost::asio::awaitable<UpgradeAnswer> decide_upgrade(const Request& request) = 0;
  // Called by net/ when it answers on its own (limits, timeouts, malformed HTTP), so that these
  // responses carry the same headers and are counted in the same metrics as routed ones.
  virtual void finish_transport_response(const Request* request, Response& response) = 0;
};

}  // namespace hearth::http
