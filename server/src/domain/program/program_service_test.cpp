#include "domain/program/program_service.hpp"

#include "store/testing/unsupported_accounts.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace hearth::program {
namespace {

// An in-memory store: enough of the contract for the service's logic (the real drivers are
// covered by the store conformance suite). It can fail the next transaction transiently.
class MemoryStore final : public store::Store, private store::testing::UnsupportedAccounts {
 public:
  std::string_view driver() const override { return "memory"; }
  Result<void> transact(store::Access,
                        const std::function<Result<void>(store::Transaction&)>& fn) override {
    ++transactions;
    auto saved_programs = programs_;
    auto saved_groups = groups_;
    auto r = fn(*this);
    if (!r) {
      programs_ = saved_programs;
      groups_ = saved_groups;
    }
    if (r) ++generation_;
    return r;
  }
  std::uint64_t generation() const override { return generation_; }
  Result<bool> notice_outside_writes() override { return false; }  // no other process
  Result<void> ping() override { return ok(); }
  store::PoolStats pool_stats() const override { return {}; }
  Result<int> schema_version() override { return 1; }
  Result<std::vector<store::Migration>> pending_migrations() override {
    return std::vector<store::Migration>{};
  }
  Result<std::vector<store::Migration>> migrate() override {
    return std::vector<store::Migration>{};
  }
  Result<void> backup_to(const std::string&) override { return ok(); }

  int transactions = 0;
  std::uint64_t generation_ = 0;
  std::size_t group_count() const { return groups_.size(); }

 private:
  Result<void> insert_program(const store::ProgramRecord& p) override {
    for (const auto& [id, q] : programs_) {
      if (q.slug == p.slug) return Error::of(Errc::already_exists, "slug");
    }
    programs_[p.id] = p;
    return ok();
  }
  Result<std::optional<store::ProgramRecord>> find_program(std::string_view id) override {
    auto it = programs_.find(std::string(id));
    if (it == programs_.end()) return std::optional<store::ProgramRecord>{};
    return std::optional(it->second);
  }
  Result<std::optional<store::ProgramRecord>> find_program_by_slug(std::string_view slug) override {
    for (const auto& [id, p] : programs_) {
      if (p.slug == slug) return std::optional(p);
    }
    return std::optional<store::ProgramRecord>{};
  }
  Result<std::vector<store::ProgramRecord>> list_programs() override {
    std::vector<store::ProgramRecord> out;
    for (const auto& [id, p] : programs_) out.push_back(p);
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.name < b.name; });
    return out;
  }
  Result<void> insert_group(const store::GroupRecord& g) override {
    groups_.push_back(g);
    return ok();
  }
  Result<std::vector<store::GroupRecord>> list_groups(std::string_view program_id) override {
    std::vector<store::GroupRecord> out;
    for (const auto& g : groups_) {
      if (g.program_id == program_id) out.push_back(g);
    }
    return out;
  }

  std::map<std::string, store::ProgramRecord> programs_;
  std::vector<store::GroupRecord> groups_;
};

class ProgramServiceTest : public ::testing::Test {
 protected:
  MemoryStore store_;
  ManualClock clock_{TimePoint(std::chrono::milliseconds(1'700'000'000'000))};
  ProgramService service_{store_, clock_};
  NewProgram adult_{"adult-iop", "Adult IOP", "Evenings", "America/Chicago"};
  NewGroup evening_{"evening", "Evening Group", "", "therapy", 10};
};

TEST_F(ProgramServiceTest, EnsureProgramCreatesOnceAndReturnsTheSameRecordAgain) {
  auto first = service_.ensure_program(Requester::operator_cli, adult_);
  auto second = service_.ensure_program(Requester::operator_cli, adult_);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->id, second->id);
  EXPECT_EQ(first->created_at_ms, 1'700'000'000'000);
}

TEST_F(ProgramServiceTest, EnsureGroupDoesNotDuplicate) {
  auto program = service_.ensure_program(Requester::operator_cli, adult_);
  ASSERT_TRUE(program.ok());
  EXPECT_TRUE(*service_.ensure_group(Requester::operator_cli, *program, evening_));
  EXPECT_FALSE(*service_.ensure_group(Requester::operator_cli, *program, evening_));
  EXPECT_EQ(store_.group_count(), 1u);
}

TEST_F(ProgramServiceTest, InvalidInputChangesNothing) {
  NewProgram bad = adult_;
  bad.slug = "Not A Slug";
  auto r = service_.ensure_program(Requester::operator_cli, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::invalid_argument);
  EXPECT_EQ(store_.transactions, 0);
}

TEST_F(ProgramServiceTest, AnonymousCallersCannotCreatePrograms) {
  auto r = service_.ensure_program(Requester::anonymous, adult_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::permission_denied);
}

TEST_F(ProgramServiceTest, OverviewListsProgramsWithTheirGroups) {
  auto program = service_.ensure_program(Requester::operator_cli, adult_);
  ASSERT_TRUE(program.ok());
  ASSERT_TRUE(service_.ensure_group(Requester::operator_cli, *program, evening_).ok());
  auto overview = service_.overview(Requester::anonymous);
  ASSERT_TRUE(overview.ok());
  ASSERT_EQ(overview->size(), 1u);
  EXPECT_EQ((*overview)[0].program.name, "Adult IOP");
  ASSERT_EQ((*overview)[0].groups.size(), 1u);
  EXPECT_EQ((*overview)[0].groups[0].slug, "evening");
}

}  // namespace
}  // namespace hearth::program
