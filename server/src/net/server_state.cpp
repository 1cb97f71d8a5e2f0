#include "net/server_state.hpp"

#include <boost/asio/post.hpp>

namespace hearth::net {

namespace asio = boost::asio;

ConnectionLease::ConnectionLease(ConnectionLease&& other) noexcept
    : state_(std::move(other.state_)), id_(std::exchange(other.id_, 0)) {}

ConnectionLease& ConnectionLease::operator=(ConnectionLease&& other) noexcept {
  if (this != &other) {
    release();
    state_ = std::move(other.state_);
    id_ = std::exchange(other.id_, 0);
  }
  return *this;
}

ConnectionLease::~ConnectionLease() {
  release();
}

void ConnectionLease::release() {
  if (state_) std::exchange(state_, nullptr)->release(id_);
}

ServerState::ServerState(asio::io_context& io, ServerOptions options, http::RequestHandler& handler,
                         realtime::PeerListener& peer_listener,
                         std::shared_ptr<asio::ssl::context> tls)
    : io_(io),
      options_(std::move(options)),
      handler_(handler),
      peer_listener_(peer_listener),
      tls_(std::move(tls)),
      deadline_timer_(io) {}

std::optional<ConnectionLease> ServerState::admit() {
  std::lock_guard lock(mutex_);
  if (phase_ != Phase::serving || connections_.size() >= options_.max_connections) {
    return std::nullopt;
  }
  std::uint64_t id = next_id_++;
  connections_.emplace(id, std::weak_ptr<Connection>());
  open_.store(connections_.size(), std::memory_order_relaxed);
  return ConnectionLease(shared_from_this(), id);
}

bool ServerState::serving() const {
  std::lock_guard lock(mutex_);
  return phase_ == Phase::serving;
}

Phase ServerState::attach(const ConnectionLease& lease, std::weak_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  auto it = connections_.find(lease.id());
  if (it != connections_.end()) it->second = std::move(connection);
  return phase_;
}

std::vector<std::shared_ptr<Connection>> ServerState::live_connections_locked() const {
  std::vector<std::shared_ptr<Connection>> live;
  live.reserve(connections_.size());
  for (const auto& [id, weak] : connections_) {
    if (auto connection = weak.lock()) live.push_back(std::move(connection));
  }
  return live;
}

void ServerState::begin_shutdown(std::chrono::milliseconds deadline, std::function<void()> done) {
  std::vector<std::shared_ptr<Connection>> targets;
  {
    std::lock_guard lock(mutex_);
    if (phase_ != Phase::serving) return;
    phase_ = Phase::stopping;
    if (connections_.empty()) {
      done_posted_ = true;
      if (done) asio::post(io_, std::move(done));
      return;
    }
    done_ = std::move(done);
    deadline_timer_.expires_after(deadline);
    deadline_timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
      if (ec) return;
      if (auto self = weak.lock()) self->force_close_all();
    });
    targets = live_connections_locked();
  }
  // Outside the lock: a connection may finish (and release its lease) inside these calls.
  for (const auto& connection : targets) connection->begin_shutdown();
}

void ServerState::force_close_all() {
  std::vector<std::shared_ptr<Connection>> targets;
  {
    std::lock_guard lock(mutex_);
    if (phase_ != Phase::stopping) return;
    phase_ = Phase::forced;
    targets = live_connections_locked();
  }
  for (const auto& connection : targets) connection->force_close();
}

void ServerState::release(std::uint64_t id) {
  std::function<void()> done;
  {
    std::lock_guard lock(mutex_);
    connections_.erase(id);
    open_.store(connections_.size(), std::memory_order_relaxed);
    if (phase_ == Phase::serving || !connections_.empty() || done_posted_) return;
    done_posted_ = true;
    deadline_timer_.cancel();
    done = std::move(done_);
  }
  // Posted rather than called: release() runs inside a session's destructor.
  if (done) asio::post(io_, std::move(done));
}

}  // namespace hearth::net
