#include "realtime/protocol.hpp"

#include "base/timestamps.hpp"

namespace hearth::realtime {

Frame frame(const nlohmann::json& value) {
  return std::make_shared<const std::string>(
      value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

namespace {

// {"type":"<type>", then `fields` (sorted as nlohmann sorts them)}: an answer's type comes first,
// which is how ResumablePeer tells answers from events (is_answer).
Frame answer_frame(std::string_view type, const nlohmann::json& fields) {
  const auto rest = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  auto out = std::make_shared<std::string>();
  out->reserve(rest.size() + type.size() + 12);
  out->append(R"({"type":")").append(type).push_back('"');
  if (rest.size() > 2)
    out->append(",").append(rest, 1);
  else
    out->push_back('}');
  return out;
}

nlohmann::json with_id(nlohmann::json fields, const nlohmann::json& id) {
  if (!id.is_null()) fields["id"] = id;
  return fields;
}

}  // namespace

bool is_answer(std::string_view frame) {
  return frame.starts_with(R"({"type":"ack")") || frame.starts_with(R"({"type":"error")") ||
         frame.starts_with(R"({"type":"pong")");
}

Frame ack_frame(const nlohmann::json& id, nlohmann::json fields) {
  fields["id"] = id;
  return answer_frame("ack", fields);
}

Frame pong_frame(const nlohmann::json& id) {
  return answer_frame("pong", with_id(nlohmann::json::object(), id));
}

Frame error_frame(const nlohmann::json& id, std::string_view code, std::string_view message) {
  return answer_frame("error", with_id({{"code", code}, {"message", message}}, id));
}

Frame error_frame(const nlohmann::json& id, const Error& error) {
  switch (error.code) {
    case Errc::not_found:
    case Errc::invalid_argument:
    case Errc::permission_denied:
    case Errc::muted:
    case Errc::not_admitted:
    case Errc::hard_muted:
    case Errc::locked:
    case Errc::rate_limited: {
      nlohmann::json value = {{"code", errc_name(error.code)}, {"message", error.message}};
      if (!error.field.empty()) value["field"] = error.field;
      return answer_frame("error", with_id(std::move(value), id));
    }
    case Errc::transient:
    case Errc::unavailable:
      return error_frame(id, "unavailable", "the service is unavailable; try again shortly");
    default:
      return error_frame(id, "internal", "something went wrong on the server");
  }
}

Frame rate_limited_frame(const nlohmann::json& id, std::chrono::milliseconds retry_after) {
  return answer_frame(
      "error", with_id({{"code", "rate_limited"},
                        {"message", "too many requests at once; wait a moment and try again"},
                        {"retry_after_ms", retry_after.count()}},
                       id));
}

nlohmann::json message_json(const store::ChatMessageRecord& m) {
  nlohmann::json value = {{"id", m.id},
                          {"room_id", m.room_id},
                          {"seq", m.seq},
                          {"author_id", m.author_id},
                          {"author_name", m.author_name},
                          {"client_message_id", m.client_message_id},
                          {"text", m.text},
                          {"created_at", format_timestamp(m.created_at_ms)},
                          {"change_seq", m.change_seq}};
  if (m.edited_at_ms != 0) value["edited_at"] = format_timestamp(m.edited_at_ms);
  if (m.deleted_at_ms != 0) {
    value["deleted"] = true;
    // Whether its author took it back or a moderator removed it; never who the moderator was.
    value["deleted_by_author"] = m.deleted_by == m.author_id;
  }
  if (m.hidden_at_ms != 0) {
    value["hidden"] = true;
    value["hidden_reason"] = m.hidden_reason;
    value["hidden_at"] = format_timestamp(m.hidden_at_ms);
    // Left out of a message as members see it (chat::seen_by): for the room's moderators only.
    if (!m.hidden_by.empty()) value["hidden_by"] = m.hidden_by;
    if (!m.hidden_note.empty()) value["hidden_note"] = m.hidden_note;
  }
  if (!m.thread_root_id.empty()) value["thread_root_id"] = m.thread_root_id;
  if (m.reply_count != 0) {
    value["reply_count"] = m.reply_count;
    value["last_reply_at"] = format_timestamp(m.last_reply_at_ms);
  }
  nlohmann::json reactions = nlohmann::json::array();
  for (const auto& r : m.reactions) {
    reactions.push_back({{"reaction", r.reaction}, {"user_ids", r.user_ids}});
  }
  value["reactions"] = std::move(reactions);
  value["mentions"] = m.mentions;
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : m.files) {
    files.push_back({{"id", f.id}, {"name", f.name}, {"type", f.type}, {"size", f.size}});
  }
  value["files"] = std::move(files);
  return value;
}

nlohmann::json room_json(const chat::Room& room) {
  nlohmann::json value = {{"id", room.record.id},
                          {"kind", room.record.kind},
                          {"name", room.name},
                          {"program_id", room.record.program_id},
                          {"last_seq", room.record.last_seq},
                          {"last_read_seq", room.last_read_seq},
                          {"unread", room.record.last_seq - room.last_read_seq},
                          {"mentions", room.unread_mentions},
                          {"can_moderate", room.can_moderate}};
  if (room.record.kind == "group") value["group_id"] = room.record.group_id;
  if (room.muted_until_ms != 0) value["muted_until"] = format_timestamp(room.muted_until_ms);
  if (room.record.kind == "private") {
    nlohmann::json members = nlohmann::json::array();
    for (const auto& m : room.members) {
      members.push_back(
          {{"id", m.user_id}, {"name", m.display_name}, {"last_read_seq", m.last_read_seq}});
    }
    value["members"] = std::move(members);
  }
  return value;
}

Frame message_posted_frame(const store::ChatMessageRecord& message) {
  return frame({{"type", "message_posted"},
                {"room_id", message.room_id},
                {"seq", message.seq},
                {"message", message_json(message)}});
}

Frame message_changed_frame(const store::ChatMessageRecord& message) {
  return frame({{"type", "message_changed"},
                {"room_id", message.room_id},
                {"change_seq", message.change_seq},
                {"message", message_json(message)}});
}

nlohmann::json version_json(const store::ChatMessageVersion& v) {
  return {{"text", v.text},
          {"replaced_at", format_timestamp(v.replaced_at_ms)},
          {"replaced_by", v.replaced_by},
          {"reason", v.reason}};
}

Frame safety_alert_frame(const chat::RaisedAlert& alert) {
  const auto& a = alert.record;
  return frame({{"type", "safety_alert_raised"},
                {"alert",
                 {{"id", a.id},
                  {"participant_id", a.participant_id},
                  {"participant_name", alert.participant_name},
                  {"program_id", a.program_id},
                  {"room_id", a.room_id},
                  {"message_id", a.message_id},
                  {"category", a.category},
                  {"priority", "high"},
                  {"created_at", format_timestamp(a.created_at_ms)}}}});
}

Frame safety_alert_acknowledged_frame(const support::AlertView& alert) {
  const auto& a = alert.record;
  return frame({{"type", "safety_alert_acknowledged"},
                {"alert_id", a.id},
                {"acknowledged_by", a.acknowledged_by},
                {"acknowledged_by_name", alert.acknowledged_by_name},
                {"acknowledged_at", format_timestamp(a.acknowledged_at_ms)}});
}

Frame chat_report_filed_frame(const chat::ReportView& report) {
  const auto& r = report.record;
  return frame({{"type", "chat_report_filed"},
                {"report",
                 {{"id", r.id},
                  {"program_id", r.program_id},
                  {"program_name", report.program_name},
                  {"room_kind", report.room_kind},
                  {"room_name", report.room_name},
                  {"reason", r.reason},
                  {"created_at", format_timestamp(r.created_at_ms)}}}});
}

Frame chat_report_decided_frame(const chat::ReportView& report) {
  const auto& r = report.record;
  return frame({{"type", "chat_report_decided"},
                {"report",
                 {{"id", r.id},
                  {"message_id", r.message_id},
                  {"decision", r.decision},
                  {"decided_by_name", report.decided_by_name},
                  {"decided_at", format_timestamp(r.decided_at_ms)}}}});
}

nlohmann::json restriction_json(const store::ChatRestrictionRecord& r) {
  nlohmann::json value = {
      {"room_id", r.room_id}, {"user_id", r.user_id}, {"user_name", r.user_name},
      {"kind", r.kind},       {"reason", r.reason},   {"note", r.note},
      {"by", r.by},           {"by_name", r.by_name}, {"at", format_timestamp(r.at_ms)}};
  if (r.kind == "muted") value["until"] = format_timestamp(r.until_ms);
  return value;
}

Frame member_restricted_frame(const store::ChatRestrictionRecord& r) {
  nlohmann::json value = {{"type", "member_restricted"},
                          {"room_id", r.room_id},
                          {"kind", r.kind},
                          {"reason", r.reason}};
  if (r.kind == "muted") value["until"] = format_timestamp(r.until_ms);
  return frame(value);
}

Frame member_restored_frame(const store::ChatRestrictionRecord& r) {
  return frame({{"type", "member_restored"}, {"room_id", r.room_id}});
}

Frame typing_started_frame(std::string_view room_id, std::string_view user_id) {
  return frame({{"type", "typing_started"}, {"room_id", room_id}, {"user_id", user_id}});
}

Frame presence_changed_frame(std::string_view user_id, std::string_view status) {
  return frame({{"type", "presence_changed"}, {"user_id", user_id}, {"status", status}});
}

nlohmann::json request_id(const nlohmann::json& request) {
  const auto id = request.find("id");
  if (id == request.end()) return nullptr;
  if (id->is_number_integer()) return *id;
  if (id->is_string() && id->get_ref<const std::string&>().size() <= 64) return *id;
  return nullptr;
}

}  // namespace hearth::realtime
