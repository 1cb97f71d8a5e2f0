// The part of SqlTransaction for chat mentions and files (migration 14): the mention rows that
// count what names someone and is unread, and uploaded files with their bytes.
//
// A file's bytes are a BLOB on SQLite, bound as they are (the driver binds by length), and a
// BYTEA on PostgreSQL, which takes and gives text parameters and cells: there they travel in
// bytea's hex form ("\x" then two hex digits a byte), since a text value cannot hold a NUL byte.
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "store/sql_transaction.hpp"

namespace hearth::store {
namespace {

constexpr std::string_view kFileColumns =
    "SELECT id, room_id, uploader_id, message_id, name, type, size, created_at_ms FROM chat_files";

Result<ChatFileRecord> file_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  ChatFileRecord f;
  f.id = c.text();
  f.room_id = c.text();
  f.uploader_id = c.text();
  f.message_id = c.text();
  f.name = c.text();
  f.type = c.text();
  f.size = c.integer();
  f.created_at_ms = c.integer();
  return c.finish(std::move(f));
}

Result<std::pair<std::string, std::int64_t>> room_count_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  std::pair<std::string, std::int64_t> count;
  count.first = c.text();
  count.second = c.integer();
  return c.finish(std::move(count));
}

std::string to_bytea_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex = "\\x";
  hex.reserve(2 + bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0x0f];
  }
  return hex;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> from_bytea_hex(std::string_view hex) {
  if (!hex.starts_with("\\x") || hex.size() % 2 != 0) {
    return Error::of(Errc::internal, "a stored file's bytes were not in bytea's hex form");
  }
  std::string bytes;
  bytes.reserve((hex.size() - 2) / 2);
  for (std::size_t i = 2; i < hex.size(); i += 2) {
    const int high = hex_value(hex[i]);
    const int low = hex_value(hex[i + 1]);
    if (high < 0 || low < 0) {
      return Error::of(Errc::internal, "a stored file's bytes were not in bytea's hex form");
    }
    bytes += static_cast<char>((high << 4) | low);
  }
  return bytes;
}

}  // namespace

Result<void> SqlTransaction::put_chat_mentions(const ChatMessageRecord& message) {
  const std::array<SqlParam, 1> key = {message.id};
  HEARTH_TRY(write("put_chat_mentions", "DELETE FROM chat_mentions WHERE message_id = $1", key));
  for (const auto& user_id : message.mentions) {
    const std::array<SqlParam, 4> params = {message.id, user_id, message.room_id, message.seq};
    HEARTH_TRY(write("put_chat_mentions",
                     "INSERT INTO chat_mentions (message_id, user_id, room_id, seq) "
                     "VALUES ($1, $2, $3, $4) ON CONFLICT (message_id, user_id) DO NOTHING",
                     params));
  }
  return ok();
}

Result<std::vector<std::pair<std::string, std::int64_t>>>
SqlTransaction::count_unread_chat_mentions(std::string_view user_id) {
  const std::array<SqlParam, 1> params = {user_id};
  return read_all(
      "count_unread_chat_mentions",
      "SELECT n.room_id, count(*) FROM chat_mentions n "
      "LEFT JOIN chat_read_positions p ON p.room_id = n.room_id AND p.user_id = n.user_id "
      "WHERE n.user_id = $1 AND n.seq > COALESCE(p.last_read_seq, 0) "
      "GROUP BY n.room_id",
      params, &room_count_at);
}

Result<void> SqlTransaction::insert_chat_file(const ChatFileRecord& f, std::string_view content) {
  const bool sqlite = connection_.dialect() == Dialect::sqlite;
  const std::string hex = sqlite ? std::string() : to_bytea_hex(content);
  const std::array<SqlParam, 9> params = {
      f.id,         f.room_id,       f.uploader_id,
      f.message_id, f.name,          f.type,
      f.size,       f.created_at_ms, sqlite ? content : std::string_view(hex)};
  return write("insert_chat_file",
               "INSERT INTO chat_files (id, room_id, uploader_id, message_id, name, type, size, "
               "created_at_ms, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
               params);
}

Result<std::optional<ChatFileRecord>> SqlTransaction::find_chat_file(std::string_view id) {
  static const std::string sql = std::string(kFileColumns) + " WHERE id = $1";
  const std::array<SqlParam, 1> params = {id};
  return read_one("find_chat_file", sql, params, &file_at);
}

Result<std::string> SqlTransaction::chat_file_content(std::string_view id) {
  const std::array<SqlParam, 1> params = {id};
  HEARTH_TRY_ASSIGN(
      auto rows, run("chat_file_content", "SELECT content FROM chat_files WHERE id = $1", params));
  if (rows.empty()) return Error::of(Errc::not_found, "no such file");
  auto cell = rows.text(0, 0);
  if (connection_.dialect() == Dialect::sqlite) return cell;
  return from_bytea_hex(cell);
}

Result<bool> SqlTransaction::attach_chat_file(std::string_view id, std::string_view message_id) {
  const std::array<SqlParam, 2> params = {id, message_id};
  HEARTH_TRY_ASSIGN(auto changed, row_count("attach_chat_file",
                                            "UPDATE chat_files SET message_id = $2 "
                                            "WHERE id = $1 AND message_id = '' RETURNING id",
                                            params));
  return changed == 1;
}

Result<std::int64_t> SqlTransaction::delete_unsent_chat_files(std::int64_t before_ms) {
  const std::array<SqlParam, 1> params = {before_ms};
  return row_count("delete_unsent_chat_files",
                   "DELETE FROM chat_files WHERE message_id = '' AND created_at_ms < $1 "
                   "RETURNING id",
                   params);
}

}  // namespace hearth::store
