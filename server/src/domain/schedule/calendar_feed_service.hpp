// CalendarFeedService: each person's private iCalendar feed, which calendar apps subscribe to.
//
// The URL holds a 256-bit random token; only its SHA-256 is stored, so the URL is shown once, when
// made. Making a new one replaces the old, which stops working at once (rotation), and it can be
// turned off. The feed carries session titles (chosen by staff), times and links, nothing else —
// no group names, no one else's names — because calendar apps sync it to other companies' servers.
//
// Methods block on the store: run them through BlockingPool. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/identity/identity.hpp"
#include "store/store.hpp"

namespace hearth::schedule {

struct FeedStatus {
  bool active = false;
  std::int64_t created_at_ms = 0;
};

struct NewFeed {
  std::string token;  // goes into the URL; not kept
  std::int64_t created_at_ms = 0;
};

// How much of the calendar a feed covers.
inline constexpr std::int64_t kFeedPastMs = 30LL * 24 * 60 * 60 * 1000;
inline constexpr std::int64_t kFeedFutureMs = 180LL * 24 * 60 * 60 * 1000;

class CalendarFeedService {
 public:
  CalendarFeedService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<FeedStatus> status(const identity::Caller& caller);
  Result<NewFeed> create(const identity::Caller& caller);
  Result<void> turn_off(const identity::Caller& caller);
  // The feed for a token, as text/calendar; not_found for an unknown or replaced token. Links
  // point at `site` ("https://hearth.example.org").
  Result<std::string> render(std::string_view token, std::string_view site);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace hearth::schedule
