// HttpSession: one HTTP/1.1 connection, plain or TLS, from accept until it closes or becomes a
// WebSocket (private to net/).
//
// It reads one request at a time (keep-alive; bytes of a pipelined next request stay in the
// buffer) within the limits of ServerOptions, answers limit and protocol violations itself
// (passing each answer through RequestHandler::finish_transport_response, then closing), and
// hands every well-formed request to RequestHandler::handle. An upgrade that decide_upgrade()
// accepts hands the stream and the connection's lease to a WebSocketSession on the same strand,
// and this session ends.
//
// Deadlines: the wait for a request's first byte uses Beast's stream timer (expiry closes the
// socket: there is nothing to answer); the request itself, headers and body, uses a timer of our
// own that only cancels the read, so that a 408 can still be written; writes use Beast's timer.
//
// Ownership and threads: the session is owned by its coroutine (and briefly by pending timer
// handlers); ServerState holds a weak reference for shutdown. Everything runs on the
// connection's strand, except begin_shutdown() and force_close(), which may be called from any
// thread.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <cstdint>
#include <memory>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "http/message.hpp"
#include "net/message_conversion.hpp"
#include "net/server_state.hpp"
#include "net/stream.hpp"

namespace hearth::net {

template <class Stream>
class HttpSession final : public Connection,
                          public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  // `stream` must be bound to a strand of its own. `lease` is empty for a rejected connection.
  HttpSession(Stream stream, std::shared_ptr<ServerState> state, PeerInfo peer,
              ConnectionLease lease);

  // Serves requests until the connection closes or is upgraded.
  static void start(std::shared_ptr<HttpSession> self);
  // For a connection over max_connections: (after the TLS handshake) writes `busy`, already
  // finished by the handler, without waiting for a request, and closes.
  static void start_rejected(std::shared_ptr<HttpSession> self, http::Response busy);

  void begin_shutdown() override;
  void force_close() override;

 private:
  enum class Next { keep_alive, close, close_lingering, upgraded };

  boost::asio::awaitable<void> serve();
  boost::asio::awaitable<void> reject(http::Response busy);
  boost::asio::awaitable<bool> handshake();
  boost::asio::awaitable<bool> wait_for_request(bool first);
  boost::asio::awaitable<Next> serve_request();
  boost::asio::awaitable<Next> answer_read_error(const boost::beast::error_code& ec);
  boost::asio::awaitable<Next> answer(BeastRequest& request);
  boost::asio::awaitable<Next> upgrade(BeastRequest& request, http::Request converted);
  boost::asio::awaitable<Next> answer_transport(int status, std::string_view code,
                                                std::string_view message,
                                                const http::Request* request, Framing framing);
  boost::asio::awaitable<bool> write(const http::Response& response, const Framing& framing);
  boost::asio::awaitable<boost::beast::error_code> write_continue();
  boost::asio::awaitable<void> close(bool linger);
  boost::asio::awaitable<void> drain();

  void arm_request_deadline();
  void disarm_request_deadline();
  boost::beast::tcp_stream& lowest() { return boost::beast::get_lowest_layer(stream_); }
  void fail(const boost::beast::error_code& ec, std::string_view what) const;

  Stream stream_;
  boost::asio::any_io_executor executor_;  // the strand; stream_ is moved away on upgrade
  std::shared_ptr<ServerState> state_;
  PeerInfo peer_;
  ConnectionLease lease_;
  boost::beast::flat_buffer buffer_;
  boost::asio::steady_timer request_timer_;
  std::uint64_t request_generation_ = 0;  // tells a stale request timer from the current one
  bool reading_request_ = false;
  bool timed_out_ = false;  // the request timer cancelled the read
  bool idle_ = false;       // waiting for the first byte of a request
  bool stopping_ = false;   // shutdown began: answer with `Connection: close`, then close
  bool upgraded_ = false;   // stream_ belongs to a WebSocketSession now
};

extern template class HttpSession<PlainStream>;
extern template class HttpSession<TlsStream>;

}  // namespace hearth::net
