// ChatService: the rooms a person may use (group, program and private conversations; who may be
// where is in conversation_policy.hpp), and storing and reading their messages.
//
// Read positions: how far each person has read in each room, for unread counts that agree across
// their tabs and devices.
//
// Rooms: every group has one for its members and its facilitators; every program has a community
// room for its people (participants not discharged, and current staff). Rooms are made the first
// time someone asks for them. Private conversations come later on the same tables.
//
// A message is stored, numbered in its room (1, 2, 3…), before anyone hears of it; the caller
// (the real-time hub) tells the room after post() returns. A sender who resends a message it had
// no answer for, under the same client_message_id, gets the stored one back and nothing is stored
// twice. Chat writes are Access::bookkeeping transactions: they change nothing the kept copies
// (sessions, schedule) are built from, so they do not make those copies be read again. Posting,
// editing, deleting and marking read go through Store::transact_grouped: on SQLite the messages
// of many rooms that arrive together share one commit, and one fsync.
//
// The safety net: a participant's message is read by the crisis matcher (domain/support) once it
// is stored. A match never blocks or hides it; in the same transaction it records a safety alert
// and an audit entry (the category, never the text), and post() names who must be told: the
// program's current clinicians and the group's facilitators. The hub tells them and shows the
// author crisis resources.
//
// Every method blocks on the store: run them through BlockingPool. Thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/audit/audit_trail.hpp"
#include "domain/chat/message_extras.hpp"
#include "domain/identity/identity.hpp"
#include "domain/support/crisis_matcher.hpp"
#include "domain/support/crisis_resources.hpp"
#include "store/store.hpp"

namespace hearth::chat {

inline constexpr std::size_t kMaxMessageCharacters = 4000;  // Unicode code points
inline constexpr std::size_t kMaxClientMessageIdBytes = 64;
inline constexpr std::size_t kMaxPage = 100;

// Why a moderator hid a message, as members are told it: codes, so that clients word them and
// the audit trail can carry them (never free text). Chosen for a therapy community: content that
// may set someone back, someone's personal details, conduct, and the room's purpose.
inline constexpr std::array<std::string_view, 6> kHideReasons = {
    "triggering", "private_information", "disrespectful", "off_topic", "spam", "other"};
// A moderator's note to the other moderators on why a message was hidden.
inline constexpr std::size_t kMaxHideNoteCharacters = 280;

struct Room {
  store::ChatRoomRecord record;
  std::string name;  // the group's or the program's
  // The caller's read position: messages numbered above it are unread (record.last_seq minus this
  // many, as numbers have no gaps).
  std::int64_t last_read_seq = 0;
  // The caller moderates it: the group's facilitators, or a current clinician of the program.
  bool can_moderate = false;
  // A private room's people (the caller too), with how far each has read.
  std::vector<store::ChatRoomMember> members;
  // Until when a moderator has muted the caller here (0: not muted).
  std::int64_t muted_until_ms = 0;
  // Unread messages that name the caller with @.
  std::int64_t unread_mentions = 0;
};

// The longest mute: a week; longer is a removal.
inline constexpr std::int64_t kMaxMuteMinutes = 7 * 24 * 60;

// Someone the caller may write to privately.
struct Person {
  std::string id;
  std::string name;
};

struct ReadMark {
  std::int64_t last_read_seq = 0;
  bool seen_by_others = false;  // a private room: its other people see how far one has read
};

// A safety alert just raised, and who must hear of it at once.
struct RaisedAlert {
  store::SafetyAlertRecord record;
  std::string participant_name;
  std::vector<std::string> recipients;  // user ids: current clinicians, the group's facilitators
  // What its author is shown: the program's own crisis resources; empty: the deployment's.
  std::vector<support::CrisisResource> resources;
};

// A message just edited or deleted; `changed` false when there was nothing to do (the same text,
// or a message already deleted): nobody needs telling.
struct Changed {
  store::ChatMessageRecord message;
  bool changed = true;
  std::optional<RaisedAlert> alert;    // an edit that brought crisis language into the message
  std::vector<std::string> mentioned;  // people an edit named who were not named before
};

// A page of search hits, newest first, and where the next page starts ("" when this is the last).
struct SearchPage {
  std::vector<store::ChatMessageRecord> messages;
  std::string next_cursor;
};
inline constexpr std::size_t kMaxSearchPage = 50;
// The most messages one search-index transaction takes: the writer is held for one batch at a
// time, so that posting is never held up for long behind a backlog.
inline constexpr std::size_t kSearchIndexBatch = 256;

struct Posted {
  store::ChatMessageRecord message;
  bool created = true;               // false: a resend of a message already stored
  std::optional<RaisedAlert> alert;  // only when created
  // A reply's thread root, now counting it (as the room sees it): the room must hear it changed.
  std::optional<store::ChatMessageRecord> thread_root;
};

// A thread: its first message and a page of its replies, oldest first.
struct Thread {
  store::ChatMessageRecord root;
  std::vector<store::ChatMessageRecord> replies;
  bool has_more = false;
};

class ChatService {
 public:
  // The matcher and the audit trail must outlive the service.
  ChatService(store::Store& store, const Clock& clock, const support::CrisisMatcher& crisis,
              const audit::AuditTrail& audit)
      : store_(store), clock_(clock), crisis_(crisis), audit_(audit) {}

  // The rooms the caller may read and post to: their groups' rooms (by group name), then their
  // programs' community rooms.
  Result<std::vector<Room>> rooms_of(const identity::Caller& caller);
  // Whether the caller may read and post in the room; not_found for a room that does not exist
  // or that they may not see (the two look alike, so that room ids reveal nothing).
  Result<store::ChatRoomRecord> room_for(const identity::Caller& caller, std::string_view room_id);

  // Moves the caller's read position in the room up to `seq` (at most the room's newest number;
  // never back) and returns where it now is. invalid_argument for a negative seq.
  Result<ReadMark> mark_read(const identity::Caller& caller, std::string_view room_id,
                             std::int64_t seq);

  // The private conversation of the caller and `others` (1–7 people; the caller and repeats are
  // dropped), made if there is none yet, in the first of the caller's programs where they may
  // write to each of them (conversation_policy.hpp); permission_denied if there is no such
  // program.
  Result<Room> start_private(const identity::Caller& caller, std::vector<std::string> others);
  // Everyone the caller may write to privately, by name.
  Result<std::vector<Person>> reachable(const identity::Caller& caller);

  // Stores `text` in the room, and moves the author's read position to it (one has read what one
  // wrote). invalid_argument for an empty or too long text, a control
  // character other than newline and tab, or a bad client_message_id (1–64 printable ASCII).
  // `extras` (message_extras.hpp): a reply joins its thread and its root counts it; the people
  // named are recorded (and the hub tells them); the files are sent with it, and a message with
  // files may have no text.
  Result<Posted> post(const identity::Caller& caller, std::string_view room_id,
                      std::string_view client_message_id, std::string_view text,
                      const MessageExtras& extras = {});

  // Replaces the text of the caller's own message (invalid_argument as for post; not_found for a
  // message not in the room, permission_denied for someone else's, invalid_argument for a deleted
  // or hidden one).
  // The earlier text is kept for moderators; the message is marked edited and takes the room's
  // next change number.
  // `mentions`, when given, replace the people the message names (checked as for post); those
  // newly named are in Changed::mentioned.
  Result<Changed> edit(const identity::Caller& caller, std::string_view room_id,
                       std::string_view message_id, std::string_view text,
                       const std::optional<std::vector<std::string>>& mentions = std::nullopt);
  // Gives (or, `give` false, takes back) the caller's reaction, a code of kReactions
  // (invalid_argument otherwise, field "reaction"), to a message of the room that is neither
  // deleted nor hidden (invalid_argument); `muted` while muted there. The message takes the
  // room's next change number; giving a reaction one gave, or taking back one one did not, changes
  // nothing.
  Result<Changed> react(const identity::Caller& caller, std::string_view room_id,
                        std::string_view message_id, std::string_view reaction, bool give);
  // A thread of the room: its first message `root_id` (not_found for a message not in the room or
  // that is a reply) and its replies numbered above `after_seq`, at most `limit` (1–100), as the
  // caller may see them.
  Result<Thread> thread(const identity::Caller& caller, std::string_view room_id,
                        std::string_view root_id, std::int64_t after_seq, std::size_t limit);
  // Everyone who may read the room, by name: whom the caller may name with @.
  Result<std::vector<RoomPerson>> people(const identity::Caller& caller, std::string_view room_id);
  // Deletes a message: its author, or a moderator of the room (audited as a moderation
  // decision, never with the text). A tombstone stays in its place, with no text; the text is
  // kept for moderators.
  Result<Changed> remove(const identity::Caller& caller, std::string_view room_id,
                         std::string_view message_id);
  // Hides a message of the room from everyone but its author and the room's moderators (a group's
  // facilitators, a program's current clinicians; private conversations have none):
  // permission_denied for anyone else. `reason` is one of kHideReasons (invalid_argument
  // otherwise, field "reason"); `note` (at most kMaxHideNoteCharacters, may be empty) is for the
  // other moderators only. The message keeps its place, number and text, and takes the room's
  // next change number; a deleted message cannot be hidden (invalid_argument), and hiding a
  // hidden one changes nothing. Audited as chat.message_hidden with the reason code, never the
  // text nor the note. The returned message is the moderator's view (seen_by).
  Result<Changed> hide(const identity::Caller& caller, std::string_view room_id,
                       std::string_view message_id, std::string_view reason, std::string_view note);
  // Shows a hidden message to everyone again (the room's moderators only; a message that is not
  // hidden changes nothing). Audited as chat.message_unhidden.
  Result<Changed> unhide(const identity::Caller& caller, std::string_view room_id,
                         std::string_view message_id);
  // Mutes (kind "muted", for 1 to kMaxMuteMinutes minutes) or removes (kind "removed", until
  // restored) one of the room's people: its moderators only (permission_denied otherwise; a
  // private conversation has none). `user_id` must be one of the room's people and not one of
  // its moderators (invalid_argument, field "user_id"); `reason` one of kHideReasons; `note` at
  // most kMaxHideNoteCharacters. Replaces an earlier restriction of that person. Audited
  // (chat.member_muted / chat.member_removed, the reason code only). Muting lasts whatever
  // happens to the person's place; removal only hides the room's chat from them.
  Result<store::ChatRestrictionRecord> restrict_member(
      const identity::Caller& caller, std::string_view room_id, std::string_view user_id,
      std::string_view kind, std::int64_t minutes, std::string_view reason, std::string_view note);
  // Lifts a person's mute or removal (the room's moderators; audited chat.member_restored);
  // the lifted restriction, or nullopt when there was none.
  Result<std::optional<store::ChatRestrictionRecord>> restore_member(const identity::Caller& caller,
                                                                     std::string_view room_id,
                                                                     std::string_view user_id);
  // The room's mutes still running and its removals, by name: its moderators only.
  Result<std::vector<store::ChatRestrictionRecord>> restrictions(const identity::Caller& caller,
                                                                 std::string_view room_id);

  // One message of the room as the caller may see it (seen_by): how the author and the room's
  // moderators read the text of a message whose message_changed showed it hidden.
  Result<store::ChatMessageRecord> message(const identity::Caller& caller, std::string_view room_id,
                                           std::string_view message_id);
  // Messages edited or deleted after change number `after_change_seq`, in change order, at most
  // `limit` (1–100): what a client that saw changes up to after_change_seq missed.
  Result<std::vector<store::ChatMessageRecord>> changes_since(const identity::Caller& caller,
                                                              std::string_view room_id,
                                                              std::int64_t after_change_seq,
                                                              std::size_t limit);
  // A message's earlier texts, oldest first: for the room's moderators only (permission_denied
  // for anyone else in the room).
  Result<std::vector<store::ChatMessageVersion>> versions(const identity::Caller& caller,
                                                          std::string_view room_id,
                                                          std::string_view message_id);
  // The room's newest change number, for a client loading it (it resumes changes from there).
  Result<std::int64_t> last_change(const identity::Caller& caller, std::string_view room_id);

  // Messages numbered below `before_seq` (0: the newest), newest first, at most `limit` (1–100).
  Result<std::vector<store::ChatMessageRecord>> history(const identity::Caller& caller,
                                                        std::string_view room_id,
                                                        std::int64_t before_seq, std::size_t limit);
  // Messages numbered above `after_seq`, oldest first, at most `limit` (1–100): what a client
  // that saw up to after_seq missed.
  Result<std::vector<store::ChatMessageRecord>> since(const identity::Caller& caller,
                                                      std::string_view room_id,
                                                      std::int64_t after_seq, std::size_t limit);

  // The messages of the rooms the caller may read, or of one of them (`room_id` not empty), that
  // hold every word of `query` (search_terms.hpp) at a word's beginning, newest first, `limit`
  // (1–50) at a time; `cursor` is the previous page's next_cursor ("" for the first page).
  // Deleted messages are never found. invalid_argument for a bad query, limit or cursor;
  // not_found for a room the caller may not read.
  Result<SearchPage> search(const identity::Caller& caller, std::string_view query,
                            std::string_view room_id, std::string_view cursor, std::size_t limit);
  // Brings the search index up to every message committed so far, kSearchIndexBatch messages a
  // transaction, and returns how many it added. Where the store indexes as it writes, nothing.
  // A server calls it a few times a second (app/serve.cpp); search() calls it first, so that a
  // search always finds what was posted before it.
  Result<std::size_t> index_for_search();

 private:
  Result<std::vector<store::ChatMessageRecord>> read_messages(const identity::Caller& caller,
                                                              store::ChatMessageQuery query);
  // Runs `change` on a message of the room the caller may use, in one bookkeeping transaction
  // that then numbers the change and stores the message (when `change` returns true).
  Result<Changed> change_message(
      const identity::Caller& caller, std::string_view room_id, std::string_view message_id,
      const std::function<Result<bool>(store::Transaction&, const store::ChatRoomRecord&,
                                       store::ChatMessageRecord&, Changed&)>& change);

  // Fills in what a new message carries beside its text (message_extras.hpp), and counts a reply
  // in its thread's root.
  Result<void> add_extras(store::Transaction& tx, const store::ChatRoomRecord& room,
                          const MessageExtras& extras, Posted& posted, std::int64_t now_ms);
  // Records the alert for a stored message when its author is a participant of the room's
  // program and the text holds crisis language.
  Result<std::optional<RaisedAlert>> raise_alert_if_needed(store::Transaction& tx,
                                                           const identity::Caller& caller,
                                                           const store::ChatRoomRecord& room,
                                                           const store::ChatMessageRecord& message,
                                                           std::int64_t at_ms);

  store::Store& store_;
  const Clock& clock_;
  const support::CrisisMatcher& crisis_;
  const audit::AuditTrail& audit_;
};

// A message as `viewer_id` may see it. A hidden message keeps everything for the room's moderators;
// its author keeps the text but not who hid it nor the moderators' note; everyone else gets a
// placeholder without text. Anything not hidden is unchanged.
store::ChatMessageRecord seen_by(store::ChatMessageRecord message, std::string_view viewer_id,
                                 bool moderates);
// A message as everyone in the room may see it: what the room's events carry, serialised once
// for all (the author and moderators fetch the rest with ChatService::message).
inline store::ChatMessageRecord seen_by_room(store::ChatMessageRecord message) {
  return seen_by(std::move(message), "", false);
}

// Why `text` cannot be a message ("" if it can): empty or only white space, longer than
// kMaxMessageCharacters, or holding a control character other than newline and tab. Expects
// valid UTF-8 (the protocol's JSON decoding refuses anything else).
std::string_view message_text_problem(std::string_view text);

}  // namespace hearth::chat
