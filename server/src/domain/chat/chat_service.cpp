#include "domain/chat/chat_service.hpp"

#include <algorithm>

#include "base/ids.hpp"

namespace hearth::chat {
namespace {

// A participant still in treatment (on hold included), or current staff. Discharged alumni and
// ended staff have no place in the community room; alumni rooms come with the alumni issue.
bool belongs_to_program(const store::MembershipRecord& m) {
  if (m.kind == "participant") return m.status != "discharged";
  return m.is_current_staff();
}

bool runs_group(const store::GroupRecord& group, std::string_view user_id) {
  return group.facilitator_id == user_id || group.co_facilitator_id == user_id;
}

store::ChatRoomRecord wanted_room(std::string kind, std::string program_id, std::string group_id,
                                  std::int64_t now_ms) {
  return store::ChatRoomRecord{.id = new_id(),
                               .kind = std::move(kind),
                               .program_id = std::move(program_id),
                               .group_id = std::move(group_id),
                               .last_seq = 0,
                               .created_at_ms = now_ms};
}

// Whether the caller may use the room, read in the caller's transaction.
Result<bool> may_use(store::Transaction& tx, const identity::Caller& caller,
                     const store::ChatRoomRecord& room) {
  if (room.kind == "group") {
    HEARTH_TRY_ASSIGN(auto place, tx.find_group_member(room.group_id, caller.user_id));
    if (place && place->state == "member") return true;
    HEARTH_TRY_ASSIGN(auto group, tx.find_group(room.group_id));
    return group && runs_group(*group, caller.user_id);
  }
  if (room.kind == "program") {
    HEARTH_TRY_ASSIGN(auto membership, tx.find_membership(room.program_id, caller.user_id));
    return membership && belongs_to_program(*membership);
  }
  return false;
}

Error no_such_room() {
  return Error::of(Errc::not_found, "no such room");
}

bool is_valid_client_message_id(std::string_view id) {
  return !id.empty() && id.size() <= kMaxClientMessageIdBytes &&
         std::ranges::all_of(id, [](char c) { return c > ' ' && c < 0x7f; });
}

}  // namespace

std::string_view message_text_problem(std::string_view text) {
  std::size_t characters = 0;
  bool visible = false;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) ++characters;  // not a UTF-8 continuation byte
    if (byte == '\n' || byte == '\t') continue;
    if (byte < 0x20 || byte == 0x7f) return "a message may not hold control characters";
    if (byte != ' ') visible = true;
  }
  if (!visible) return "a message needs some text";
  if (characters > kMaxMessageCharacters) return "a message may be at most 4000 characters";
  return "";
}

Result<std::vector<Room>> ChatService::rooms_of(const identity::Caller& caller) {
  std::vector<Room> rooms;
  const std::int64_t now_ms = clock_.now_ms();
  HEARTH_TRY(
      store_.transact(store::Access::bookkeeping, [&](store::Transaction& tx) -> Result<void> {
        rooms.clear();
        HEARTH_TRY_ASSIGN(auto memberships, tx.list_memberships_of_user(caller.user_id));
        std::vector<Room> community;
        for (const auto& membership : memberships) {
          if (!belongs_to_program(membership)) continue;
          HEARTH_TRY_ASSIGN(auto groups, tx.list_groups(membership.program_id));
          for (const auto& group : groups) {
            bool member = runs_group(group, caller.user_id);
            if (!member) {
              HEARTH_TRY_ASSIGN(auto place, tx.find_group_member(group.id, caller.user_id));
              member = place && place->state == "member";
            }
            if (!member || group.status != "active") continue;
            HEARTH_TRY_ASSIGN(auto room, tx.ensure_chat_room(wanted_room("group", group.program_id,
                                                                         group.id, now_ms)));
            rooms.push_back({std::move(room), group.name});
          }
          HEARTH_TRY_ASSIGN(auto program, tx.find_program(membership.program_id));
          if (!program) continue;
          HEARTH_TRY_ASSIGN(auto room,
                            tx.ensure_chat_room(wanted_room("program", program->id, "", now_ms)));
          community.push_back({std::move(room), program->name});
        }
        std::ranges::sort(rooms, {}, &Room::name);
        for (auto& room : community) rooms.push_back(std::move(room));
        HEARTH_TRY_ASSIGN(auto positions, tx.list_chat_read_positions(caller.user_id));
        for (auto& room : rooms) {
          const auto read =
              std::ranges::find(positions, room.record.id, &store::ChatReadPosition::room_id);
          if (read != positions.end()) {
            room.last_read_seq = std::min(read->last_read_seq, room.record.last_seq);
          }
        }
        return ok();
      }));
  return rooms;
}

Result<store::ChatRoomRecord> ChatService::room_for(const identity::Caller& caller,
                                                    std::string_view room_id) {
  if (!is_valid_id(room_id)) return no_such_room();
  store::ChatRoomRecord found;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto room, tx.find_chat_room(room_id));
    if (!room) return no_such_room();
    HEARTH_TRY_ASSIGN(bool allowed, may_use(tx, caller, *room));
    if (!allowed) return no_such_room();
    found = std::move(*room);
    return ok();
  }));
  return found;
}

Result<std::int64_t> ChatService::mark_read(const identity::Caller& caller,
                                            std::string_view room_id, std::int64_t seq) {
  if (seq < 0) return Error::of(Errc::invalid_argument, "seq must not be negative", "seq");
  if (!is_valid_id(room_id)) return no_such_room();
  std::int64_t position = 0;
  const std::int64_t now_ms = clock_.now_ms();
  HEARTH_TRY(
      store_.transact(store::Access::bookkeeping, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(auto room, tx.find_chat_room(room_id));
        if (!room) return no_such_room();
        HEARTH_TRY_ASSIGN(bool allowed, may_use(tx, caller, *room));
        if (!allowed) return no_such_room();
        // A client cannot have read a message that does not exist yet.
        HEARTH_TRY_ASSIGN(position,
                          tx.advance_chat_read_position(room_id, caller.user_id,
                                                        std::min(seq, room->last_seq), now_ms));
        return ok();
      }));
  return position;
}

Result<Posted> ChatService::post(const identity::Caller& caller, std::string_view room_id,
                                 std::string_view client_message_id, std::string_view text) {
  if (!is_valid_client_message_id(client_message_id)) {
    return Error::of(Errc::invalid_argument, "client_message_id must be 1-64 printable ASCII",
                     "client_message_id");
  }
  if (const auto problem = message_text_problem(text); !problem.empty()) {
    return Error::of(Errc::invalid_argument, std::string(problem), "text");
  }
  if (!is_valid_id(room_id)) return no_such_room();
  Posted posted;
  const std::int64_t now_ms = clock_.now_ms();
  HEARTH_TRY(
      store_.transact(store::Access::bookkeeping, [&](store::Transaction& tx) -> Result<void> {
        posted = Posted{};  // a retried attempt starts afresh
        HEARTH_TRY_ASSIGN(auto room, tx.find_chat_room(room_id));
        if (!room) return no_such_room();
        HEARTH_TRY_ASSIGN(bool allowed, may_use(tx, caller, *room));
        if (!allowed) return no_such_room();
        HEARTH_TRY_ASSIGN(auto earlier, tx.find_chat_message_by_client_id(room_id, caller.user_id,
                                                                          client_message_id));
        if (earlier) {
          posted = {std::move(*earlier), false};
          return ok();
        }
        HEARTH_TRY_ASSIGN(auto author, tx.find_user(caller.user_id));
        if (!author) return no_such_room();
        HEARTH_TRY_ASSIGN(auto seq, tx.take_chat_seq(room_id));
        posted.created = true;
        posted.message =
            store::ChatMessageRecord{.id = new_id(),
                                     .room_id = std::string(room_id),
                                     .seq = seq,
                                     .author_id = caller.user_id,
                                     .client_message_id = std::string(client_message_id),
                                     .text = std::string(text),
                                     .created_at_ms = now_ms,
                                     .author_name = author->display_name};
        HEARTH_TRY(tx.insert_chat_message(posted.message));
        HEARTH_TRY(tx.advance_chat_read_position(room_id, caller.user_id, seq, now_ms));
        HEARTH_TRY_ASSIGN(posted.alert, raise_alert_if_needed(tx, caller, *room, posted.message));
        return ok();
      }));
  return posted;
}

Result<std::optional<RaisedAlert>> ChatService::raise_alert_if_needed(
    store::Transaction& tx, const identity::Caller& caller, const store::ChatRoomRecord& room,
    const store::ChatMessageRecord& message) {
  // Staff write about crisis as part of their work; the net is for participants.
  HEARTH_TRY_ASSIGN(auto membership, tx.find_membership(room.program_id, caller.user_id));
  if (!membership || membership->kind != "participant") return std::optional<RaisedAlert>();
  const auto found = crisis_.find(message.text);
  if (found.empty()) return std::optional<RaisedAlert>();

  RaisedAlert raised;
  raised.participant_name = message.author_name;
  raised.record = store::SafetyAlertRecord{
      .id = new_id(),
      .participant_id = caller.user_id,
      .program_id = room.program_id,
      .room_id = room.id,
      .message_id = message.id,
      .category = std::string(support::category_name(found.front().category)),
      .created_at_ms = message.created_at_ms,
      .acknowledged_by = "",
      .acknowledged_at_ms = 0};
  HEARTH_TRY(tx.insert_safety_alert(raised.record));
  audit::Entry entry;
  entry.actor_id = caller.user_id;
  entry.action = "chat.crisis_language_flagged";
  entry.subject_type = "chat_message";
  entry.subject_id = message.id;
  entry.client_address = caller.client.address;
  entry.user_agent = caller.client.user_agent;
  entry.detail = raised.record.category;  // the category only: the text stays in the message
  HEARTH_TRY(audit_.record(tx, entry));

  auto tell = [&](const std::string& user_id) {
    if (!user_id.empty() && user_id != caller.user_id &&
        std::ranges::find(raised.recipients, user_id) == raised.recipients.end()) {
      raised.recipients.push_back(user_id);
    }
  };
  HEARTH_TRY_ASSIGN(auto people, tx.list_people_of_program(room.program_id));
  for (const auto& person : people) {
    const auto roles = identity::RoleSet::parse(person.roles);
    if (!roles || !roles->has(identity::Role::clinician)) continue;
    HEARTH_TRY_ASSIGN(auto staff, tx.find_membership(room.program_id, person.id));
    if (staff && staff->is_current_staff()) tell(person.id);
  }
  if (room.kind == "group") {
    HEARTH_TRY_ASSIGN(auto group, tx.find_group(room.group_id));
    if (group) {
      tell(group->facilitator_id);
      tell(group->co_facilitator_id);
    }
  }
  return std::optional<RaisedAlert>(std::move(raised));
}

Result<std::vector<store::ChatMessageRecord>> ChatService::history(const identity::Caller& caller,
                                                                   std::string_view room_id,
                                                                   std::int64_t before_seq,
                                                                   std::size_t limit) {
  store::ChatMessageQuery query{
      .room_id = std::string(room_id), .limit = limit, .newest_first = true};
  if (before_seq > 0) query.before_seq = before_seq;
  return read_messages(caller, std::move(query));
}

Result<std::vector<store::ChatMessageRecord>> ChatService::since(const identity::Caller& caller,
                                                                 std::string_view room_id,
                                                                 std::int64_t after_seq,
                                                                 std::size_t limit) {
  return read_messages(caller, {.room_id = std::string(room_id),
                                .after_seq = std::max<std::int64_t>(after_seq, 0),
                                .limit = limit});
}

Result<std::vector<store::ChatMessageRecord>> ChatService::read_messages(
    const identity::Caller& caller, store::ChatMessageQuery query) {
  if (query.limit < 1 || query.limit > kMaxPage) {
    return Error::of(Errc::invalid_argument, "limit must be from 1 to 100", "limit");
  }
  if (!is_valid_id(query.room_id)) return no_such_room();
  std::vector<store::ChatMessageRecord> messages;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto room, tx.find_chat_room(query.room_id));
    if (!room) return no_such_room();
    HEARTH_TRY_ASSIGN(bool allowed, may_use(tx, caller, *room));
    if (!allowed) return no_such_room();
    HEARTH_TRY_ASSIGN(messages, tx.list_chat_messages(query));
    return ok();
  }));
  return messages;
}

}  // namespace hearth::chat
