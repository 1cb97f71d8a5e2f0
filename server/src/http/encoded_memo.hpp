// EncodedMemo: the encoded body of a shared, immutable answer, kept for as long as the answer
// itself is alive. A service that hands out one answer to many callers (FreshCache) then costs
// one encoding, not one per request; when the service lets the answer go, the body goes too.
//
// Threads: every method may be called from many threads at once (one mutex).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace hearth::http {

class EncodedMemo {
 public:
  explicit EncodedMemo(std::size_t capacity = 256) : capacity_(capacity) {}

  // Shared, so that a response can send it without a copy (Response::shared_body).
  template <class T, class Encode>
  std::shared_ptr<const std::string> body(const std::shared_ptr<const T>& answer, Encode encode) {
    {
      std::lock_guard lock(mutex_);
      const auto it = bodies_.find(answer.get());
      // The same address may hold a newer answer once the old one is gone: the weak pointer
      // of the old one is expired then, and lock() gives nothing.
      if (it != bodies_.end() && it->second.answer.lock() == answer) return it->second.body;
    }
    auto body = std::make_shared<const std::string>(encode(*answer));
    std::lock_guard lock(mutex_);
    if (bodies_.size() >= capacity_) std::erase_if(bodies_, [](const auto& e) { return e.second.answer.expired(); });
    if (bodies_.size() >= capacity_) bodies_.clear();
    bodies_.insert_or_assign(answer.get(), Entry{answer, body});
    return body;
  }

 private:
  struct Entry {
    std::weak_ptr<const void> answer;
    std::shared_ptr<const std::string> body;
  };

  const std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<const void*, Entry> bodies_;
};

}  // namespace hearth::http
