// SafetyNetService: what the care team does with the safety net's alerts, and where a program's
// people can get help now.
//
// Alerts: a participant's message with crisis language leaves a safety alert (chat_service.cpp).
// The clinicians connected at that moment hear of it at once; this service is the list they (and
// those who were away) work through, and the acknowledgement that says "someone of the care team
// has this". An alert is acknowledged once: the first clinician's name and time stay, so two
// clinicians reading the same alert see who took it. The list and the acknowledgement are for the
// program's current clinicians; to anyone else an alert does not exist (not_found), as it tells
// something about a participant's health. Nothing here carries the message's words.
//
// Crisis resources: what the author of a crisis message is shown at once, and what any of the
// program's people can look up at any time. A program may list its own (its country's lines, its
// own on-call number); without, the deployment's list applies (default_crisis_resources()).
//
// Every method blocks on the store: run them through BlockingPool. Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/audit/audit_trail.hpp"
#include "domain/identity/identity.hpp"
#include "domain/support/crisis_resources.hpp"
#include "store/store.hpp"

namespace hearth::support {

inline constexpr std::size_t kMaxCrisisResources = 10;
inline constexpr std::size_t kMaxCrisisResourceNameBytes = 120;
inline constexpr std::size_t kMaxCrisisResourceContactBytes = 200;
inline constexpr std::size_t kMaxCrisisResourceUrlBytes = 500;
// Alerts listed per program at most: open ones rarely number more than a handful; the rest is
// history, newest first.
inline constexpr std::size_t kMaxAlertsListed = 200;

// Who must hear of an alert raised in `room`: the program's current clinicians and, in a group's
// room, the group's facilitators; never `author_id` (a participant, or staff who wrote it).
Result<std::vector<std::string>> alert_recipients(store::Transaction& tx,
                                                  const store::ChatRoomRecord& room,
                                                  std::string_view author_id);

// The program's own crisis resources, in its order; empty when it uses the deployment's.
Result<std::vector<CrisisResource>> own_crisis_resources(store::Transaction& tx,
                                                         std::string_view program_id);

// Why `resources` cannot be a program's list ("" if it can), naming the entry: more than
// kMaxCrisisResources, an empty or too long name or contact, a control character, or a url that
// is not http(s) (it is shown as a link).
std::string crisis_resources_problem(const std::vector<CrisisResource>& resources);

// An alert as the care team reads it: who, in which program and room, what kind, and whether
// someone has it; never the words.
struct AlertView {
  store::SafetyAlertRecord record;
  std::string participant_name;
  std::string program_name;
  std::string room_kind;  // "group", "program" or "private"
  std::string room_name;  // the group's or the program's; "" for a private conversation
  std::string acknowledged_by_name;
};

struct Acknowledged {
  AlertView alert;
  bool changed = true;                  // false: someone had acknowledged it already
  std::vector<std::string> recipients;  // who heard of the alert, and so should hear this
};

struct ProgramCrisisResources {
  std::vector<CrisisResource> resources;
  bool own = false;  // false: the deployment's list
};

class SafetyNetService {
 public:
  // The audit trail must outlive the service; `defaults` is the deployment's list.
  SafetyNetService(store::Store& store, const Clock& clock, const audit::AuditTrail& audit,
                   std::vector<CrisisResource> defaults)
      : store_(store), clock_(clock), audit_(audit), defaults_(std::move(defaults)) {}

  // The alerts of every program the caller is a current clinician of, newest first (at most
  // kMaxAlertsListed per program); with open_only, those no one has acknowledged. Empty for
  // anyone else.
  Result<std::vector<AlertView>> alerts(const identity::Caller& caller, bool open_only);
  // Records that the caller, a current clinician of the alert's program, has it (audited); the
  // first acknowledgement stays. not_found for an alert they may not see.
  Result<Acknowledged> acknowledge(const identity::Caller& caller, std::string_view alert_id);

  // The program's crisis resources: for anyone with a place in it (any status) and admins;
  // not_found for others.
  Result<ProgramCrisisResources> crisis_resources(const identity::Caller& caller,
                                                  std::string_view program_id);
  // Replaces the program's list (admins; audited); an empty list goes back to the deployment's.
  // invalid_argument as crisis_resources_problem() says.
  Result<ProgramCrisisResources> set_crisis_resources(const identity::Caller& caller,
                                                      std::string_view program_id,
                                                      const std::vector<CrisisResource>& resources);

  const std::vector<CrisisResource>& defaults() const { return defaults_; }

 private:
  store::Store& store_;
  const Clock& clock_;
  const audit::AuditTrail& audit_;
  std::vector<CrisisResource> defaults_;
};

}  // namespace hearth::support
