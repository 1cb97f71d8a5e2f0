// The JSON shapes of docs/protocol/realtime.md that the hub sends: frames are serialised once
// and shared by every connection they go to.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "domain/chat/chat_service.hpp"
#include "domain/chat/report_service.hpp"
#include "domain/support/safety_net_service.hpp"

namespace hearth::realtime {

using Frame = std::shared_ptr<const std::string>;

Frame frame(const nlohmann::json& value);

// Answers to requests (ack, error, pong) are serialised with their type first, which no event is
// (events never have these types): ResumablePeer numbers and keeps events only, by this test.
bool is_answer(std::string_view frame);

// An answer to a request: {"type":"ack","id":…} plus `fields`. `id` is null when the request
// carried none.
Frame ack_frame(const nlohmann::json& id, nlohmann::json fields = nlohmann::json::object());
// {"type":"pong"} with the ping's id, if it had one.
Frame pong_frame(const nlohmann::json& id);
// {"type":"error","code","message"} (and "id", "field" when known). Errors of the store are sent
// without their text, which is for the log.
Frame error_frame(const nlohmann::json& id, std::string_view code, std::string_view message);
Frame error_frame(const nlohmann::json& id, const Error& error);

// {"type":"error","code":"rate_limited",…,"retry_after_ms"}: the request was not run.
Frame rate_limited_frame(const nlohmann::json& id, std::chrono::milliseconds retry_after);

nlohmann::json message_json(const store::ChatMessageRecord& message);
nlohmann::json room_json(const chat::Room& room);
// The event every reader of the room gets once a message is stored.
Frame message_posted_frame(const store::ChatMessageRecord& message);
// The event every reader of the room gets once a message is edited or deleted (replayed by resume
// from a change number).
Frame message_changed_frame(const store::ChatMessageRecord& message);
// One earlier text of a message, for moderators.
nlohmann::json version_json(const store::ChatMessageVersion& version);

// The event each recipient of a safety alert gets: who, where, which message, what kind of
// language; never the message's text (the clinician opens the message in its room).
Frame safety_alert_frame(const chat::RaisedAlert& alert);
// Someone of the care team has the alert: the other clinicians' banners can go.
Frame safety_alert_acknowledged_frame(const support::AlertView& alert);

// To the program's clinicians: a member reported a message. Where and why only; never the
// message's text, the reporter's note, nor who is involved (the review queue shows those).
Frame chat_report_filed_frame(const chat::ReportView& report);
// To the program's other clinicians: a report was decided, so it leaves their open lists.
Frame chat_report_decided_frame(const chat::ReportView& report);

// A mute or removal as moderators read it (the ack, room.restrictions).
nlohmann::json restriction_json(const store::ChatRestrictionRecord& restriction);
// To the person muted or removed: which room, what, until when and why; never the note nor who.
Frame member_restricted_frame(const store::ChatRestrictionRecord& restriction);
// To the person: their mute or removal in the room is lifted.
Frame member_restored_frame(const store::ChatRestrictionRecord& restriction);

// To the room's other people: `user_id` is typing there (sent again while they go on).
Frame typing_started_frame(std::string_view room_id, std::string_view user_id);
// To everyone sharing a room with the person: their status is now "online", "away" or "offline".
Frame presence_changed_frame(std::string_view user_id, std::string_view status);

// The request id a client may attach: an integer, or a string of at most 64 bytes; anything else
// is dropped (null), so that nothing a client sends is echoed at length.
nlohmann::json request_id(const nlohmann::json& request);

}  // namespace hearth::realtime
