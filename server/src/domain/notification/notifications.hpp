// In-app notifications: what the schedule tells people (a seat came free, a session was moved or
// cancelled, a session starts in 24 hours or 15 minutes), and the notification centre that lists
// them. Texts carry the staff-chosen titles of groups and sessions and times, never anything about
// a person's health, because they also reach lock screens once email and push arrive.
//
// notify() runs inside the caller's transaction, so a notification exists exactly when the change
// it announces committed. Methods of NotificationService block on the store: run them through
// BlockingPool. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/identity/identity.hpp"
#include "store/store.hpp"

namespace hearth::notification {

struct Notice {
  std::string user_id;
  std::string kind;
  std::string text;
  std::string occurrence_id;
  std::string group_id;
  std::string dedupe_key;  // "" for a fresh one each time
};

// Adds the notice unless the user already has one with the same dedupe_key.
Result<bool> notify(store::Transaction& tx, const Notice& notice, std::int64_t now_ms);

struct Page {
  std::vector<store::NotificationRecord> notifications;
  std::int64_t unread = 0;
};

// How far ahead reminders go out, and the windows the sweep looks at.
inline constexpr std::int64_t kDayReminderMs = 24LL * 60 * 60 * 1000;
inline constexpr std::int64_t kSoonReminderMs = 15LL * 60 * 1000;

class NotificationService {
 public:
  NotificationService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<Page> list(const identity::Caller& caller, std::int64_t before_ms, std::size_t limit);
  Result<std::int64_t> unread_count(const identity::Caller& caller);
  Result<void> mark_read(const identity::Caller& caller, std::string_view id);
  Result<std::int64_t> mark_all_read(const identity::Caller& caller);

  // Makes the 24-hour and 15-minute reminders due now for every session that has not started,
  // for its members and facilitators; returns how many it made. Safe to run as often as wanted
  // and on several nodes at once: each reminder is made once per session and start time.
  Result<std::int64_t> sweep_reminders();

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace hearth::notification
