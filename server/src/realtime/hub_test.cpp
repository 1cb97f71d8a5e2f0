#include "realtime/hub.hpp"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <vector>

namespace hearth::realtime {
namespace {

class RecordingPeer final : public Peer {
 public:
  explicit RecordingPeer(std::uint64_t id) : id_(id) {}
  void send(std::shared_ptr<const std::string> text) override {
    sent.push_back(nlohmann::json::parse(*text));
  }
  void close(std::uint16_t code, std::string) override { closed_with = code; }
  std::uint64_t id() const override { return id_; }

  std::vector<nlohmann::json> sent;
  std::uint16_t closed_with = 0;

 private:
  std::uint64_t id_;
};

// Sessions by token: live ones answer their caller, ended ones nullopt, and `failing` makes
// every question an error. Counts the questions.
class FakeSessions final : public SessionCheck {
 public:
  Result<std::optional<identity::Caller>> current(std::string_view token) override {
    ++questions;
    if (failing) return Error{Errc::unavailable, "the database is down"};
    const auto it = live.find(std::string(token));
    if (it == live.end()) return std::optional<identity::Caller>();
    return std::optional<identity::Caller>(it->second);
  }

  std::map<std::string, identity::Caller, std::less<>> live;
  bool failing = false;
  int questions = 0;
};

identity::Caller caller(std::string user_id, identity::Role role = identity::Role::participant) {
  identity::Caller c;
  c.user_id = std::move(user_id);
  c.roles.add(role);
  c.session_id = "s-" + c.user_id;
  return c;
}

std::shared_ptr<const PeerIdentity> signed_in(const identity::Caller& c, std::string token) {
  return std::make_shared<const PeerIdentity>(PeerIdentity{c, std::move(token)});
}

class HubTest : public ::testing::Test {
 protected:
  FakeSessions sessions_;
  Hub hub_{"0.1.0", sessions_};

  // A peer opened by a live session of `user_id` with token `token`.
  std::shared_ptr<RecordingPeer> open(std::uint64_t id, const std::string& user_id,
                                      const std::string& token) {
    auto who = caller(user_id);
    sessions_.live.insert_or_assign(token, who);
    auto peer = std::make_shared<RecordingPeer>(id);
    hub_.on_open(peer, signed_in(who, token));
    return peer;
  }
};

TEST_F(HubTest, GreetsANewConnectionWithHelloNamingItsUser) {
  auto peer = open(1, "u-1", "t-1");
  ASSERT_EQ(peer->sent.size(), 1u);
  EXPECT_EQ(peer->sent[0]["type"], "hello");
  EXPECT_EQ(peer->sent[0]["protocol"], kProtocolVersion);
  EXPECT_EQ(peer->sent[0]["server_version"], "0.1.0");
  EXPECT_EQ(peer->sent[0]["user_id"], "u-1");
  EXPECT_EQ(hub_.connection_count(), 1u);
  EXPECT_EQ(peer->sent[0].dump().find("t-1"), std::string::npos) << "the token is never sent";
}

TEST_F(HubTest, AConnectionWithoutASignedInCallerIsClosedUnserved) {
  auto anonymous = std::make_shared<RecordingPeer>(1);
  hub_.on_open(anonymous, nullptr);
  auto nobody = std::make_shared<RecordingPeer>(2);
  hub_.on_open(nobody, signed_in(identity::Caller{}, "t-2"));
  for (const auto& peer : {anonymous, nobody}) {
    EXPECT_TRUE(peer->sent.empty());
    EXPECT_EQ(peer->closed_with, kCloseSessionEnded);
  }
  EXPECT_EQ(hub_.connection_count(), 0u);
}

TEST_F(HubTest, AnswersPingWithPongCarryingTheId) {
  auto peer = open(1, "u-1", "t-1");
  hub_.on_text(peer, R"({"type":"ping","id":7})");
  EXPECT_EQ(peer->sent.back(), (nlohmann::json{{"type", "pong"}, {"id", 7}}));
}

TEST_F(HubTest, MalformedAndUnknownMessagesGetErrorsWithoutEcho) {
  auto peer = open(1, "u-1", "t-1");
  hub_.on_text(peer, "not json {secret}");
  EXPECT_EQ(peer->sent.back()["code"], "malformed");
  EXPECT_EQ(peer->sent.back().dump().find("secret"), std::string::npos);
  hub_.on_text(peer, R"({"type":"dance"})");
  EXPECT_EQ(peer->sent.back()["code"], "unknown_type");
}

TEST_F(HubTest, ForgetsClosedConnections) {
  auto a = open(1, "u-1", "t-1");
  auto b = open(2, "u-2", "t-2");
  hub_.on_close(a);
  EXPECT_EQ(hub_.connection_count(), 1u);
  EXPECT_EQ(hub_.identity_of(1), nullptr);
  ASSERT_NE(hub_.identity_of(2), nullptr);
  EXPECT_EQ(hub_.identity_of(2)->caller.user_id, "u-2");
}

TEST_F(HubTest, EndedSessionsHaveTheirConnectionsClosedAndLiveOnesKeepThem) {
  auto ending_tab_1 = open(1, "u-1", "t-1");
  auto ending_tab_2 = open(2, "u-1", "t-1");
  auto staying = open(3, "u-2", "t-2");
  ASSERT_TRUE(hub_.check_sessions());
  EXPECT_EQ(ending_tab_1->closed_with, 0);

  sessions_.live.erase("t-1");  // signed out, timed out or deactivated: the hub cannot tell
  sessions_.questions = 0;
  ASSERT_TRUE(hub_.check_sessions());
  EXPECT_EQ(ending_tab_1->closed_with, kCloseSessionEnded);
  EXPECT_EQ(ending_tab_2->closed_with, kCloseSessionEnded);
  EXPECT_EQ(staying->closed_with, 0);
  EXPECT_EQ(sessions_.questions, 2) << "one question per session, not per tab";
}

TEST_F(HubTest, WhenTheStoreCannotTellConnectionsStayAndTheErrorIsReported) {
  auto peer = open(1, "u-1", "t-1");
  sessions_.live.clear();
  sessions_.failing = true;
  const auto checked = hub_.check_sessions();
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code, Errc::unavailable);
  EXPECT_EQ(peer->closed_with, 0);
  EXPECT_EQ(hub_.connection_count(), 1u);
}

TEST_F(HubTest, AChangedRoleIsTakenUpByTheOpenConnection) {
  open(1, "u-1", "t-1");
  sessions_.live["t-1"] = caller("u-1", identity::Role::clinician);
  ASSERT_TRUE(hub_.check_sessions());
  const auto now = hub_.identity_of(1);
  ASSERT_NE(now, nullptr);
  EXPECT_TRUE(now->caller.roles.has(identity::Role::clinician));
  EXPECT_FALSE(now->caller.roles.has(identity::Role::participant));
  EXPECT_EQ(now->session_token, "t-1");
}

}  // namespace
}  // namespace hearth::realtime
