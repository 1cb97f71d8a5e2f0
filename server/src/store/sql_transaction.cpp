#include "store/sql_transaction.hpp"

#include <array>
#include <string>

namespace hearth::store {

namespace {

constexpr std::string_view kProgramColumns =
    "SELECT id, slug, name, description, time_zone, created_at_ms, idle_timeout_minutes, "
    "audience, weekly_target_minutes, daily_minimum_minutes, days_per_week_minimum, "
    "length_weeks, group_capacity_cap, updated_at_ms, private_messages FROM programs";
constexpr std::string_view kGroupColumns =
    "SELECT id, program_id, slug, name, description, kind, capacity, created_at_ms, "
    "facilitator_id, co_facilitator_id, membership, tags, age_band, status, updated_at_ms "
    "FROM groups";

// Lists are ordered by code point on both drivers: SQLite compares text bytewise, while
// PostgreSQL would use the database's locale, which differs from one installation to the next.
// The id breaks ties so that equal names still come back in a stable order.
std::string ordered_by_name(Dialect dialect) {
  return dialect == Dialect::postgresql ? R"( ORDER BY name COLLATE "C", id)"
                                        : " ORDER BY name, id";
}

Result<ProgramRecord> program_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  ProgramRecord p;
  p.id = c.text();
  p.slug = c.text();
  p.name = c.text();
  p.description = c.text();
  p.time_zone = c.text();
  p.created_at_ms = c.integer();
  p.idle_timeout_minutes = static_cast<int>(c.integer());
  p.audience = c.text();
  p.weekly_target_minutes = static_cast<int>(c.integer());
  p.daily_minimum_minutes = static_cast<int>(c.integer());
  p.days_per_week_minimum = static_cast<int>(c.integer());
  p.length_weeks = static_cast<int>(c.integer());
  p.group_capacity_cap = static_cast<int>(c.integer());
  p.updated_at_ms = c.integer();
  p.private_messages = c.text();
  return c.finish(std::move(p));
}

Result<GroupRecord> group_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  GroupRecord g;
  g.id = c.text();
  g.program_id = c.text();
  g.slug = c.text();
  g.name = c.text();
  g.description = c.text();
  g.kind = c.text();
  g.capacity = static_cast<int>(c.integer());
  g.created_at_ms = c.integer();
  g.facilitator_id = c.text();
  g.co_facilitator_id = c.text();
  g.membership = c.text();
  g.tags = c.text();
  g.age_band = c.text();
  g.status = c.text();
  g.updated_at_ms = c.integer();
  return c.finish(std::move(g));
}

// What update_program writes, in the order both statements bind it after the key.
std::array<SqlParam, 13> program_fields(const ProgramRecord& p) {
  return {p.slug,
          p.name,
          p.description,
          p.time_zone,
          std::int64_t{p.idle_timeout_minutes},
          p.audience,
          std::int64_t{p.weekly_target_minutes},
          std::int64_t{p.daily_minimum_minutes},
          std::int64_t{p.days_per_week_minimum},
          std::int64_t{p.length_weeks},
          std::int64_t{p.group_capacity_cap},
          p.updated_at_ms,
          p.private_messages};
}

std::array<SqlParam, 12> group_fields(const GroupRecord& g) {
  return {g.slug,
          g.name,
          g.description,
          g.kind,
          std::int64_t{g.capacity},
          g.facilitator_id,
          g.co_facilitator_id,
          g.membership,
          g.tags,
          g.age_band,
          g.status,
          g.updated_at_ms};
}

}  // namespace

Result<SqlRows> SqlTransaction::run(std::string_view operation, std::string_view sql,
                                    std::span<const SqlParam> params) {
  if (failure_) return *failure_;
  auto rows = connection_.query(operation, sql, params);
  if (!rows.ok()) failure_ = rows.error();
  return rows;
}

Result<void> SqlTransaction::write(std::string_view operation, std::string_view sql,
                                   std::span<const SqlParam> params) {
  auto rows = run(operation, sql, params);
  if (!rows.ok()) return std::move(rows).error();
  return ok();
}

Result<void> SqlTransaction::change_one(std::string_view operation, std::string_view sql,
                                        std::span<const SqlParam> params) {
  auto rows = run(operation, sql, params);
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return Error::of(Errc::not_found, std::string(operation) + ": no such row");
  return ok();
}

Result<std::int64_t> SqlTransaction::row_count(std::string_view operation, std::string_view sql,
                                               std::span<const SqlParam> params) {
  auto rows = run(operation, sql, params);
  if (!rows.ok()) return std::move(rows).error();
  return static_cast<std::int64_t>(rows->size());
}

Result<bool> SqlTransaction::any_row(std::string_view operation, std::string_view sql,
                                     std::span<const SqlParam> params) {
  auto count = row_count(operation, sql, params);
  if (!count.ok()) return std::move(count).error();
  return *count > 0;
}

Result<std::int64_t> SqlTransaction::read_integer(std::string_view operation, std::string_view sql,
                                                  std::span<const SqlParam> params) {
  auto rows = run(operation, sql, params);
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return Error::of(Errc::internal, std::string(operation) + ": no row");
  return rows->integer(0, 0);
}

Result<void> SqlTransaction::insert_program(const ProgramRecord& p) {
  return write("insert_program",
               "INSERT INTO programs (id, created_at_ms, slug, name, description, time_zone, "
               "idle_timeout_minutes, audience, weekly_target_minutes, daily_minimum_minutes, "
               "days_per_week_minimum, length_weeks, group_capacity_cap, updated_at_ms, "
               "private_messages) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
               key_then<2>({p.id, p.created_at_ms}, program_fields(p)));
}

Result<void> SqlTransaction::update_program(const ProgramRecord& p) {
  return change_one("update_program",
                    "UPDATE programs SET slug = $2, name = $3, description = $4, time_zone = $5, "
                    "idle_timeout_minutes = $6, audience = $7, weekly_target_minutes = $8, "
                    "daily_minimum_minutes = $9, days_per_week_minimum = $10, "
                    "length_weeks = $11, group_capacity_cap = $12, updated_at_ms = $13, "
                    "private_messages = $14 WHERE id = $1 RETURNING id",
                    key_then<1>({p.id}, program_fields(p)));
}

Result<std::optional<ProgramRecord>> SqlTransaction::find_program(std::string_view id) {
  static const std::string sql = joined(kProgramColumns, " WHERE id = $1");
  const std::array<SqlParam, 1> params = {id};
  return read_one("find_program", sql, params, &program_at);
}

Result<std::optional<ProgramRecord>> SqlTransaction::find_program_by_slug(std::string_view slug) {
  static const std::string sql = joined(kProgramColumns, " WHERE slug = $1");
  const std::array<SqlParam, 1> params = {slug};
  return read_one("find_program_by_slug", sql, params, &program_at);
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
  return write("insert_group",
               "INSERT INTO groups (id, program_id, created_at_ms, slug, name, description, kind, "
               "capacity, facilitator_id, co_facilitator_id, membership, tags, age_band, status, "
               "updated_at_ms) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
               key_then<3>({g.id, g.program_id, g.created_at_ms}, group_fields(g)));
}

Result<std::optional<GroupRecord>> SqlTransaction::find_group(std::string_view id) {
  static const std::string sql = joined(kGroupColumns, " WHERE id = $1");
  const std::array<SqlParam, 1> params = {id};
  return read_one("find_group", sql, params, &group_at);
}

Result<void> SqlTransaction::update_group(const GroupRecord& g) {
  return change_one("update_group",
                    "UPDATE groups SET slug = $2, name = $3, description = $4, kind = $5, "
                    "capacity = $6, facilitator_id = $7, co_facilitator_id = $8, "
                    "membership = $9, tags = $10, age_band = $11, status = $12, "
                    "updated_at_ms = $13 WHERE id = $1 RETURNING id",
                    key_then<1>({g.id}, group_fields(g)));
}

Result<std::vector<GroupRecord>> SqlTransaction::list_groups(std::string_view program_id) {
  const std::string sql = std::string(kGroupColumns) + " WHERE program_id = $1" +
                          ordered_by_name(connection_.dialect());
  const std::array<SqlParam, 1> params = {program_id};
  return read_all("list_groups", sql, params, &group_at);
}

}  // namespace hearth::store
