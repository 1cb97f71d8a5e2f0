// Small helpers shared by the store tests: records with fresh ids, one-statement transactions,
// and a log of the retries a store made. Not thread-safe unless stated.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

#include "base/ids.hpp"
#include "base/result.hpp"
#include "store/store.hpp"

namespace hearth {
// Lets gtest print "already_exists" rather than the enum's bytes.
inline void PrintTo(Errc code, std::ostream* out) {
  *out << errc_name(code);
}
}  // namespace hearth

namespace hearth::store::testing {

inline ProgramRecord make_program(std::string slug, std::string name = "Evening IOP") {
  return ProgramRecord{.id = new_id(),
                       .slug = std::move(slug),
                       .name = std::move(name),
                       .description = "Three evenings a week",
                       .time_zone = "America/Chicago",
                       .created_at_ms = 1'700'000'000'000};
}

inline GroupRecord make_group(const ProgramRecord& program, std::string slug,
                              std::string name = "Skills group") {
  return GroupRecord{.id = new_id(),
                     .program_id = program.id,
                     .slug = std::move(slug),
                     .name = std::move(name),
                     .description = "DBT skills",
                     .kind = "skills",
                     .capacity = 12,
                     .created_at_ms = 1'700'000'000'001};
}

inline Result<void> insert(Store& store, const ProgramRecord& program) {
  return store.transact(Access::read_write,
                        [&](Transaction& tx) { return tx.insert_program(program); });
}

inline Result<void> insert(Store& store, const GroupRecord& group) {
  return store.transact(Access::read_write,
                        [&](Transaction& tx) { return tx.insert_group(group); });
}

// All programs, or an empty list after a failed assertion.
std::vector<ProgramRecord> all_programs(Store& store);
std::vector<GroupRecord> all_groups(Store& store, const std::string& program_id);

// Records StoreSetup::on_retry calls and lets a test wait for them. Thread-safe.
class RetryLog {
 public:
  std::function<void(int, const Error&)> callback();
  // Blocks until at least `retries` retries were reported; false if none came within 30 s, so
  // a broken store fails the test instead of hanging it.
  bool wait_for(int retries);
  int count() const;
  std::vector<Errc> codes() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Errc> codes_;
};

}  // namespace hearth::store::testing
