// BlockingPool: the dedicated threads on which blocking work (database calls, file copies) runs,
// so that no I/O thread ever waits on a disk or a socket to the database.
//
// A coroutine on an I/O thread writes `auto r = co_await pool.run([&] { return store.x(); });`:
// the callable runs on a pool thread and the coroutine resumes on its own executor (its strand)
// afterwards. An exception thrown by the callable is rethrown in the coroutine. The callable
// must not return void (return Result<void>). run() may be called from any thread; the pool
// must outlive every coroutine awaiting it.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <atomic>
#include <cstddef>
#include <exception>
#include <optional>
#include <type_traits>

#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace hearth {

class BlockingPool {
 public:
  explicit BlockingPool(std::size_t threads) : pool_(threads), size_(threads) {}
  BlockingPool(const BlockingPool&) = delete;
  BlockingPool& operator=(const BlockingPool&) = delete;
  ~BlockingPool() { join(); }

  template <class F>
  boost::asio::awaitable<std::invoke_result_t<F&>> run(F fn);

  // Queues fire-and-forget work (warm-ups) that no coroutine waits for.
  template <class F>
  void post(F fn) {
    boost::asio::post(pool_, std::move(fn));
  }

  // Waits for queued work to finish; later run() calls are not accepted.
  void join() { pool_.join(); }

  std::size_t size() const { return size_; }
  // Tasks running right now, for the pool-use gauge in /metrics.
  std::size_t busy() const { return busy_.load(std::memory_order_relaxed); }

 private:
  boost::asio::thread_pool pool_;
  std::size_t size_;
  std::atomic<std::size_t> busy_{0};
};

template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> BlockingPool::run(F fn) {
  using R = std::invoke_result_t<F&>;
  static_assert(!std::is_void_v<R>, "return a Result<void> rather than void");
  using Signature = void(std::exception_ptr, std::optional<R>);

  auto initiation = [this](auto handler, F work_fn) {
    auto guard = boost::asio::make_work_guard(boost::asio::get_associated_executor(handler));
    boost::asio::post(pool_, [this, work_fn = std::move(work_fn), handler = std::move(handler),
                              guard = std::move(guard)]() mutable {
      std::exception_ptr failure;
      std::optional<R> outcome;
      busy_.fetch_add(1, std::memory_order_relaxed);
      try {
        outcome.emplace(work_fn());
      } catch (...) {
        failure = std::current_exception();
      }
      busy_.fetch_sub(1, std::memory_order_relaxed);
      auto home = guard.get_executor();
      boost::asio::post(
          home, [handler = std::move(handler), failure, outcome = std::move(outcome)]() mutable {
            std::move(handler)(failure, std::move(outcome));
          });
    });
  };
  std::optional<R> outcome =
      co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>, Signature>(
          initiation, boost::asio::use_awaitable, std::move(fn));
  co_return std::move(*outcome);
}

}  // namespace hearth
