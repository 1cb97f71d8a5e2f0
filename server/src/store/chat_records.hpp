// The chat records of the Store interface (store.hpp): rooms, their numbered messages and earlier
// versions, read positions, safety alerts, crisis resources and members' reports. Kept apart so
// that store.hpp stays readable; every user of the Store includes them through it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace hearth::store {

// A chat room: a group's (group_id set), a program's community room (group_id ""), or a private
// conversation. Messages are numbered in the room from 1; last_seq is the newest number given.
struct ChatRoomRecord {
  std::string id;
  std::string kind;  // "group", "program" or "private"
  std::string program_id;
  std::string group_id;
  std::int64_t last_seq = 0;
  std::int64_t created_at_ms = 0;
  std::int64_t last_change_seq = 0;  // the newest change number given (edits, deletions)
};

// Who gave one reaction to a message (migration 14): a code of chat::kReactions, by user id in
// the order given.
struct ChatReaction {
  std::string reaction;
  std::vector<std::string> user_ids;
};

// A file sent with a message, as the message lists it (the bytes stay in chat_files).
struct ChatFileRef {
  std::string id;
  std::string name;
  std::string type;  // the MIME type libmagic read from the content
  std::int64_t size = 0;
};

struct ChatMessageRecord {
  std::string id;
  std::string room_id;
  std::int64_t seq = 0;
  std::string author_id;
  std::string client_message_id;  // the sender's own id for it, unique per room and author
  std::string text;
  std::int64_t created_at_ms = 0;
  std::string author_name;         // read from the author's account; not written
  std::int64_t edited_at_ms = 0;   // 0: never edited
  std::int64_t deleted_at_ms = 0;  // 0: not deleted; a deleted message keeps no text
  std::string deleted_by;          // who deleted it: the author or a moderator
  std::int64_t change_seq = 0;     // the room's change number of its latest change
  // Hidden by a moderator (migration 11): 0 when not. The text stays; who may read it is the
  // chat service's business (ChatService::hide).
  std::int64_t hidden_at_ms = 0;
  std::string hidden_by;
  std::string hidden_reason;  // a code of chat::kHideReasons
  std::string hidden_note;    // for the room's other moderators only
  // Threads, reactions, mentions and files (migration 14). A reply names its thread's first
  // message; that first message counts its replies.
  std::string thread_root_id;  // "" for a message that is not a reply
  std::int64_t reply_count = 0;
  std::int64_t last_reply_at_ms = 0;
  std::vector<ChatReaction> reactions;  // in the order of chat::kReactions
  std::vector<std::string> mentions;    // the user ids the author named with @
  std::vector<ChatFileRef> files;
};

// What a message said before an edit or a deletion, for the room's moderators.
struct ChatMessageVersion {
  std::string id;
  std::string message_id;
  std::string text;
  std::int64_t replaced_at_ms = 0;
  std::string replaced_by;
  std::string reason;  // "edited" or "deleted"
};

// Messages of one room with after_seq < seq < before_seq, at most `limit`: the oldest of them
// first, or with newest_first the newest (history pages going back).
struct ChatMessageQuery {
  std::string room_id;
  std::int64_t after_seq = 0;
  std::int64_t before_seq = std::numeric_limits<std::int64_t>::max();
  std::size_t limit = 50;
  bool newest_first = false;
};

// A file uploaded to a room (migration 14), waiting to be sent (message_id "") or sent with a
// message. The bytes are read apart (Transaction::chat_file_content): listing never loads them.
struct ChatFileRecord {
  std::string id;
  std::string room_id;
  std::string uploader_id;
  std::string message_id;  // "" until sent
  std::string name;
  std::string type;
  std::int64_t size = 0;
  std::int64_t created_at_ms = 0;
};

// A full-text search over some rooms' messages (migration 10), newest first. Deleted and hidden
// messages are never found. `terms` are words of letters and digits only (chat::search_terms makes
// them from what a person typed); each must begin a word of the message, after English stemming on
// both sides ("crav" and "cravings" find "craving"). The cursor is the last hit already shown:
// only messages older than it, by (created_at_ms, id), are returned.
struct ChatSearchQuery {
  std::vector<std::string> room_ids;  // at least one
  std::vector<std::string> terms;     // at least one
  std::int64_t before_ms = std::numeric_limits<std::int64_t>::max();
  std::string before_id;  // with before_ms; "" for none
  std::size_t limit = 20;
};

// One of a private conversation's people, with how far they have read in it ("seen by").
struct ChatRoomMember {
  std::string user_id;
  std::string display_name;  // read from the account
  std::int64_t last_read_seq = 0;
};

// How far one person has read in one room: every message numbered up to last_read_seq.
struct ChatReadPosition {
  std::string room_id;
  std::int64_t last_read_seq = 0;
};

// Crisis language found in a participant's chat message, for their clinicians (one per message).
struct SafetyAlertRecord {
  std::string id;
  std::string participant_id;
  std::string program_id;
  std::string room_id;
  std::string message_id;
  std::string category;  // support::category_name()
  std::int64_t created_at_ms = 0;
  std::string acknowledged_by;  // "" until a clinician acknowledges it
  std::int64_t acknowledged_at_ms = 0;
};

// Where someone in crisis can get help now, as a program lists it (in its order) for the safety
// net to show; a program without any shows the deployment's list.
struct CrisisResourceRecord {
  std::string name;     // "988 Suicide & Crisis Lifeline"
  std::string contact;  // "Call or text 988"
  std::string url;      // "" when there is none
};

// A member's report of a message (migration 12), for the program's current clinicians to review.
// One per reporter and message. A decision settles every open report of its message.
struct ChatReportRecord {
  std::string id;
  std::string message_id;
  std::string room_id;
  std::string program_id;
  std::string reporter_id;
  std::string reason;  // a code of chat::kReportReasons
  std::string note;    // the reporter's words, for the reviewers only
  std::int64_t created_at_ms = 0;
  std::string decided_by;  // "" while open
  std::int64_t decided_at_ms = 0;
  std::string decision;  // "" while open; "dismissed" or "hidden"
};

// A moderator's restriction of one person in one room (migration 13): muted until a time, or
// removed from the room's chat until restored. One per person and room; a new one replaces it.
struct ChatRestrictionRecord {
  std::string room_id;
  std::string user_id;
  std::string kind;           // "muted" or "removed"
  std::int64_t until_ms = 0;  // muted: when it ends; removed: 0
  std::string reason;         // a code of chat::kHideReasons
  std::string note;           // for the room's other moderators only
  std::string by;             // the moderator
  std::int64_t at_ms = 0;
  std::string user_name;  // read from the accounts; not written
  std::string by_name;    // read from the accounts; not written
};

}  // namespace hearth::store
