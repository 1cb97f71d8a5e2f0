// WebSocketSession: one WebSocket connection, the realtime::Peer the hub talks to (private to
// net/).
//
// Created by HttpSession after decide_upgrade() accepted the request; it completes the
// handshake (Beast answers a bad one with 400 or 426, decorated into our JSON error shape), then
// tells the PeerListener on_open, on_text for each text message, and on_close exactly once when
// the connection is gone. Binary messages are refused (close 1003) and messages over
// ws_message_limit close with 1009, both as soon as the first part of the message shows it, with
// a full closing handshake; Beast's timeouts send keep-alive pings and drop a silent peer.
//
// Outgoing frames: one write in flight, the rest in a queue bounded by ws_queue_limit. A frame
// that finds the queue full closes the connection with 1008 "slow consumer" and is dropped, as
// are the frames still queued: a peer that cannot keep up gets a clean close instead of making
// the server hold an unbounded backlog (see docs/protocol/realtime.md). A close we start that
// does not complete within read_timeout (a peer that reads nothing) ends in a hard close.
//
// Ownership and threads: owned by its coroutine, by pending write and close handlers, and by the
// hub between on_open and on_close. Everything runs on the connection's strand; send(), close(),
// begin_shutdown() and force_close() may be called from any thread and dispatch to it.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "http/message.hpp"
#include "net/message_conversion.hpp"
#include "net/server_state.hpp"
#include "net/stream.hpp"
#include "realtime/peer.hpp"

namespace hearth::net {

template <class Stream>
class WebSocketSession final : public realtime::Peer,
                               public Connection,
                               public std::enable_shared_from_this<WebSocketSession<Stream>> {
 public:
  // `identity` goes to PeerListener::on_open as it is.
  WebSocketSession(Stream stream, std::shared_ptr<ServerState> state, std::uint16_t remote_port,
                   ConnectionLease lease, std::shared_ptr<const realtime::PeerIdentity> identity);

  // Completes the handshake for `request` (accepted by decide_upgrade, key already checked),
  // then reads until the connection closes. `converted` is the same request as the handler saw
  // it, for finish_transport_response on a failed handshake.
  static void start(std::shared_ptr<WebSocketSession> self, BeastRequest request,
                    http::Request converted);

  void send(std::shared_ptr<const std::string> text_frame) override;
  void close(std::uint16_t code, std::string reason) override;
  std::uint64_t id() const override { return id_; }

  void begin_shutdown() override;  // close with 1001 (going away)
  void force_close() override;

 private:
  boost::asio::awaitable<void> run(BeastRequest request,
                                   std::shared_ptr<const http::Request> converted);
  boost::asio::awaitable<void> read_messages();
  void enqueue(std::shared_ptr<const std::string> frame);
  void write_next();
  void on_write(const boost::beast::error_code& ec);
  void drop_queued();
  void start_close(const boost::beast::websocket::close_reason& reason);
  void close_now();
  template <class F>
  void notify_listener(std::string_view what, F&& call);
  void fail(const boost::beast::error_code& ec, std::string_view what) const;

  boost::beast::websocket::stream<Stream> ws_;
  Strand executor_;
  std::shared_ptr<ServerState> state_;
  std::uint16_t remote_port_;
  ConnectionLease lease_;
  std::shared_ptr<const realtime::PeerIdentity> identity_;
  const std::uint64_t id_;
  // queue_.front() is being written while writing_ is true.
  std::deque<std::shared_ptr<const std::string>> queue_;
  SteadyTimer close_timer_;
  bool open_ = false;  // handshake done, on_open called
  bool writing_ = false;
  bool closing_ = false;             // a close frame is on its way; nothing more is queued
  bool shutdown_requested_ = false;  // begin_shutdown() came before the handshake finished
  bool finished_ = false;            // the read side has ended; the stream is dead
};

extern template class WebSocketSession<PlainStream>;
extern template class WebSocketSession<TlsStream>;

}  // namespace hearth::net
