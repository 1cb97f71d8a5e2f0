#include "domain/chat/chat_service.hpp"

#include <algorithm>
#include <utility>

#include "base/ids.hpp"
#include "domain/chat/conversation_policy.hpp"
#include "domain/chat/room_access.hpp"
#include "domain/identity/relationships.hpp"
#include "domain/support/safety_net_service.hpp"

namespace hearth::chat {
namespace {

store::ChatRoomRecord wanted_room(std::string kind, std::string program_id, std::string group_id,
                                  std::int64_t now_ms) {
  return store::ChatRoomRecord{.id = new_id(),
                               .kind = std::move(kind),
                               .program_id = std::move(program_id),
                               .group_id = std::move(group_id),
                               .last_seq = 0,
                               .created_at_ms = now_ms};
}

// Keeps what the message says now, for moderators, before an edit or a deletion replaces it.
Result<void> keep_version(store::Transaction& tx, const store::ChatMessageRecord& message,
                          const identity::Caller& caller, std::string reason, std::int64_t now_ms) {
  return tx.insert_chat_message_version({.id = new_id(),
                                         .message_id = message.id,
                                         .text = message.text,
                                         .replaced_at_ms = now_ms,
                                         .replaced_by = caller.user_id,
                                         .reason = std::move(reason)});
}

// permission_denied unless the caller may hide and unhide messages of the room.
Result<void> must_moderate(store::Transaction& tx, const identity::Caller& caller,
                           const store::ChatRoomRecord& room, std::string_view verb) {
  HEARTH_TRY_ASSIGN(bool moderates, may_moderate(tx, caller, room));
  if (moderates) return ok();
  return Error::of(Errc::permission_denied,
                   "only a moderator of the room may " + std::string(verb) + " a message");
}

// The messages as the caller may see them; the caller's moderation is asked only when one of
// them is hidden.
Result<void> show_to(store::Transaction& tx, const identity::Caller& caller,
                     const store::ChatRoomRecord& room,
                     std::vector<store::ChatMessageRecord>& messages) {
  std::optional<bool> moderates;
  for (auto& message : messages) {
    if (message.hidden_at_ms == 0) continue;
    if (!moderates) {
      HEARTH_TRY_ASSIGN(moderates, may_moderate(tx, caller, room));
    }
    message = seen_by(std::move(message), caller.user_id, *moderates);
  }
  return ok();
}

bool is_valid_client_message_id(std::string_view id) {
  return !id.empty() && id.size() <= kMaxClientMessageIdBytes &&
         std::ranges::all_of(id, [](char c) { return c > ' ' && c < 0x7f; });
}

}  // namespace

store::ChatMessageRecord seen_by(store::ChatMessageRecord message, std::string_view viewer_id,
                                 bool moderates) {
  if (message.hidden_at_ms == 0 || moderates) return message;
  // Who hid it and why in their own words stay among the moderators.
  message.hidden_by.clear();
  message.hidden_note.clear();
  if (message.author_id != viewer_id || viewer_id.empty()) {
    message.text.clear();
    message.files.clear();
    message.mentions.clear();
  }
  return message;
}

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
          const bool clinician_here =
              membership.is_current_staff() && caller.roles.has(identity::Role::clinician);
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
            rooms.push_back({std::move(room), group.name, 0,
                             clinician_here || runs_group(group, caller.user_id)});
          }
          HEARTH_TRY_ASSIGN(auto program, tx.find_program(membership.program_id));
          if (!program) continue;
          HEARTH_TRY_ASSIGN(auto room,
                            tx.ensure_chat_room(wanted_room("program", program->id, "", now_ms)));
          community.push_back({std::move(room), program->name, 0, clinician_here});
        }
        std::ranges::sort(rooms, {}, &Room::name);
        for (auto& room : community) rooms.push_back(std::move(room));
        HEARTH_TRY_ASSIGN(auto conversations, tx.list_private_chat_rooms(caller.user_id));
        for (auto& room : conversations) {
          const auto still_in =
              std::ranges::find(memberships, room.program_id, &store::MembershipRecord::program_id);
          if (still_in == memberships.end() || !belongs_to_program(*still_in)) continue;
          HEARTH_TRY_ASSIGN(auto members, tx.list_chat_room_members(room.id));
          auto name = conversation_name(members, caller.user_id);
          rooms.push_back({std::move(room), std::move(name), 0, false, std::move(members)});
        }
        HEARTH_TRY_ASSIGN(auto restrictions, tx.list_chat_restrictions_of_user(caller.user_id));
        for (const auto& restriction : restrictions) {
          if (restriction.kind == "removed") {
            std::erase_if(rooms, [&](const Room& r) { return r.record.id == restriction.room_id; });
          } else if (restriction.until_ms > now_ms) {
            const auto muted = std::ranges::find(rooms, restriction.room_id,
                                                 [](const Room& r) { return r.record.id; });
            if (muted != rooms.end()) muted->muted_until_ms = restriction.until_ms;
          }
        }
        HEARTH_TRY_ASSIGN(auto positions, tx.list_chat_read_positions(caller.user_id));
        for (auto& room : rooms) {
          const auto read =
              std::ranges::find(positions, room.record.id, &store::ChatReadPosition::room_id);
          if (read != positions.end()) {
            room.last_read_seq = std::min(read->last_read_seq, room.record.last_seq);
          }
        }
        HEARTH_TRY_ASSIGN(auto mentions, tx.count_unread_chat_mentions(caller.user_id));
        for (const auto& [room_id, count] : mentions) {
          const auto named =
              std::ranges::find(rooms, room_id, [](const Room& r) { return r.record.id; });
          if (named != rooms.end()) named->unread_mentions = count;
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
    HEARTH_TRY_ASSIGN(auto room, usable_room(tx, caller, room_id));
    found = std::move(room);
    return ok();
  }));
  return found;
}

Result<ReadMark> ChatService::mark_read(const identity::Caller& caller, std::string_view room_id,
                                        std::int64_t seq) {
  if (seq < 0) return Error::of(Errc::invalid_argument, "seq must not be negative", "seq");
  if (!is_valid_id(room_id)) return no_such_room();
  ReadMark position;
  const std::int64_t now_ms = clock_.now_ms();
  HEARTH_TRY(store_.transact_grouped([&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto room, usable_room(tx, caller, room_id));
    // A client cannot have read a message that does not exist yet.
    HEARTH_TRY_ASSIGN(position.last_read_seq,
                      tx.advance_chat_read_position(room_id, caller.user_id,
                                                    std::min(seq, room.last_seq), now_ms));
    position.seen_by_others = room.kind == "private";
    return ok();
  }));
  return position;
}

Result<Room> ChatService::start_private(const identity::Caller& caller,
                                        std::vector<std::string> others) {
  std::ranges::sort(others);
  const auto [first_repeat, end] = std::ranges::unique(others);
  others.erase(first_repeat, end);
  std::erase(others, caller.user_id);
  if (others.empty() || others.size() + 1 > kMaxConversationPeople) {
    return Error::of(Errc::invalid_argument, "a conversation is with 1 to 7 other people",
                     "user_ids");
  }
  for (const auto& id : others) {
    if (!is_valid_id(id)) return Error::of(Errc::invalid_argument, "no such person", "user_ids");
  }
  auto people = others;
  people.push_back(caller.user_id);
  const auto key = conversation_key(people);
  const std::int64_t now_ms = clock_.now_ms();
  Room started;
  HEARTH_TRY(
      store_.transact(store::Access::bookkeeping, [&](store::Transaction& tx) -> Result<void> {
        // The first program of the caller's where they may write to every one of them.
        HEARTH_TRY_ASSIGN(auto memberships, tx.list_memberships_of_user(caller.user_id));
        std::optional<store::ProgramRecord> shared;
        for (const auto& membership : memberships) {
          if (!belongs_to_program(membership)) continue;
          HEARTH_TRY_ASSIGN(auto program, tx.find_program(membership.program_id));
          if (!program) continue;
          bool all = true;
          for (const auto& other : others) {
            HEARTH_TRY_ASSIGN(bool allowed, may_converse(tx, *program, caller.user_id, other));
            if (!allowed) {
              all = false;
              break;
            }
          }
          if (all) {
            shared = std::move(program);
            break;
          }
        }
        if (!shared) {
          return Error::of(Errc::permission_denied,
                           "you can write privately to people you share a group with and to "
                           "your care team",
                           "user_ids");
        }
        HEARTH_TRY_ASSIGN(auto room,
                          tx.ensure_chat_room(wanted_room("private", shared->id, key, now_ms)));
        for (const auto& id : people) {
          HEARTH_TRY(tx.insert_chat_room_member(room.id, id, now_ms));
        }
        HEARTH_TRY_ASSIGN(auto members, tx.list_chat_room_members(room.id));
        started = Room{.record = std::move(room),
                       .name = conversation_name(members, caller.user_id),
                       .last_read_seq = 0,
                       .can_moderate = false,
                       .members = std::move(members)};
        const auto me =
            std::ranges::find(started.members, caller.user_id, &store::ChatRoomMember::user_id);
        if (me != started.members.end()) started.last_read_seq = me->last_read_seq;
        return ok();
      }));
  return started;
}

Result<std::vector<Person>> ChatService::reachable(const identity::Caller& caller) {
  std::vector<Person> people;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    people.clear();
    HEARTH_TRY_ASSIGN(auto memberships, tx.list_memberships_of_user(caller.user_id));
    for (const auto& membership : memberships) {
      if (!belongs_to_program(membership)) continue;
      HEARTH_TRY_ASSIGN(auto program, tx.find_program(membership.program_id));
      if (!program) continue;
      HEARTH_TRY_ASSIGN(auto everyone, tx.list_people_of_program(program->id));
      for (const auto& person : everyone) {
        if (std::ranges::find(people, person.id, &Person::id) != people.end()) continue;
        HEARTH_TRY_ASSIGN(bool allowed, may_converse(tx, *program, caller.user_id, person.id));
        if (allowed) people.push_back({person.id, person.display_name});
      }
    }
    std::ranges::sort(people, {}, &Person::name);
    return ok();
  }));
  return people;
}

Result<Posted> ChatService::post(const identity::Caller& caller, std::string_view room_id,
                                 std::string_view client_message_id, std::string_view text,
                                 const MessageExtras& extras) {
  if (!is_valid_client_message_id(client_message_id)) {
    return Error::of(Errc::invalid_argument, "client_message_id must be 1-64 printable ASCII",
                     "client_message_id");
  }
  // Files may go without words; words, when there are any, are checked all the same.
  const bool files_only = text.empty() && !extras.file_ids.empty();
  if (const auto problem = message_text_problem(text); !problem.empty() && !files_only) {
    return Error::of(Errc::invalid_argument, std::string(problem), "text");
  }
  if (!is_valid_id(room_id)) return no_such_room();
  Posted posted;
  const std::int64_t now_ms = clock_.now_ms();
  HEARTH_TRY(store_.transact_grouped([&](store::Transaction& tx) -> Result<void> {
    posted = Posted{};  // a retried attempt starts afresh
    HEARTH_TRY_ASSIGN(auto in_use, room_in_use(tx, caller, room_id));
    const auto& room = in_use.room;
    HEARTH_TRY_ASSIGN(auto earlier, tx.find_chat_message_by_client_id(room_id, caller.user_id,
                                                                      client_message_id));
    if (earlier) {
      posted = {std::move(*earlier), false};
      return ok();
    }
    // After the resend check: a message stored before the mute is still answered.
    HEARTH_TRY(must_not_be_muted(in_use.restriction, now_ms));
    HEARTH_TRY_ASSIGN(auto author, tx.find_user(caller.user_id));
    if (!author) return no_such_room();
    HEARTH_TRY_ASSIGN(auto seq, tx.take_chat_seq(room_id));
    posted.created = true;
    posted.message = store::ChatMessageRecord{.id = new_id(),
                                              .room_id = std::string(room_id),
                                              .seq = seq,
                                              .author_id = caller.user_id,
                                              .client_message_id = std::string(client_message_id),
                                              .text = std::string(text),
                                              .created_at_ms = now_ms,
                                              .author_name = author->display_name};
    HEARTH_TRY(add_extras(tx, room, extras, posted, now_ms));
    HEARTH_TRY(tx.insert_chat_message(posted.message));
    if (!posted.message.mentions.empty()) {
      HEARTH_TRY(tx.put_chat_mentions(posted.message));
    }
    HEARTH_TRY(tx.advance_chat_read_position(room_id, caller.user_id, seq, now_ms));
    HEARTH_TRY_ASSIGN(posted.alert,
                      raise_alert_if_needed(tx, caller, room, posted.message, now_ms));
    return ok();
  }));
  return posted;
}

Result<void> ChatService::add_extras(store::Transaction& tx, const store::ChatRoomRecord& room,
                                     const MessageExtras& extras, Posted& posted,
                                     std::int64_t now_ms) {
  auto& message = posted.message;
  if (!extras.thread_root_id.empty()) {
    HEARTH_TRY_ASSIGN(auto root, thread_root_for(tx, room, extras.thread_root_id));
    message.thread_root_id = root.id;
    root.reply_count += 1;
    root.last_reply_at_ms = now_ms;
    HEARTH_TRY_ASSIGN(root.change_seq, tx.take_chat_change_seq(room.id));
    HEARTH_TRY(tx.update_chat_message(root));
    posted.thread_root = seen_by_room(std::move(root));
  }
  if (!extras.mentions.empty()) {
    HEARTH_TRY_ASSIGN(message.mentions,
                      checked_mentions(tx, room, message.author_id, message.text, extras.mentions));
  }
  if (!extras.file_ids.empty()) {
    HEARTH_TRY_ASSIGN(message.files,
                      send_files(tx, room, message.author_id, message.id, extras.file_ids));
  }
  return ok();
}

Result<std::optional<RaisedAlert>> ChatService::raise_alert_if_needed(
    store::Transaction& tx, const identity::Caller& caller, const store::ChatRoomRecord& room,
    const store::ChatMessageRecord& message, std::int64_t at_ms) {
  // The matcher first: it reads no database, and nearly every message has nothing to find.
  const auto found = crisis_.find(message.text);
  if (found.empty()) return std::optional<RaisedAlert>();
  // Staff write about crisis as part of their work; the net is for participants.
  HEARTH_TRY_ASSIGN(auto membership, tx.find_membership(room.program_id, caller.user_id));
  if (!membership || membership->kind != "participant") return std::optional<RaisedAlert>();

  RaisedAlert raised;
  raised.participant_name = message.author_name;
  raised.record = store::SafetyAlertRecord{
      .id = new_id(),
      .participant_id = caller.user_id,
      .program_id = room.program_id,
      .room_id = room.id,
      .message_id = message.id,
      .category = std::string(support::category_name(found.front().category)),
      .created_at_ms = at_ms,
      .acknowledged_by = "",
      .acknowledged_at_ms = 0};
  HEARTH_TRY(tx.insert_safety_alert(raised.record));
  auto entry =
      identity::audit_entry(caller, "chat.crisis_language_flagged", "chat_message", message.id);
  entry.detail = raised.record.category;  // the category only: the text stays in the message
  HEARTH_TRY(audit_.record(tx, entry));

  HEARTH_TRY_ASSIGN(raised.recipients, support::alert_recipients(tx, room, caller.user_id));
  HEARTH_TRY_ASSIGN(raised.resources, support::own_crisis_resources(tx, room.program_id));
  return std::optional<RaisedAlert>(std::move(raised));
}

Result<Changed> ChatService::change_message(
    const identity::Caller& caller, std::string_view room_id, std::string_view message_id,
    const std::function<Result<bool>(store::Transaction&, const store::ChatRoomRecord&,
                                     store::ChatMessageRecord&, Changed&)>& change) {
  if (!is_valid_id(room_id)) return no_such_room();
  if (!is_valid_id(message_id)) return no_such_message();
  Changed changed;
  HEARTH_TRY(store_.transact_grouped([&](store::Transaction& tx) -> Result<void> {
    changed = Changed{};  // a retried attempt starts afresh
    HEARTH_TRY_ASSIGN(auto room, usable_room(tx, caller, room_id));
    HEARTH_TRY_ASSIGN(auto message, tx.find_chat_message(message_id));
    if (!message || message->room_id != room.id) return no_such_message();
    HEARTH_TRY_ASSIGN(changed.changed, change(tx, room, *message, changed));
    if (changed.changed) {
      HEARTH_TRY_ASSIGN(message->change_seq, tx.take_chat_change_seq(room.id));
      HEARTH_TRY(tx.update_chat_message(*message));
    }
    std::vector<store::ChatMessageRecord> shown{std::move(*message)};
    HEARTH_TRY(show_to(tx, caller, room, shown));
    changed.message = std::move(shown.front());
    return ok();
  }));
  return changed;
}

Result<Changed> ChatService::edit(const identity::Caller& caller, std::string_view room_id,
                                  std::string_view message_id, std::string_view text,
                                  const std::optional<std::vector<std::string>>& mentions) {
  if (const auto problem = message_text_problem(text); !problem.empty()) {
    return Error::of(Errc::invalid_argument, std::string(problem), "text");
  }
  const std::int64_t now_ms = clock_.now_ms();
  return change_message(
      caller, room_id, message_id,
      [&](store::Transaction& tx, const store::ChatRoomRecord& room,
          store::ChatMessageRecord& message, Changed& changed) -> Result<bool> {
        if (message.author_id != caller.user_id) {
          return Error::of(Errc::permission_denied, "only its author may edit a message");
        }
        if (message.deleted_at_ms != 0) {
          return Error::of(Errc::invalid_argument, "a deleted message cannot be edited",
                           "message_id");
        }
        // Editing would put back in front of everyone what a moderator took away.
        if (message.hidden_at_ms != 0) {
          return Error::of(Errc::invalid_argument, "a hidden message cannot be edited",
                           "message_id");
        }
        auto named = message.mentions;
        if (mentions) {
          HEARTH_TRY_ASSIGN(named, checked_mentions(tx, room, caller.user_id, text, *mentions));
        }
        if (message.text == text && named == message.mentions) return false;
        HEARTH_TRY(must_not_be_muted(tx, caller, room, now_ms));
        if (message.text != text) {
          HEARTH_TRY(keep_version(tx, message, caller, "edited", now_ms));
          message.text = std::string(text);
          message.edited_at_ms = now_ms;
          // Crisis language written in by an edit counts as much as in a new message; a message
          // already alerted on is not alerted on again.
          HEARTH_TRY_ASSIGN(bool alerted, tx.has_safety_alert(message.id));
          if (!alerted) {
            HEARTH_TRY_ASSIGN(changed.alert,
                              raise_alert_if_needed(tx, caller, room, message, now_ms));
          }
        }
        if (named != message.mentions) {
          for (const auto& id : named) {
            if (std::ranges::find(message.mentions, id) == message.mentions.end()) {
              changed.mentioned.push_back(id);
            }
          }
          message.mentions = std::move(named);
          HEARTH_TRY(tx.put_chat_mentions(message));
        }
        return true;
      });
}

Result<Changed> ChatService::remove(const identity::Caller& caller, std::string_view room_id,
                                    std::string_view message_id) {
  const std::int64_t now_ms = clock_.now_ms();
  return change_message(
      caller, room_id, message_id,
      [&](store::Transaction& tx, const store::ChatRoomRecord& room,
          store::ChatMessageRecord& message, Changed&) -> Result<bool> {
        if (message.deleted_at_ms != 0) return false;
        const bool own = message.author_id == caller.user_id;
        if (!own) {
          HEARTH_TRY_ASSIGN(bool moderates, may_moderate(tx, caller, room));
          if (!moderates) {
            return Error::of(Errc::permission_denied,
                             "only its author or a moderator of the room may delete a message");
          }
        }
        HEARTH_TRY(keep_version(tx, message, caller, "deleted", now_ms));
        message.text.clear();
        // A tombstone shows nothing of what was there. Its files stay for the moderators
        // (their rows keep the message's id), and it no longer counts as naming anyone.
        message.files.clear();
        message.reactions.clear();
        if (!message.mentions.empty()) {
          message.mentions.clear();
          HEARTH_TRY(tx.put_chat_mentions(message));
        }
        message.deleted_at_ms = now_ms;
        message.deleted_by = caller.user_id;
        if (!own) {
          // A moderation decision: who removed whose message, never what it said.
          HEARTH_TRY(audit_.record(tx, identity::audit_entry(caller, "chat.message_removed",
                                                             "chat_message", message.id)));
        }
        return true;
      });
}

Result<Changed> ChatService::hide(const identity::Caller& caller, std::string_view room_id,
                                  std::string_view message_id, std::string_view reason,
                                  std::string_view note) {
  if (std::ranges::find(kHideReasons, reason) == kHideReasons.end()) {
    return Error::of(Errc::invalid_argument,
                     "reason must be one of triggering, private_information, disrespectful, "
                     "off_topic, spam, other",
                     "reason");
  }
  HEARTH_TRY(check_note(note, kMaxHideNoteCharacters));
  const std::int64_t now_ms = clock_.now_ms();
  return change_message(caller, room_id, message_id,
                        [&](store::Transaction& tx, const store::ChatRoomRecord& room,
                            store::ChatMessageRecord& message, Changed&) -> Result<bool> {
                          HEARTH_TRY(must_moderate(tx, caller, room, "hide"));
                          return hide_in(tx, audit_, caller, message, reason, note, now_ms);
                        });
}

Result<Changed> ChatService::unhide(const identity::Caller& caller, std::string_view room_id,
                                    std::string_view message_id) {
  return change_message(caller, room_id, message_id,
                        [&](store::Transaction& tx, const store::ChatRoomRecord& room,
                            store::ChatMessageRecord& message, Changed&) -> Result<bool> {
                          HEARTH_TRY(must_moderate(tx, caller, room, "unhide"));
                          if (message.hidden_at_ms == 0) return false;
                          auto entry = identity::audit_entry(caller, "chat.message_unhidden",
                                                             "chat_message", message.id);
                          entry.detail =
                              message.hidden_reason;  // the reason it had been hidden for
                          HEARTH_TRY(audit_.record(tx, entry));
                          message.hidden_at_ms = 0;
                          message.hidden_by.clear();
                          message.hidden_reason.clear();
                          message.hidden_note.clear();
                          return true;
                        });
}

Result<Thread> ChatService::thread(const identity::Caller& caller, std::string_view room_id,
                                   std::string_view root_id, std::int64_t after_seq,
                                   std::size_t limit) {
  if (limit < 1 || limit > kMaxPage) {
    return Error::of(Errc::invalid_argument, "limit must be from 1 to 100", "limit");
  }
  if (!is_valid_id(room_id)) return no_such_room();
  if (!is_valid_id(root_id)) return no_such_message();
  Thread found;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto room, usable_room(tx, caller, room_id));
    HEARTH_TRY_ASSIGN(auto root, tx.find_chat_message(root_id));
    if (!root || root->room_id != room.id || !root->thread_root_id.empty()) {
      return no_such_message();
    }
    HEARTH_TRY_ASSIGN(auto replies, tx.list_chat_thread(
                                        root_id, std::max<std::int64_t>(after_seq, 0), limit + 1));
    found.has_more = replies.size() > limit;
    if (found.has_more) replies.pop_back();
    replies.insert(replies.begin(), std::move(*root));
    HEARTH_TRY(show_to(tx, caller, room, replies));
    found.root = std::move(replies.front());
    replies.erase(replies.begin());
    found.replies = std::move(replies);
    return ok();
  }));
  return found;
}

Result<store::ChatMessageRecord> ChatService::message(const identity::Caller& caller,
                                                      std::string_view room_id,
                                                      std::string_view message_id) {
  if (!is_valid_id(room_id)) return no_such_room();
  if (!is_valid_id(message_id)) return no_such_message();
  std::vector<store::ChatMessageRecord> found;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    found.clear();
    HEARTH_TRY_ASSIGN(auto room, usable_room(tx, caller, room_id));
    HEARTH_TRY_ASSIGN(auto message, tx.find_chat_message(message_id));
    if (!message || message->room_id != room.id) return no_such_message();
    found.push_back(std::move(*message));
    return show_to(tx, caller, room, found);
  }));
  return std::move(found.front());
}

Result<std::vector<store::ChatMessageRecord>> ChatService::changes_since(
    const identity::Caller& caller, std::string_view room_id, std::int64_t after_change_seq,
    std::size_t limit) {
  if (limit < 1 || limit > kMaxPage) {
    return Error::of(Errc::invalid_argument, "limit must be from 1 to 100", "limit");
  }
  if (!is_valid_id(room_id)) return no_such_room();
  std::vector<store::ChatMessageRecord> changed;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto room, usable_room(tx, caller, room_id));
    HEARTH_TRY_ASSIGN(changed, tx.list_changed_chat_messages(
                                   room_id, std::max<std::int64_t>(after_change_seq, 0), limit));
    return show_to(tx, caller, room, changed);
  }));
  return changed;
}

Result<std::vector<store::ChatMessageVersion>> ChatService::versions(const identity::Caller& caller,
                                                                     std::string_view room_id,
                                                                     std::string_view message_id) {
  if (!is_valid_id(room_id)) return no_such_room();
  if (!is_valid_id(message_id)) return no_such_message();
  std::vector<store::ChatMessageVersion> found;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto room, usable_room(tx, caller, room_id));
    HEARTH_TRY_ASSIGN(auto message, tx.find_chat_message(message_id));
    if (!message || message->room_id != room.id) return no_such_message();
    HEARTH_TRY_ASSIGN(bool moderates, may_moderate(tx, caller, room));
    if (!moderates) {
      return Error::of(Errc::permission_denied,
                       "only the room's moderators may read a message's earlier versions");
    }
    HEARTH_TRY_ASSIGN(found, tx.list_chat_message_versions(message_id));
    return ok();
  }));
  return found;
}

Result<std::int64_t> ChatService::last_change(const identity::Caller& caller,
                                              std::string_view room_id) {
  HEARTH_TRY_ASSIGN(auto room, room_for(caller, room_id));
  return room.last_change_seq;
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
    HEARTH_TRY_ASSIGN(auto room, usable_room(tx, caller, query.room_id));
    HEARTH_TRY_ASSIGN(messages, tx.list_chat_messages(query));
    return show_to(tx, caller, room, messages);
  }));
  return messages;
}

}  // namespace hearth::chat
