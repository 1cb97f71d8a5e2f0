#include "net/websocket_session.hpp"

#include <atomic>
#include <exception>

#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/ssl.hpp>  // teardown of a WebSocket over TLS

#include "base/error.hpp"
#include "net/failure.hpp"

namespace hearth::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;

namespace {

std::atomic<std::uint64_t> next_peer_id{1};

// Incoming messages are read in pieces of at most this, so that the size limit is checked before
// a large message is buffered whole.
constexpr std::size_t kReadChunk = 16 * 1024;
// A read buffer that grew for one large message is given back rather than kept per connection.
constexpr std::size_t kKeptReadCapacity = 16 * 1024;

auto redirect(beast::error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

// RFC 6455 section 7.4: codes an endpoint may send; 1005, 1006 and 1015 are never sent.
bool is_sendable_close_code(std::uint16_t code) {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
         (code >= 3000 && code <= 4999);
}

// A close frame's reason is at most 123 bytes (RFC 6455 section 5.5); cut at a UTF-8 boundary.
websocket::close_reason make_close_reason(std::uint16_t code, std::string_view reason) {
  constexpr std::size_t kMaxReason = 123;
  if (reason.size() > kMaxReason) {
    std::size_t end = kMaxReason;
    while (end > 0 && (static_cast<unsigned char>(reason[end]) & 0xC0) == 0x80) --end;
    reason = reason.substr(0, end);
  }
  if (!is_sendable_close_code(code)) code = websocket::close_code::normal;
  return websocket::close_reason(static_cast<websocket::close_code>(code), reason);
}

// Makes Beast's own handshake refusals (400, 426) look like every other error net/ answers.
struct HandshakeDecorator {
  std::shared_ptr<ServerState> state;
  std::shared_ptr<const http::Request> request;

  void operator()(websocket::response_type& response) const {
    // Beast would otherwise advertise its name and version.
    response.set(beast::http::field::server, "hearth");
    if (response.result() == beast::http::status::switching_protocols) return;
    http::Response error =
        response.result() == beast::http::status::upgrade_required
            ? transport_error(426, "upgrade_required", "only WebSocket version 13 is supported")
            : transport_error(400, errc_name(Errc::malformed),
                              "the WebSocket handshake is not valid");
    state->handler().finish_transport_response(request.get(), error);
    apply_transport_error(error, response);
  }
};

}  // namespace

template <class Stream>
WebSocketSession<Stream>::WebSocketSession(Stream stream, std::shared_ptr<ServerState> state,
                                           std::uint16_t remote_port, ConnectionLease lease,
                                           std::shared_ptr<const realtime::PeerIdentity> identity)
    : ws_(std::move(stream)),
      executor_(ws_.get_executor()),
      state_(std::move(state)),
      remote_port_(remote_port),
      lease_(std::move(lease)),
      identity_(std::move(identity)),
      id_(next_peer_id.fetch_add(1, std::memory_order_relaxed)),
      close_timer_(executor_) {}

template <class Stream>
void WebSocketSession<Stream>::start(std::shared_ptr<WebSocketSession> self, BeastRequest request,
                                     http::Request converted) {
  auto executor = self->executor_;
  auto shared_request = std::make_shared<const http::Request>(std::move(converted));
  // The lambda (with `self`) lives in co_spawn's frame until run() returns.
  asio::co_spawn(
      executor,
      [self = std::move(self), request = std::move(request), shared_request]() mutable {
        return self->run(std::move(request), std::move(shared_request));
      },
      [](std::exception_ptr error) { report_exception("websocket_session", error); });
}

template <class Stream>
void WebSocketSession<Stream>::send(std::shared_ptr<const std::string> text_frame) {
  // Posted even from the strand itself: frames are queued in the order send() was called, which
  // is the order of their numbers (realtime/resumable_peer.hpp). Run at once on the strand, one
  // would overtake frames other threads had posted before it.
  asio::post(executor_, [self = this->shared_from_this(), frame = std::move(text_frame)]() mutable {
    self->enqueue(std::move(frame));
  });
}

template <class Stream>
void WebSocketSession<Stream>::close(std::uint16_t code, std::string reason) {
  asio::dispatch(executor_, [self = this->shared_from_this(), code, reason = std::move(reason)] {
    if (self->open_) self->start_close(make_close_reason(code, reason));
  });
}

template <class Stream>
void WebSocketSession<Stream>::begin_shutdown() {
  asio::dispatch(executor_, [self = this->shared_from_this()] {
    if (self->open_) {
      self->start_close(
          make_close_reason(websocket::close_code::going_away, "server shutting down"));
    } else {
      self->shutdown_requested_ = true;
    }
  });
}

template <class Stream>
void WebSocketSession<Stream>::force_close() {
  asio::dispatch(executor_, [self = this->shared_from_this()] { self->close_now(); });
}

template <class Stream>
asio::awaitable<void> WebSocketSession<Stream>::run(
    BeastRequest request, std::shared_ptr<const http::Request> converted) {
  switch (state_->attach(lease_, this->weak_from_this())) {
    case Phase::serving:
      break;
    case Phase::stopping:
      shutdown_requested_ = true;
      break;
    case Phase::forced:
      co_return;
  }
  const ServerOptions& options = state_->options();
  // Beast's WebSocket timeouts (the TCP layer is a bare socket with none of its own).
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = options.read_timeout;  // also bounds Beast's closing handshake
  timeouts.idle_timeout = options.idle_timeout;
  timeouts.keep_alive_pings = true;  // a ping at half the idle time keeps a quiet peer alive
  ws_.set_option(timeouts);
  ws_.set_option(
      websocket::stream_base::decorator(HandshakeDecorator{state_, std::move(converted)}));
  // The message limit is enforced in read_messages() rather than by Beast: Beast's own check
  // closes with 1009 and then tears the connection down without reading what the peer still
  // sends, so the peer gets a reset instead of a closing handshake.
  ws_.read_message_max(0);

  beast::error_code ec;
  co_await ws_.async_accept(request, redirect(ec));
  if (ec) {
    fail(ec, "accept");
    co_return;
  }
  open_ = true;
  notify_listener("peer_listener.on_open", [this] {
    state_->peer_listener().on_open(this->shared_from_this(), std::move(identity_));
  });
  if (shutdown_requested_) {
    start_close(make_close_reason(websocket::close_code::going_away, "server shutting down"));
  }
  co_await read_messages();
  finished_ = true;
  close_timer_.cancel();
  drop_queued();
  notify_listener("peer_listener.on_close", [this] {
    std::shared_ptr<realtime::Peer> peer = this->shared_from_this();
    state_->peer_listener().on_close(peer);
  });
}

template <class Stream>
asio::awaitable<void> WebSocketSession<Stream>::read_messages() {
  const std::size_t limit = state_->options().ws_message_limit;
  beast::flat_buffer buffer;
  for (;;) {
    beast::error_code ec;
    co_await ws_.async_read_some(buffer, kReadChunk, redirect(ec));
    if (ec) {
      // `closed` once a closing handshake (ours or the peer's) is complete.
      fail(ec, "read");
      co_return;
    }
    // Once a close is under way, what still arrives (the rest of a refused message) is dropped.
    if (closing_) {
      buffer.clear();
    } else if (!ws_.got_text()) {
      start_close(make_close_reason(websocket::close_code::unknown_data, "text messages only"));
    } else if (buffer.size() > limit) {
      start_close(make_close_reason(websocket::close_code::too_big, "message too big"));
    } else if (ws_.is_message_done()) {
      std::string text = beast::buffers_to_string(buffer.data());
      notify_listener("peer_listener.on_text", [this, &text] {
        std::shared_ptr<realtime::Peer> peer = this->shared_from_this();
        state_->peer_listener().on_text(peer, std::move(text));
      });
    } else {
      continue;  // more of this message to come
    }
    buffer.clear();
    if (buffer.capacity() > kKeptReadCapacity) buffer.shrink_to_fit();
  }
}

template <class Stream>
void WebSocketSession<Stream>::enqueue(std::shared_ptr<const std::string> frame) {
  if (!open_ || closing_ || finished_ || !frame) return;
  if (queue_.size() >= state_->options().ws_queue_limit) {
    start_close(make_close_reason(websocket::close_code::policy_error, "slow consumer"));
    return;
  }
  queue_.push_back(std::move(frame));
  if (!writing_) write_next();
}

template <class Stream>
void WebSocketSession<Stream>::write_next() {
  writing_ = true;
  ws_.text(true);
  ws_.async_write(asio::buffer(*queue_.front()),
                  [self = this->shared_from_this()](const beast::error_code& ec, std::size_t) {
                    self->on_write(ec);
                  });
}

template <class Stream>
void WebSocketSession<Stream>::on_write(const beast::error_code& ec) {
  writing_ = false;
  queue_.pop_front();
  if (ec) {
    // The read side fails too and ends the session.
    fail(ec, "write");
    queue_.clear();
    return;
  }
  if (!closing_ && !finished_ && !queue_.empty()) write_next();
}

template <class Stream>
void WebSocketSession<Stream>::drop_queued() {
  queue_.erase(queue_.begin() + (writing_ && !queue_.empty() ? 1 : 0), queue_.end());
}

template <class Stream>
void WebSocketSession<Stream>::start_close(const websocket::close_reason& reason) {
  if (closing_ || finished_) return;
  closing_ = true;
  drop_queued();
  // Not open: the peer's close is already being answered by Beast, or the stream failed.
  if (!ws_.is_open()) return;
  // Beast's close waits behind a write in flight, which a peer that reads nothing never lets
  // finish, and only then starts its own timer: bound the whole close here.
  close_timer_.expires_after(state_->options().read_timeout);
  close_timer_.async_wait([weak = this->weak_from_this()](const beast::error_code& ec) {
    if (ec) return;
    if (auto self = weak.lock()) self->close_now();
  });
  ws_.async_close(reason, [self = this->shared_from_this()](const beast::error_code& ec) {
    if (ec) self->fail(ec, "close");
  });
}

template <class Stream>
void WebSocketSession<Stream>::close_now() {
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).close(ignored);
}

template <class Stream>
template <class F>
void WebSocketSession<Stream>::notify_listener(std::string_view what, F&& call) {
  try {
    call();
  } catch (...) {
    // The hub's contract is not to throw; if it does, this connection closes (1011) and the
    // others carry on.
    report_exception(what, std::current_exception());
    if (open_ && !finished_) {
      start_close(make_close_reason(websocket::close_code::internal_error, "internal error"));
    }
  }
}

template <class Stream>
void WebSocketSession<Stream>::fail(const beast::error_code& ec, std::string_view what) const {
  report_failure("websocket_session", what, ec, remote_port_);
}

template class WebSocketSession<PlainStream>;
template class WebSocketSession<TlsStream>;

}  // namespace hearth::net
