// SqlTransaction: the one implementation of Transaction, over a SqlConnection of either driver.
//
// A failed statement spoils the transaction, as PostgreSQL does: the first failure is kept,
// later calls return it again without touching the database, and SqlStore::transact rolls back
// and reports it even if fn returned ok. SQLite is made to behave the same so that callers see
// one behaviour whichever driver runs.
//
// Ownership: borrows the connection for the life of one attempt inside transact().
// Threads: used only by the thread running that attempt.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "store/sql.hpp"
#include "store/store.hpp"

namespace hearth::store {

class SqlTransaction final : public Transaction {
 public:
  explicit SqlTransaction(SqlConnection& connection) : connection_(connection) {}

  Result<void> insert_program(const ProgramRecord& program) override;
  Result<std::optional<ProgramRecord>> find_program(std::string_view id) override;
  Result<std::optional<ProgramRecord>> find_program_by_slug(std::string_view slug) override;
  Result<std::vector<ProgramRecord>> list_programs() override;

  Result<void> insert_group(const GroupRecord& group) override;
  Result<std::vector<GroupRecord>> list_groups(std::string_view program_id) override;

  // The first statement failure in this transaction, if any.
  const std::optional<Error>& failure() const { return failure_; }

 private:
  Result<SqlRows> run(std::string_view operation, std::string_view sql,
                      std::span<const SqlParam> params);
  Result<std::optional<ProgramRecord>> find_one_program(std::string_view operation,
                                                        std::string_view sql, std::string_view key);

  SqlConnection& connection_;
  std::optional<Error> failure_;
};

}  // namespace hearth::store
