// FreshCache: a bounded map of values read from the store, each trusted only while the store's
// generation (store::Store::generation) is the one taken before it was read and it is younger
// than its lifetime: the maximum age less up to a half, by key, so that copies made together
// (every session of a busy minute) do not all run out, and get read again, in the same instant.
//
// The generation makes every write through this process show at once; the age bounds how long
// a write by another process on the same database, or the passing of time in a value that
// depends on the clock, can stay unseen. Values are shared, immutable, so a hit costs one lock
// and one pointer copy.
//
// Threads: every method may be called from many threads at once (one mutex).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <functional>
#include <string>
#include <unordered_map>

namespace hearth {

template <class Value>
class FreshCache {
 public:
  using Shared = std::shared_ptr<const Value>;

  FreshCache(std::size_t capacity, std::int64_t max_age_ms)
      : capacity_(capacity), max_age_ms_(max_age_ms) {}

  // The value under key if it was read at `generation` no longer than max_age ago.
  Shared find(const std::string& key, std::uint64_t generation, std::int64_t now_ms) const {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    const auto& e = it->second;
    if (e.generation != generation || now_ms < e.read_at_ms || now_ms > e.expires_at_ms) {
      return nullptr;
    }
    return e.value;
  }

  // Keeps a value read at `generation` (taken before the read began). When full, starts
  // again from empty: the entries are cheap to rebuild and a bound matters more than a policy.
  void put(const std::string& key, Shared value, std::uint64_t generation, std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= capacity_ && !entries_.contains(key)) entries_.clear();
    const auto spread = static_cast<std::int64_t>(std::hash<std::string>{}(key) %
                                                  static_cast<std::size_t>(max_age_ms_ / 2 + 1));
    entries_.insert_or_assign(key,
                              Entry{std::move(value), generation, now_ms, now_ms + max_age_ms_ - spread});
  }

  void erase(const std::string& key) {
    std::lock_guard lock(mutex_);
    entries_.erase(key);
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
  }

 private:
  struct Entry {
    Shared value;
    std::uint64_t generation = 0;
    std::int64_t read_at_ms = 0;
    std::int64_t expires_at_ms = 0;
  };

  const std::size_t capacity_;
  const std::int64_t max_age_ms_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace hearth
