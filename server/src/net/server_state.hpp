// ServerState: what every connection of one Server shares, and the set of open connections
// (private to net/).
//
// Like the shared_state of Beast's chat-multi example it is owned jointly (shared_ptr) by the
// Server, the listener and every session, so a session never outlives what it uses. It counts
// connections (max_connections, /metrics), keeps a weak reference to each so that shutdown can
// reach them, and runs the shutdown deadline. Every member function is thread-safe; the mutex
// is never held while calling into a connection or into user code.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "http/request_handler.hpp"
#include "net/server.hpp"
#include "realtime/peer.hpp"

namespace hearth::net {

// A session as shutdown sees it. Both calls may come from any thread; implementations move to
// their own strand, and tolerate being called after the session has finished.
class Connection {
 public:
  virtual ~Connection() = default;
  // Finish what is in flight (answering with `Connection: close`, or closing a WebSocket with
  // 1001), close what is idle.
  virtual void begin_shutdown() = 0;
  // Close the socket now.
  virtual void force_close() = 0;
};

class ServerState;

// One admitted connection's place in the count, released when the lease is destroyed.
// Move-only. The http_session hands it to the websocket_session on upgrade, so the count is per
// socket, not per session object.
class ConnectionLease {
 public:
  ConnectionLease() = default;
  ConnectionLease(ConnectionLease&& other) noexcept;
  ConnectionLease& operator=(ConnectionLease&& other) noexcept;
  ~ConnectionLease();

  std::uint64_t id() const { return id_; }
  explicit operator bool() const { return state_ != nullptr; }

 private:
  friend class ServerState;
  ConnectionLease(std::shared_ptr<ServerState> state, std::uint64_t id)
      : state_(std::move(state)), id_(id) {}
  void release();

  std::shared_ptr<ServerState> state_;
  std::uint64_t id_ = 0;
};

// Where the server is in its life; sessions that attach late learn it from attach().
enum class Phase { serving, stopping, forced };

class ServerState : public std::enable_shared_from_this<ServerState> {
 public:
  ServerState(boost::asio::io_context& io, ServerOptions options, http::RequestHandler& handler,
              realtime::PeerListener& peer_listener,
              std::shared_ptr<boost::asio::ssl::context> tls);

  const ServerOptions& options() const { return options_; }
  http::RequestHandler& handler() const { return handler_; }
  realtime::PeerListener& peer_listener() const { return peer_listener_; }
  boost::asio::ssl::context* tls() const { return tls_.get(); }

  // A lease if there is room (fewer than max_connections) and the server is still serving.
  std::optional<ConnectionLease> admit();
  bool serving() const;
  // Registers the session holding `lease`, replacing the previous holder (the http_session,
  // after an upgrade). Returns the phase so that a session that attaches after shutdown began
  // shuts itself down; attach() does not call back into the session.
  Phase attach(const ConnectionLease& lease, std::weak_ptr<Connection> connection);
  std::size_t open_connections() const { return open_.load(std::memory_order_relaxed); }

  // Second phase of Server::shutdown (the listener has already stopped accepting). `done` is
  // posted to the io_context once the last lease is released.
  void begin_shutdown(std::chrono::milliseconds deadline, std::function<void()> done);

 private:
  friend class ConnectionLease;
  void release(std::uint64_t id);
  void force_close_all();
  std::vector<std::shared_ptr<Connection>> live_connections_locked() const;

  boost::asio::io_context& io_;
  const ServerOptions options_;
  http::RequestHandler& handler_;
  realtime::PeerListener& peer_listener_;
  const std::shared_ptr<boost::asio::ssl::context> tls_;

  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> connections_;  // by lease id
  std::uint64_t next_id_ = 1;
  Phase phase_ = Phase::serving;
  std::function<void()> done_;
  bool done_posted_ = false;
  boost::asio::steady_timer deadline_timer_;  // only touched under mutex_
  std::atomic<std::size_t> open_{0};          // mirrors connections_.size() for lock-free reads
};

}  // namespace hearth::net
