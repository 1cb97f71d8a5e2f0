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
// Deadlines: one timer of the session's own guards the TLS handshake, the wait for a request's
// first byte (expiry closes the connection: there is nothing to answer), the rest of the request,
// headers and body (expiry cancels the read, so that a 408 can still be written), the write of
// the answer and the closing. Starting a phase only moves the deadline; the timer, when it
// wakes, sleeps again until the deadline if that has moved. Arming an Asio timer for each phase
// instead, three times per request, each with a cancelled wait run through the scheduler, was
// one of the larger costs in the request-path profile (docs/benchmarks.md).
//
// Ownership and threads: the session is owned by its coroutine (and briefly by pending timer
// handlers); ServerState holds a weak reference for shutdown. Everything runs on the
// connection's strand, except begin_shutdown() and force_close(), which may be called from any
// thread.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "http/message.hpp"
#include "net/message_conversion.hpp"
#include "net/on_strand.hpp"
#include "net/request_parser.hpp"
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
  // What the deadline guards now. At expiry the socket is closed, except while the rest of a
  // request is read: that read is cancelled, so that a 408 can still be written.
  enum class Watch { nothing, first_byte, request, write, other };
  using Clock = std::chrono::steady_clock;

  boost::asio::awaitable<void> serve();
  boost::asio::awaitable<void> reject(http::Response busy);
  boost::asio::awaitable<bool> handshake();
  boost::asio::awaitable<bool> wait_for_request(bool first);
  boost::asio::awaitable<Next> serve_request();
  boost::asio::awaitable<Next> answer_read_error(const boost::beast::error_code& ec,
                                                 std::size_t body_limit);
  boost::asio::awaitable<Next> answer(http::Request request, Framing framing);
  boost::asio::awaitable<Next> upgrade(BeastRequest& request, http::Request converted);
  boost::asio::awaitable<Next> answer_transport(int status, std::string_view code,
                                                std::string_view message,
                                                const http::Request* request, Framing framing);
  boost::asio::awaitable<bool> write(const http::Response& response, const Framing& framing);
  boost::asio::awaitable<boost::beast::error_code> write_continue();
  std::size_t parse_buffered(RequestParser& parser, bool whole, boost::beast::error_code& ec);
  boost::asio::awaitable<void> close(bool linger);
  boost::asio::awaitable<void> drain();

  void watch(Watch what, std::chrono::milliseconds timeout);
  void unwatch() { watch_ = Watch::nothing; }
  void start_timer(Clock::time_point expiry);
  void on_timer(std::uint64_t generation);
  TcpSocket& lowest() { return boost::beast::get_lowest_layer(stream_); }
  // The completion token of every operation here: redirects errors into `ec` and resumes the
  // coroutine through the strand's concrete type (see on_strand.hpp).
  auto on_strand(boost::beast::error_code& ec) {
    return boost::asio::redirect_error(OnStrand{executor_}, ec);
  }
  void fail(const boost::beast::error_code& ec, std::string_view what) const;

  Stream stream_;
  Strand executor_;  // stream_ is moved away on upgrade
  std::shared_ptr<ServerState> state_;
  PeerInfo peer_;
  ConnectionLease lease_;
  boost::beast::flat_buffer buffer_;
  std::string head_;  // the response head being written, reused from request to request
  SteadyTimer timer_;
  Watch watch_ = Watch::nothing;
  Clock::time_point deadline_;          // of what watch_ names
  Clock::time_point timer_expiry_;      // of the pending wait, if timer_waiting_
  std::uint64_t timer_generation_ = 0;  // tells a superseded wait from the pending one
  bool timer_waiting_ = false;
  bool timed_out_ = false;  // the deadline passed and cancelled (or closed) what it guarded
  bool idle_ = false;       // waiting for the first byte of a request
  bool stopping_ = false;   // shutdown began: answer with `Connection: close`, then close
  bool upgraded_ = false;   // stream_ belongs to a WebSocketSession now
};

extern template class HttpSession<PlainStream>;
extern template class HttpSession<TlsStream>;

}  // namespace hearth::net
