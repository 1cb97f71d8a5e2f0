#include "domain/notification/notifications.hpp"

#include <iterator>
#include <map>

#include "base/ids.hpp"
#include "domain/schedule/notice_text.hpp"
#include "domain/schedule/roster.hpp"

namespace hearth::notification {

Result<bool> notify(store::Transaction& tx, const Notice& notice, std::int64_t now_ms) {
  store::NotificationRecord n;
  n.id = new_id();
  n.user_id = notice.user_id;
  n.kind = notice.kind;
  n.occurrence_id = notice.occurrence_id;
  n.group_id = notice.group_id;
  n.dedupe_key = notice.dedupe_key.empty() ? n.id : notice.dedupe_key;
  n.text = notice.text;
  n.created_at_ms = now_ms;
  return tx.insert_notification(n);
}

Result<Page> NotificationService::list(const identity::Caller& caller, std::int64_t before_ms,
                                       std::size_t limit) {
  if (!caller.signed_in()) return Error::of(Errc::unauthenticated, "sign in first");
  Page page;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(page.notifications, tx.list_notifications(caller.user_id, before_ms, limit));
    HEARTH_TRY_ASSIGN(page.unread, tx.count_unread_notifications(caller.user_id));
    return ok();
  }));
  return page;
}

Result<std::int64_t> NotificationService::unread_count(const identity::Caller& caller) {
  if (!caller.signed_in()) return Error::of(Errc::unauthenticated, "sign in first");
  std::int64_t unread = 0;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(unread, tx.count_unread_notifications(caller.user_id));
    return ok();
  }));
  return unread;
}

Result<void> NotificationService::mark_read(const identity::Caller& caller, std::string_view id) {
  if (!is_valid_id(id)) return Error::of(Errc::not_found, "no such unread notification");
  bool marked = false;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(marked, tx.mark_notification_read(caller.user_id, id, clock_.now_ms()));
        return ok();
      }));
  if (!marked) return Error::of(Errc::not_found, "no such unread notification");
  return ok();
}

Result<std::int64_t> NotificationService::mark_all_read(const identity::Caller& caller) {
  std::int64_t marked = 0;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(marked, tx.mark_all_notifications_read(caller.user_id, clock_.now_ms()));
        return ok();
      }));
  return marked;
}

Result<std::int64_t> NotificationService::sweep_reminders() {
  const std::int64_t now = clock_.now_ms();
  std::int64_t made = 0;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        made = 0;
        HEARTH_TRY_ASSIGN(const auto upcoming,
                          tx.list_occurrences_starting(now, now + kDayReminderMs));
        std::map<std::string, store::GroupRecord> groups;
        for (const auto& occ : upcoming) {
          if (occ.status != "scheduled") continue;
          if (!groups.contains(occ.group_id)) {
            HEARTH_TRY_ASSIGN(auto group, tx.find_group(occ.group_id));
            if (!group) continue;
            groups.emplace(occ.group_id, std::move(*group));
          }
          const auto& group = groups.at(occ.group_id);
          const bool soon = occ.starts_at_ms - now <= kSoonReminderMs;
          const std::string kind = soon ? "reminder_15m" : "reminder_24h";
          // The start time is part of the key: a moved session is reminded of afresh.
          const std::string key = kind + ":" + occ.id + ":" + std::to_string(occ.starts_at_ms);
          HEARTH_TRY_ASSIGN(auto people, schedule::people_of_session(tx, group));
          HEARTH_TRY_ASSIGN(auto guests, schedule::guests_of_session(tx, occ.id));
          people.insert(people.end(), std::make_move_iterator(guests.begin()),
                        std::make_move_iterator(guests.end()));
          for (const auto& person : people) {
            Notice notice{person.id, kind,     schedule::reminder_text(occ, soon, person.time_zone),
                          occ.id,    group.id, key};
            HEARTH_TRY_ASSIGN(const bool added, notify(tx, notice, now));
            made += added ? 1 : 0;
          }
        }
        return ok();
      }));
  return made;
}

}  // namespace hearth::notification
