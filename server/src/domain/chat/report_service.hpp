// ReportService: any member of a room may report one of its messages; the reports land in a
// review queue for the program's current clinicians, who read the reported message with the
// messages around it and decide: dismiss (nothing to do) or hide it.
//
// Who reviews: the program's current clinicians, for every kind of room. For a private
// conversation (which has no moderators and which nobody outside reads) a report is the one way
// its words reach the care team, and then only the reported message and its neighbours
// (kContextMessages on each side), never the rest of the conversation. To anyone else a report
// does not exist (not_found), as it tells something about the people in it.
//
// A person reports a message once (a second report is answered with the first); a decision
// settles every open report of that message, and the first decision stays. Reporting and deciding
// are audited with codes only (the reason, the decision): never the message's text nor the
// reporter's note, which only the reviewers read.
//
// Every method blocks on the store: run them through BlockingPool. Thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/audit/audit_trail.hpp"
#include "domain/identity/identity.hpp"
#include "store/store.hpp"

namespace hearth::chat {

// Why a member reports a message: codes, worded by clients. First the one that matters most in a
// therapy community: a member worried about the person who wrote it.
inline constexpr std::array<std::string_view, 6> kReportReasons = {
    "worried_about_someone", "triggering", "private_information", "disrespectful", "spam", "other"};
inline constexpr std::size_t kMaxReportNoteCharacters = 500;
// The messages shown on each side of a reported one: enough to read it in its context.
inline constexpr std::size_t kContextMessages = 3;
// Reports listed per program at most, newest first.
inline constexpr std::size_t kMaxReportsListed = 200;

// A report as the reviewers read it.
struct ReportView {
  store::ChatReportRecord record;
  std::string reporter_name;
  std::string author_id;  // the reported message's
  std::string author_name;
  std::string program_name;
  std::string room_kind;  // "group", "program" or "private"
  std::string room_name;  // the group's or the program's; "" for a private conversation
  std::string decided_by_name;
};

// A report with the reported message among its neighbours, oldest first, as the room's
// moderators see them (a hidden message's text included; a deleted one has none).
struct ReportDetail {
  ReportView report;
  std::vector<store::ChatMessageRecord> messages;
};

struct Reported {
  ReportView report;
  bool created = true;                 // false: the caller had reported this message already
  std::vector<std::string> reviewers;  // user ids to tell at once (never the reporter)
};

struct Decided {
  ReportView report;
  bool changed = true;  // false: someone had decided already (their decision stands)
  // The message, when this decision hid it: the room must hear of the change.
  std::optional<store::ChatMessageRecord> hidden;
  std::vector<std::string> reviewers;  // the other reviewers, who should hear of the decision
};

class ReportService {
 public:
  // The audit trail must outlive the service.
  ReportService(store::Store& store, const Clock& clock, const audit::AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // Reports a message of a room the caller may use (not_found otherwise). `reason` is one of
  // kReportReasons (invalid_argument, field "reason"); `note` (at most kMaxReportNoteCharacters,
  // may be empty) is for the reviewers. invalid_argument for one's own message, or one that is
  // deleted or already hidden.
  Result<Reported> report(const identity::Caller& caller, std::string_view room_id,
                          std::string_view message_id, std::string_view reason,
                          std::string_view note);

  // The reports of every program the caller is a current clinician of, newest first (at most
  // kMaxReportsListed per program); with open_only, those not decided. Empty for anyone else.
  Result<std::vector<ReportView>> reports(const identity::Caller& caller, bool open_only);
  // One report with its message in context; not_found for a report the caller may not review.
  Result<ReportDetail> detail(const identity::Caller& caller, std::string_view report_id);
  // The room of a report the caller may review (not_found otherwise): where a decision that
  // hides its message must be told, in order with the room's other changes.
  Result<std::string> room_of(const identity::Caller& caller, std::string_view report_id);

  // Decides a report, and every other open report of its message: `decision` "dismiss" or "hide"
  // (invalid_argument, field "decision"). Hiding takes `hide_reason` (one of kHideReasons, field
  // "reason") and an optional `note` for moderators, as ChatService::hide does, in any kind of
  // room; a deleted message can only be dismissed. not_found for a report the caller may not
  // review. A report already decided keeps its decision (changed false).
  Result<Decided> decide(const identity::Caller& caller, std::string_view report_id,
                         std::string_view decision, std::string_view hide_reason,
                         std::string_view note);

 private:
  store::Store& store_;
  const Clock& clock_;
  const audit::AuditTrail& audit_;
};

}  // namespace hearth::chat
