#include "domain/schedule/calendar_feed_service.hpp"

#include <algorithm>

#include "crypto/tokens.hpp"
#include "domain/schedule/ical_feed.hpp"

namespace hearth::schedule {
namespace {

Error no_such_feed() {
  return Error::of(Errc::not_found, "no such calendar feed");
}

// SEQUENCE must grow with every change a subscriber should see; the time of the last change
// does, in seconds since 2024 (fits an int until 2092).
int sequence_of(const store::OccurrenceRecord& occ) {
  constexpr std::int64_t kEpoch2024Ms = 1'704'067'200'000;
  if (occ.updated_at_ms <= kEpoch2024Ms) return 0;
  return static_cast<int>((occ.updated_at_ms - kEpoch2024Ms) / 1000);
}

}  // namespace

Result<FeedStatus> CalendarFeedService::status(const identity::Caller& caller) {
  FeedStatus result;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(const auto feed, tx.find_calendar_feed(caller.user_id));
    result = feed ? FeedStatus{true, feed->created_at_ms} : FeedStatus{};
    return ok();
  }));
  return result;
}

Result<NewFeed> CalendarFeedService::create(const identity::Caller& caller) {
  NewFeed result{crypto::random_token(), clock_.now_ms()};
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        return tx.put_calendar_feed(
            {caller.user_id, crypto::token_digest(result.token), result.created_at_ms});
      }));
  return result;
}

Result<void> CalendarFeedService::turn_off(const identity::Caller& caller) {
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(const bool removed, tx.delete_calendar_feed(caller.user_id));
    if (!removed) return no_such_feed();
    return ok();
  });
}

Result<std::string> CalendarFeedService::render(std::string_view token, std::string_view site) {
  if (!crypto::looks_like_token(token)) return no_such_feed();
  const std::int64_t now = clock_.now_ms();
  std::vector<FeedEvent> events;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    events.clear();
    HEARTH_TRY_ASSIGN(const auto feed,
                      tx.find_calendar_feed_by_digest(crypto::token_digest(token)));
    if (!feed) return no_such_feed();
    HEARTH_TRY_ASSIGN(const auto user, tx.find_user(feed->user_id));
    if (!user || user->status != "active") return no_such_feed();
    HEARTH_TRY_ASSIGN(auto occurrences, tx.list_occurrences_of_user(user->id, now - kFeedPastMs,
                                                                    now + kFeedFutureMs));
    // Sessions they are invited to as a guest too, each once.
    HEARTH_TRY_ASSIGN(auto as_guest, tx.list_guest_occurrences_of_user(user->id, now - kFeedPastMs,
                                                                       now + kFeedFutureMs));
    for (auto& occ : as_guest) {
      const bool listed = std::any_of(occurrences.begin(), occurrences.end(),
                                      [&](const auto& o) { return o.id == occ.id; });
      if (!listed) occurrences.push_back(std::move(occ));
    }
    for (const auto& occ : occurrences) {
      events.push_back({occ.id + "@hearth", occ.title, occ.starts_at_ms, occ.ends_at_ms,
                        occ.status == "cancelled", sequence_of(occ), occ.updated_at_ms,
                        std::string(site) + "/sessions/" + occ.id});
    }
    return ok();
  }));
  return render_calendar("Hearth sessions", events, now);
}

}  // namespace hearth::schedule
