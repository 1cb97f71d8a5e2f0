#include "net/server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "net/listener.hpp"
#include "net/server_state.hpp"
#include "net/tls_context.hpp"

namespace hearth::net {

namespace asio = boost::asio;

struct Server::Impl {
  asio::io_context& io;
  ServerOptions options;
  http::RequestHandler& handler;
  realtime::PeerListener& peer_listener;
  std::shared_ptr<ServerState> state;  // set by start()
  std::shared_ptr<Listener> listener;  // set by start()
  bool stopped = false;
};

Server::Server(asio::io_context& io, ServerOptions options, http::RequestHandler& handler,
               realtime::PeerListener& listener)
    : impl_(std::make_unique<Impl>(Impl{io, std::move(options), handler, listener})) {}

Server::~Server() {
  if (impl_->listener && !impl_->stopped) impl_->listener->stop(nullptr);
}

Result<void> Server::start() {
  if (impl_->listener) return Error::of(Errc::internal, "the server is already started");
  const ServerOptions& options = impl_->options;
  std::shared_ptr<asio::ssl::context> tls;
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return Error::of(Errc::invalid_argument,
                     "TLS needs both a certificate file and a key file, or neither");
  }
  if (!options.tls_cert_file.empty()) {
    auto context = make_tls_context(options.tls_cert_file, options.tls_key_file);
    if (!context) return std::move(context).error();
    tls = std::move(*context);
  }
  auto state = std::make_shared<ServerState>(impl_->io, options, impl_->handler,
                                             impl_->peer_listener, std::move(tls));
  auto listener = std::make_shared<Listener>(impl_->io, state);
  if (auto opened = listener->open(options.address, options.port); !opened) return opened;
  listener->run();
  impl_->state = std::move(state);
  impl_->listener = std::move(listener);
  return ok();
}

std::uint16_t Server::port() const {
  return impl_->listener ? impl_->listener->port() : 0;
}

std::size_t Server::open_connections() const {
  return impl_->state ? impl_->state->open_connections() : 0;
}

bool Server::tls() const {
  return !impl_->options.tls_cert_file.empty() && !impl_->options.tls_key_file.empty();
}

void Server::shutdown(std::chrono::milliseconds deadline, std::function<void()> done) {
  if (impl_->stopped) return;
  impl_->stopped = true;
  if (!impl_->listener) {
    if (done) asio::post(impl_->io, std::move(done));
    return;
  }
  // Phase one on the acceptor's strand (no new connections), then phase two: every session is
  // asked to finish, and the deadline starts.
  impl_->listener->stop([state = impl_->state, deadline, done = std::move(done)]() mutable {
    state->begin_shutdown(deadline, std::move(done));
  });
}

}  // namespace hearth::net
