// The schedule part of SqlTransaction: places in groups, series and their occurrences,
// attendance, in-app notifications and calendar feeds (docs/storage/schema.md, migration 3).
//
// The occurrence lists run on hot paths (every participant's and clinician's calendar), so each
// is one statement over the (group_id, starts_at_ms) or (starts_at_ms) index, never a query per
// group.
#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <string>

#include "store/sql_transaction.hpp"

namespace hearth::store {
namespace {

// --- group places --------------------------------------------------------------------------

constexpr std::string_view kGroupMemberColumns =
    "SELECT group_id, user_id, state, requested_at_ms, joined_at_ms, added_by FROM group_members";

Result<GroupMemberRecord> group_member_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  GroupMemberRecord m;
  m.group_id = c.text();
  m.user_id = c.text();
  m.state = c.text();
  m.requested_at_ms = c.integer();
  m.joined_at_ms = c.integer();
  m.added_by = c.text();
  return c.finish(std::move(m));
}

std::array<SqlParam, 6> group_member_params(const GroupMemberRecord& m) {
  return {m.group_id, m.user_id, m.state, m.requested_at_ms, m.joined_at_ms, m.added_by};
}

// --- series and occurrences ----------------------------------------------------------------

constexpr std::string_view kSeriesColumns =
    "SELECT id, group_id, title, time_zone, first_start_local, duration_minutes, rrule, "
    "created_by, created_at_ms FROM series";

Result<SeriesRecord> series_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  SeriesRecord s;
  s.id = c.text();
  s.group_id = c.text();
  s.title = c.text();
  s.time_zone = c.text();
  s.first_start_local = c.text();
  s.duration_minutes = static_cast<int>(c.integer());
  s.rrule = c.text();
  s.created_by = c.text();
  s.created_at_ms = c.integer();
  return c.finish(std::move(s));
}

// Aliased, so that queries joining other tables can select the same columns.
constexpr std::string_view kOccurrenceColumns =
    "SELECT o.id, o.series_id, o.group_id, o.title, o.starts_at_ms, o.ends_at_ms, "
    "o.original_starts_at_ms, o.status, o.change_reason, o.updated_at_ms FROM occurrences o";
constexpr std::string_view kOccurrenceOrder = " ORDER BY o.starts_at_ms, o.id";
constexpr std::size_t kOccurrenceParams = 10;

Result<OccurrenceRecord> occurrence_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  OccurrenceRecord o;
  o.id = c.text();
  o.series_id = c.text();
  o.group_id = c.text();
  o.title = c.text();
  o.starts_at_ms = c.integer();
  o.ends_at_ms = c.integer();
  o.original_starts_at_ms = c.integer();
  o.status = c.text();
  o.change_reason = c.text();
  o.updated_at_ms = c.integer();
  return c.finish(std::move(o));
}

Result<SessionGuestRecord> session_guest_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  SessionGuestRecord g;
  g.occurrence_id = c.text();
  g.user_id = c.text();
  g.invited_by = c.text();
  g.invited_at_ms = c.integer();
  return c.finish(std::move(g));
}

// What update_occurrence writes: all but the occurrence's id and where it belongs.
std::array<SqlParam, 7> occurrence_fields(const OccurrenceRecord& o) {
  return {o.title,  o.starts_at_ms,  o.ends_at_ms,   o.original_starts_at_ms,
          o.status, o.change_reason, o.updated_at_ms};
}

// Rows per INSERT in insert_occurrences. A batch of n rows is sent as statements of
// power-of-two sizes up to this, so a batch of 300 takes 7 round trips rather than 300, and the
// SQLite driver caches at most 7 statement shapes.
constexpr std::size_t kMaxRowsPerInsert = 64;

std::string insert_occurrences_sql(std::size_t rows) {
  std::string sql =
      "INSERT INTO occurrences (id, series_id, group_id, title, starts_at_ms, ends_at_ms, "
      "original_starts_at_ms, status, change_reason, updated_at_ms) VALUES ";
  for (std::size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (std::size_t column = 1; column <= kOccurrenceParams; ++column) {
      if (column > 1) sql += ", ";
      sql += "$" + std::to_string(row * kOccurrenceParams + column);
    }
    sql += ")";
  }
  return sql;
}

// The groups whose sessions a person sees: those where they hold a seat and those they run.
// Waiting and requested places are not seats.
constexpr std::string_view kGroupsOfUser =
    "SELECT group_id FROM group_members WHERE user_id = $1 AND state = 'member' "
    "UNION SELECT id FROM groups WHERE facilitator_id = $1 "
    "UNION SELECT id FROM groups WHERE co_facilitator_id = $1";

// --- attendance ----------------------------------------------------------------------------

constexpr std::string_view kAttendanceColumns =
    "SELECT a.occurrence_id, a.user_id, a.status, a.attended_ms, a.first_joined_ms, "
    "a.last_left_ms, a.open_since_ms, a.corrected_by, a.correction_reason, a.updated_at_ms "
    "FROM attendance a";

Result<AttendanceRecord> attendance_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  AttendanceRecord a;
  a.occurrence_id = c.text();
  a.user_id = c.text();
  a.status = c.text();
  a.attended_ms = c.integer();
  a.first_joined_ms = c.integer();
  a.last_left_ms = c.integer();
  a.open_since_ms = c.integer();
  a.corrected_by = c.text();
  a.correction_reason = c.text();
  a.updated_at_ms = c.integer();
  return c.finish(std::move(a));
}

// --- notifications and calendar feeds ------------------------------------------------------

constexpr std::string_view kNotificationColumns =
    "SELECT id, user_id, kind, occurrence_id, group_id, dedupe_key, text, created_at_ms, "
    "read_at_ms FROM notifications";

Result<NotificationRecord> notification_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  NotificationRecord n;
  n.id = c.text();
  n.user_id = c.text();
  n.kind = c.text();
  n.occurrence_id = c.text();
  n.group_id = c.text();
  n.dedupe_key = c.text();
  n.text = c.text();
  n.created_at_ms = c.integer();
  n.read_at_ms = c.integer();
  return c.finish(std::move(n));
}

constexpr std::string_view kCalendarFeedColumns =
    "SELECT user_id, token_digest, created_at_ms FROM calendar_feeds";

Result<CalendarFeedRecord> calendar_feed_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  CalendarFeedRecord f;
  f.user_id = c.text();
  f.token_digest = c.text();
  f.created_at_ms = c.integer();
  return c.finish(std::move(f));
}

}  // namespace

// --- group places --------------------------------------------------------------------------

Result<void> SqlTransaction::insert_group_member(const GroupMemberRecord& m) {
  return write("insert_group_member",
               "INSERT INTO group_members (group_id, user_id, state, requested_at_ms, "
               "joined_at_ms, added_by) VALUES ($1, $2, $3, $4, $5, $6)",
               group_member_params(m));
}

Result<void> SqlTransaction::update_group_member(const GroupMemberRecord& m) {
  return change_one("update_group_member",
                    "UPDATE group_members SET state = $3, requested_at_ms = $4, "
                    "joined_at_ms = $5, added_by = $6 "
                    "WHERE group_id = $1 AND user_id = $2 RETURNING user_id",
                    group_member_params(m));
}

Result<bool> SqlTransaction::delete_group_member(std::string_view group_id,
                                                 std::string_view user_id) {
  const std::array<SqlParam, 2> params = {group_id, user_id};
  return any_row("delete_group_member",
                 "DELETE FROM group_members WHERE group_id = $1 AND user_id = $2 "
                 "RETURNING user_id",
                 params);
}

Result<std::optional<GroupMemberRecord>> SqlTransaction::find_group_member(
    std::string_view group_id, std::string_view user_id) {
  static const std::string sql =
      joined(kGroupMemberColumns, " WHERE group_id = $1 AND user_id = $2");
  const std::array<SqlParam, 2> params = {group_id, user_id};
  return read_one("find_group_member", sql, params, &group_member_at);
}

Result<std::vector<GroupMemberRecord>> SqlTransaction::list_group_members(
    std::string_view group_id) {
  // Seats first, then the approvals to decide, then the waiting list in the order it formed.
  static const std::string sql =
      joined(kGroupMemberColumns,
             " WHERE group_id = $1 ORDER BY CASE state WHEN 'member' THEN 0 "
             "WHEN 'requested' THEN 1 ELSE 2 END, requested_at_ms, user_id");
  const std::array<SqlParam, 1> params = {group_id};
  return read_all("list_group_members", sql, params, &group_member_at);
}

Result<std::vector<GroupMemberRecord>> SqlTransaction::list_places_of_user(
    std::string_view user_id) {
  static const std::string sql =
      joined(kGroupMemberColumns, " WHERE user_id = $1 ORDER BY group_id");
  const std::array<SqlParam, 1> params = {user_id};
  return read_all("list_places_of_user", sql, params, &group_member_at);
}

Result<std::int64_t> SqlTransaction::count_group_seats_taken(std::string_view group_id) {
  const std::array<SqlParam, 1> params = {group_id};
  return read_integer("count_group_seats_taken",
                      "SELECT count(*) FROM group_members WHERE group_id = $1 AND state = 'member'",
                      params);
}

// --- series and occurrences ----------------------------------------------------------------

Result<void> SqlTransaction::insert_series(const SeriesRecord& s) {
  const std::array<SqlParam, 9> params = {
      s.id,        s.group_id,          s.title,
      s.time_zone, s.first_start_local, std::int64_t{s.duration_minutes},
      s.rrule,     s.created_by,        s.created_at_ms};
  return write("insert_series",
               "INSERT INTO series (id, group_id, title, time_zone, first_start_local, "
               "duration_minutes, rrule, created_by, created_at_ms) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
               params);
}

Result<std::optional<SeriesRecord>> SqlTransaction::find_series(std::string_view id) {
  static const std::string sql = joined(kSeriesColumns, " WHERE id = $1");
  const std::array<SqlParam, 1> params = {id};
  return read_one("find_series", sql, params, &series_at);
}

Result<void> SqlTransaction::insert_occurrences(const std::vector<OccurrenceRecord>& occurrences) {
  std::vector<SqlParam> params;
  for (std::size_t next = 0; next < occurrences.size();) {
    const std::size_t rows = std::bit_floor(std::min(occurrences.size() - next, kMaxRowsPerInsert));
    params.clear();
    for (const auto& o : std::span(occurrences).subspan(next, rows)) {
      const auto row = key_then<3>({o.id, o.series_id, o.group_id}, occurrence_fields(o));
      params.insert(params.end(), row.begin(), row.end());
    }
    HEARTH_TRY(write("insert_occurrences", insert_occurrences_sql(rows), params));
    next += rows;
  }
  return ok();
}

Result<std::optional<OccurrenceRecord>> SqlTransaction::find_occurrence(std::string_view id) {
  static const std::string sql = joined(kOccurrenceColumns, " WHERE o.id = $1");
  const std::array<SqlParam, 1> params = {id};
  return read_one("find_occurrence", sql, params, &occurrence_at);
}

Result<void> SqlTransaction::update_occurrence(const OccurrenceRecord& o) {
  return change_one("update_occurrence",
                    "UPDATE occurrences SET title = $2, starts_at_ms = $3, ends_at_ms = $4, "
                    "original_starts_at_ms = $5, status = $6, change_reason = $7, "
                    "updated_at_ms = $8 WHERE id = $1 RETURNING id",
                    key_then<1>({o.id}, occurrence_fields(o)));
}

Result<std::vector<OccurrenceRecord>> SqlTransaction::list_occurrences_of_group(
    std::string_view group_id, std::int64_t from_ms, std::int64_t to_ms) {
  static const std::string sql = joined(
      kOccurrenceColumns, " WHERE o.group_id = $1 AND o.starts_at_ms >= $2 AND o.starts_at_ms < $3",
      kOccurrenceOrder);
  const std::array<SqlParam, 3> params = {group_id, from_ms, to_ms};
  return read_all("list_occurrences_of_group", sql, params, &occurrence_at);
}

Result<std::vector<OccurrenceRecord>> SqlTransaction::list_occurrences_of_program(
    std::string_view program_id, std::int64_t from_ms, std::int64_t to_ms) {
  static const std::string sql =
      joined(kOccurrenceColumns,
             " WHERE o.group_id IN (SELECT id FROM groups WHERE program_id = $1) "
             "AND o.starts_at_ms >= $2 AND o.starts_at_ms < $3",
             kOccurrenceOrder);
  const std::array<SqlParam, 3> params = {program_id, from_ms, to_ms};
  return read_all("list_occurrences_of_program", sql, params, &occurrence_at);
}

Result<std::vector<OccurrenceRecord>> SqlTransaction::list_occurrences_of_user(
    std::string_view user_id, std::int64_t from_ms, std::int64_t to_ms) {
  static const std::string sql =
      joined(kOccurrenceColumns, " WHERE o.group_id IN (", kGroupsOfUser,
             ") AND o.starts_at_ms >= $2 AND o.starts_at_ms < $3", kOccurrenceOrder);
  const std::array<SqlParam, 3> params = {user_id, from_ms, to_ms};
  return read_all("list_occurrences_of_user", sql, params, &occurrence_at);
}

Result<std::vector<OccurrenceRecord>> SqlTransaction::list_occurrences_starting(
    std::int64_t from_ms, std::int64_t to_ms) {
  static const std::string sql = joined(
      kOccurrenceColumns, " WHERE o.starts_at_ms >= $1 AND o.starts_at_ms < $2", kOccurrenceOrder);
  const std::array<SqlParam, 2> params = {from_ms, to_ms};
  return read_all("list_occurrences_starting", sql, params, &occurrence_at);
}

Result<std::vector<OccurrenceRecord>> SqlTransaction::list_guest_occurrences_of_user(
    std::string_view user_id, std::int64_t from_ms, std::int64_t to_ms) {
  static const std::string sql =
      joined(kOccurrenceColumns,
             " WHERE o.id IN (SELECT occurrence_id FROM session_guests WHERE user_id = $1) "
             "AND o.starts_at_ms >= $2 AND o.starts_at_ms < $3",
             kOccurrenceOrder);
  const std::array<SqlParam, 3> params = {user_id, from_ms, to_ms};
  return read_all("list_guest_occurrences_of_user", sql, params, &occurrence_at);
}

// --- invited guests ------------------------------------------------------------------------

Result<void> SqlTransaction::put_session_guest(const SessionGuestRecord& g) {
  const std::array<SqlParam, 4> params = {g.occurrence_id, g.user_id, g.invited_by,
                                          g.invited_at_ms};
  return write("put_session_guest",
               "INSERT INTO session_guests (occurrence_id, user_id, invited_by, invited_at_ms) "
               "VALUES ($1, $2, $3, $4)",
               params);
}

Result<bool> SqlTransaction::delete_session_guest(std::string_view occurrence_id,
                                                  std::string_view user_id) {
  const std::array<SqlParam, 2> params = {occurrence_id, user_id};
  return any_row("delete_session_guest",
                 "DELETE FROM session_guests WHERE occurrence_id = $1 AND user_id = $2 "
                 "RETURNING user_id",
                 params);
}

Result<std::vector<SessionGuestRecord>> SqlTransaction::list_session_guests(
    std::string_view occurrence_id) {
  const std::array<SqlParam, 1> params = {occurrence_id};
  return read_all("list_session_guests",
                  "SELECT occurrence_id, user_id, invited_by, invited_at_ms FROM session_guests "
                  "WHERE occurrence_id = $1 ORDER BY invited_at_ms, user_id",
                  params, &session_guest_at);
}

// --- attendance ----------------------------------------------------------------------------

Result<void> SqlTransaction::put_attendance(const AttendanceRecord& a) {
  const std::array<SqlParam, 10> params = {
      a.occurrence_id, a.user_id,       a.status,       a.attended_ms,       a.first_joined_ms,
      a.last_left_ms,  a.open_since_ms, a.corrected_by, a.correction_reason, a.updated_at_ms};
  return write("put_attendance",
               "INSERT INTO attendance (occurrence_id, user_id, status, attended_ms, "
               "first_joined_ms, last_left_ms, open_since_ms, corrected_by, correction_reason, "
               "updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
               "ON CONFLICT (occurrence_id, user_id) DO UPDATE SET status = excluded.status, "
               "attended_ms = excluded.attended_ms, first_joined_ms = excluded.first_joined_ms, "
               "last_left_ms = excluded.last_left_ms, open_since_ms = excluded.open_since_ms, "
               "corrected_by = excluded.corrected_by, "
               "correction_reason = excluded.correction_reason, "
               "updated_at_ms = excluded.updated_at_ms",
               params);
}

Result<std::optional<AttendanceRecord>> SqlTransaction::find_attendance(
    std::string_view occurrence_id, std::string_view user_id) {
  static const std::string sql =
      joined(kAttendanceColumns, " WHERE a.occurrence_id = $1 AND a.user_id = $2");
  const std::array<SqlParam, 2> params = {occurrence_id, user_id};
  return read_one("find_attendance", sql, params, &attendance_at);
}

Result<std::vector<AttendanceRecord>> SqlTransaction::list_attendance_of_occurrence(
    std::string_view occurrence_id) {
  static const std::string sql =
      joined(kAttendanceColumns, " WHERE a.occurrence_id = $1 ORDER BY a.user_id");
  const std::array<SqlParam, 1> params = {occurrence_id};
  return read_all("list_attendance_of_occurrence", sql, params, &attendance_at);
}

Result<std::vector<AttendanceRecord>> SqlTransaction::list_attendance_of_program(
    std::string_view program_id, std::int64_t from_ms, std::int64_t to_ms) {
  static const std::string sql = joined(
      kAttendanceColumns,
      " JOIN occurrences o ON o.id = a.occurrence_id "
      "WHERE o.group_id IN (SELECT id FROM groups WHERE program_id = $1) "
      "AND o.starts_at_ms >= $2 AND o.starts_at_ms < $3 ORDER BY a.occurrence_id, a.user_id");
  const std::array<SqlParam, 3> params = {program_id, from_ms, to_ms};
  return read_all("list_attendance_of_program", sql, params, &attendance_at);
}

Result<std::vector<AttendanceRecord>> SqlTransaction::list_attendance_of_user(
    std::string_view user_id, std::int64_t from_ms, std::int64_t to_ms) {
  static const std::string sql =
      joined(kAttendanceColumns,
             " JOIN occurrences o ON o.id = a.occurrence_id WHERE a.user_id = $1 "
             "AND o.starts_at_ms >= $2 AND o.starts_at_ms < $3 ORDER BY a.occurrence_id");
  const std::array<SqlParam, 3> params = {user_id, from_ms, to_ms};
  return read_all("list_attendance_of_user", sql, params, &attendance_at);
}

// --- notifications -------------------------------------------------------------------------

Result<bool> SqlTransaction::insert_notification(const NotificationRecord& n) {
  const std::array<SqlParam, 9> params = {n.id,        n.user_id,    n.kind, n.occurrence_id,
                                          n.group_id,  n.dedupe_key, n.text, n.created_at_ms,
                                          n.read_at_ms};
  // DO NOTHING rather than a unique-key error: an error would spoil the transaction, and the
  // reminder sweep expects most of its inserts to be repeats.
  return any_row("insert_notification",
                 "INSERT INTO notifications (id, user_id, kind, occurrence_id, group_id, "
                 "dedupe_key, text, created_at_ms, read_at_ms) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                 "ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id",
                 params);
}

Result<std::vector<NotificationRecord>> SqlTransaction::list_notifications(std::string_view user_id,
                                                                           std::int64_t before_ms,
                                                                           std::size_t limit) {
  static const std::string sql = joined(kNotificationColumns,
                                        " WHERE user_id = $1 AND created_at_ms < $2 "
                                        "ORDER BY created_at_ms DESC, id DESC LIMIT $3");
  const auto most = static_cast<std::int64_t>(
      std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max()));
  const std::array<SqlParam, 3> params = {user_id, before_ms, most};
  return read_all("list_notifications", sql, params, &notification_at);
}

Result<std::int64_t> SqlTransaction::count_unread_notifications(std::string_view user_id) {
  const std::array<SqlParam, 1> params = {user_id};
  return read_integer("count_unread_notifications",
                      "SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at_ms = 0",
                      params);
}

Result<bool> SqlTransaction::mark_notification_read(std::string_view user_id, std::string_view id,
                                                    std::int64_t at_ms) {
  const std::array<SqlParam, 3> params = {user_id, id, at_ms};
  return any_row("mark_notification_read",
                 "UPDATE notifications SET read_at_ms = $3 "
                 "WHERE user_id = $1 AND id = $2 AND read_at_ms = 0 RETURNING id",
                 params);
}

Result<std::int64_t> SqlTransaction::mark_all_notifications_read(std::string_view user_id,
                                                                 std::int64_t at_ms) {
  const std::array<SqlParam, 2> params = {user_id, at_ms};
  return row_count("mark_all_notifications_read",
                   "UPDATE notifications SET read_at_ms = $2 "
                   "WHERE user_id = $1 AND read_at_ms = 0 RETURNING id",
                   params);
}

// --- calendar feeds ------------------------------------------------------------------------

Result<void> SqlTransaction::put_calendar_feed(const CalendarFeedRecord& f) {
  const std::array<SqlParam, 3> params = {f.user_id, f.token_digest, f.created_at_ms};
  return write("put_calendar_feed",
               "INSERT INTO calendar_feeds (user_id, token_digest, created_at_ms) "
               "VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE "
               "SET token_digest = excluded.token_digest, created_at_ms = excluded.created_at_ms",
               params);
}

Result<std::optional<CalendarFeedRecord>> SqlTransaction::find_calendar_feed(
    std::string_view user_id) {
  static const std::string sql = joined(kCalendarFeedColumns, " WHERE user_id = $1");
  const std::array<SqlParam, 1> params = {user_id};
  return read_one("find_calendar_feed", sql, params, &calendar_feed_at);
}

Result<std::optional<CalendarFeedRecord>> SqlTransaction::find_calendar_feed_by_digest(
    std::string_view digest) {
  static const std::string sql = joined(kCalendarFeedColumns, " WHERE token_digest = $1");
  const std::array<SqlParam, 1> params = {digest};
  return read_one("find_calendar_feed_by_digest", sql, params, &calendar_feed_at);
}

Result<bool> SqlTransaction::delete_calendar_feed(std::string_view user_id) {
  const std::array<SqlParam, 1> params = {user_id};
  return any_row("delete_calendar_feed",
                 "DELETE FROM calendar_feeds WHERE user_id = $1 RETURNING user_id", params);
}

}  // namespace hearth::store
