#include "domain/chat/report_service.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "base/ids.hpp"
#include "domain/chat/chat_service.hpp"
#include "domain/chat/name_book.hpp"
#include "domain/chat/room_access.hpp"
#include "domain/identity/relationships.hpp"

namespace hearth::chat {
namespace {

Error no_such_report() {
  return Error::of(Errc::not_found, "no such report");
}

template <std::size_t N>
bool is_one_of(const std::array<std::string_view, N>& codes, std::string_view value) {
  return std::ranges::find(codes, value) != codes.end();
}

// The reviewers' reading of a report.
Result<ReportView> view_of(NameBook& names, store::Transaction& tx,
                           store::ChatReportRecord record) {
  ReportView view;
  HEARTH_TRY_ASSIGN(view.reporter_name, names.person(record.reporter_id));
  HEARTH_TRY_ASSIGN(view.decided_by_name, names.person(record.decided_by));
  HEARTH_TRY_ASSIGN(auto message, tx.find_chat_message(record.message_id));
  if (message) {
    view.author_id = message->author_id;
    HEARTH_TRY_ASSIGN(view.author_name, names.person(message->author_id));
  }
  HEARTH_TRY_ASSIGN(view.program_name, names.program(record.program_id));
  HEARTH_TRY_ASSIGN(auto room, names.room(record.room_id));
  view.room_kind = std::move(room.kind);
  view.room_name = std::move(room.name);
  view.record = std::move(record);
  return view;
}

// The program's current clinicians but `except_id`: who reviews its reports.
Result<std::vector<std::string>> reviewers_of(store::Transaction& tx, std::string_view program_id,
                                              std::string_view except_id) {
  HEARTH_TRY_ASSIGN(auto reviewers, current_clinicians(tx, program_id));
  std::erase(reviewers, except_id);
  return reviewers;
}

// The report, if the caller reviews its program; not_found alike for a report that does not
// exist and one they may not see.
Result<store::ChatReportRecord> reviewable(store::Transaction& tx, const identity::Caller& caller,
                                           std::string_view report_id) {
  HEARTH_TRY_ASSIGN(auto report, tx.find_chat_report(report_id));
  if (!report) return no_such_report();
  HEARTH_TRY_ASSIGN(bool reviews, is_current_clinician(tx, caller, report->program_id));
  if (!reviews) return no_such_report();
  return std::move(*report);
}

}  // namespace

Result<Reported> ReportService::report(const identity::Caller& caller, std::string_view room_id,
                                       std::string_view message_id, std::string_view reason,
                                       std::string_view note) {
  if (!is_one_of(kReportReasons, reason)) {
    return Error::of(Errc::invalid_argument,
                     "reason must be one of worried_about_someone, triggering, "
                     "private_information, disrespectful, spam, other",
                     "reason");
  }
  HEARTH_TRY(check_note(note, kMaxReportNoteCharacters));
  if (!is_valid_id(room_id)) return no_such_room();
  if (!is_valid_id(message_id)) return no_such_message();
  const std::int64_t now_ms = clock_.now_ms();
  Reported result;
  HEARTH_TRY(
      store_.transact(store::Access::bookkeeping, [&](store::Transaction& tx) -> Result<void> {
        result = Reported{};  // a retried attempt starts afresh
        HEARTH_TRY_ASSIGN(auto room, usable_room(tx, caller, room_id));
        HEARTH_TRY_ASSIGN(auto message, tx.find_chat_message(message_id));
        if (!message || message->room_id != room.id) return no_such_message();
        if (message->author_id == caller.user_id) {
          return Error::of(Errc::invalid_argument, "one cannot report one's own message",
                           "message_id");
        }
        if (message->deleted_at_ms != 0) {
          return Error::of(Errc::invalid_argument, "a deleted message cannot be reported",
                           "message_id");
        }
        if (message->hidden_at_ms != 0) {
          return Error::of(Errc::invalid_argument, "a moderator has hidden this message already",
                           "message_id");
        }
        HEARTH_TRY_ASSIGN(auto earlier,
                          tx.find_chat_report_by_reporter(message->id, caller.user_id));
        store::ChatReportRecord record;
        if (earlier) {
          result.created = false;
          record = std::move(*earlier);
        } else {
          record = {.id = new_id(),
                    .message_id = message->id,
                    .room_id = room.id,
                    .program_id = room.program_id,
                    .reporter_id = caller.user_id,
                    .reason = std::string(reason),
                    .note = std::string(note),
                    .created_at_ms = now_ms};
          HEARTH_TRY_ASSIGN(result.created, tx.insert_chat_report(record));
          if (!result.created) {
            // Another tab's report of the same message committed in between: answer with it.
            HEARTH_TRY_ASSIGN(auto first,
                              tx.find_chat_report_by_reporter(message->id, caller.user_id));
            if (!first) return Error::of(Errc::internal, "a report vanished while being made");
            record = std::move(*first);
          } else {
            // The reason code only: the note and the message's words stay with the reviewers.
            auto entry =
                identity::audit_entry(caller, "chat.message_reported", "chat_message", message->id);
            entry.detail = record.reason;
            HEARTH_TRY(audit_.record(tx, entry));
            HEARTH_TRY_ASSIGN(result.reviewers, reviewers_of(tx, room.program_id, caller.user_id));
          }
        }
        NameBook names(tx);
        HEARTH_TRY_ASSIGN(result.report, view_of(names, tx, std::move(record)));
        return ok();
      }));
  return result;
}

Result<std::vector<ReportView>> ReportService::reports(const identity::Caller& caller,
                                                       bool open_only) {
  std::vector<ReportView> listed;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    listed.clear();
    HEARTH_TRY_ASSIGN(auto programs, programs_of_clinician(tx, caller));
    NameBook names(tx);
    for (const auto& program_id : programs) {
      HEARTH_TRY_ASSIGN(auto reports,
                        tx.list_chat_reports(program_id, open_only, kMaxReportsListed));
      for (auto& report : reports) {
        HEARTH_TRY_ASSIGN(auto view, view_of(names, tx, std::move(report)));
        listed.push_back(std::move(view));
      }
    }
    return ok();
  }));
  std::ranges::sort(listed, [](const ReportView& a, const ReportView& b) {
    return std::tie(b.record.created_at_ms, b.record.id) <
           std::tie(a.record.created_at_ms, a.record.id);
  });
  return listed;
}

Result<ReportDetail> ReportService::detail(const identity::Caller& caller,
                                           std::string_view report_id) {
  if (!is_valid_id(report_id)) return no_such_report();
  ReportDetail detail;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto report, reviewable(tx, caller, report_id));
    HEARTH_TRY_ASSIGN(auto message, tx.find_chat_message(report.message_id));
    if (!message) return no_such_report();
    const auto around = static_cast<std::int64_t>(kContextMessages);
    const store::ChatMessageQuery neighbours{
        .room_id = report.room_id,
        .after_seq = std::max<std::int64_t>(0, message->seq - around - 1),
        .before_seq = message->seq + around + 1,
        .limit = 2 * kContextMessages + 1,
        .newest_first = false};
    HEARTH_TRY_ASSIGN(detail.messages, tx.list_chat_messages(neighbours));
    NameBook names(tx);
    HEARTH_TRY_ASSIGN(detail.report, view_of(names, tx, std::move(report)));
    return ok();
  }));
  return detail;
}

Result<std::string> ReportService::room_of(const identity::Caller& caller,
                                           std::string_view report_id) {
  if (!is_valid_id(report_id)) return no_such_report();
  std::string room_id;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto report, reviewable(tx, caller, report_id));
    room_id = std::move(report.room_id);
    return ok();
  }));
  return room_id;
}

Result<Decided> ReportService::decide(const identity::Caller& caller, std::string_view report_id,
                                      std::string_view decision, std::string_view hide_reason,
                                      std::string_view note) {
  const bool hide = decision == "hide";
  if (!hide && decision != "dismiss") {
    return Error::of(Errc::invalid_argument, "decision must be \"dismiss\" or \"hide\"",
                     "decision");
  }
  if (hide) {
    if (!is_one_of(kHideReasons, hide_reason)) {
      return Error::of(Errc::invalid_argument,
                       "reason must be one of triggering, private_information, disrespectful, "
                       "off_topic, spam, other",
                       "reason");
    }
    HEARTH_TRY(check_note(note, kMaxHideNoteCharacters));
  }
  if (!is_valid_id(report_id)) return no_such_report();
  const std::int64_t now_ms = clock_.now_ms();
  Decided result;
  HEARTH_TRY(
      store_.transact(store::Access::bookkeeping, [&](store::Transaction& tx) -> Result<void> {
        result = Decided{};  // a retried attempt starts afresh
        HEARTH_TRY_ASSIGN(auto report, reviewable(tx, caller, report_id));
        if (report.decided_at_ms != 0) {
          result.changed = false;
        } else {
          HEARTH_TRY_ASSIGN(auto message, tx.find_chat_message(report.message_id));
          if (!message) return no_such_report();
          if (hide) {
            if (message->deleted_at_ms != 0) {
              return Error::of(Errc::invalid_argument,
                               "the message has been deleted: dismiss the report instead",
                               "decision");
            }
            HEARTH_TRY_ASSIGN(bool hidden_now,
                              hide_in(tx, audit_, caller, *message, hide_reason, note, now_ms));
            if (hidden_now) {
              HEARTH_TRY_ASSIGN(message->change_seq, tx.take_chat_change_seq(message->room_id));
              HEARTH_TRY(tx.update_chat_message(*message));
              result.hidden = std::move(*message);
            }
          }
          const std::string settled = hide ? "hidden" : "dismissed";
          HEARTH_TRY(tx.decide_chat_reports(report.message_id, caller.user_id, settled, now_ms));
          auto entry =
              identity::audit_entry(caller, "chat.report_decided", "chat_report", report.id);
          entry.detail = settled;
          HEARTH_TRY(audit_.record(tx, entry));
          HEARTH_TRY_ASSIGN(result.reviewers, reviewers_of(tx, report.program_id, caller.user_id));
          HEARTH_TRY_ASSIGN(auto decided, tx.find_chat_report(report.id));
          if (!decided) return no_such_report();
          report = std::move(*decided);
        }
        NameBook names(tx);
        HEARTH_TRY_ASSIGN(result.report, view_of(names, tx, std::move(report)));
        return ok();
      }));
  return result;
}

}  // namespace hearth::chat
