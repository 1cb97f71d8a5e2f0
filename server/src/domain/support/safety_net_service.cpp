#include "domain/support/safety_net_service.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

#include "base/ids.hpp"
#include "domain/chat/name_book.hpp"
#include "domain/chat/room_access.hpp"
#include "domain/identity/relationships.hpp"

namespace hearth::support {
namespace {

Error no_such_alert() {
  return Error::of(Errc::not_found, "no such alert");
}

Error no_such_program() {
  return Error::of(Errc::not_found, "no such program");
}

bool has_control_character(std::string_view text) {
  return std::ranges::any_of(text, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

std::string field_problem(std::string_view value, std::string_view field, std::size_t max_bytes,
                          bool required) {
  if (required && value.find_first_not_of(" \t") == std::string_view::npos) {
    return std::string(field) + " is required";
  }
  if (value.size() > max_bytes) {
    return std::string(field) + " is longer than " + std::to_string(max_bytes) + " bytes";
  }
  if (has_control_character(value)) return std::string(field) + " holds a control character";
  return "";
}

bool is_web_link(std::string_view url) {
  if (!url.starts_with("https://") && !url.starts_with("http://")) return false;
  const auto host = url.substr(url.find("//") + 2);
  return !host.empty() && url.find_first_of(" <>\"'") == std::string_view::npos;
}

std::vector<CrisisResource> from_records(std::vector<store::CrisisResourceRecord> records) {
  std::vector<CrisisResource> resources;
  resources.reserve(records.size());
  for (auto& r : records) {
    resources.push_back({std::move(r.name), std::move(r.contact), std::move(r.url)});
  }
  return resources;
}

// The care team's reading of an alert.
Result<AlertView> view_of(chat::NameBook& names, store::SafetyAlertRecord record) {
  AlertView view;
  HEARTH_TRY_ASSIGN(view.participant_name, names.person(record.participant_id));
  HEARTH_TRY_ASSIGN(view.acknowledged_by_name, names.person(record.acknowledged_by));
  HEARTH_TRY_ASSIGN(view.program_name, names.program(record.program_id));
  HEARTH_TRY_ASSIGN(auto room, names.room(record.room_id));
  view.room_kind = std::move(room.kind);
  view.room_name = std::move(room.name);
  view.record = std::move(record);
  return view;
}

}  // namespace

Result<std::vector<std::string>> alert_recipients(store::Transaction& tx,
                                                  const store::ChatRoomRecord& room,
                                                  std::string_view author_id) {
  std::vector<std::string> recipients;
  auto tell = [&](const std::string& user_id) {
    if (!user_id.empty() && user_id != author_id &&
        std::ranges::find(recipients, user_id) == recipients.end()) {
      recipients.push_back(user_id);
    }
  };
  HEARTH_TRY_ASSIGN(auto clinicians, chat::current_clinicians(tx, room.program_id));
  for (const auto& clinician : clinicians) tell(clinician);
  if (room.kind == "group") {
    HEARTH_TRY_ASSIGN(auto group, tx.find_group(room.group_id));
    if (group) {
      tell(group->facilitator_id);
      tell(group->co_facilitator_id);
    }
  }
  return recipients;
}

Result<std::vector<CrisisResource>> own_crisis_resources(store::Transaction& tx,
                                                         std::string_view program_id) {
  HEARTH_TRY_ASSIGN(auto records, tx.list_crisis_resources(program_id));
  return from_records(std::move(records));
}

std::string crisis_resources_problem(const std::vector<CrisisResource>& resources) {
  if (resources.size() > kMaxCrisisResources) {
    return "a program lists at most " + std::to_string(kMaxCrisisResources) + " crisis resources";
  }
  for (std::size_t i = 0; i < resources.size(); ++i) {
    const auto& r = resources[i];
    const std::string where = "resources[" + std::to_string(i) + "].";
    auto problem = field_problem(r.name, where + "name", kMaxCrisisResourceNameBytes, true);
    if (problem.empty()) {
      problem = field_problem(r.contact, where + "contact", kMaxCrisisResourceContactBytes, true);
    }
    if (problem.empty()) {
      problem = field_problem(r.url, where + "url", kMaxCrisisResourceUrlBytes, false);
    }
    if (problem.empty() && !r.url.empty() && !is_web_link(r.url)) {
      problem = where + "url must be an http:// or https:// address";
    }
    if (!problem.empty()) return problem;
  }
  return "";
}

Result<std::vector<AlertView>> SafetyNetService::alerts(const identity::Caller& caller,
                                                        bool open_only) {
  std::vector<AlertView> listed;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    listed.clear();
    HEARTH_TRY_ASSIGN(auto programs, chat::programs_of_clinician(tx, caller));
    chat::NameBook names(tx);
    for (const auto& program_id : programs) {
      HEARTH_TRY_ASSIGN(auto alerts,
                        tx.list_safety_alerts(program_id, open_only, kMaxAlertsListed));
      for (auto& alert : alerts) {
        HEARTH_TRY_ASSIGN(auto view, view_of(names, std::move(alert)));
        listed.push_back(std::move(view));
      }
    }
    return ok();
  }));
  std::ranges::sort(listed, [](const AlertView& a, const AlertView& b) {
    return std::tie(b.record.created_at_ms, b.record.id) <
           std::tie(a.record.created_at_ms, a.record.id);
  });
  return listed;
}

Result<Acknowledged> SafetyNetService::acknowledge(const identity::Caller& caller,
                                                   std::string_view alert_id) {
  if (!is_valid_id(alert_id)) return no_such_alert();
  const std::int64_t now_ms = clock_.now_ms();
  Acknowledged result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        result = Acknowledged{};  // a retried attempt starts afresh
        HEARTH_TRY_ASSIGN(auto alert, tx.find_safety_alert(alert_id));
        if (!alert) return no_such_alert();
        HEARTH_TRY_ASSIGN(bool care_team,
                          chat::is_current_clinician(tx, caller, alert->program_id));
        if (!care_team) return no_such_alert();
        HEARTH_TRY_ASSIGN(result.changed,
                          tx.acknowledge_safety_alert(alert_id, caller.user_id, now_ms));
        if (result.changed) {
          alert->acknowledged_by = caller.user_id;
          alert->acknowledged_at_ms = now_ms;
          HEARTH_TRY(audit_.record(tx, identity::audit_entry(caller, "safety_alert.acknowledge",
                                                             "safety_alert", alert->id)));
          HEARTH_TRY_ASSIGN(auto room, tx.find_chat_room(alert->room_id));
          if (room) {
            HEARTH_TRY_ASSIGN(result.recipients,
                              alert_recipients(tx, *room, alert->participant_id));
          }
        }
        chat::NameBook names(tx);
        HEARTH_TRY_ASSIGN(result.alert, view_of(names, std::move(*alert)));
        return ok();
      }));
  return result;
}

Result<ProgramCrisisResources> SafetyNetService::crisis_resources(const identity::Caller& caller,
                                                                  std::string_view program_id) {
  if (!is_valid_id(program_id)) return no_such_program();
  ProgramCrisisResources result;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto program, tx.find_program(program_id));
    if (!program) return no_such_program();
    if (!caller.roles.has(identity::Role::admin)) {
      HEARTH_TRY_ASSIGN(auto membership, tx.find_membership(program_id, caller.user_id));
      if (!membership) return no_such_program();
    }
    HEARTH_TRY_ASSIGN(result.resources, own_crisis_resources(tx, program_id));
    return ok();
  }));
  result.own = !result.resources.empty();
  if (!result.own) result.resources = defaults_;
  return result;
}

Result<ProgramCrisisResources> SafetyNetService::set_crisis_resources(
    const identity::Caller& caller, std::string_view program_id,
    const std::vector<CrisisResource>& resources) {
  if (!caller.roles.has(identity::Role::admin)) {
    return Error::of(Errc::permission_denied, "only an admin may change a program's settings");
  }
  if (!is_valid_id(program_id)) return no_such_program();
  if (const auto problem = crisis_resources_problem(resources); !problem.empty()) {
    return Error::of(Errc::invalid_argument, problem, "resources");
  }
  std::vector<store::CrisisResourceRecord> records;
  for (const auto& r : resources) records.push_back({r.name, r.contact, r.url});
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(auto program, tx.find_program(program_id));
        if (!program) return no_such_program();
        HEARTH_TRY(tx.replace_crisis_resources(program_id, records));
        return audit_.record(tx, identity::audit_entry(caller, "program.crisis_resources_update",
                                                       "program", program_id));
      }));
  ProgramCrisisResources result;
  result.own = !resources.empty();
  result.resources = result.own ? resources : defaults_;
  return result;
}

}  // namespace hearth::support
