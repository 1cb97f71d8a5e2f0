#include "net/http_session.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <exception>
#include <limits>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <fmt/format.h>

#include "base/error.hpp"
#include "net/failure.hpp"
#include "net/on_strand.hpp"
#include "net/request_parser.hpp"
#include "net/websocket_session.hpp"

namespace hearth::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;

namespace {

// How long a closing connection may take to say goodbye: the TLS close_notify exchange, or
// reading what a client still sends after an error answer, so that closing with unread bytes
// does not reset the connection before the client has read our answer (the "lingering close"
// of Apache and nginx).
constexpr std::chrono::milliseconds kCloseTimeout{2000};
constexpr std::size_t kLingerBytes = 1024 * 1024;
constexpr std::size_t kReadChunk = 4096;

std::uint32_t header_limit_of(std::size_t limit) {
  return static_cast<std::uint32_t>(
      std::min<std::size_t>(limit, std::numeric_limits<std::uint32_t>::max()));
}

bool is_http_parse_error(const beast::error_code& ec) {
  return ec.category() == beast_http::make_error_code(beast_http::error::bad_method).category();
}

// The answer to an upgrade the handler refused (docs/protocol/realtime.md, "Handshake").
struct UpgradeRefusal {
  int status;
  Errc code;
  std::string_view message;
};

UpgradeRefusal upgrade_refusal(http::UpgradeDecision decision) {
  switch (decision) {
    case http::UpgradeDecision::refuse_foreign_origin:
      return {403, Errc::csrf_failed, "a WebSocket must be opened by Hearth's own pages"};
    case http::UpgradeDecision::refuse_unauthorized:
      return {401, Errc::unauthenticated, "sign in before opening a WebSocket"};
    case http::UpgradeDecision::refuse_forbidden:
      return {403, Errc::permission_denied, "this account may not open a WebSocket yet"};
    case http::UpgradeDecision::refuse_unavailable:
      return {503, Errc::unavailable, "the service is unavailable; try again shortly"};
    case http::UpgradeDecision::refuse_bad_resume:
      return {400, Errc::invalid_argument,
              "resume must be a connection id from hello and after a whole number"};
    case http::UpgradeDecision::refuse_not_found:
    case http::UpgradeDecision::accept:
      break;
  }
  return {404, Errc::not_found, "no WebSocket endpoint at this address"};
}

}  // namespace

template <class Stream>
HttpSession<Stream>::HttpSession(Stream stream, std::shared_ptr<ServerState> state, PeerInfo peer,
                                 ConnectionLease lease)
    : stream_(std::move(stream)),
      executor_(stream_.get_executor()),
      state_(std::move(state)),
      peer_(std::move(peer)),
      lease_(std::move(lease)),
      timer_(executor_) {}

template <class Stream>
void HttpSession<Stream>::start(std::shared_ptr<HttpSession> self) {
  auto executor = self->executor_;
  // The lambda (with `self`) lives in co_spawn's frame until serve() returns: that is what keeps
  // the session alive.
  asio::co_spawn(
      executor, [self = std::move(self)] { return self->serve(); },
      [](std::exception_ptr error) { report_exception("http_session", error); });
}

template <class Stream>
void HttpSession<Stream>::start_rejected(std::shared_ptr<HttpSession> self, http::Response busy) {
  auto executor = self->executor_;
  asio::co_spawn(
      executor,
      [self = std::move(self), busy = std::move(busy)]() mutable {
        return self->reject(std::move(busy));
      },
      [](std::exception_ptr error) { report_exception("http_session", error); });
}

template <class Stream>
void HttpSession<Stream>::begin_shutdown() {
  asio::dispatch(executor_, [self = this->shared_from_this()] {
    self->stopping_ = true;
    // An idle connection has nothing in flight: stop waiting. A busy one finishes its request
    // and sees stopping_ when it frames the response.
    beast::error_code ignored;
    if (self->idle_ && !self->upgraded_) self->lowest().cancel(ignored);
  });
}

template <class Stream>
void HttpSession<Stream>::force_close() {
  asio::dispatch(executor_, [self = this->shared_from_this()] {
    beast::error_code ignored;
    if (!self->upgraded_) self->lowest().close(ignored);
  });
}

template <class Stream>
asio::awaitable<void> HttpSession<Stream>::serve() {
  switch (state_->attach(lease_, this->weak_from_this())) {
    case Phase::serving:
      break;
    case Phase::stopping:
      stopping_ = true;
      break;
    case Phase::forced:
      co_return;
  }
  if (!co_await handshake()) co_return;
  Next next = Next::keep_alive;
  for (bool first = true; next == Next::keep_alive; first = false) {
    // A connection that never sends a request, or times out between requests, is closed
    // without an answer (its socket closes with the session).
    if (!co_await wait_for_request(first)) co_return;
    next = co_await serve_request();
  }
  if (next != Next::upgraded) co_await close(next == Next::close_lingering);
}

template <class Stream>
asio::awaitable<void> HttpSession<Stream>::reject(http::Response busy) {
  if (!co_await handshake()) co_return;
  // A named Framing, not a braced temporary: g++ 12 miscompiles `if (co_await f(T{...}))`
  // (the coroutine's `this` is garbage afterwards; found by LimitsTest's 503 case).
  const Framing framing{11, false, false};
  if (co_await write(busy, framing)) co_await close(true);
}

template <class Stream>
asio::awaitable<bool> HttpSession<Stream>::handshake() {
  if constexpr (is_tls_stream<Stream>) {
    beast::error_code ec;
    watch(Watch::other, state_->options().read_timeout);
    co_await stream_.async_handshake(asio::ssl::stream_base::server, on_strand(ec));
    unwatch();
    if (ec) {
      fail(ec, "tls_handshake");
      co_return false;
    }
  }
  co_return true;
}

template <class Stream>
asio::awaitable<bool> HttpSession<Stream>::wait_for_request(bool first) {
  if (buffer_.size() > 0) co_return true;  // a pipelined request is already here
  if (stopping_) co_return false;
  const ServerOptions& options = state_->options();
  beast::error_code ec;
  idle_ = true;
  watch(Watch::first_byte, first ? options.read_timeout : options.idle_timeout);
  std::size_t n = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), on_strand(ec));
  unwatch();
  idle_ = false;
  if (ec) {
    fail(ec, "wait");
    co_return false;
  }
  buffer_.commit(n);
  co_return true;
}

template <class Stream>
asio::awaitable<typename HttpSession<Stream>::Next> HttpSession<Stream>::serve_request() {
  const ServerOptions& options = state_->options();
  RequestParser parser;
  parser.header_limit(header_limit_of(options.header_limit));
  // The larger limit of uploads until the head says which request this is: Beast checks
  // Content-Length against the limit as the head completes.
  parser.body_limit(std::max(options.body_limit, options.upload_body_limit));
  std::size_t body_limit = options.body_limit;
  beast::error_code ec;
  timed_out_ = false;  // a deadline that passed just as the wait for this request ended
  // Usually the whole request came with the read that ended the wait for it, and is parsed here
  // from the buffer; only a request that needs more reads starts the request deadline (its
  // first byte has just arrived) and pays for asynchronous reads.
  // Beast 1.74 applies header_limit only to the bytes it has not yet consumed, and it consumes
  // complete header lines as they arrive, so a head of many short lines could grow past the
  // limit. We count what the parser consumes until the head is complete instead; Beast's own
  // limit stays as the guard against one over-long line.
  std::size_t head_bytes = parse_buffered(parser, false, ec);
  if (!ec && !parser.is_header_done()) watch(Watch::request, options.read_timeout);
  while (!ec && !parser.is_header_done() && head_bytes <= options.header_limit) {
    head_bytes += co_await beast_http::async_read_some(stream_, buffer_, parser, on_strand(ec));
  }
  if (!ec && head_bytes > options.header_limit) ec = beast_http::error::header_limit;
  if (!ec && options.upload_body_limit > 0) {
    const bool upload = options.is_upload && options.is_upload(parser.method(), parser.target());
    body_limit = upload ? options.upload_body_limit : options.body_limit;
    parser.body_limit(body_limit);  // a chunked body is counted against it as it arrives
    const auto length = parser.content_length();
    if (length && *length > body_limit) ec = beast_http::error::body_limit;
  }
  // RFC 9112 section 6.3: a request whose Transfer-Encoding does not end in chunked has no
  // knowable length and must be refused; Beast would read it as having no body, leaving the body
  // to be parsed as the next request (request smuggling).
  if (!ec && parser.has_unframed_body()) ec = beast_http::error::bad_transfer_encoding;
  if (!ec && !parser.is_done() && parser.expects_continue()) {
    if (watch_ == Watch::nothing) watch(Watch::request, options.read_timeout);
    ec = co_await write_continue();
  }
  if (!ec && !parser.is_done()) parse_buffered(parser, true, ec);
  if (!ec && !parser.is_done()) {
    if (watch_ == Watch::nothing) watch(Watch::request, options.read_timeout);
    co_await beast_http::async_read(stream_, buffer_, parser, on_strand(ec));
  }
  unwatch();
  if (ec) co_return co_await answer_read_error(ec, body_limit);
  const Framing framing{parser.version(), parser.is_head(), parser.keep_alive()};
  const bool upgrade_requested = parser.upgrade();  // "Connection: upgrade"
  http::Request request = parser.release();
  request.remote_address = peer_.address;
  request.request_id = new_request_id();
  request.secure = is_tls_stream<Stream>;
  if (upgrade_requested) {
    BeastRequest beast_request = to_beast_request(request, framing.version);
    if (beast::websocket::is_upgrade(beast_request)) {
      co_return co_await upgrade(beast_request, std::move(request));
    }
  }
  co_return co_await answer(std::move(request), framing);
}

template <class Stream>
asio::awaitable<typename HttpSession<Stream>::Next> HttpSession<Stream>::answer_read_error(
    const beast::error_code& ec, std::size_t body_limit) {
  const ServerOptions& options = state_->options();
  // The request's version may be unknown; 1.1 framing is understood by 1.0 clients as well.
  const Framing closing{11, false, false};
  if (timed_out_) {
    co_return co_await answer_transport(408, errc_name(Errc::request_timeout),
                                        "the request did not arrive in time", nullptr, closing);
  }
  // Messages are built into locals: a coroutine's string_view parameter must not point into a
  // temporary (see reject()).
  if (ec == beast_http::error::header_limit) {
    const std::string message =
        fmt::format("the request line and headers exceed {} bytes", options.header_limit);
    co_return co_await answer_transport(431, errc_name(Errc::headers_too_large), message, nullptr,
                                        closing);
  }
  if (ec == beast_http::error::body_limit) {
    const std::string message = fmt::format("the request body exceeds {} bytes", body_limit);
    co_return co_await answer_transport(413, errc_name(Errc::payload_too_large), message, nullptr,
                                        closing);
  }
  if (classify_failure(ec) != FailureKind::noise && is_http_parse_error(ec)) {
    co_return co_await answer_transport(400, errc_name(Errc::malformed),
                                        "the request is not valid HTTP/1.1", nullptr, closing);
  }
  fail(ec, "read");
  co_return Next::close;
}

template <class Stream>
asio::awaitable<typename HttpSession<Stream>::Next> HttpSession<Stream>::answer(
    http::Request request, Framing framing) {
  http::Response response;
  bool handled = false;
  try {
    response = co_await state_->handler().handle(std::move(request));
    handled = true;
  } catch (...) {
    // The contract says handle() does not throw; if it does, this connection answers 500 and
    // closes, and nothing else is affected.
    report_exception("request_handler", std::current_exception());
  }
  if (!handled) {
    framing.keep_alive = false;
    co_return co_await answer_transport(500, errc_name(Errc::internal), "internal error", nullptr,
                                        framing);
  }
  framing.keep_alive = framing.keep_alive && !stopping_ && !wants_close(response);
  if (!co_await write(response, framing)) co_return Next::close;
  co_return framing.keep_alive ? Next::keep_alive : Next::close;
}

template <class Stream>
asio::awaitable<typename HttpSession<Stream>::Next> HttpSession<Stream>::upgrade(
    BeastRequest& request, http::Request converted) {
  Framing framing{request.version(), false, request.keep_alive() && !stopping_};
  http::UpgradeAnswer answer = co_await state_->handler().decide_upgrade(converted);
  if (answer.decision != http::UpgradeDecision::accept) {
    const UpgradeRefusal refusal = upgrade_refusal(answer.decision);
    co_return co_await answer_transport(refusal.status, errc_name(refusal.code), refusal.message,
                                        &converted, framing);
  }
  framing.keep_alive = false;
  if (!is_valid_websocket_key(request[beast_http::field::sec_websocket_key])) {
    co_return co_await answer_transport(400, errc_name(Errc::malformed),
                                        "Sec-WebSocket-Key must be the base64 of 16 bytes",
                                        &converted, framing);
  }
  if (stopping_) {
    co_return co_await answer_transport(503, errc_name(Errc::unavailable),
                                        "the server is shutting down", &converted, framing);
  }
  // Beast checks the rest of the handshake (version, method, headers) and answers 400 or 426
  // through the WebSocketSession's decorator.
  upgraded_ = true;
  auto session = std::make_shared<WebSocketSession<Stream>>(
      std::move(stream_), state_, peer_.port, std::move(lease_), std::move(answer.identity));
  WebSocketSession<Stream>::start(std::move(session), std::move(request), std::move(converted));
  co_return Next::upgraded;
}

template <class Stream>
asio::awaitable<typename HttpSession<Stream>::Next> HttpSession<Stream>::answer_transport(
    int status, std::string_view code, std::string_view message, const http::Request* request,
    Framing framing) {
  http::Response response = transport_error(status, code, message);
  state_->handler().finish_transport_response(request, response);
  if (!co_await write(response, framing)) co_return Next::close;
  // After an error the client may still be sending (a body we refused): linger.
  co_return framing.keep_alive ? Next::keep_alive : Next::close_lingering;
}

template <class Stream>
asio::awaitable<bool> HttpSession<Stream>::write(const http::Response& response,
                                                 const Framing& framing) {
  serialize_response_head(response, framing, head_);
  const std::string_view payload = response_payload(response, framing);
  const std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(payload)};
  beast::error_code ec;
  // A client that does not take its response within the idle limit is gone.
  watch(Watch::write, state_->options().idle_timeout);
  co_await asio::async_write(stream_, buffers, on_strand(ec));
  unwatch();
  if (ec) {
    fail(ec, "write");
    co_return false;
  }
  co_return true;
}

template <class Stream>
asio::awaitable<beast::error_code> HttpSession<Stream>::write_continue() {
  // Covered by the request deadline, like the rest of the request.
  beast_http::response<beast_http::empty_body> interim{beast_http::status::continue_, 11};
  beast::error_code ec;
  co_await beast_http::async_write(stream_, interim, on_strand(ec));
  co_return ec;
}

template <class Stream>
asio::awaitable<void> HttpSession<Stream>::close(bool linger) {
  beast::error_code ec;
  if constexpr (is_tls_stream<Stream>) {
    // Our close_notify, and the peer's if it answers in time; a peer that just drops the TCP
    // connection ends this with stream_truncated, which is noise.
    watch(Watch::other, std::min(kCloseTimeout, state_->options().read_timeout));
    co_await stream_.async_shutdown(on_strand(ec));
    if (ec) fail(ec, "tls_shutdown");
  } else {
    lowest().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    if (!ec && linger) {
      watch(Watch::other, std::min(kCloseTimeout, state_->options().read_timeout));
      co_await drain();
    }
  }
  unwatch();
  lowest().close(ec);
}

template <class Stream>
asio::awaitable<void> HttpSession<Stream>::drain() {
  std::array<char, kReadChunk> scratch{};
  std::size_t drained = 0;
  while (drained < kLingerBytes) {
    beast::error_code ec;
    drained += co_await lowest().async_read_some(asio::buffer(scratch), on_strand(ec));
    if (ec) break;
  }
}

template <class Stream>
std::size_t HttpSession<Stream>::parse_buffered(RequestParser& parser, bool whole,
                                                beast::error_code& ec) {
  // Feeds the parser what buffer_ holds until it has the head (or, if `whole`, the message),
  // needs more bytes, or fails; returns the bytes it took. Bytes of a pipelined next request stay
  // in the buffer: the parser stops at the end of this message.
  std::size_t used = 0;
  while (buffer_.size() > 0 && !(whole ? parser.is_done() : parser.is_header_done())) {
    const std::size_t n = parser.put(buffer_.data(), ec);
    buffer_.consume(n);
    used += n;
    if (ec == beast_http::error::need_more) {
      ec = {};
      break;
    }
    if (ec || n == 0) break;
  }
  return used;
}

template <class Stream>
void HttpSession<Stream>::watch(Watch what, std::chrono::milliseconds timeout) {
  watch_ = what;
  timed_out_ = false;
  deadline_ = Clock::now() + timeout;
  // A pending wait that ends no later than the new deadline looks at it then: the common case,
  // where deadlines only move forward, costs no timer operation at all.
  if (!timer_waiting_ || timer_expiry_ > deadline_) start_timer(deadline_);
}

template <class Stream>
void HttpSession<Stream>::start_timer(Clock::time_point expiry) {
  timer_waiting_ = true;
  timer_expiry_ = expiry;
  const std::uint64_t generation = ++timer_generation_;
  timer_.expires_at(expiry);  // cancels a pending wait, which then sees a stale generation
  timer_.async_wait([weak = this->weak_from_this(), generation](const beast::error_code&) {
    if (auto self = weak.lock()) self->on_timer(generation);
  });
}

template <class Stream>
void HttpSession<Stream>::on_timer(std::uint64_t generation) {
  if (generation != timer_generation_) return;  // superseded by a later start_timer()
  timer_waiting_ = false;
  if (watch_ == Watch::nothing || upgraded_) return;
  if (Clock::now() < deadline_) {
    start_timer(deadline_);
    return;
  }
  timed_out_ = true;
  const Watch expired = std::exchange(watch_, Watch::nothing);
  beast::error_code ignored;
  if (expired == Watch::request) {
    lowest().cancel(ignored);  // the read ends with operation_aborted, and a 408 can be written
  } else {
    lowest().close(ignored);
  }
}

template <class Stream>
void HttpSession<Stream>::fail(const beast::error_code& ec, std::string_view what) const {
  // An operation our deadline cut short fails with operation_aborted (or on a closed socket),
  // which would pass for our own shutdown; report it as the timeout it is.
  report_failure("http_session", what, timed_out_ ? beast::error_code(beast::error::timeout) : ec,
                 peer_.port);
}

template class HttpSession<PlainStream>;
template class HttpSession<TlsStream>;

}  // namespace hearth::net
