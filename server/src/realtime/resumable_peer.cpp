#include "realtime/resumable_peer.hpp"

#include <sodium.h>

#include <array>
#include <charconv>
#include <utility>

#include "realtime/protocol.hpp"

namespace hearth::realtime {
namespace {

constexpr std::size_t kConnectionIdBytes = 16;

// `frame`, a serialised JSON object, with "event_seq" as its first member. Frames are shared by
// everyone they go to; the number is each connection's own, so each gets its own copy.
std::shared_ptr<const std::string> numbered(const std::string& frame, std::int64_t seq) {
  constexpr std::string_view kKey = "{\"event_seq\":";
  std::array<char, 24> digits{};
  const auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), seq);
  auto out = std::make_shared<std::string>();
  out->reserve(kKey.size() + static_cast<std::size_t>(end - digits.data()) + frame.size() + 1);
  out->append(kKey);
  out->append(digits.data(), end);
  // "{}" has no member to follow; any other object does.
  if (frame.size() > 2) out->push_back(',');
  if (!frame.empty()) out->append(frame, 1);
  return out;
}

}  // namespace

std::string new_connection_id() {
  std::array<unsigned char, kConnectionIdBytes> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::array<char, kConnectionIdBytes * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  std::string id(hex.data(), kConnectionIdBytes * 2);
  return id;
}

ResumablePeer::ResumablePeer(std::uint64_t id, std::string connection_id, std::size_t kept)
    : id_(id), connection_id_(std::move(connection_id)), capacity_(kept == 0 ? 1 : kept) {}

void ResumablePeer::send(std::shared_ptr<const std::string> frame) {
  if (!frame) return;
  std::lock_guard lock(mutex_);
  if (is_answer(*frame)) {
    // Answers are for a request on this socket: not numbered, not kept. A client that dropped
    // gave its requests up as offline and would have nothing to do with a replayed answer.
    if (socket_) socket_->send(std::move(frame));
    return;
  }
  const std::int64_t seq = ++last_seq_;
  pass_on(*frame, seq);
  if (kept_.size() < capacity_) {
    kept_.push_back(std::move(frame));
  } else {
    kept_[oldest_] = std::move(frame);
    oldest_ = (oldest_ + 1) % capacity_;
  }
}

void ResumablePeer::pass_on(const std::string& frame, std::int64_t seq) const {
  if (socket_) socket_->send(numbered(frame, seq));
}

void ResumablePeer::close(std::uint16_t code, std::string reason) {
  std::shared_ptr<Peer> socket;
  {
    std::lock_guard lock(mutex_);
    resumable_ = false;
    socket = socket_;
  }
  if (socket) socket->close(code, std::move(reason));
}

bool ResumablePeer::attach(std::shared_ptr<Peer> socket, std::optional<std::int64_t> after) {
  std::lock_guard lock(mutex_);
  if (after) {
    const auto kept = static_cast<std::int64_t>(kept_.size());
    const std::int64_t first_kept = last_seq_ - kept + 1;
    if (!resumable_ || *after < 0 || *after > last_seq_ || *after + 1 < first_kept) return false;
    socket_ = std::move(socket);
    for (std::int64_t seq = *after + 1; seq <= last_seq_; ++seq) {
      const auto slot = (oldest_ + static_cast<std::size_t>(seq - first_kept)) % kept_.size();
      pass_on(*kept_[slot], seq);
    }
    return true;
  }
  socket_ = std::move(socket);
  return true;
}

bool ResumablePeer::detach(std::uint64_t socket_id) {
  std::lock_guard lock(mutex_);
  if (!socket_ || socket_->id() != socket_id) return false;
  socket_.reset();
  return true;
}

bool ResumablePeer::attached() const {
  std::lock_guard lock(mutex_);
  return socket_ != nullptr;
}

std::shared_ptr<Peer> ResumablePeer::attached_socket() const {
  std::lock_guard lock(mutex_);
  return socket_;
}

bool ResumablePeer::resumable() const {
  std::lock_guard lock(mutex_);
  return resumable_;
}

std::int64_t ResumablePeer::last_seq() const {
  std::lock_guard lock(mutex_);
  return last_seq_;
}

}  // namespace hearth::realtime
