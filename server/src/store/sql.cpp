#include "store/sql.hpp"

#include <cassert>
#include <cctype>
#include <charconv>

namespace hearth::store {

std::string SqlRows::text(std::size_t row, std::size_t column) const {
  assert(row < size() && column < columns_);
  const auto& cell = cells_[row * columns_ + column];
  return cell.value_or(std::string());
}

Result<std::int64_t> SqlRows::integer(std::size_t row, std::size_t column) const {
  assert(row < size() && column < columns_);
  const auto& cell = cells_[row * columns_ + column];
  std::int64_t value = 0;
  if (!cell) return Error::of(Errc::internal, "expected an integer column, got NULL");
  const char* end = cell->data() + cell->size();
  auto [ptr, ec] = std::from_chars(cell->data(), end, value);
  if (ec != std::errc() || ptr != end) {
    return Error::of(Errc::internal, "expected an integer column, got other text");
  }
  return value;
}

std::int64_t SqlRowCursor::integer() {
  auto value = rows_.integer(row_, column_++);
  if (value.ok()) return *value;
  if (!failure_) failure_ = value.error();
  return 0;
}

Result<void> SqlConnection::execute(std::string_view operation, std::string_view sql,
                                    std::span<const SqlParam> params) {
  auto rows = query(operation, sql, params);
  if (!rows.ok()) return std::move(rows).error();
  return ok();
}

std::string sqlite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;  // the quote character we are inside of, or 0
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;  // a doubled quote ('') reopens at once on the next char
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '$' && i + 1 < sql.size() &&
               std::isdigit(static_cast<unsigned char>(sql[i + 1])) != 0) {
      c = '?';
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace hearth::store
