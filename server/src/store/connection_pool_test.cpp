#include "store/connection_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <thread>

namespace hearth::store {
namespace {

class FakeConnection final : public SqlConnection {
 public:
  Dialect dialect() const override { return Dialect::sqlite; }
  Result<void> begin(TransactionKind) override { return ok(); }
  Result<void> commit() override { return ok(); }
  void rollback() override {}
  Result<SqlRows> query(std::string_view, std::string_view, std::span<const SqlParam>) override {
    return SqlRows();
  }
  bool healthy() const override { return healthy_; }

  bool healthy_ = true;
};

// A pool over fake connections that counts how many it opened and can be told to fail.
struct FakePool {
  explicit FakePool(std::size_t capacity)
      : pool(capacity, [this]() -> Result<std::unique_ptr<SqlConnection>> {
          if (fail_next.exchange(false)) return Error::of(Errc::unavailable, "refused");
          ++opened;
          return std::unique_ptr<SqlConnection>(std::make_unique<FakeConnection>());
        }) {}

  std::atomic<int> opened{0};
  std::atomic<bool> fail_next{false};
  ConnectionPool pool;
};

TEST(ConnectionPool, OpensOnDemandAndReusesReturnedConnections) {
  FakePool fake(2);
  {
    auto a = fake.pool.acquire();
    auto b = fake.pool.acquire();
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(fake.pool.stats().connections, 2U);
    EXPECT_EQ(fake.pool.stats().in_use, 2U);
  }
  EXPECT_EQ(fake.pool.stats().in_use, 0U);
  auto again = fake.pool.acquire();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(fake.opened, 2);
}

TEST(ConnectionPool, FillOpensConnectionsUpFrontButNotPastCapacity) {
  FakePool fake(3);
  ASSERT_TRUE(fake.pool.fill(5).ok());
  EXPECT_EQ(fake.opened, 3);
  EXPECT_EQ(fake.pool.stats().connections, 3U);
}

TEST(ConnectionPool, CountsAWaitingCallerAndHandsItTheReturnedConnection) {
  FakePool fake(1);
  std::optional<Result<ConnectionPool::Lease>> held(fake.pool.acquire());
  ASSERT_TRUE(held->ok());
  std::atomic<bool> got{false};
  std::thread waiter([&] {
    auto lease = fake.pool.acquire();
    got = lease.ok();
  });
  fake.pool.wait_until([](const PoolStats& s) { return s.waiting == 1; });
  EXPECT_FALSE(got);
  held.reset();
  waiter.join();
  EXPECT_TRUE(got);
  EXPECT_EQ(fake.pool.stats().waiting, 0U);
  EXPECT_EQ(fake.opened, 1);
}

TEST(ConnectionPool, DropsAnUnhealthyConnectionAndOpensAReplacement) {
  FakePool fake(1);
  {
    auto lease = fake.pool.acquire();
    ASSERT_TRUE(lease.ok());
    static_cast<FakeConnection&>(**lease).healthy_ = false;
  }
  EXPECT_EQ(fake.pool.stats().connections, 0U);
  auto replacement = fake.pool.acquire();
  ASSERT_TRUE(replacement.ok());
  EXPECT_TRUE((*replacement)->healthy());
  EXPECT_EQ(fake.opened, 2);
}

TEST(ConnectionPool, AFailedOpenIsReportedAndFreesItsSlot) {
  FakePool fake(1);
  fake.fail_next = true;
  auto failed = fake.pool.acquire();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, Errc::unavailable);
  EXPECT_EQ(fake.pool.stats().connections, 0U);
  EXPECT_EQ(fake.pool.stats().in_use, 0U);
  EXPECT_TRUE(fake.pool.acquire().ok());
}

}  // namespace
}  // namespace hearth::store
