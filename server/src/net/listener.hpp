// Listener: accepts connections on one address and port and starts an HttpSession for each on a
// strand of its own (private to net/).
//
// Admission: a connection gets a lease from ServerState while fewer than max_connections are
// open; one beyond that is answered 503 with a JSON error body and closed, and everyone else
// keeps being served. Accept errors (such as running out of file descriptors) are logged and
// retried after a short pause rather than ending the loop.
//
// Ownership and threads: shared by the Server and its own accept coroutine. open() is called
// once, before run(); stop() may be called from any thread, any number of times. The acceptor
// lives on its own strand.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>

#include "base/result.hpp"
#include "net/server_state.hpp"
#include "net/stream.hpp"

namespace hearth::net {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(boost::asio::io_context& io, std::shared_ptr<ServerState> state);

  // Binds and listens. Errors: invalid_argument (an address that is not ours or does not
  // resolve), unavailable (in use, no permission, other bind failures).
  Result<void> open(const std::string& address, std::uint16_t port);
  std::uint16_t port() const { return port_.load(std::memory_order_relaxed); }

  // Starts accepting.
  void run();
  // Closes the acceptor on its strand, then calls `then` there (if set).
  void stop(std::function<void()> then);

 private:
  boost::asio::awaitable<void> accept_loop();
  void start_session(TcpSocket socket);
  template <class Stream>
  void launch(Stream stream, PeerInfo peer);
  void fail(const boost::system::error_code& ec, std::string_view what) const;

  boost::asio::io_context& io_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<ServerState> state_;
  std::atomic<std::uint16_t> port_{0};
};

}  // namespace hearth::net
