#include "records.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace hearth::store::testing {

std::vector<ProgramRecord> all_programs(Store& store) {
  std::vector<ProgramRecord> programs;
  auto read = store.transact(Access::read_only, [&](Transaction& tx) -> Result<void> {
    auto listed = tx.list_programs();
    if (!listed.ok()) return std::move(listed).error();
    programs = std::move(listed).value();
    return ok();
  });
  EXPECT_TRUE(read.ok()) << read.error().message;
  return programs;
}

std::vector<GroupRecord> all_groups(Store& store, const std::string& program_id) {
  std::vector<GroupRecord> groups;
  auto read = store.transact(Access::read_only, [&](Transaction& tx) -> Result<void> {
    auto listed = tx.list_groups(program_id);
    if (!listed.ok()) return std::move(listed).error();
    groups = std::move(listed).value();
    return ok();
  });
  EXPECT_TRUE(read.ok()) << read.error().message;
  return groups;
}

std::function<void(int, const Error&)> RetryLog::callback() {
  return [this](int, const Error& error) {
    std::lock_guard lock(mutex_);
    codes_.push_back(error.code);
    changed_.notify_all();
  };
}

bool RetryLog::wait_for(int retries) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, std::chrono::seconds(30),
                           [&] { return static_cast<int>(codes_.size()) >= retries; });
}

int RetryLog::count() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(codes_.size());
}

std::vector<Errc> RetryLog::codes() const {
  std::lock_guard lock(mutex_);
  return codes_;
}

}  // namespace hearth::store::testing
