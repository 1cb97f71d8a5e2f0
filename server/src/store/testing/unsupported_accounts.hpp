// UnsupportedAccounts: a Transaction base for in-memory fakes in unit tests of one area. It
// answers every method with Errc::internal except the six a program fake implements itself
// (insert_program, find_program, find_program_by_slug, list_programs, insert_group, list_groups),
// so a fake implements only what its test uses and fails loudly if the code under test reaches
// for anything else.
#pragma once

#include <string>

#include "store/store.hpp"

namespace hearth::store::testing {

class UnsupportedAccounts : public Transaction {
 public:
  Result<void> set_program_idle_timeout(std::string_view, int) override {
    return unsupported("set_program_idle_timeout");
  }
  Result<void> update_program(const ProgramRecord&) override {
    return unsupported("update_program");
  }
  Result<std::optional<GroupRecord>> find_group(std::string_view) override {
    return unsupported("find_group");
  }
  Result<void> update_group(const GroupRecord&) override { return unsupported("update_group"); }

  Result<void> insert_group_member(const GroupMemberRecord&) override {
    return unsupported("insert_group_member");
  }
  Result<void> update_group_member(const GroupMemberRecord&) override {
    return unsupported("update_group_member");
  }
  Result<bool> delete_group_member(std::string_view, std::string_view) override {
    return unsupported("delete_group_member");
  }
  Result<std::optional<GroupMemberRecord>> find_group_member(std::string_view,
                                                             std::string_view) override {
    return unsupported("find_group_member");
  }
  Result<std::vector<GroupMemberRecord>> list_group_members(std::string_view) override {
    return unsupported("list_group_members");
  }
  Result<std::vector<GroupMemberRecord>> list_places_of_user(std::string_view) override {
    return unsupported("list_places_of_user");
  }
  Result<std::int64_t> count_group_seats_taken(std::string_view) override {
    return unsupported("count_group_seats_taken");
  }
  Result<void> update_membership(const MembershipRecord&) override {
    return unsupported("update_membership");
  }
  Result<std::optional<MembershipRecord>> find_membership(std::string_view,
                                                          std::string_view) override {
    return unsupported("find_membership");
  }
  Result<std::vector<MembershipRecord>> list_memberships_of_program(std::string_view) override {
    return unsupported("list_memberships_of_program");
  }

  Result<void> insert_series(const SeriesRecord&) override { return unsupported("insert_series"); }
  Result<std::optional<SeriesRecord>> find_series(std::string_view) override {
    return unsupported("find_series");
  }
  Result<void> insert_occurrences(const std::vector<OccurrenceRecord>&) override {
    return unsupported("insert_occurrences");
  }
  Result<std::optional<OccurrenceRecord>> find_occurrence(std::string_view) override {
    return unsupported("find_occurrence");
  }
  Result<void> update_occurrence(const OccurrenceRecord&) override {
    return unsupported("update_occurrence");
  }
  Result<std::vector<OccurrenceRecord>> list_occurrences_of_group(std::string_view, std::int64_t,
                                                                  std::int64_t) override {
    return unsupported("list_occurrences_of_group");
  }
  Result<std::vector<OccurrenceRecord>> list_occurrences_of_program(std::string_view, std::int64_t,
                                                                    std::int64_t) override {
    return unsupported("list_occurrences_of_program");
  }
  Result<std::vector<OccurrenceRecord>> list_guest_occurrences_of_user(std::string_view,
                                                                       std::int64_t,
                                                                       std::int64_t) override {
    return unsupported("list_guest_occurrences_of_user");
  }
  Result<void> put_session_guest(const SessionGuestRecord&) override {
    return unsupported("put_session_guest");
  }
  Result<bool> delete_session_guest(std::string_view, std::string_view) override {
    return unsupported("delete_session_guest");
  }
  Result<std::vector<SessionGuestRecord>> list_session_guests(std::string_view) override {
    return unsupported("list_session_guests");
  }
  Result<std::vector<OccurrenceRecord>> list_occurrences_of_user(std::string_view, std::int64_t,
                                                                 std::int64_t) override {
    return unsupported("list_occurrences_of_user");
  }
  Result<std::vector<OccurrenceRecord>> list_occurrences_starting(std::int64_t,
                                                                  std::int64_t) override {
    return unsupported("list_occurrences_starting");
  }

  Result<void> put_attendance(const AttendanceRecord&) override {
    return unsupported("put_attendance");
  }
  Result<std::optional<AttendanceRecord>> find_attendance(std::string_view,
                                                          std::string_view) override {
    return unsupported("find_attendance");
  }
  Result<std::vector<AttendanceRecord>> list_attendance_of_occurrence(std::string_view) override {
    return unsupported("list_attendance_of_occurrence");
  }
  Result<std::vector<AttendanceRecord>> list_attendance_of_program(std::string_view, std::int64_t,
                                                                   std::int64_t) override {
    return unsupported("list_attendance_of_program");
  }
  Result<std::vector<AttendanceRecord>> list_attendance_of_user(std::string_view, std::int64_t,
                                                                std::int64_t) override {
    return unsupported("list_attendance_of_user");
  }

  Result<bool> insert_notification(const NotificationRecord&) override {
    return unsupported("insert_notification");
  }
  Result<std::vector<NotificationRecord>> list_notifications(std::string_view, std::int64_t,
                                                             std::size_t) override {
    return unsupported("list_notifications");
  }
  Result<std::int64_t> count_unread_notifications(std::string_view) override {
    return unsupported("count_unread_notifications");
  }
  Result<bool> mark_notification_read(std::string_view, std::string_view, std::int64_t) override {
    return unsupported("mark_notification_read");
  }
  Result<std::int64_t> mark_all_notifications_read(std::string_view, std::int64_t) override {
    return unsupported("mark_all_notifications_read");
  }
  Result<void> put_calendar_feed(const CalendarFeedRecord&) override {
    return unsupported("put_calendar_feed");
  }
  Result<std::optional<CalendarFeedRecord>> find_calendar_feed(std::string_view) override {
    return unsupported("find_calendar_feed");
  }
  Result<std::optional<CalendarFeedRecord>> find_calendar_feed_by_digest(
      std::string_view) override {
    return unsupported("find_calendar_feed_by_digest");
  }
  Result<bool> delete_calendar_feed(std::string_view) override {
    return unsupported("delete_calendar_feed");
  }

  Result<void> insert_user(const UserRecord&) override { return unsupported("insert_user"); }
  Result<void> update_user(const UserRecord&) override { return unsupported("update_user"); }
  Result<std::optional<UserRecord>> find_user(std::string_view) override {
    return unsupported("find_user");
  }
  Result<std::optional<UserRecord>> find_user_by_email(std::string_view) override {
    return unsupported("find_user_by_email");
  }
  Result<std::vector<UserRecord>> list_users() override { return unsupported("list_users"); }
  Result<std::vector<PersonNameRecord>> list_people_of_program(std::string_view) override {
    return unsupported("list_people_of_program");
  }
  Result<void> insert_membership(const MembershipRecord&) override {
    return unsupported("insert_membership");
  }
  Result<std::vector<MembershipRecord>> list_memberships_of_user(std::string_view) override {
    return unsupported("list_memberships_of_user");
  }
  Result<std::vector<MembershipRecord>> list_memberships() override {
    return unsupported("list_memberships");
  }
  Result<void> insert_invite(const InviteRecord&) override { return unsupported("insert_invite"); }
  Result<void> update_invite(const InviteRecord&) override { return unsupported("update_invite"); }
  Result<std::optional<InviteRecord>> find_invite(std::string_view) override {
    return unsupported("find_invite");
  }
  Result<std::optional<InviteRecord>> find_invite_by_digest(std::string_view) override {
    return unsupported("find_invite_by_digest");
  }
  Result<std::vector<InviteRecord>> list_invites(std::string_view) override {
    return unsupported("list_invites");
  }
  Result<void> insert_session(const SessionRecord&) override {
    return unsupported("insert_session");
  }
  Result<void> update_session(const SessionRecord&) override {
    return unsupported("update_session");
  }
  Result<bool> touch_session(std::string_view, std::int64_t) override {
    return unsupported("touch_session");
  }
  Result<std::optional<SessionRecord>> find_session(std::string_view) override {
    return unsupported("find_session");
  }
  Result<std::optional<SessionRecord>> find_session_by_digest(std::string_view) override {
    return unsupported("find_session_by_digest");
  }
  Result<std::vector<SessionRecord>> list_open_sessions(std::string_view) override {
    return unsupported("list_open_sessions");
  }
  Result<std::int64_t> end_sessions_of_user(std::string_view, std::string_view, std::int64_t,
                                            std::string_view) override {
    return unsupported("end_sessions_of_user");
  }
  Result<void> replace_recovery_codes(std::string_view, const std::vector<std::string>&,
                                      std::int64_t) override {
    return unsupported("replace_recovery_codes");
  }
  Result<bool> use_recovery_code(std::string_view, std::string_view, std::int64_t) override {
    return unsupported("use_recovery_code");
  }
  Result<std::optional<ThrottleRecord>> find_throttle(std::string_view) override {
    return unsupported("find_throttle");
  }
  Result<void> put_throttle(const ThrottleRecord&) override { return unsupported("put_throttle"); }
  Result<void> clear_throttle(std::string_view) override { return unsupported("clear_throttle"); }
  Result<void> insert_grant(const GrantRecord&) override { return unsupported("insert_grant"); }
  Result<void> update_grant(const GrantRecord&) override { return unsupported("update_grant"); }
  Result<std::optional<GrantRecord>> find_grant(std::string_view) override {
    return unsupported("find_grant");
  }
  Result<std::vector<GrantRecord>> list_grants() override { return unsupported("list_grants"); }
  Result<std::optional<std::string>> find_setting(std::string_view) override {
    return unsupported("find_setting");
  }
  Result<void> put_setting(std::string_view, std::string_view) override {
    return unsupported("put_setting");
  }
  Result<AuditRecord> append_audit(AuditRecord,
                                   const std::function<std::string(const AuditRecord&)>&) override {
    return unsupported("append_audit");
  }
  Result<std::vector<AuditRecord>> list_audit(const AuditQuery&) override {
    return unsupported("list_audit");
  }

  Result<std::int64_t> audit_length() override { return unsupported("audit_length"); }

  Result<ChatRoomRecord> ensure_chat_room(const ChatRoomRecord&) override {
    return unsupported("ensure_chat_room");
  }
  Result<std::optional<ChatRoomRecord>> find_chat_room(std::string_view) override {
    return unsupported("find_chat_room");
  }
  Result<std::int64_t> take_chat_seq(std::string_view) override {
    return unsupported("take_chat_seq");
  }
  Result<void> insert_chat_message(const ChatMessageRecord&) override {
    return unsupported("insert_chat_message");
  }
  Result<std::optional<ChatMessageRecord>> find_chat_message_by_client_id(
      std::string_view, std::string_view, std::string_view) override {
    return unsupported("find_chat_message_by_client_id");
  }
  Result<std::vector<ChatMessageRecord>> list_chat_messages(const ChatMessageQuery&) override {
    return unsupported("list_chat_messages");
  }
  Result<std::vector<ChatMessageRecord>> search_chat_messages(const ChatSearchQuery&) override {
    return unsupported("search_chat_messages");
  }
  Result<std::size_t> index_chat_search(std::size_t) override {
    return unsupported("index_chat_search");
  }
  Result<void> insert_chat_room_member(std::string_view, std::string_view, std::int64_t) override {
    return unsupported("insert_chat_room_member");
  }
  Result<std::vector<ChatRoomMember>> list_chat_room_members(std::string_view) override {
    return unsupported("list_chat_room_members");
  }
  Result<std::vector<ChatRoomRecord>> list_private_chat_rooms(std::string_view) override {
    return unsupported("list_private_chat_rooms");
  }
  Result<std::int64_t> advance_chat_read_position(std::string_view, std::string_view, std::int64_t,
                                                  std::int64_t) override {
    return unsupported("advance_chat_read_position");
  }
  Result<std::vector<ChatReadPosition>> list_chat_read_positions(std::string_view) override {
    return unsupported("list_chat_read_positions");
  }
  Result<std::optional<ChatMessageRecord>> find_chat_message(std::string_view) override {
    return unsupported("find_chat_message");
  }
  Result<std::int64_t> take_chat_change_seq(std::string_view) override {
    return unsupported("take_chat_change_seq");
  }
  Result<void> update_chat_message(const ChatMessageRecord&) override {
    return unsupported("update_chat_message");
  }
  Result<void> insert_chat_message_version(const ChatMessageVersion&) override {
    return unsupported("insert_chat_message_version");
  }
  Result<std::vector<ChatMessageVersion>> list_chat_message_versions(std::string_view) override {
    return unsupported("list_chat_message_versions");
  }
  Result<std::vector<ChatMessageRecord>> list_changed_chat_messages(std::string_view, std::int64_t,
                                                                    std::size_t) override {
    return unsupported("list_changed_chat_messages");
  }
  Result<bool> has_safety_alert(std::string_view) override {
    return unsupported("has_safety_alert");
  }
  Result<void> insert_safety_alert(const SafetyAlertRecord&) override {
    return unsupported("insert_safety_alert");
  }
  Result<std::optional<SafetyAlertRecord>> find_safety_alert(std::string_view) override {
    return unsupported("find_safety_alert");
  }
  Result<std::vector<SafetyAlertRecord>> list_safety_alerts(std::string_view, bool,
                                                            std::size_t) override {
    return unsupported("list_safety_alerts");
  }
  Result<bool> acknowledge_safety_alert(std::string_view, std::string_view, std::int64_t) override {
    return unsupported("acknowledge_safety_alert");
  }
  Result<bool> insert_chat_report(const ChatReportRecord&) override {
    return unsupported("insert_chat_report");
  }
  Result<std::optional<ChatReportRecord>> find_chat_report(std::string_view) override {
    return unsupported("find_chat_report");
  }
  Result<std::optional<ChatReportRecord>> find_chat_report_by_reporter(std::string_view,
                                                                       std::string_view) override {
    return unsupported("find_chat_report_by_reporter");
  }
  Result<std::vector<ChatReportRecord>> list_chat_reports(std::string_view, bool,
                                                          std::size_t) override {
    return unsupported("list_chat_reports");
  }
  Result<std::int64_t> decide_chat_reports(std::string_view, std::string_view, std::string_view,
                                           std::int64_t) override {
    return unsupported("decide_chat_reports");
  }
  Result<void> put_chat_restriction(const ChatRestrictionRecord&) override {
    return unsupported("put_chat_restriction");
  }
  Result<std::optional<ChatRestrictionRecord>> find_chat_restriction(std::string_view,
                                                                     std::string_view) override {
    return unsupported("find_chat_restriction");
  }
  Result<bool> delete_chat_restriction(std::string_view, std::string_view) override {
    return unsupported("delete_chat_restriction");
  }
  Result<std::vector<ChatRestrictionRecord>> list_chat_restrictions(std::string_view) override {
    return unsupported("list_chat_restrictions");
  }
  Result<std::vector<ChatRestrictionRecord>> list_chat_restrictions_of_user(
      std::string_view) override {
    return unsupported("list_chat_restrictions_of_user");
  }
  Result<void> put_chat_mentions(const ChatMessageRecord&) override {
    return unsupported("put_chat_mentions");
  }
  Result<std::vector<std::pair<std::string, std::int64_t>>> count_unread_chat_mentions(
      std::string_view) override {
    return unsupported("count_unread_chat_mentions");
  }
  Result<std::vector<ChatMessageRecord>> list_chat_thread(std::string_view, std::int64_t,
                                                          std::size_t) override {
    return unsupported("list_chat_thread");
  }
  Result<void> insert_chat_file(const ChatFileRecord&, std::string_view) override {
    return unsupported("insert_chat_file");
  }
  Result<std::optional<ChatFileRecord>> find_chat_file(std::string_view) override {
    return unsupported("find_chat_file");
  }
  Result<std::string> chat_file_content(std::string_view) override {
    return unsupported("chat_file_content");
  }
  Result<bool> attach_chat_file(std::string_view, std::string_view) override {
    return unsupported("attach_chat_file");
  }
  Result<std::int64_t> delete_unsent_chat_files(std::int64_t) override {
    return unsupported("delete_unsent_chat_files");
  }
  Result<std::vector<CrisisResourceRecord>> list_crisis_resources(std::string_view) override {
    return unsupported("list_crisis_resources");
  }
  Result<void> replace_crisis_resources(std::string_view,
                                        const std::vector<CrisisResourceRecord>&) override {
    return unsupported("replace_crisis_resources");
  }

 private:
  static Error unsupported(std::string_view method) {
    return Error::of(Errc::internal, std::string(method) + " is not supported by this fake");
  }
};

}  // namespace hearth::store::testing
