// PostgreSQL-only behaviour: broken connections are dropped from the pool and replaced.
#include <gtest/gtest.h>

#include "postgres_backend.hpp"
#include "records.hpp"
#include "store/open.hpp"

namespace hearth::store::testing {
namespace {

class PostgresDriver : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = backend_.create_database();
    ASSERT_TRUE(url.ok()) << url.error().message;
    StoreOptions options;
    options.pool_size = 2;
    auto opened = open_store(*url, options);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->migrate().ok());
  }

  PostgresBackend backend_;
  std::unique_ptr<Store> store_;
};

TEST_F(PostgresDriver, AConnectionLostMidTransactionIsUnavailableAndReplaced) {
  ASSERT_EQ(store_->pool_stats().connections, 1U);
  auto result = store_->transact(Access::read_write, [&](Transaction& tx) -> Result<void> {
    auto killed = backend_.terminate_connections();
    EXPECT_TRUE(killed.ok() && *killed == 1);
    return tx.insert_program(make_program("lost"));
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::unavailable);
  EXPECT_EQ(store_->pool_stats().connections, 0U) << "the broken connection stayed in the pool";

  ASSERT_TRUE(insert(*store_, make_program("after")).ok());
  EXPECT_EQ(store_->pool_stats().connections, 1U);
  EXPECT_EQ(all_programs(*store_).size(), 1U);
}

TEST_F(PostgresDriver, AConnectionThatDiedWhileIdleIsReopenedBeforeUse) {
  auto killed = backend_.terminate_connections();
  ASSERT_TRUE(killed.ok());
  ASSERT_EQ(*killed, 1);
  EXPECT_TRUE(insert(*store_, make_program("after-restart")).ok());
  ASSERT_TRUE(backend_.terminate_connections().ok());
  EXPECT_TRUE(store_->ping().ok());
}

TEST_F(PostgresDriver, AMalformedUrlIsAnInvalidArgument) {
  auto opened = open_store("postgresql://hearth:s3cret@127.0.0.1/db?no_such_setting=1", {});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, Errc::invalid_argument);
  EXPECT_EQ(opened.error().message.find("s3cret"), std::string::npos) << opened.error().message;
}

}  // namespace
}  // namespace hearth::store::testing
