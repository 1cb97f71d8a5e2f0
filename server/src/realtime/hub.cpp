#include "realtime/hub.hpp"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>
#include <functional>
#include <utility>

#include "base/timestamps.hpp"
#include "domain/chat/conversation_policy.hpp"
#include "realtime/live_sessions.hpp"
#include "realtime/protocol.hpp"
#include "realtime/request_fields.hpp"

namespace hearth::realtime {
namespace {

// An edit, deletion, hiding or unhiding as the hub tells it: the event only when something
// changed. The event is serialised once for the whole room, so it carries the message as every
// member may see it (a hidden one without its text); the ack carries the caller's own view.
Result<Hub::Told> told_change(Result<chat::Changed> changed) {
  if (!changed) return std::move(changed).error();
  auto event =
      changed->changed ? message_changed_frame(chat::seen_by_room(changed->message)) : nullptr;
  return Hub::Told{std::move(event), std::move(changed->message), std::move(changed->alert),
                   nullptr, std::move(changed->mentioned)};
}

// A list of strings of at most `most`, or nullopt (absent: an empty list).
std::optional<std::vector<std::string>> strings_field(const nlohmann::json& request,
                                                      std::string_view field, std::size_t most) {
  const auto found = request.find(field);
  if (found == request.end()) return std::vector<std::string>{};
  if (!found->is_array() || found->size() > most) return std::nullopt;
  std::vector<std::string> values;
  for (const auto& value : *found) {
    if (!value.is_string()) return std::nullopt;
    values.push_back(value.get<std::string>());
  }
  return values;
}

}  // namespace

std::optional<Hub::MessageTarget> Hub::message_of(const std::shared_ptr<Peer>& peer,
                                                  const nlohmann::json& id,
                                                  const nlohmann::json& request) {
  auto room_id = string_field(request, "room_id");
  auto message_id = string_field(request, "message_id");
  if (!room_id) {
    peer->send(missing_field(id, "room_id", "room_id must be a string"));
    return std::nullopt;
  }
  if (!message_id) {
    peer->send(missing_field(id, "message_id", "message_id must be a string"));
    return std::nullopt;
  }
  return MessageTarget{std::move(*room_id), std::move(*message_id)};
}

// The requests run on the blocking pool, and the limit each counts against (HubLimits).
// `ping` and `typing` are answered on the connection's strand (on_text), and `session.*` go to
// LiveSessions.
const Hub::Route Hub::kRoutes[] = {
    {"rooms.list", &Hub::list_rooms, Budget::reads},
    {"message.send", &Hub::send_message, Budget::writes},
    {"history", &Hub::send_history, Budget::reads},
    {"resume", &Hub::resume, Budget::reads},
    {"read.mark", &Hub::mark_read, Budget::reads},
    {"message.edit", &Hub::edit_message, Budget::writes},
    {"message.delete", &Hub::delete_message, Budget::writes},
    {"message.versions", &Hub::send_versions, Budget::reads},
    {"message.hide", &Hub::hide_message, Budget::writes},
    {"message.unhide", &Hub::unhide_message, Budget::writes},
    {"message.get", &Hub::send_message_view, Budget::reads},
    {"message.report", &Hub::report_message, Budget::writes},
    {"member.mute", &Hub::restrict_member, Budget::writes},
    {"member.remove", &Hub::restrict_member, Budget::writes},
    {"member.restore", &Hub::restore_member, Budget::writes},
    {"room.restrictions", &Hub::send_restrictions, Budget::reads},
    {"private.start", &Hub::start_private, Budget::writes},
    {"people.reachable", &Hub::send_reachable, Budget::reads},
    {"search", &Hub::send_search, Budget::reads},
    {"reaction.add", &Hub::react, Budget::writes},
    {"reaction.remove", &Hub::react, Budget::writes},
    {"thread.get", &Hub::send_thread, Budget::reads},
    {"room.people", &Hub::send_room_people, Budget::reads},
    // On the pool although it needs no store, as every request but ping and typing: those two
    // stay on the strand because they are the cheapest and most frequent.
    {"presence.set", &Hub::set_presence, Budget::presence},
};

std::vector<std::string_view> Hub::request_types() {
  std::vector<std::string_view> types = {"ping", "typing"};
  for (const auto& route : kRoutes) types.push_back(route.type);
  return types;
}

void Hub::on_text(const std::shared_ptr<Peer>& socket, std::string message) {
  const auto [carried, owner] = carried_by(socket->id());
  if (!carried) return;  // closed meanwhile, or never let in
  // Everything goes back through the connection, numbered.
  const std::shared_ptr<Peer> peer = carried;
  // Invalid UTF-8 fails here too: JSON text is UTF-8 (RFC 8259 section 8.1).
  auto value = nlohmann::json::parse(message, nullptr, false);
  if (value.is_discarded() || !value.is_object()) {
    peer->send(error_frame(nullptr, "malformed", "each message must be a JSON object"));
    return;
  }
  const nlohmann::json id = request_id(value);
  const auto type = string_field(value, "type");
  if (!type) {
    peer->send(error_frame(id, "malformed", "type must be a string"));
    return;
  }
  if (*type == "ping") {
    peer->send(pong_frame(id));
    return;
  }
  // Typing touches only the hub's memory and tells only others: answered here, on the
  // connection's strand, at no cost to any limit (the relay is throttled instead).
  if (*type == "typing") {
    relay_typing(peer, owner->caller, id, value);
    return;
  }
  // Live sessions: their own limits and threads (realtime/live_sessions.hpp).
  if (live_ != nullptr && type->starts_with("session.")) {
    live_->on_request(peer, owner->caller, id, *type, std::move(value));
    return;
  }
  const auto route = std::ranges::find(kRoutes, *type, &Route::type);
  if (route == std::end(kRoutes)) {
    peer->send(error_frame(id, "unknown_type", "this message type is not supported"));
    return;
  }
  auto& limiter = route->budget == Budget::writes     ? messages_
                  : route->budget == Budget::presence ? presence_changes_
                                                      : reads_;
  const auto wait = limiter.take(owner->caller.user_id, now_());
  if (wait.count() > 0) {
    peer->send(rate_limited_frame(id, wait));
    return;
  }
  // The caller as of the last session check, so that a changed role counts from then on.
  run_blocking_(
      [this, peer, owner, id, handler = route->handler, type = *type, request = std::move(value)] {
        // An exception must not leave the pool's thread (it would end the process): the request
        // fails alone, and the log names its type, never its content.
        try {
          (this->*handler)(peer, owner->caller, id, request);
        } catch (const std::exception&) {
          spdlog::error("event=realtime_request_failed type={}", type);
          peer->send(error_frame(id, "internal", "something went wrong on the server"));
        }
      });
}

void Hub::list_rooms(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                     const nlohmann::json& id, const nlohmann::json&) {
  auto rooms = chat_.rooms_of(caller);
  if (!rooms) {
    peer->send(error_frame(id, rooms.error()));
    return;
  }
  nlohmann::json listed = nlohmann::json::array();
  std::vector<std::string> room_ids;
  for (const auto& room : *rooms) {
    listed.push_back(room_json(room));
    room_ids.push_back(room.record.id);
  }
  // Sent under the presence lock: no presence_changed of a later moment overtakes the answer.
  std::lock_guard presence(presence_mutex_);
  subscribe(peer->id(), room_ids);
  peer->send(ack_frame(id, {{"rooms", std::move(listed)}, {"presence", presence_in(room_ids)}}));
}

void Hub::send_message(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                       const nlohmann::json& id, const nlohmann::json& request) {
  const auto room_id = string_field(request, "room_id");
  const auto client_message_id = string_field(request, "client_message_id");
  const auto text = string_field(request, "text");
  if (!room_id) return peer->send(missing_field(id, "room_id", "room_id must be a string"));
  if (!client_message_id) {
    return peer->send(missing_field(id, "client_message_id", "client_message_id must be a string"));
  }
  if (!text) return peer->send(missing_field(id, "text", "text must be a string"));
  chat::MessageExtras extras;
  if (request.contains("thread_root_id")) {
    const auto root = string_field(request, "thread_root_id");
    if (!root) {
      return peer->send(missing_field(id, "thread_root_id", "thread_root_id must be a string"));
    }
    extras.thread_root_id = *root;
  }
  auto mentions = strings_field(request, "mentions", chat::kMaxMentions);
  if (!mentions) {
    return peer->send(missing_field(id, "mentions", "mentions must list at most 20 user ids"));
  }
  auto file_ids = strings_field(request, "file_ids", chat::kMaxFilesPerMessage);
  if (!file_ids) {
    return peer->send(missing_field(id, "file_ids", "file_ids must list at most 4 file ids"));
  }
  extras.mentions = std::move(*mentions);
  extras.file_ids = std::move(*file_ids);
  store_and_tell(peer, id, *room_id, [&]() -> Result<Told> {
    HEARTH_TRY_ASSIGN(auto posted, chat_.post(caller, *room_id, *client_message_id, *text, extras));
    // A resend tells nobody again.
    if (!posted.created) return Told{nullptr, std::move(posted.message), std::nullopt};
    auto event = message_posted_frame(posted.message);
    auto root = posted.thread_root ? message_changed_frame(*posted.thread_root) : nullptr;
    auto mentioned = posted.message.mentions;
    return Told{std::move(event), std::move(posted.message), std::move(posted.alert),
                std::move(root), std::move(mentioned)};
  });
}

void Hub::edit_message(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                       const nlohmann::json& id, const nlohmann::json& request) {
  const auto target = message_of(peer, id, request);
  if (!target) return;
  const auto text = string_field(request, "text");
  if (!text) return peer->send(missing_field(id, "text", "text must be a string"));
  std::optional<std::vector<std::string>> mentions;
  if (request.contains("mentions")) {
    mentions = strings_field(request, "mentions", chat::kMaxMentions);
    if (!mentions) {
      return peer->send(missing_field(id, "mentions", "mentions must list at most 20 user ids"));
    }
  }
  store_and_tell(peer, id, target->room_id, [&] {
    return told_change(chat_.edit(caller, target->room_id, target->message_id, *text, mentions));
  });
}

void Hub::delete_message(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                         const nlohmann::json& id, const nlohmann::json& request) {
  const auto target = message_of(peer, id, request);
  if (!target) return;
  store_and_tell(peer, id, target->room_id, [&] {
    return told_change(chat_.remove(caller, target->room_id, target->message_id));
  });
}

void Hub::hide_message(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                       const nlohmann::json& id, const nlohmann::json& request) {
  const auto target = message_of(peer, id, request);
  if (!target) return;
  const auto reason = string_field(request, "reason");
  if (!reason) return peer->send(missing_field(id, "reason", "reason must be a string"));
  std::string note;
  if (request.contains("note")) {
    const auto given = string_field(request, "note");
    if (!given) return peer->send(missing_field(id, "note", "note must be a string"));
    note = *given;
  }
  store_and_tell(peer, id, target->room_id, [&] {
    return told_change(chat_.hide(caller, target->room_id, target->message_id, *reason, note));
  });
}

void Hub::unhide_message(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                         const nlohmann::json& id, const nlohmann::json& request) {
  const auto target = message_of(peer, id, request);
  if (!target) return;
  store_and_tell(peer, id, target->room_id, [&] {
    return told_change(chat_.unhide(caller, target->room_id, target->message_id));
  });
}

void Hub::react(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                const nlohmann::json& id, const nlohmann::json& request) {
  const auto target = message_of(peer, id, request);
  if (!target) return;
  const auto reaction = string_field(request, "reaction");
  if (!reaction) return peer->send(missing_field(id, "reaction", "reaction must be a string"));
  const bool give = request.value("type", "") == "reaction.add";
  store_and_tell(peer, id, target->room_id, [&] {
    return told_change(chat_.react(caller, target->room_id, target->message_id, *reaction, give));
  });
}

void Hub::send_message_view(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                            const nlohmann::json& id, const nlohmann::json& request) {
  const auto target = message_of(peer, id, request);
  if (!target) return;
  auto message = chat_.message(caller, target->room_id, target->message_id);
  if (!message) return peer->send(error_frame(id, message.error()));
  peer->send(ack_frame(id, {{"message", message_json(*message)}}));
}

void Hub::store_and_tell(const std::shared_ptr<Peer>& peer, const nlohmann::json& id,
                         const std::string& room_id, const std::function<Result<Told>()>& store) {
  Frame answer;
  std::optional<chat::RaisedAlert> alert;
  std::vector<std::string> mentioned;
  Frame mention;
  {
    // Stored and told under the room's lock: the room hears its changes in their order.
    std::lock_guard lock(room_lock(room_id));
    auto told = store();
    if (!told) return peer->send(error_frame(id, told.error()));
    if (told->event) publish(room_id, told->event);
    if (told->then) publish(room_id, told->then);
    answer = ack_frame(id, {{"message", message_json(told->message)}});
    alert = std::move(told->alert);
    mentioned = std::move(told->mentioned);
    if (!mentioned.empty()) {
      // Never the text: where, which message, and who named them.
      mention = frame({{"type", "mentioned"},
                       {"room_id", room_id},
                       {"message_id", told->message.id},
                       {"seq", told->message.seq},
                       {"author_name", told->message.author_name}});
    }
  }
  peer->send(std::move(answer));
  if (mention) tell_users(mentioned, mention);
  if (alert) raise(peer, *alert);
}

void Hub::send_versions(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                        const nlohmann::json& id, const nlohmann::json& request) {
  const auto target = message_of(peer, id, request);
  if (!target) return;
  auto versions = chat_.versions(caller, target->room_id, target->message_id);
  if (!versions) return peer->send(error_frame(id, versions.error()));
  nlohmann::json listed = nlohmann::json::array();
  for (const auto& v : *versions) {
    listed.push_back(version_json(v));
  }
  peer->send(ack_frame(id, {{"message_id", target->message_id}, {"versions", std::move(listed)}}));
}

void Hub::raise(const std::shared_ptr<Peer>& author, const chat::RaisedAlert& alert) {
  nlohmann::json resources = nlohmann::json::array();
  // The program's own list when it has one, else the deployment's.
  for (const auto& r : alert.resources.empty() ? crisis_resources_ : alert.resources) {
    resources.push_back({{"name", r.name}, {"contact", r.contact}, {"url", r.url}});
  }
  author->send(frame({{"type", "crisis_resources_offered"},
                      {"message_id", alert.record.message_id},
                      {"resources", std::move(resources)}}));
  tell_users(alert.recipients, safety_alert_frame(alert));
}

void Hub::tell_users(const std::vector<std::string>& user_ids,
                     const std::shared_ptr<const std::string>& event) {
  for (const auto& user_id : user_ids) {
    for (const auto& peer : connections_of(user_id)) peer->send(event);
  }
}

std::vector<std::shared_ptr<Peer>> Hub::connections_of(std::string_view user_id) const {
  std::vector<std::shared_ptr<Peer>> found;
  std::lock_guard lock(mutex_);
  for (const auto& [peer_id, connection] : connections_) {
    if (connection.identity->caller.user_id == user_id) found.push_back(connection.peer);
  }
  return found;
}

void Hub::send_history(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                       const nlohmann::json& id, const nlohmann::json& request) {
  const auto room_id = string_field(request, "room_id");
  const auto before_seq = integer_field(request, "before_seq", 0);
  const auto limit = integer_field(request, "limit", 50);
  if (!room_id) return peer->send(missing_field(id, "room_id", "room_id must be a string"));
  if (!before_seq) {
    return peer->send(missing_field(id, "before_seq", "before_seq must be a whole number"));
  }
  if (!limit || *limit < 1 || *limit > static_cast<std::int64_t>(chat::kMaxPage)) {
    return peer->send(missing_field(id, "limit", "limit must be from 1 to 100"));
  }
  // Read before the page, so that a change made in between is replayed rather than missed.
  auto last_change = chat_.last_change(caller, *room_id);
  if (!last_change) return peer->send(error_frame(id, last_change.error()));
  auto messages = chat_.history(caller, *room_id, *before_seq, static_cast<std::size_t>(*limit));
  if (!messages) return peer->send(error_frame(id, messages.error()));
  nlohmann::json listed = nlohmann::json::array();
  for (const auto& message : *messages) listed.push_back(message_json(message));
  const bool has_more = messages->size() == static_cast<std::size_t>(*limit) &&
                        !messages->empty() && messages->back().seq > 1;
  peer->send(ack_frame(id, {{"room_id", *room_id},
                            {"messages", std::move(listed)},
                            {"has_more", has_more},
                            {"last_change_seq", *last_change}}));
}

void Hub::resume(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                 const nlohmann::json& id, const nlohmann::json& request) {
  // Both maps: room id to the last number seen (a message number in `rooms`, a change number in
  // the optional `changes`).
  const auto numbers_by_room = [&](std::string_view field, bool required) -> bool {
    const auto found = request.find(field);
    if (found == request.end() && !required) return true;
    if (found == request.end() || !found->is_object() || found->size() > kMaxResumeRooms) {
      peer->send(missing_field(
          id, field,
          std::string(field) + " must map at most 200 room ids to the last number seen in each"));
      return false;
    }
    for (const auto& [room_id, last] : found->items()) {
      if (!last.is_number_integer() || last.get<std::int64_t>() < 0) {
        peer->send(missing_field(id, field, "each room's last number seen must be a whole number"));
        return false;
      }
    }
    return true;
  };
  if (!numbers_by_room("rooms", true) || !numbers_by_room("changes", false)) return;
  const auto rooms = request.find("rooms");
  // Rooms with more missed than one page: the client resumes again from the last it got.
  nlohmann::json more = nlohmann::json::array();
  for (const auto& [room_id, last_seq] : rooms->items()) {
    auto missed = chat_.since(caller, room_id, last_seq.get<std::int64_t>(), chat::kMaxPage);
    if (!missed) return peer->send(error_frame(id, missed.error()));
    for (const auto& message : *missed) peer->send(message_posted_frame(message));
    if (missed->size() == chat::kMaxPage) more.push_back(room_id);
  }
  nlohmann::json more_changes = nlohmann::json::array();
  if (const auto changes = request.find("changes"); changes != request.end()) {
    for (const auto& [room_id, last_change] : changes->items()) {
      auto changed =
          chat_.changes_since(caller, room_id, last_change.get<std::int64_t>(), chat::kMaxPage);
      if (!changed) return peer->send(error_frame(id, changed.error()));
      for (const auto& message : *changed) peer->send(message_changed_frame(message));
      if (changed->size() == chat::kMaxPage) more_changes.push_back(room_id);
    }
  }
  peer->send(ack_frame(id, {{"more", std::move(more)}, {"more_changes", std::move(more_changes)}}));
}

void Hub::mark_read(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                    const nlohmann::json& id, const nlohmann::json& request) {
  const auto room_id = string_field(request, "room_id");
  const auto seq = integer_field(request, "seq", -1);
  if (!room_id) return peer->send(missing_field(id, "room_id", "room_id must be a string"));
  if (!seq || *seq < 0) {
    return peer->send(missing_field(id, "seq", "seq must be a whole number, 0 or more"));
  }
  auto position = chat_.mark_read(caller, *room_id, *seq);
  if (!position) return peer->send(error_frame(id, position.error()));
  peer->send(ack_frame(id, {{"room_id", *room_id}, {"last_read_seq", position->last_read_seq}}));
  const auto moved = frame({{"type", "read_moved"},
                            {"room_id", *room_id},
                            {"user_id", caller.user_id},
                            {"last_read_seq", position->last_read_seq}});
  // In a private conversation everyone sees how far the others have read ("seen by"); elsewhere
  // only the person's other tabs and devices hear of it, to clear the same unread count.
  if (position->seen_by_others) {
    publish(*room_id, moved);
    return;
  }
  for (const auto& other : connections_of(caller.user_id)) {
    if (other->id() != peer->id()) other->send(moved);
  }
}

void Hub::start_private(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                        const nlohmann::json& id, const nlohmann::json& request) {
  const auto ids = request.find("user_ids");
  std::vector<std::string> others;
  if (ids != request.end() && ids->is_array() && ids->size() <= 2 * chat::kMaxConversationPeople) {
    for (const auto& other : *ids) {
      if (!other.is_string()) break;
      others.push_back(other.get<std::string>());
    }
  }
  if (ids == request.end() || !ids->is_array() || others.size() != ids->size()) {
    return peer->send(missing_field(id, "user_ids", "user_ids must be a list of people's ids"));
  }
  auto room = chat_.start_private(caller, std::move(others));
  if (!room) return peer->send(error_frame(id, room.error()));
  std::lock_guard presence(presence_mutex_);
  // Every tab of everyone in it hears the conversation from now on, named as each sees it.
  std::vector<std::pair<chat::Room, std::vector<std::shared_ptr<Peer>>>> told;
  for (const auto& member : room->members) {
    chat::Room theirs = *room;
    theirs.name = chat::conversation_name(room->members, member.user_id);
    theirs.last_read_seq = member.last_read_seq;
    auto connections = connections_of(member.user_id);
    for (const auto& connection : connections) subscribe(connection->id(), {theirs.record.id});
    told.emplace_back(std::move(theirs), std::move(connections));
  }
  // Who of them is here, once all are subscribed; sent under the presence lock as for rooms.list.
  const auto present = presence_in({room->record.id});
  for (const auto& [theirs, connections] : told) {
    const auto added =
        frame({{"type", "room_added"}, {"room", room_json(theirs)}, {"presence", present}});
    for (const auto& connection : connections) {
      if (connection->id() != peer->id()) connection->send(added);
    }
  }
  peer->send(ack_frame(id, {{"room", room_json(*room)}, {"presence", present}}));
}

void Hub::send_reachable(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                         const nlohmann::json& id, const nlohmann::json&) {
  auto people = chat_.reachable(caller);
  if (!people) return peer->send(error_frame(id, people.error()));
  nlohmann::json listed = nlohmann::json::array();
  for (const auto& person : *people) listed.push_back({{"id", person.id}, {"name", person.name}});
  peer->send(ack_frame(id, {{"people", std::move(listed)}}));
}

void Hub::send_search(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                      const nlohmann::json& id, const nlohmann::json& request) {
  // What was searched for is never logged nor echoed in an error: it may be health information.
  const auto query = string_field(request, "query");
  if (!query) return peer->send(missing_field(id, "query", "query must be a string"));
  const auto room_id = request.contains("room_id") ? string_field(request, "room_id")
                                                   : std::optional<std::string>("");
  if (!room_id) return peer->send(missing_field(id, "room_id", "room_id must be a string"));
  const auto cursor =
      request.contains("cursor") ? string_field(request, "cursor") : std::optional<std::string>("");
  if (!cursor) return peer->send(missing_field(id, "cursor", "cursor must be a string"));
  const auto limit = integer_field(request, "limit", 20);
  if (!limit || *limit < 1 || *limit > static_cast<std::int64_t>(chat::kMaxSearchPage)) {
    return peer->send(missing_field(id, "limit", "limit must be from 1 to 50"));
  }
  auto page = chat_.search(caller, *query, *room_id, *cursor, static_cast<std::size_t>(*limit));
  if (!page) return peer->send(error_frame(id, page.error()));
  nlohmann::json listed = nlohmann::json::array();
  for (const auto& message : page->messages) listed.push_back(message_json(message));
  nlohmann::json next = nullptr;
  if (!page->next_cursor.empty()) next = page->next_cursor;
  peer->send(ack_frame(id, {{"messages", std::move(listed)}, {"next_cursor", std::move(next)}}));
}

void Hub::publish(const std::string& room_id, const std::shared_ptr<const std::string>& frame) {
  std::vector<std::shared_ptr<Peer>> peers;
  {
    std::lock_guard lock(mutex_);
    const auto readers = readers_.find(room_id);
    if (readers == readers_.end()) return;
    peers.reserve(readers->second.size());
    for (const auto peer_id : readers->second) {
      if (auto c = connections_.find(peer_id); c != connections_.end()) {
        peers.push_back(c->second.peer);
      }
    }
  }
  for (const auto& peer : peers) peer->send(frame);
}

std::mutex& Hub::room_lock(std::string_view room_id) {
  return room_locks_[std::hash<std::string_view>{}(room_id) % kRoomLocks];
}

}  // namespace hearth::realtime
