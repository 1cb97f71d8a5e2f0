// Test helper: a migrated SQLite store holding one program with two groups and the people the
// chat tests need, and a ChatService and a ReportService over it.
//   program "Evening IOP": group "Skills group" led by `facilitator` (a peer specialist), with
//   `alice` and `bob` as members and `waiting` on its waiting list; group "Process group" with
//   `carol`. `clinician` is current staff of the program, `former_clinician` staff who left.
//   `discharged` finished the program; `outsider` has an account and no program.
// The chat service reads messages with the default crisis phrases.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>

#include "base/clock.hpp"
#include "base/ids.hpp"
#include "domain/chat/chat_service.hpp"
#include "domain/chat/report_service.hpp"
#include "domain/testing/sqlite_test_store.hpp"

namespace hearth::chat::testing {

inline identity::Caller caller_of(const store::UserRecord& user) {
  identity::Caller caller;
  caller.user_id = user.id;
  caller.session_id = "session-of-" + user.display_name;
  if (auto roles = identity::RoleSet::parse(user.roles)) caller.roles = *roles;
  return caller;
}

class ChatWorld {
 public:
  ChatWorld() {
    if (!store_.ok()) return;
    auto seeded = store_->transact(store::Access::read_write,
                                   [&](store::Transaction& tx) { return insert(tx); });
    seeded_ = seeded.ok();
  }

  bool ok() const { return store_.ok() && seeded_; }
  store::Store& store() { return *store_; }
  ChatService& chat() { return chat_; }
  ReportService& reports() { return reports_; }
  ManualClock& clock() { return clock_; }

  // The id of the room `user` sees under `name`; "" and a test failure when there is none.
  std::string room_of(const store::UserRecord& user, std::string_view name) {
    auto rooms = chat_.rooms_of(caller_of(user));
    EXPECT_TRUE(rooms) << rooms.error().message;
    if (!rooms) return "";
    for (const auto& room : *rooms) {
      if (room.name == name) return room.record.id;
    }
    ADD_FAILURE() << user.display_name << " has no room " << name;
    return "";
  }

  const store::UserRecord facilitator = person("Fran", "peer_specialist");
  const store::UserRecord clinician = person("Cleo", "clinician");
  const store::UserRecord former_clinician = person("Eli", "clinician");
  const store::UserRecord alice = person("Alice");
  const store::UserRecord bob = person("Bob");
  const store::UserRecord carol = person("Carol");
  const store::UserRecord waiting = person("Wren");
  const store::UserRecord discharged = person("Dana");
  const store::UserRecord outsider = person("Olly");
  const store::ProgramRecord program{.id = new_id(),
                                     .slug = "evening",
                                     .name = "Evening IOP",
                                     .description = "",
                                     .time_zone = "America/Chicago",
                                     .created_at_ms = 1};
  const store::GroupRecord skills = group("skills", "Skills group", facilitator.id);
  const store::GroupRecord process = group("process", "Process group", "");

 private:
  static store::UserRecord person(std::string name, std::string roles = "participant") {
    store::UserRecord u;
    u.id = new_id();
    u.email = name + "@example.org";
    u.display_name = std::move(name);
    u.time_zone = "America/Chicago";
    u.roles = std::move(roles);
    u.status = "active";
    u.password_hash = "$argon2id$placeholder";
    return u;
  }
  store::GroupRecord group(std::string slug, std::string name, std::string facilitator_id) const {
    store::GroupRecord g;
    g.id = new_id();
    g.program_id = program.id;
    g.slug = std::move(slug);
    g.name = std::move(name);
    g.kind = "therapy";
    g.capacity = 8;
    g.facilitator_id = std::move(facilitator_id);
    return g;
  }
  Result<void> insert(store::Transaction& tx) const {
    for (const auto* u : {&facilitator, &clinician, &former_clinician, &alice, &bob, &carol,
                          &waiting, &discharged, &outsider}) {
      HEARTH_TRY(tx.insert_user(*u));
    }
    HEARTH_TRY(tx.insert_program(program));
    HEARTH_TRY(tx.insert_group(skills));
    HEARTH_TRY(tx.insert_group(process));
    auto join = [&](const store::UserRecord& u, std::string kind, std::string status) {
      store::MembershipRecord m;
      m.program_id = program.id;
      m.user_id = u.id;
      m.kind = std::move(kind);
      m.status = std::move(status);
      return tx.insert_membership(m);
    };
    HEARTH_TRY(join(facilitator, "staff", "active"));
    HEARTH_TRY(join(clinician, "staff", "active"));
    HEARTH_TRY(join(former_clinician, "staff", "ended"));
    for (const auto* u : {&alice, &bob, &carol, &waiting})
      HEARTH_TRY(join(*u, "participant", "active"));
    HEARTH_TRY(join(discharged, "participant", "discharged"));
    auto seat = [&](const store::GroupRecord& g, const store::UserRecord& u, std::string state) {
      return tx.insert_group_member({.group_id = g.id,
                                     .user_id = u.id,
                                     .state = std::move(state),
                                     .requested_at_ms = 1,
                                     .joined_at_ms = 1,
                                     .added_by = facilitator.id});
    };
    HEARTH_TRY(seat(skills, alice, "member"));
    HEARTH_TRY(seat(skills, bob, "member"));
    HEARTH_TRY(seat(skills, waiting, "waiting"));
    HEARTH_TRY(seat(process, carol, "member"));
    return hearth::ok();
  }

  hearth::testing::SqliteTestStore store_;
  ManualClock clock_{TimePoint(std::chrono::milliseconds(1'800'000'000'000))};
  support::CrisisMatcher crisis_ =
      *support::CrisisMatcher::create(support::default_crisis_phrases());
  audit::AuditTrail audit_{*store_, clock_};
  ChatService chat_{*store_, clock_, crisis_, audit_};
  ReportService reports_{*store_, clock_, audit_};
  bool seeded_ = false;
};

}  // namespace hearth::chat::testing
