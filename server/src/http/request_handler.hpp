// RequestHandler: what the transport (net/) calls for every complete HTTP request.
//
// The application's implementation routes, authorizes, runs the handler and decorates the
// response (security headers, request id). net/ only adds framing headers (Content-Length,
// Connection). handle() runs on the calling connection's strand and must not block: blocking
// work goes through BlockingPool. It never throws; failures come back as error responses.
#pragma once

#include <utility>  // before Asio (see DESIGN.md)

#include <boost/asio/awaitable.hpp>

#include "http/message.hpp"

namespace hearth::http {

enum class UpgradeDecision { refuse_not_found, refuse_unauthorized, accept };

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual boost::asio::awaitable<Response> handle(Request request) = 0;
  // Asked before a WebSocket handshake is accepted for `request` (its target and cookies).
  virtual UpgradeDecision decide_upgrade(const Request& request) = 0;
  // Called by net/ when it answers on its own (limits, timeouts, malformed HTTP), so that these
  // responses carry the same headers and are counted in the same metrics as routed ones.
  virtual void finish_transport_response(const Request* request, Response& response) = 0;
};

}  // namespace hearth::http
