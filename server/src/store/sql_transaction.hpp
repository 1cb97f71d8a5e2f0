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

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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
  Result<void> set_program_idle_timeout(std::string_view id, int minutes) override;
  Result<void> update_program(const ProgramRecord& program) override;

  Result<void> insert_group(const GroupRecord& group) override;
  Result<std::vector<GroupRecord>> list_groups(std::string_view program_id) override;
  Result<std::optional<GroupRecord>> find_group(std::string_view id) override;
  Result<void> update_group(const GroupRecord& group) override;

  // sql_schedule.cpp
  Result<void> insert_group_member(const GroupMemberRecord& member) override;
  Result<void> update_group_member(const GroupMemberRecord& member) override;
  Result<bool> delete_group_member(std::string_view group_id, std::string_view user_id) override;
  Result<std::optional<GroupMemberRecord>> find_group_member(std::string_view group_id,
                                                             std::string_view user_id) override;
  Result<std::vector<GroupMemberRecord>> list_group_members(std::string_view group_id) override;
  Result<std::vector<GroupMemberRecord>> list_places_of_user(std::string_view user_id) override;
  Result<std::int64_t> count_group_seats_taken(std::string_view group_id) override;
  Result<void> insert_series(const SeriesRecord& series) override;
  Result<std::optional<SeriesRecord>> find_series(std::string_view id) override;
  Result<void> insert_occurrences(const std::vector<OccurrenceRecord>& occurrences) override;
  Result<std::optional<OccurrenceRecord>> find_occurrence(std::string_view id) override;
  Result<void> update_occurrence(const OccurrenceRecord& occurrence) override;
  Result<std::vector<OccurrenceRecord>> list_occurrences_of_group(std::string_view group_id,
                                                                  std::int64_t from_ms,
                                                                  std::int64_t to_ms) override;
  Result<std::vector<OccurrenceRecord>> list_occurrences_of_program(std::string_view program_id,
                                                                    std::int64_t from_ms,
                                                                    std::int64_t to_ms) override;
  Result<std::vector<OccurrenceRecord>> list_occurrences_of_user(std::string_view user_id,
                                                                 std::int64_t from_ms,
                                                                 std::int64_t to_ms) override;
  Result<std::vector<OccurrenceRecord>> list_occurrences_starting(std::int64_t from_ms,
                                                                  std::int64_t to_ms) override;
  Result<std::vector<OccurrenceRecord>> list_guest_occurrences_of_user(std::string_view user_id,
                                                                       std::int64_t from_ms,
                                                                       std::int64_t to_ms) override;
  Result<void> put_session_guest(const SessionGuestRecord& guest) override;
  Result<bool> delete_session_guest(std::string_view occurrence_id,
                                    std::string_view user_id) override;
  Result<std::vector<SessionGuestRecord>> list_session_guests(
      std::string_view occurrence_id) override;
  Result<void> put_attendance(const AttendanceRecord& attendance) override;
  Result<std::optional<AttendanceRecord>> find_attendance(std::string_view occurrence_id,
                                                          std::string_view user_id) override;
  Result<std::vector<AttendanceRecord>> list_attendance_of_occurrence(
      std::string_view occurrence_id) override;
  Result<std::vector<AttendanceRecord>> list_attendance_of_program(std::string_view program_id,
                                                                   std::int64_t from_ms,
                                                                   std::int64_t to_ms) override;
  Result<std::vector<AttendanceRecord>> list_attendance_of_user(std::string_view user_id,
                                                                std::int64_t from_ms,
                                                                std::int64_t to_ms) override;
  Result<bool> insert_notification(const NotificationRecord& notification) override;
  Result<std::vector<NotificationRecord>> list_notifications(std::string_view user_id,
                                                             std::int64_t before_ms,
                                                             std::size_t limit) override;
  Result<std::int64_t> count_unread_notifications(std::string_view user_id) override;
  Result<bool> mark_notification_read(std::string_view user_id, std::string_view id,
                                      std::int64_t at_ms) override;
  Result<std::int64_t> mark_all_notifications_read(std::string_view user_id,
                                                   std::int64_t at_ms) override;
  Result<void> put_calendar_feed(const CalendarFeedRecord& feed) override;
  Result<std::optional<CalendarFeedRecord>> find_calendar_feed(std::string_view user_id) override;
  Result<std::optional<CalendarFeedRecord>> find_calendar_feed_by_digest(
      std::string_view digest) override;
  Result<bool> delete_calendar_feed(std::string_view user_id) override;

  // sql_identity.cpp
  Result<void> insert_user(const UserRecord& user) override;
  Result<void> update_user(const UserRecord& user) override;
  Result<std::optional<UserRecord>> find_user(std::string_view id) override;
  Result<std::optional<UserRecord>> find_user_by_email(std::string_view email) override;
  Result<std::vector<UserRecord>> list_users() override;
  Result<std::vector<PersonNameRecord>> list_people_of_program(
      std::string_view program_id) override;
  Result<void> insert_membership(const MembershipRecord& membership) override;
  Result<void> update_membership(const MembershipRecord& membership) override;
  Result<std::optional<MembershipRecord>> find_membership(std::string_view program_id,
                                                          std::string_view user_id) override;
  Result<std::vector<MembershipRecord>> list_memberships_of_program(
      std::string_view program_id) override;
  Result<std::vector<MembershipRecord>> list_memberships_of_user(std::string_view user_id) override;
  Result<std::vector<MembershipRecord>> list_memberships() override;
  Result<void> insert_invite(const InviteRecord& invite) override;
  Result<void> update_invite(const InviteRecord& invite) override;
  Result<std::optional<InviteRecord>> find_invite(std::string_view id) override;
  Result<std::optional<InviteRecord>> find_invite_by_digest(std::string_view digest) override;
  Result<std::vector<InviteRecord>> list_invites(std::string_view purpose) override;
  Result<void> insert_session(const SessionRecord& session) override;
  Result<void> update_session(const SessionRecord& session) override;
  Result<bool> touch_session(std::string_view id, std::int64_t last_seen_ms) override;
  Result<std::optional<SessionRecord>> find_session(std::string_view id) override;
  Result<std::optional<SessionRecord>> find_session_by_digest(std::string_view digest) override;
  Result<std::vector<SessionRecord>> list_open_sessions(std::string_view user_id) override;
  Result<std::int64_t> end_sessions_of_user(std::string_view user_id, std::string_view except_id,
                                            std::int64_t at_ms, std::string_view reason) override;
  Result<void> replace_recovery_codes(std::string_view user_id,
                                      const std::vector<std::string>& digests,
                                      std::int64_t at_ms) override;
  Result<bool> use_recovery_code(std::string_view user_id, std::string_view digest,
                                 std::int64_t at_ms) override;
  Result<std::optional<ThrottleRecord>> find_throttle(std::string_view key) override;
  Result<void> put_throttle(const ThrottleRecord& throttle) override;
  Result<void> clear_throttle(std::string_view key) override;
  Result<void> insert_grant(const GrantRecord& grant) override;
  Result<void> update_grant(const GrantRecord& grant) override;
  Result<std::optional<GrantRecord>> find_grant(std::string_view id) override;
  Result<std::vector<GrantRecord>> list_grants() override;
  Result<std::optional<std::string>> find_setting(std::string_view key) override;
  Result<void> put_setting(std::string_view key, std::string_view value) override;

  // sql_audit.cpp
  Result<AuditRecord> append_audit(
      AuditRecord record, const std::function<std::string(const AuditRecord&)>& seal) override;
  Result<std::vector<AuditRecord>> list_audit(const AuditQuery& query) override;
  Result<std::int64_t> audit_length() override;

  // sql_chat.cpp
  Result<ChatRoomRecord> ensure_chat_room(const ChatRoomRecord& wanted) override;
  Result<std::optional<ChatRoomRecord>> find_chat_room(std::string_view id) override;
  Result<std::int64_t> take_chat_seq(std::string_view room_id) override;
  Result<void> insert_chat_message(const ChatMessageRecord& message) override;
  Result<std::optional<ChatMessageRecord>> find_chat_message(std::string_view id) override;
  Result<std::int64_t> take_chat_change_seq(std::string_view room_id) override;
  Result<void> update_chat_message(const ChatMessageRecord& message) override;
  Result<void> insert_chat_message_version(const ChatMessageVersion& version) override;
  Result<std::vector<ChatMessageVersion>> list_chat_message_versions(
      std::string_view message_id) override;
  Result<std::vector<ChatMessageRecord>> list_changed_chat_messages(std::string_view room_id,
                                                                    std::int64_t after_change_seq,
                                                                    std::size_t limit) override;
  Result<std::optional<ChatMessageRecord>> find_chat_message_by_client_id(
      std::string_view room_id, std::string_view author_id,
      std::string_view client_message_id) override;
  Result<std::vector<ChatMessageRecord>> list_chat_messages(const ChatMessageQuery& query) override;
  Result<std::vector<ChatMessageRecord>> search_chat_messages(
      const ChatSearchQuery& query) override;
  Result<std::size_t> index_chat_search(std::size_t most) override;
  Result<void> insert_chat_room_member(std::string_view room_id, std::string_view user_id,
                                       std::int64_t added_at_ms) override;
  Result<std::vector<ChatRoomMember>> list_chat_room_members(std::string_view room_id) override;
  Result<std::vector<ChatRoomRecord>> list_private_chat_rooms(std::string_view user_id) override;
  Result<std::int64_t> advance_chat_read_position(std::string_view room_id,
                                                  std::string_view user_id, std::int64_t seq,
                                                  std::int64_t now_ms) override;
  Result<std::vector<ChatReadPosition>> list_chat_read_positions(std::string_view user_id) override;
  Result<void> insert_safety_alert(const SafetyAlertRecord& alert) override;
  Result<bool> has_safety_alert(std::string_view message_id) override;
  Result<std::optional<SafetyAlertRecord>> find_safety_alert(std::string_view id) override;
  Result<std::vector<SafetyAlertRecord>> list_safety_alerts(std::string_view program_id,
                                                            bool open_only,
                                                            std::size_t limit) override;
  Result<bool> acknowledge_safety_alert(std::string_view id, std::string_view user_id,
                                        std::int64_t at_ms) override;
  Result<bool> insert_chat_report(const ChatReportRecord& report) override;
  Result<std::optional<ChatReportRecord>> find_chat_report(std::string_view id) override;
  Result<std::optional<ChatReportRecord>> find_chat_report_by_reporter(
      std::string_view message_id, std::string_view reporter_id) override;
  Result<std::vector<ChatReportRecord>> list_chat_reports(std::string_view program_id,
                                                          bool open_only,
                                                          std::size_t limit) override;
  Result<std::int64_t> decide_chat_reports(std::string_view message_id, std::string_view decided_by,
                                           std::string_view decision, std::int64_t at_ms) override;
  Result<void> put_chat_restriction(const ChatRestrictionRecord& restriction) override;
  Result<std::optional<ChatRestrictionRecord>> find_chat_restriction(
      std::string_view room_id, std::string_view user_id) override;
  Result<bool> delete_chat_restriction(std::string_view room_id, std::string_view user_id) override;
  Result<std::vector<ChatRestrictionRecord>> list_chat_restrictions(
      std::string_view room_id) override;
  Result<std::vector<ChatRestrictionRecord>> list_chat_restrictions_of_user(
      std::string_view user_id) override;
  Result<void> put_chat_mentions(const ChatMessageRecord& message) override;
  Result<std::vector<std::pair<std::string, std::int64_t>>> count_unread_chat_mentions(
      std::string_view user_id) override;
  Result<std::vector<ChatMessageRecord>> list_chat_thread(std::string_view root_id,
                                                          std::int64_t after_seq,
                                                          std::size_t limit) override;
  Result<void> insert_chat_file(const ChatFileRecord& file, std::string_view content) override;
  Result<std::optional<ChatFileRecord>> find_chat_file(std::string_view id) override;
  Result<std::string> chat_file_content(std::string_view id) override;
  Result<bool> attach_chat_file(std::string_view id, std::string_view message_id) override;
  Result<std::int64_t> delete_unsent_chat_files(std::int64_t before_ms) override;
  Result<std::vector<CrisisResourceRecord>> list_crisis_resources(
      std::string_view program_id) override;
  Result<void> replace_crisis_resources(
      std::string_view program_id, const std::vector<CrisisResourceRecord>& resources) override;

  // The first statement failure in this transaction, if any.
  const std::optional<Error>& failure() const { return failure_; }

 private:
  Result<SqlRows> run(std::string_view operation, std::string_view sql,
                      std::span<const SqlParam> params);
  // Runs a statement whose rows, if any, are not needed.
  Result<void> write(std::string_view operation, std::string_view sql,
                     std::span<const SqlParam> params);
  // Runs a statement that must change exactly one row; Errc::not_found if it changed none.
  Result<void> change_one(std::string_view operation, std::string_view sql,
                          std::span<const SqlParam> params);
  // Runs a statement and reports how many rows it returned: for an INSERT, UPDATE or DELETE with
  // RETURNING, how many rows it touched.
  Result<std::int64_t> row_count(std::string_view operation, std::string_view sql,
                                 std::span<const SqlParam> params);
  Result<bool> any_row(std::string_view operation, std::string_view sql,
                       std::span<const SqlParam> params);
  // Runs a statement that returns one row with one integer, such as SELECT count(*).
  Result<std::int64_t> read_integer(std::string_view operation, std::string_view sql,
                                    std::span<const SqlParam> params);
  // Runs a query and reads each row with `read`.
  template <class Record>
  Result<std::vector<Record>> read_all(std::string_view operation, std::string_view sql,
                                       std::span<const SqlParam> params,
                                       Result<Record> (*read)(const SqlRows&, std::size_t));
  template <class Record>
  Result<std::optional<Record>> read_one(std::string_view operation, std::string_view sql,
                                         std::span<const SqlParam> params,
                                         Result<Record> (*read)(const SqlRows&, std::size_t));

  SqlConnection& connection_;
  std::optional<Error> failure_;
};

// The pieces of one statement joined, e.g. a column list and its WHERE clause.
template <class... Pieces>
std::string joined(const Pieces&... pieces) {
  std::string sql;
  (sql.append(std::string_view(pieces)), ...);
  return sql;
}

// The parameters of a statement that binds a record's key columns first and its written fields
// after them, so that the insert and the update of one record share the list of fields.
template <std::size_t K, std::size_t F>
std::array<SqlParam, K + F> key_then(const std::array<SqlParam, K>& key,
                                     const std::array<SqlParam, F>& fields) {
  std::array<SqlParam, K + F> params;
  std::copy(key.begin(), key.end(), params.begin());
  std::copy(fields.begin(), fields.end(), params.begin() + K);
  return params;
}

template <class Record>
Result<std::vector<Record>> SqlTransaction::read_all(
    std::string_view operation, std::string_view sql, std::span<const SqlParam> params,
    Result<Record> (*read)(const SqlRows&, std::size_t)) {
  auto rows = run(operation, sql, params);
  if (!rows.ok()) return std::move(rows).error();
  std::vector<Record> records;
  records.reserve(rows->size());
  for (std::size_t row = 0; row < rows->size(); ++row) {
    auto record = read(*rows, row);
    if (!record.ok()) return std::move(record).error();
    records.push_back(std::move(record).value());
  }
  return records;
}

template <class Record>
Result<std::optional<Record>> SqlTransaction::read_one(
    std::string_view operation, std::string_view sql, std::span<const SqlParam> params,
    Result<Record> (*read)(const SqlRows&, std::size_t)) {
  auto all = read_all(operation, sql, params, read);
  if (!all.ok()) return std::move(all).error();
  if (all->empty()) return std::optional<Record>();
  return std::optional<Record>(std::move(all->front()));
}

}  // namespace hearth::store
