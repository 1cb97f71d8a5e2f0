// Server: the HTTP/1.1 + WebSocket transport on one port, plain TCP or TLS.
//
// It accepts connections, reads requests within the configured limits and deadlines, answers
// protocol violations itself (400, 408, 413, 431, 503 with a JSON error body) and hands every
// well-formed request to the RequestHandler and every accepted WebSocket to the PeerListener.
// It knows nothing about routes or the domain.
//
// Ownership: the Server does not own the io_context, the handler or the listener; all three must
// outlive every connection, that is until `done` of shutdown() has been called (or the
// io_context has been stopped and destroyed). Connections keep the Server's shared state alive
// on their own, so the Server object itself may be destroyed earlier.
//
// Threads: the io_context may be run by any number of threads; each connection runs on its own
// strand. start() and shutdown() may be called from any thread, but not concurrently with each
// other; port(), tls() and open_connections() may be called from any thread at any time.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "http/request_handler.hpp"
#include "realtime/peer.hpp"

namespace boost::asio {
class io_context;
}

namespace hearth::net {

struct ServerOptions {
  std::string address = "127.0.0.1";        // an IP address or a host name resolved at start()
  std::uint16_t port = 8080;                // 0 = pick a free port
  std::string tls_cert_file, tls_key_file;  // both set => this port speaks TLS only
  std::size_t header_limit = 16 * 1024;     // bytes of request line + headers => 431
  std::size_t body_limit = 1024 * 1024;     // bytes => 413
  // Requests for which is_upload answers true (a chat file) may carry up to upload_body_limit
  // bytes instead (0: no such requests). Asked once the head is read, before the body is.
  std::size_t upload_body_limit = 0;
  std::function<bool(http::Method method, std::string_view target)> is_upload;
  // A whole request (headers and body) must arrive within this once its first byte has: a client
  // that trickles bytes is cut off (408 where the connection can still carry it). The first
  // request of a new connection must also start within this.
  std::chrono::milliseconds read_timeout{10000};
  // Keep-alive wait for the next request; also the limit on writing one response and the
  // WebSocket idle limit (pings are sent at half of it).
  std::chrono::milliseconds idle_timeout{60000};
  std::size_t max_connections = 10000;       // beyond: 503 + close, others unaffected
  std::size_t ws_queue_limit = 256;          // queued outgoing frames per WebSocket => 1008
  std::size_t ws_message_limit = 64 * 1024;  // largest incoming WebSocket message => 1009
};

class Server {
 public:
  Server(boost::asio::io_context& io, ServerOptions options, http::RequestHandler& handler,
         realtime::PeerListener& listener);
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  // Stops accepting if shutdown() was not called; open connections are not waited for.
  ~Server();

  // Loads the TLS certificate and key (if configured), binds and listens. Errors:
  // invalid_argument (bad address; only one TLS file given; unreadable or mismatched certificate
  // or key, with the file named), unavailable (address in use, cannot bind), internal.
  Result<void> start();
  std::uint16_t port() const;            // the bound port; 0 before start()
  std::size_t open_connections() const;  // HTTP and WebSocket connections being served
  bool tls() const;

  // Two-phase shutdown: stop accepting; let in-flight HTTP requests finish and answer them with
  // `Connection: close`; close idle keep-alive connections; close every WebSocket with 1001
  // (going away); after `deadline`, force-close what remains. `done` is called once, on the
  // io_context, when no connection is left. A request handler that never completes holds its
  // connection (coroutines cannot be cancelled from outside in Boost 1.74), so callers should
  // keep a hard limit of their own. A second call is ignored.
  void shutdown(std::chrono::milliseconds deadline, std::function<void()> done);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hearth::net
