// The authorization table: every registered route × every kind of caller → allowed or denied.
// A route registered without a row here fails RouteTable.EveryRouteHasARow, so no route can be
// added without someone deciding, in review, who may call it.
#include "http/handlers/api_routes.hpp"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

namespace hearth::http {
namespace {

// Until accounts exist the callers differ only by where they connect from.
enum class Caller { remote_visitor, local_operator };

struct Row {
  Access access;
  bool remote_visitor;
  bool local_operator;
};

const std::map<std::pair<Method, std::string>, Row>& expected_table() {
  static const std::map<std::pair<Method, std::string>, Row> table = {
      {{Method::get, "/healthz"}, {Access::anyone, true, true}},
      {{Method::get, "/readyz"}, {Access::anyone, true, true}},
      {{Method::get, "/metrics"}, {Access::local_operator, false, true}},
      {{Method::get, "/api/v1/version"}, {Access::anyone, true, true}},
      {{Method::post, "/api/v1/csp-reports"}, {Access::anyone, true, true}},
      {{Method::get, "/api/v1/programs"}, {Access::anyone, true, true}},
  };
  return table;
}

// Handlers are never run here, so the store may be an unusable placeholder.
class UnusedStore final : public store::Store {
 public:
  std::string_view driver() const override { return "unused"; }
  Result<void> transact(store::Access,
                        const std::function<Result<void>(store::Transaction&)>&) override {
    return Error::of(Errc::internal, "unused");
  }
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
  Router router_ = make_api_router({store_, blocking_, metrics_, programs_, "test"});
};

Request request_from(Caller caller) {
  Request r;
  r.remote_address = caller == Caller::local_operator ? "127.0.0.1" : "198.51.100.20";
  return r;
}

TEST_F(RouteTable, EveryRouteHasARow) {
  for (const auto& route : router_.routes()) {
    EXPECT_TRUE(expected_table().contains({route.method, route.pattern}))
        << method_name(route.method) << " " << route.pattern
        << " has no row in the authorization table";
  }
}

TEST_F(RouteTable, EveryRowIsARoute) {
  for (const auto& [key, row] : expected_table()) {
    bool found = false;
    for (const auto& route : router_.routes()) {
      found |= route.method == key.first && route.pattern == key.second;
    }
    EXPECT_TRUE(found) << key.second << " is in the table but not registered";
  }
}

TEST_F(RouteTable, EachRouteHasTheExpectedRuleAndDecisions) {
  for (const auto& route : router_.routes()) {
    auto row = expected_table().find({route.method, route.pattern});
    if (row == expected_table().end()) continue;  // reported by EveryRouteHasARow
    EXPECT_EQ(route.access, row->second.access) << route.pattern;
    EXPECT_EQ(decide_access(route.access, request_from(Caller::remote_visitor)).allowed,
              row->second.remote_visitor)
        << route.pattern;
    EXPECT_EQ(decide_access(route.access, request_from(Caller::local_operator)).allowed,
              row->second.local_operator)
        << route.pattern;
  }
}

}  // namespace
}  // namespace hearth::http
