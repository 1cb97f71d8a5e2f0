#include "http/router.hpp"

#include <gtest/gtest.h>

namespace hearth::http {
namespace {

Handler ok_handler() {
  return
      [](RouteContext&) -> boost::asio::awaitable<Response> { co_return Response::no_content(); };
}

Router sample_router() {
  Router r;
  r.add(Method::get, "/api/v1/programs", Access::anyone, ok_handler());
  r.add(Method::get, "/api/v1/programs/{id}", Access::anyone, ok_handler());
  r.add(Method::post, "/api/v1/programs/{id}", Access::signed_in, ok_handler());
  return r;
}

TEST(Router, MatchesLiteralRoutes) {
  auto router = sample_router();
  auto m = router.match(Method::get, "/api/v1/programs");
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(m.route->pattern, "/api/v1/programs");
}

TEST(Router, ExtractsDecodedParameters) {
  auto router = sample_router();
  auto m = router.match(Method::get, "/api/v1/programs/abc%20def");
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].first, "id");
  EXPECT_EQ(m.params[0].second, "abc def");
}

TEST(Router, HeadIsAnsweredByGetRoutes) {
  auto router = sample_router();
  EXPECT_EQ(router.match(Method::head, "/api/v1/programs").kind, RouteMatch::Kind::found);
}

TEST(Router, WrongMethodListsTheAllowedOnes) {
  auto router = sample_router();
  auto m = router.match(Method::delete_, "/api/v1/programs/x");
  ASSERT_EQ(m.kind, RouteMatch::Kind::method_not_allowed);
  EXPECT_EQ(m.allow, "GET, HEAD, POST");
}

TEST(Router, UnknownPathsAreNotFound) {
  auto router = sample_router();
  EXPECT_EQ(router.match(Method::get, "/api/v1/nothing").kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/api/v1/programs/").kind, RouteMatch::Kind::not_found);
}

TEST(Router, RefusesPathsWithBadEncodingSeparatorsOrNul) {
  auto router = sample_router();
  for (auto path : {"/api/v1/programs/%2F", "/api/v1/programs/%zz", "/api/v1/programs/%0",
                    "/api/v1/programs/%00", "/api/v1/programs/a%5cb", "relative"}) {
    EXPECT_EQ(router.match(Method::get, path).kind, RouteMatch::Kind::bad_path) << path;
  }
}

TEST(Access, AnyoneIsAllowedAndSessionRulesAskForSignInWithoutACaller) {
  Request request;
  request.remote_address = "203.0.113.9";
  EXPECT_TRUE(decide_access(Access::anyone, request, nullptr).allowed);
  for (Access access : kAllAccess) {
    if (!needs_session(access)) continue;
    auto d = decide_access(access, request, nullptr);
    EXPECT_FALSE(d.allowed) << access_name(access);
    EXPECT_EQ(d.denied_status, 401) << access_name(access);
  }
}

TEST(Access, SignedInButWrongRoleIsForbiddenNotUnauthenticated) {
  Request request;
  identity::Caller participant;
  participant.user_id = "u";
  participant.roles = identity::RoleSet{identity::Role::participant};
  auto d = decide_access(Access::admin, request, &participant);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.denied_status, 403);
}

TEST(Access, PendingEnrollmentAdmitsOnlyPendingRoutes) {
  Request request;
  identity::Caller clinician;
  clinician.user_id = "u";
  clinician.roles = identity::RoleSet{identity::Role::clinician};
  clinician.enrollment_pending = true;
  EXPECT_TRUE(decide_access(Access::signed_in_pending, request, &clinician).allowed);
  EXPECT_FALSE(decide_access(Access::signed_in, request, &clinician).allowed);
  EXPECT_FALSE(decide_access(Access::care_team, request, &clinician).allowed);
}

TEST(Access, LocalOperatorRoutesAnswerOnlyLoopback) {
  Request request;
  for (auto address : {"127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"}) {
    request.remote_address = address;
    EXPECT_TRUE(decide_access(Access::local_operator, request, nullptr).allowed) << address;
  }
  for (auto address : {"10.0.0.1", "192.168.1.2", "::2", ""}) {
    request.remote_address = address;
    auto d = decide_access(Access::local_operator, request, nullptr);
    EXPECT_FALSE(d.allowed) << address;
    EXPECT_EQ(d.denied_status, 403);
  }
}

}  // namespace
}  // namespace hearth::http
