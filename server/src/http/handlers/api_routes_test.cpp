// The authorization table, in two halves that together cover every route × every kind of caller:
//  - kRouteRules: each registered route and the rule it must carry. A route registered without a
//    row fails RouteTable.EveryRouteHasARow, so no route is added without a decision in review.
//  - kRuleDecisions: each rule × each caller (no session from outside or from this machine, each
//    role, a staff account still enrolling TOTP) → allowed or not.
// The relationship half (own record or someone else's) is decided by the services; the API suite
// checks it over real HTTP (server/tests/api/authorization_test.cpp).
#include "http/handlers/api_routes.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/identity/identity_services.hpp"
#include "domain/schedule/schedule_services.hpp"

namespace hearth::http {
namespace {

using identity::Role;

const std::map<std::pair<Method, std::string>, Access>& route_rules() {
  static const std::map<std::pair<Method, std::string>, Access> table = {
      {{Method::get, "/healthz"}, Access::anyone},
      {{Method::get, "/readyz"}, Access::anyone},
      {{Method::get, "/metrics"}, Access::local_operator},
      {{Method::get, "/api/v1/version"}, Access::anyone},
      {{Method::post, "/api/v1/csp-reports"}, Access::anyone},
      {{Method::get, "/api/v1/programs"}, Access::anyone},
      {{Method::get, "/api/v1/auth/config"}, Access::anyone},
      {{Method::post, "/api/v1/auth/sign-in"}, Access::anyone},
      {{Method::get, "/api/v1/auth/session"}, Access::signed_in_pending},
      {{Method::post, "/api/v1/auth/keep-alive"}, Access::signed_in_pending},
      {{Method::post, "/api/v1/auth/sign-out"}, Access::signed_in_pending},
      {{Method::post, "/api/v1/auth/sign-out-everywhere"}, Access::signed_in_pending},
      {{Method::put, "/api/v1/programs/{id}/session-timeout"}, Access::admin},
      {{Method::post, "/api/v1/invites/lookup"}, Access::anyone},
      {{Method::post, "/api/v1/invites/accept"}, Access::anyone},
      {{Method::post, "/api/v1/password-resets/lookup"}, Access::anyone},
      {{Method::post, "/api/v1/password-resets/accept"}, Access::anyone},
      {{Method::get, "/api/v1/account"}, Access::signed_in_pending},
      {{Method::patch, "/api/v1/account"}, Access::signed_in},
      {{Method::post, "/api/v1/account/password"}, Access::signed_in},
      {{Method::post, "/api/v1/account/totp/setup"}, Access::signed_in_pending},
      {{Method::post, "/api/v1/account/totp/confirm"}, Access::signed_in_pending},
      {{Method::delete_, "/api/v1/account/totp"}, Access::signed_in},
      {{Method::post, "/api/v1/account/recovery-codes"}, Access::signed_in},
      {{Method::get, "/api/v1/account/sessions"}, Access::signed_in_pending},
      {{Method::delete_, "/api/v1/account/sessions/{id}"}, Access::signed_in_pending},
      {{Method::get, "/api/v1/people"}, Access::admin},
      {{Method::get, "/api/v1/participants"}, Access::care_team},
      {{Method::get, "/api/v1/people/{id}"}, Access::signed_in},
      {{Method::post, "/api/v1/people/{id}/deactivate"}, Access::admin},
      {{Method::post, "/api/v1/people/{id}/reactivate"}, Access::admin},
      {{Method::put, "/api/v1/people/{id}/roles"}, Access::admin},
      {{Method::post, "/api/v1/people/{id}/password-reset"}, Access::care_team},
      {{Method::post, "/api/v1/invites"}, Access::care_team},
      {{Method::get, "/api/v1/invites"}, Access::care_team},
      {{Method::delete_, "/api/v1/invites/{id}"}, Access::care_team},
      {{Method::post, "/api/v1/programs"}, Access::admin},
      {{Method::get, "/api/v1/programs/{id}"}, Access::signed_in},
      {{Method::patch, "/api/v1/programs/{id}"}, Access::admin},
      {{Method::put, "/api/v1/programs/{id}/staff/{user_id}"}, Access::admin},
      {{Method::delete_, "/api/v1/programs/{id}/staff/{user_id}"}, Access::admin},
      {{Method::get, "/api/v1/programs/{id}/enrollments"}, Access::care_team},
      {{Method::post, "/api/v1/programs/{id}/enrollments"}, Access::care_team},
      {{Method::patch, "/api/v1/programs/{id}/enrollments/{user_id}"}, Access::care_team},
      {{Method::get, "/api/v1/me/programs"}, Access::signed_in},
      {{Method::get, "/api/v1/participants/{id}/placement"}, Access::care_team},
      {{Method::get, "/api/v1/programs/{id}/groups"}, Access::staff},
      {{Method::post, "/api/v1/programs/{id}/groups"}, Access::care_team},
      {{Method::get, "/api/v1/groups/{id}"}, Access::signed_in},
      {{Method::patch, "/api/v1/groups/{id}"}, Access::staff},
      {{Method::get, "/api/v1/groups/{id}/members"}, Access::staff},
      {{Method::put, "/api/v1/groups/{id}/members/{user_id}"}, Access::staff},
      {{Method::delete_, "/api/v1/groups/{id}/members/{user_id}"}, Access::signed_in},
      {{Method::get, "/api/v1/catalogue"}, Access::signed_in},
      {{Method::post, "/api/v1/groups/{id}/join"}, Access::signed_in},
      {{Method::post, "/api/v1/groups/{id}/waitlist"}, Access::signed_in},
      {{Method::post, "/api/v1/groups/{id}/requests"}, Access::signed_in},
      {{Method::post, "/api/v1/groups/{id}/series"}, Access::staff},
      {{Method::get, "/api/v1/groups/{id}/occurrences"}, Access::signed_in},
      {{Method::get, "/api/v1/occurrences/{id}"}, Access::signed_in},
      {{Method::post, "/api/v1/occurrences/{id}/cancel"}, Access::staff},
      {{Method::post, "/api/v1/occurrences/{id}/move"}, Access::staff},
      {{Method::post, "/api/v1/appointments"}, Access::care_team},
      {{Method::get, "/api/v1/me/schedule"}, Access::signed_in},
      {{Method::get, "/api/v1/me/calendar-feed"}, Access::signed_in},
      {{Method::post, "/api/v1/me/calendar-feed"}, Access::signed_in},
      {{Method::delete_, "/api/v1/me/calendar-feed"}, Access::signed_in},
      {{Method::get, "/api/v1/calendar/{file}"}, Access::anyone},
      {{Method::post, "/api/v1/occurrences/{id}/attendance/events"}, Access::signed_in},
      {{Method::get, "/api/v1/occurrences/{id}/attendance"}, Access::staff},
      {{Method::put, "/api/v1/occurrences/{id}/attendance/{user_id}"}, Access::care_team},
      {{Method::get, "/api/v1/occurrences/{id}/guests"}, Access::staff},
      {{Method::post, "/api/v1/occurrences/{id}/guests"}, Access::staff},
      {{Method::delete_, "/api/v1/occurrences/{id}/guests/{user_id}"}, Access::staff},
      {{Method::get, "/api/v1/me/progress"}, Access::signed_in},
      {{Method::get, "/api/v1/programs/{id}/under-target"}, Access::care_team},
      {{Method::get, "/api/v1/me/notifications"}, Access::signed_in},
      {{Method::get, "/api/v1/me/notifications/unread-count"}, Access::signed_in},
      {{Method::post, "/api/v1/me/notifications/{id}/read"}, Access::signed_in},
      {{Method::post, "/api/v1/me/notifications/read-all"}, Access::signed_in},
      {{Method::post, "/api/v1/break-glass"}, Access::admin},
      {{Method::get, "/api/v1/break-glass"}, Access::admin},
      {{Method::delete_, "/api/v1/break-glass/{id}"}, Access::admin},
      {{Method::get, "/api/v1/audit"}, Access::admin},
      {{Method::get, "/api/v1/audit/export"}, Access::admin},
      {{Method::get, "/api/v1/safety-alerts"}, Access::care_team},
      {{Method::post, "/api/v1/safety-alerts/{id}/acknowledge"}, Access::care_team},
      {{Method::get, "/api/v1/chat-reports"}, Access::care_team},
      {{Method::get, "/api/v1/chat-reports/{id}"}, Access::care_team},
      {{Method::post, "/api/v1/chat-reports/{id}/decision"}, Access::care_team},
      // The room and the message decide who reads a file (ChatFiles; chat_files_test).
      {{Method::post, "/api/v1/chat/rooms/{id}/files"}, Access::signed_in},
      {{Method::get, "/api/v1/chat/files/{id}"}, Access::signed_in},
      {{Method::get, "/api/v1/programs/{id}/crisis-resources"}, Access::signed_in},
      {{Method::put, "/api/v1/programs/{id}/crisis-resources"}, Access::admin},
  };
  return table;
}

enum class Who {
  remote_visitor,  // no session, from elsewhere
  local_operator,  // no session, from this machine
  participant,
  peer_mentor,  // a participant who mentors
  peer_specialist,
  clinician,
  family,
  admin,
  enrolling_clinician,  // a clinician who has not yet set up TOTP
};
constexpr Who kEveryone[] = {Who::remote_visitor, Who::local_operator,  Who::participant,
                             Who::peer_mentor,    Who::peer_specialist, Who::clinician,
                             Who::family,         Who::admin,           Who::enrolling_clinician};

// Columns in kEveryone's order.
const std::map<Access, std::vector<bool>>& rule_decisions() {
  static const std::map<Access, std::vector<bool>> table = {
      //                          remote local  part.  mentor p.spec clin.  family admin  enrolling
      {Access::anyone, {true, true, true, true, true, true, true, true, true}},
      {Access::local_operator, {false, true, false, false, false, false, false, false, false}},
      {Access::signed_in_pending, {false, false, true, true, true, true, true, true, true}},
      {Access::signed_in, {false, false, true, true, true, true, true, true, false}},
      {Access::staff, {false, false, false, false, true, true, false, true, false}},
      {Access::care_team, {false, false, false, false, false, true, false, true, false}},
      {Access::admin, {false, false, false, false, false, false, false, true, false}},
  };
  return table;
}

std::optional<identity::Caller> caller_for(Who who) {
  identity::Caller c;
  c.user_id = "someone";
  switch (who) {
    case Who::remote_visitor:
    case Who::local_operator:
      return std::nullopt;
    case Who::participant:
      c.roles = {Role::participant};
      break;
    case Who::peer_mentor:
      c.roles = {Role::participant, Role::peer_mentor};
      break;
    case Who::peer_specialist:
      c.roles = {Role::peer_specialist};
      break;
    case Who::clinician:
      c.roles = {Role::clinician};
      break;
    case Who::family:
      c.roles = {Role::family};
      break;
    case Who::admin:
      c.roles = {Role::admin};
      break;
    case Who::enrolling_clinician:
      c.roles = {Role::clinician};
      c.enrollment_pending = true;
      break;
  }
  return c;
}

Request request_from(Who who) {
  Request r;
  r.remote_address = who == Who::local_operator ? "127.0.0.1" : "198.51.100.20";
  return r;
}

// Handlers are never run here, so the store may be an unusable placeholder.
class UnusedStore final : public store::Store {
 public:
  std::string_view driver() const override { return "unused"; }
  Result<void> transact(store::Access,
                        const std::function<Result<void>(store::Transaction&)>&) override {
    return Error::of(Errc::internal, "unused");
  }
  std::uint64_t generation() const override { return 0; }
  Result<bool> notice_outside_writes() override { return Error::of(Errc::internal, "unused"); }
  Result<void> ping() override { return Error::of(Errc::internal, "unused"); }
  store::PoolStats pool_stats() const override { return {}; }
  Result<int> schema_version() override { return 0; }
  Result<std::vector<store::Migration>> pending_migrations() override {
    return std::vector<store::Migration>{};
  }
  Result<std::vector<store::Migration>> migrate() override {
    return std::vector<store::Migration>{};
  }
  Result<void> backup_to(const std::string&) override { return ok(); }
};

class RouteTable : public ::testing::Test {
 protected:
  UnusedStore store_;
  BlockingPool blocking_{1};
  Metrics metrics_;
  SystemClock clock_;
  program::ProgramService programs_{store_, clock_};
  identity::IdentityServices identity_{store_, clock_, identity::IdentityOptions{}};
  schedule::ScheduleServices scheduling_{store_, clock_, identity_.audit};
  support::SafetyNetService safety_{store_, clock_, identity_.audit,
                                    support::default_crisis_resources()};
  chat::ReportService reports_{store_, clock_, identity_.audit};
  chat::FileTypeReader file_types_;
  chat::ChatFiles chat_files_{store_, clock_, file_types_};
  Router router_ = make_api_router(
      {store_, blocking_, metrics_, programs_, "test",
       IdentityDeps{identity_.sessions, identity_.enrollment, identity_.accounts, identity_.people,
                    blocking_, clock_, ""},
       ScheduleDeps{scheduling_.programs, scheduling_.admissions, scheduling_.groups,
                    scheduling_.schedule, scheduling_.guests, scheduling_.attendance,
                    scheduling_.feeds, scheduling_.notifications, blocking_, clock_, ""},
       SafetyDeps{safety_, blocking_, {}}, ReportDeps{reports_, blocking_, {}, {}},
       ChatFileDeps{chat_files_, blocking_}});
};

TEST_F(RouteTable, EveryRouteHasARow) {
  for (const auto& route : router_.routes()) {
    EXPECT_TRUE(route_rules().contains({route.method, route.pattern}))
        << method_name(route.method) << " " << route.pattern
        << " has no row in the authorization table";
  }
}

TEST_F(RouteTable, EveryRowIsARoute) {
  for (const auto& [key, rule] : route_rules()) {
    bool found = false;
    for (const auto& route : router_.routes()) {
      found |= route.method == key.first && route.pattern == key.second;
    }
    EXPECT_TRUE(found) << key.second << " is in the table but not registered";
  }
}

TEST_F(RouteTable, EachRouteHasTheExpectedRule) {
  for (const auto& route : router_.routes()) {
    auto row = route_rules().find({route.method, route.pattern});
    if (row == route_rules().end()) continue;  // reported by EveryRouteHasARow
    EXPECT_EQ(access_name(route.access), access_name(row->second))
        << method_name(route.method) << " " << route.pattern;
  }
}

TEST_F(RouteTable, EveryRouteDecidesAsItsRuleSaysForEveryCaller) {
  for (const auto& route : router_.routes()) {
    const auto& expected = rule_decisions().at(route.access);
    for (std::size_t i = 0; i < std::size(kEveryone); ++i) {
      const auto caller = caller_for(kEveryone[i]);
      const auto decision =
          decide_access(route.access, request_from(kEveryone[i]), caller ? &*caller : nullptr);
      EXPECT_EQ(decision.allowed, expected[i])
          << method_name(route.method) << " " << route.pattern << " caller column " << i;
    }
  }
}

TEST(RuleTable, EveryRuleHasARow) {
  for (Access access : kAllAccess) {
    EXPECT_TRUE(rule_decisions().contains(access)) << access_name(access);
  }
}

// Pages poll these; an open tab must not keep an idle session alive.
TEST_F(RouteTable, OnlyPollsDoNotCountAsActivity) {
  const std::set<std::string> polls = {"/api/v1/auth/session",
                                       "/api/v1/me/notifications/unread-count",
                                       "/api/v1/programs/{id}/under-target"};
  for (const auto& route : router_.routes()) {
    EXPECT_EQ(route.counts_as_activity, !polls.contains(route.pattern)) << route.pattern;
  }
}

}  // namespace
}  // namespace hearth::http
