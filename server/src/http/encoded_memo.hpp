// EncodedMemo: the encoded body of a shared, immutable answer (or of one slice of it), kept for
// as long as the answer itself is alive. A service that hands out one answer to many callers
// (FreshCache) then costs one encoding, not one per request; when the service lets the answer
// go, the body goes too.
//
// Threads: every method may be called from many threads at once (one mutex).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace hearth::http {

class EncodedMemo {
 public:
  explicit EncodedMemo(std::size_t capacity = 256) : capacity_(capacity) {}

  // The body of the whole answer. Shared, so that a response can send it without a copy
  // (Response::shared_body).
  template <class T, class Encode>
  std::shared_ptr<const std::string> body(const std::shared_ptr<const T>& answer, Encode encode) {
    return body_of_part(answer, nullptr, 0, [&] { return encode(*answer); });
  }

  // The body of a part of the answer, named by where it starts inside the answer and its
  // length (a slice of a list the answer holds).
  template <class Encode>
  std::shared_ptr<const std::string> body_of_part(const std::shared_ptr<const void>& answer,
                                                  const void* part, std::size_t length,
                                                  Encode encode) {
    const Key key{answer.get(), part, length};
    {
      std::lock_guard lock(mutex_);
      const auto it = bodies_.find(key);
      // The same address may hold a newer answer once the old one is gone: the weak pointer
      // of the old one is expired then, and lock() gives nothing.
      if (it != bodies_.end() && it->second.answer.lock() == answer) return it->second.body;
    }
    auto body = std::make_shared<const std::string>(encode());
    std::lock_guard lock(mutex_);
    if (bodies_.size() >= capacity_) {
      std::erase_if(bodies_, [](const auto& e) { return e.second.answer.expired(); });
    }
    if (bodies_.size() >= capacity_) bodies_.clear();
    bodies_.insert_or_assign(key, Entry{answer, body});
    return body;
  }

 private:
  struct Key {
    const void* answer;
    const void* part;
    std::size_t length;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      const auto h = std::hash<const void*>{};
      return h(k.answer) ^ (h(k.part) * 31) ^ (k.length * 1'000'003);
    }
  };
  struct Entry {
    std::weak_ptr<const void> answer;
    std::shared_ptr<const std::string> body;
  };

  const std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<Key, Entry, KeyHash> bodies_;
};

}  // namespace hearth::http
