#include "base/blocking_pool.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <stdexcept>
#include <thread>

#include "base/result.hpp"

namespace hearth {
namespace {

namespace asio = boost::asio;

TEST(BlockingPool, RunsWorkOffTheCallingThreadAndResumesOnIt) {
  asio::io_context io;
  BlockingPool pool(2);
  std::thread::id io_thread, work_thread, resumed_thread;
  int answer = 0;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        io_thread = std::this_thread::get_id();
        Result<int> r = co_await pool.run([&]() -> Result<int> {
          work_thread = std::this_thread::get_id();
          return 42;
        });
        resumed_thread = std::this_thread::get_id();
        answer = *r;
      },
      asio::detached);
  io.run();
  EXPECT_EQ(answer, 42);
  EXPECT_NE(work_thread, io_thread);
  EXPECT_EQ(resumed_thread, io_thread);
}

TEST(BlockingPool, RethrowsTheWorkExceptionInTheCoroutine) {
  asio::io_context io;
  BlockingPool pool(1);
  bool caught = false;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        try {
          Result<int> r = co_await pool.run([]() -> Result<int> { throw std::runtime_error("x"); });
          (void)r;
        } catch (const std::runtime_error&) {
          caught = true;
        }
      },
      asio::detached);
  io.run();
  EXPECT_TRUE(caught);
}

}  // namespace
}  // namespace hearth
