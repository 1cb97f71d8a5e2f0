#include "store/sql_transaction.hpp"

#include <array>
#include <string>

namespace hearth::store {

namespace {

constexpr std::string_view kProgramColumns =
    "SELECT id, slug, name, description, time_zone, created_at_ms, idle_timeout_minutes "
    "FROM programs";
constexpr std::string_view kGroupColumns =
    "SELECT id, program_id, slug, name, description, kind, capacity, created_at_ms FROM groups";

// Lists are ordered by code point on both drivers: SQLite compares text bytewise, while
// PostgreSQL would use the database's locale, which differs from one installation to the next.
// The id breaks ties so that equal names still come back in a stable order.
std::string ordered_by_name(Dialect dialect) {
  return dialect == Dialect::postgresql ? R"( ORDER BY name COLLATE "C", id)"
                                        : " ORDER BY name, id";
}

Result<ProgramRecord> program_at(const SqlRows& rows, std::size_t row) {
  auto created = rows.integer(row, 5);
  if (!created.ok()) return std::move(created).error();
  auto idle = rows.integer(row, 6);
  if (!idle.ok()) return std::move(idle).error();
  return ProgramRecord{.id = rows.text(row, 0),
                       .slug = rows.text(row, 1),
                       .name = rows.text(row, 2),
                       .description = rows.text(row, 3),
                       .time_zone = rows.text(row, 4),
                       .created_at_ms = *created,
                       .idle_timeout_minutes = static_cast<int>(*idle)};
}

Result<GroupRecord> group_at(const SqlRows& rows, std::size_t row) {
  auto capacity = rows.integer(row, 6);
  if (!capacity.ok()) return std::move(capacity).error();
  auto created = rows.integer(row, 7);
  if (!created.ok()) return std::move(created).error();
  return GroupRecord{.id = rows.text(row, 0),
                     .program_id = rows.text(row, 1),
                     .slug = rows.text(row, 2),
                     .name = rows.text(row, 3),
                     .description = rows.text(row, 4),
                     .kind = rows.text(row, 5),
                     .capacity = static_cast<int>(*capacity),
                     .created_at_ms = *created};
}

}  // namespace

Result<SqlRows> SqlTransaction::run(std::string_view operation, std::string_view sql,
                                    std::span<const SqlParam> params) {
  if (failure_) return *failure_;
  auto rows = connection_.query(operation, sql, params);
  if (!rows.ok()) failure_ = rows.error();
  return rows;
}

Result<void> SqlTransaction::change_one(std::string_view operation, std::string_view sql,
                                        std::span<const SqlParam> params) {
  auto rows = run(operation, sql, params);
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return Error::of(Errc::not_found, std::string(operation) + ": no such row");
  return ok();
}

Result<void> SqlTransaction::insert_program(const ProgramRecord& p) {
  const std::array<SqlParam, 7> params = {p.id,
                                          p.slug,
                                          p.name,
                                          p.description,
                                          p.time_zone,
                                          p.created_at_ms,
                                          std::int64_t{p.idle_timeout_minutes}};
  auto rows = run("insert_program",
                  "INSERT INTO programs (id, slug, name, description, time_zone, created_at_ms, "
                  "idle_timeout_minutes) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                  params);
  if (!rows.ok()) return std::move(rows).error();
  return ok();
}

Result<std::optional<ProgramRecord>> SqlTransaction::find_one_program(std::string_view operation,
                                                                      std::string_view sql,
                                                                      std::string_view key) {
  const std::array<SqlParam, 1> params = {key};
  auto rows = run(operation, sql, params);
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return std::optional<ProgramRecord>();
  auto program = program_at(*rows, 0);
  if (!program.ok()) return std::move(program).error();
  return std::optional<ProgramRecord>(std::move(program).value());
}

Result<std::optional<ProgramRecord>> SqlTransaction::find_program(std::string_view id) {
  static const std::string sql = std::string(kProgramColumns) + " WHERE id = $1";
  return find_one_program("find_program", sql, id);
}

Result<std::optional<ProgramRecord>> SqlTransaction::find_program_by_slug(std::string_view slug) {
  static const std::string sql = std::string(kProgramColumns) + " WHERE slug = $1";
  return find_one_program("find_program_by_slug", sql, slug);
}

Result<std::vector<ProgramRecord>> SqlTransaction::list_programs() {
  const std::string sql = std::string(kProgramColumns) + ordered_by_name(connection_.dialect());
  return read_all("list_programs", sql, {}, &program_at);
}

Result<void> SqlTransaction::set_program_idle_timeout(std::string_view id, int minutes) {
  const std::array<SqlParam, 2> params = {id, std::int64_t{minutes}};
  return change_one("set_program_idle_timeout",
                    "UPDATE programs SET idle_timeout_minutes = $2 WHERE id = $1 RETURNING id",
                    params);
}

Result<void> SqlTransaction::insert_group(const GroupRecord& g) {
  const std::array<SqlParam, 8> params = {
      g.id,           g.program_id, g.slug, g.name, g.description, g.kind, std::int64_t{g.capacity},
      g.created_at_ms};
  auto rows = run("insert_group",
                  "INSERT INTO groups (id, program_id, slug, name, description, kind, capacity, "
                  "created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                  params);
  if (!rows.ok()) return std::move(rows).error();
  return ok();
}

Result<std::vector<GroupRecord>> SqlTransaction::list_groups(std::string_view program_id) {
  const std::string sql = std::string(kGroupColumns) + " WHERE program_id = $1" +
                          ordered_by_name(connection_.dialect());
  const std::array<SqlParam, 1> params = {program_id};
  return read_all("list_groups", sql, params, &group_at);
}

}  // namespace hearth::store
