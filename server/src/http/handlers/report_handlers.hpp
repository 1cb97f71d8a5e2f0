// The routes of chat reports' review queue (docs/api.md, "Chat reports"): the program's
// clinicians list the reports members made, read one with the messages around it, and decide.
// Members report through the real-time hub (message.report). Thin: decode, call ReportService on
// the BlockingPool, encode. The route rule admits the care team; the service decides on the
// relationship to the program.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "base/blocking_pool.hpp"
#include "domain/chat/report_service.hpp"
#include "http/router.hpp"

namespace hearth::http {

struct ReportDeps {
  chat::ReportService& reports;
  BlockingPool& blocking;
  // Runs `change` (a decision) so that a message it hides reaches the room in order with the
  // room's other changes, and tells the room (app/serve.cpp: the hub, under the room's lock).
  // Empty: `change` just runs, and nobody is told.
  std::function<void(const std::string& room_id,
                     const std::function<std::optional<store::ChatMessageRecord>()>& change)>
      in_room_order;
  // Called after a decision that changed something, so that the other reviewers hear of it;
  // may be empty.
  std::function<void(const chat::Decided&)> on_decided;
};

void add_report_routes(Router& router, const ReportDeps& deps);

}  // namespace hearth::http
