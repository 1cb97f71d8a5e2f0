#include "net/listener.hpp"

#include <chrono>
#include <exception>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>

#include "base/error.hpp"
#include "net/failure.hpp"
#include "net/http_session.hpp"
#include "net/message_conversion.hpp"

namespace hearth::net {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

// After an accept error such as EMFILE the pending connection stays in the backlog and the next
// accept fails at once: pause instead of spinning on it.
constexpr std::chrono::milliseconds kAcceptPause{50};

std::string describe(const tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  return address.is_v6() ? fmt::format("[{}]:{}", address.to_string(), endpoint.port())
                         : fmt::format("{}:{}", address.to_string(), endpoint.port());
}

}  // namespace

Listener::Listener(asio::io_context& io, std::shared_ptr<ServerState> state)
    : io_(io), strand_(asio::make_strand(io)), acceptor_(strand_), state_(std::move(state)) {}

Result<void> Listener::open(const std::string& address, std::uint16_t port) {
  boost::system::error_code ec;
  tcp::endpoint endpoint;
  const auto ip = asio::ip::make_address(address, ec);
  if (!ec) {
    endpoint = tcp::endpoint(ip, port);
  } else {
    tcp::resolver resolver(io_);
    auto results =
        resolver.resolve(address, std::to_string(port), tcp::resolver::numeric_service, ec);
    if (ec || results.empty()) {
      return Error::of(Errc::invalid_argument, "cannot resolve the listen address " + address);
    }
    endpoint = results.begin()->endpoint();
  }
  const std::string where = describe(endpoint);
  acceptor_.open(endpoint.protocol(), ec);
  // So that a restarted server can bind while old connections linger in TIME_WAIT.
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (ec == asio::error::address_in_use) {
    return Error::of(Errc::unavailable, "address " + where + " is already in use");
  }
  if (ec == asio::error::access_denied) {
    return Error::of(Errc::unavailable, "no permission to listen on " + where);
  }
  if (ec == boost::system::errc::address_not_available) {
    return Error::of(Errc::invalid_argument, address + " is not an address of this machine");
  }
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Error::of(Errc::unavailable, "cannot listen on " + where + ": " + ec.message());
  port_.store(acceptor_.local_endpoint().port(), std::memory_order_relaxed);
  return ok();
}

void Listener::run() {
  asio::co_spawn(
      strand_, [self = shared_from_this()] { return self->accept_loop(); },
      [](std::exception_ptr error) { report_exception("listener", error); });
}

void Listener::stop(std::function<void()> then) {
  asio::dispatch(strand_, [self = shared_from_this(), then = std::move(then)] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
    if (then) then();
  });
}

asio::awaitable<void> Listener::accept_loop() {
  asio::steady_timer pause(strand_);
  for (;;) {
    // Each connection gets a strand of its own, through its socket's executor.
    TcpSocket socket(asio::make_strand(io_));
    boost::system::error_code ec;
    co_await acceptor_.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (!acceptor_.is_open() || ec == asio::error::operation_aborted) co_return;
    if (ec) {
      fail(ec, "accept");
      pause.expires_after(kAcceptPause);
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    start_session(std::move(socket));
  }
}

void Listener::start_session(TcpSocket socket) {
  boost::system::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec) return;  // the peer has already gone
  // Responses and WebSocket frames are written whole; Nagle's algorithm would only delay them.
  socket.set_option(tcp::no_delay(true), ec);
  PeerInfo peer{remote.address().to_string(), remote.port()};
  if (auto* tls = state_->tls()) {
    launch(TlsStream(std::move(socket), *tls), std::move(peer));
  } else {
    launch(std::move(socket), std::move(peer));
  }
}

template <class Stream>
void Listener::launch(Stream stream, PeerInfo peer) {
  if (auto lease = state_->admit()) {
    HttpSession<Stream>::start(std::make_shared<HttpSession<Stream>>(
        std::move(stream), state_, std::move(peer), std::move(*lease)));
    return;
  }
  // Shutting down: the stream's destructor closes the socket.
  if (!state_->serving()) return;
  // Built here rather than in the session so that the handler is not called after shutdown's
  // `done`: a rejected connection holds no lease and is not waited for.
  http::Response busy = transport_error(503, errc_name(Errc::unavailable),
                                        "the server is at its connection limit; try again later");
  busy.set_header("Retry-After", "1");
  state_->handler().finish_transport_response(nullptr, busy);
  HttpSession<Stream>::start_rejected(
      std::make_shared<HttpSession<Stream>>(std::move(stream), state_, std::move(peer),
                                            ConnectionLease()),
      std::move(busy));
}

void Listener::fail(const boost::system::error_code& ec, std::string_view what) const {
  report_failure("listener", what, ec, 0);
}

}  // namespace hearth::net
