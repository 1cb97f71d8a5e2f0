// Chat reports' review queue (docs/api.md, "Chat reports").
#include "http/handlers/report_handlers.hpp"

#include "base/timestamps.hpp"
#include "domain/chat/chat_service.hpp"
#include "http/handlers/query_values.hpp"
#include "http/handlers/schedule_handlers.hpp"

namespace hearth::http {
namespace {

using boost::asio::awaitable;

nlohmann::json encode_report(const chat::ReportView& view) {
  const auto& r = view.record;
  nlohmann::json report = {{"id", r.id},
                           {"message_id", r.message_id},
                           {"room_id", r.room_id},
                           {"room_kind", view.room_kind},
                           {"room_name", view.room_name},
                           {"program_id", r.program_id},
                           {"program_name", view.program_name},
                           {"reporter_id", r.reporter_id},
                           {"reporter_name", view.reporter_name},
                           {"author_id", view.author_id},
                           {"author_name", view.author_name},
                           {"reason", r.reason},
                           {"note", r.note},
                           {"created_at", format_timestamp(r.created_at_ms)},
                           {"decided", r.decided_at_ms != 0}};
  if (r.decided_at_ms != 0) {
    report["decision"] = r.decision;
    report["decided_by"] = r.decided_by;
    report["decided_by_name"] = view.decided_by_name;
    report["decided_at"] = format_timestamp(r.decided_at_ms);
  }
  return report;
}

// A message as the reviewers read it: as the room's moderators would.
nlohmann::json encode_message(const store::ChatMessageRecord& m, std::string_view reported_id) {
  nlohmann::json message = {{"id", m.id},
                            {"seq", m.seq},
                            {"author_id", m.author_id},
                            {"author_name", m.author_name},
                            {"text", m.text},
                            {"created_at", format_timestamp(m.created_at_ms)},
                            {"edited", m.edited_at_ms != 0},
                            {"deleted", m.deleted_at_ms != 0},
                            {"hidden", m.hidden_at_ms != 0},
                            {"reported", m.id == reported_id}};
  if (m.hidden_at_ms != 0) {
    message["hidden_reason"] = m.hidden_reason;
    message["hidden_note"] = m.hidden_note;
  }
  return message;
}

struct Decision {
  std::string decision;
  std::string reason;
  std::string note;
};

Result<Decision> decode_decision(const Request& request) {
  HEARTH_TRY_ASSIGN(const auto body, parse_json_object(request));
  Decision d;
  HEARTH_TRY_ASSIGN(d.decision, required_string(body, "decision", 20));
  // Lengths are the service's to judge (in characters); these caps only bound the copy.
  HEARTH_TRY_ASSIGN(auto reason, optional_string(body, "reason", 40));
  HEARTH_TRY_ASSIGN(auto note, optional_string(body, "note", 4 * chat::kMaxHideNoteCharacters));
  d.reason = reason.value_or("");
  d.note = note.value_or("");
  return d;
}

}  // namespace

void add_report_routes(Router& router, const ReportDeps& deps) {
  router.add(Method::get, "/api/v1/chat-reports", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               const auto open_only = query_open_only(ctx.request);
               if (!open_only) co_return error_response(open_only.error());
               co_return co_await answer_json(
                   d.blocking, [&] { return d.reports.reports(*ctx.caller, *open_only); },
                   [](const std::vector<chat::ReportView>& reports) {
                     nlohmann::json listed = nlohmann::json::array();
                     for (const auto& r : reports) listed.push_back(encode_report(r));
                     return nlohmann::json{{"reports", std::move(listed)}};
                   });
             });
  router.add(Method::get, "/api/v1/chat-reports/{id}", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               co_return co_await answer_json(
                   d.blocking, [&] { return d.reports.detail(*ctx.caller, ctx.param("id")); },
                   [](const chat::ReportDetail& detail) {
                     nlohmann::json messages = nlohmann::json::array();
                     for (const auto& m : detail.messages) {
                       messages.push_back(encode_message(m, detail.report.record.message_id));
                     }
                     return nlohmann::json{{"report", encode_report(detail.report)},
                                           {"messages", std::move(messages)}};
                   });
             });
  router.add(Method::post, "/api/v1/chat-reports/{id}/decision", Access::care_team,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto decision = decode_decision(ctx.request);
               if (!decision) co_return error_response(decision.error());
               co_return co_await answer_json(
                   d.blocking,
                   [&]() -> Result<chat::Decided> {
                     HEARTH_TRY_ASSIGN(const auto room_id,
                                       d.reports.room_of(*ctx.caller, ctx.param("id")));
                     Result<chat::Decided> decided = Error::of(Errc::internal, "not decided");
                     const auto decide = [&]() -> std::optional<store::ChatMessageRecord> {
                       decided = d.reports.decide(*ctx.caller, ctx.param("id"), decision->decision,
                                                  decision->reason, decision->note);
                       if (!decided) return std::nullopt;
                       return decided->hidden;
                     };
                     if (d.in_room_order) {
                       d.in_room_order(room_id, decide);
                     } else {
                       decide();
                     }
                     if (decided && decided->changed && d.on_decided) d.on_decided(*decided);
                     return decided;
                   },
                   [](const chat::Decided& done) {
                     return nlohmann::json{{"report", encode_report(done.report)},
                                           {"changed", done.changed}};
                   });
             });
}

}  // namespace hearth::http
