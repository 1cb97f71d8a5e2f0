// ChatService::search (chat_service.hpp): the rooms the caller may read, the words of the query
// (search_terms.hpp), and pages through the store's full-text index newest first; and
// ChatService::index_for_search, which keeps SQLite's index up with the messages.
#include <cstdint>
#include <string>
#include <string_view>

#include "base/ids.hpp"
#include "domain/chat/chat_service.hpp"
#include "domain/chat/search_terms.hpp"

namespace hearth::chat {

namespace {

// A search cursor is the last hit shown, "<created_at_ms>.<id>": opaque to clients, and holding
// nothing they could not see already.
std::string search_cursor(const store::ChatMessageRecord& last) {
  return std::to_string(last.created_at_ms) + "." + last.id;
}

Result<void> read_search_cursor(std::string_view cursor, store::ChatSearchQuery& query) {
  if (cursor.empty()) return ok();
  const auto bad =
      Error::of(Errc::invalid_argument, "cursor is not one this server gave out", "cursor");
  const auto dot = cursor.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 15) return bad;
  std::int64_t ms = 0;
  for (const char c : cursor.substr(0, dot)) {
    if (c < '0' || c > '9') return bad;
    ms = ms * 10 + (c - '0');
  }
  const auto id = cursor.substr(dot + 1);
  if (!is_valid_id(id)) return bad;
  query.before_ms = ms;
  query.before_id = std::string(id);
  return ok();
}

}  // namespace

Result<SearchPage> ChatService::search(const identity::Caller& caller, std::string_view query,
                                       std::string_view room_id, std::string_view cursor,
                                       std::size_t limit) {
  if (limit < 1 || limit > kMaxSearchPage) {
    return Error::of(Errc::invalid_argument, "limit must be from 1 to 50", "limit");
  }
  store::ChatSearchQuery search{.limit = limit + 1};  // one more tells whether there are more
  HEARTH_TRY_ASSIGN(search.terms, search_terms(query));
  HEARTH_TRY(read_search_cursor(cursor, search));
  if (!room_id.empty()) {
    HEARTH_TRY_ASSIGN(auto room, room_for(caller, room_id));
    search.room_ids.push_back(std::move(room.id));
  } else {
    HEARTH_TRY_ASSIGN(auto rooms, rooms_of(caller));
    for (auto& room : rooms) search.room_ids.push_back(std::move(room.record.id));
  }
  SearchPage page;
  if (search.room_ids.empty()) return page;
  HEARTH_TRY(index_for_search());
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(page.messages, tx.search_chat_messages(search));
    return ok();
  }));
  if (page.messages.size() > limit) {
    page.messages.resize(limit);
    page.next_cursor = search_cursor(page.messages.back());
  }
  return page;
}

Result<std::size_t> ChatService::index_for_search() {
  if (!store_.indexes_search_in_batches()) return std::size_t{0};
  std::size_t added = 0;
  for (;;) {
    std::size_t taken = 0;
    HEARTH_TRY(store_.transact_grouped([&](store::Transaction& tx) -> Result<void> {
      HEARTH_TRY_ASSIGN(taken, tx.index_chat_search(kSearchIndexBatch));
      return ok();
    }));
    added += taken;
    if (taken < kSearchIndexBatch) return added;
  }
}

}  // namespace hearth::chat
