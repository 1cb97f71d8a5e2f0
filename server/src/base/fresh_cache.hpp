// FreshCache: a bounded map of values read from the store, each trusted only while the store's
// generation (store::Store::generation) is the one taken before it was read and it is younger
// than its lifetime: the maximum age less up to a quarter, by key, so that copies made together
// (every session of a busy minute) do not all run out, and get read again, in the same instant.
//
// The generation makes every write through this process show at once, and a write by another
// process at the store's next look for one (Store::notice_outside_writes, five times a second
// in `hearth serve`). The age bounds what neither shows: a change made on PostgreSQL outside
// Hearth, writes while the looks fail, or the passing of time in a value that depends on the
// clock. Values are shared, immutable, so a hit costs one lock and one pointer copy.
//
// Refresh-ahead: lookup() also tells the first caller that finds a value past three quarters of
// its lifetime to read it again in the background (RunInBackground) while the old copy is still
// served, so that a key in steady use is renewed before it runs out and no request waits for
// the read.
//
// Threads: every method may be called from many threads at once (one mutex).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace hearth {

// Runs work on some other thread, later; the owner of the work must outlive it. Empty: nowhere
// (the caches then read only on a miss).
using RunInBackground = std::function<void(std::function<void()>)>;

// The services' lifetime for their copies. Each copy in steady use is read again once in
// three quarters of it (refresh-ahead, below); with a lifetime of a second, those re-reads were
// 13% of the server's CPU samples on the schedule benchmark (docs/benchmarks.md), competing
// with the requests for the core.
inline constexpr std::int64_t kKeptCopyMaxAgeMs = 10'000;

template <class Value>
class FreshCache {
 public:
  using Shared = std::shared_ptr<const Value>;

  FreshCache(std::size_t capacity, std::int64_t max_age_ms)
      : capacity_(capacity), max_age_ms_(max_age_ms) {}

  // The value under key if it was read at `generation` no longer than its lifetime ago.
  Shared find(const std::string& key, std::uint64_t generation, std::int64_t now_ms) const {
    std::lock_guard lock(mutex_);
    const auto* e = fresh_entry(key, generation, now_ms);
    return e ? e->value : nullptr;
  }

  struct Found {
    Shared value;
    bool refresh = false;  // this caller should read the value again, in the background
  };
  // find(), and whether the caller is the one to read the value again: said once per copy, to
  // the first lookup past three quarters of its lifetime.
  Found lookup(const std::string& key, std::uint64_t generation, std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    auto* e = fresh_entry(key, generation, now_ms);
    if (!e) return {};
    const bool refresh = !e->refreshing && now_ms >= e->refresh_at_ms;
    if (refresh) e->refreshing = true;
    return {e->value, refresh};
  }

  // find(), with refresh-ahead when `run` is set: the caller that lookup() picks queues
  // `reread` on `run`; reread() puts a new copy and returns whether it could.
  template <class Reread>
  Shared find(const std::string& key, std::uint64_t generation, std::int64_t now_ms,
              const RunInBackground& run, Reread reread) {
    if (!run) return find(key, generation, now_ms);
    auto found = lookup(key, generation, now_ms);
    if (found.refresh) {
      run([this, key, reread = std::move(reread)]() mutable {
        if (!reread()) refresh_failed(key);
      });
    }
    return std::move(found.value);
  }

  // Keeps a value read at `generation` (taken before the read began). When full, starts
  // again from empty: the entries are cheap to rebuild and a bound matters more than a policy.
  void put(const std::string& key, Shared value, std::uint64_t generation, std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= capacity_ && !entries_.contains(key)) entries_.clear();
    const auto spread = static_cast<std::int64_t>(std::hash<std::string>{}(key) %
                                                  static_cast<std::size_t>(max_age_ms_ / 4 + 1));
    const auto lifetime = max_age_ms_ - spread;
    entries_.insert_or_assign(key, Entry{std::move(value), generation, now_ms,
                                         now_ms + lifetime * 3 / 4, now_ms + lifetime, false});
  }

  // A refresh that could not read the value: the next lookup past the point tries again.
  void refresh_failed(const std::string& key) {
    std::lock_guard lock(mutex_);
    if (const auto it = entries_.find(key); it != entries_.end()) it->second.refreshing = false;
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
    std::int64_t refresh_at_ms = 0;
    std::int64_t expires_at_ms = 0;
    bool refreshing = false;
  };

  // Called with the lock held.
  Entry* fresh_entry(const std::string& key, std::uint64_t generation, std::int64_t now_ms) const {
    const auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    auto& e = it->second;
    if (e.generation != generation || now_ms < e.read_at_ms || now_ms > e.expires_at_ms) {
      return nullptr;
    }
    return &e;
  }

  const std::size_t capacity_;
  const std::int64_t max_age_ms_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, Entry> entries_;
};

}  // namespace hearth
