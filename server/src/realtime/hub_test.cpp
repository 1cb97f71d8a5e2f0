#include "realtime/hub.hpp"

#include <gtest/gtest.h>

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

TEST(Hub, GreetsANewConnectionWithHello) {
  Hub hub("0.1.0");
  auto peer = std::make_shared<RecordingPeer>(1);
  hub.on_open(peer);
  ASSERT_EQ(peer->sent.size(), 1u);
  EXPECT_EQ(peer->sent[0]["type"], "hello");
  EXPECT_EQ(peer->sent[0]["protocol"], kProtocolVersion);
  EXPECT_EQ(peer->sent[0]["server_version"], "0.1.0");
  EXPECT_EQ(hub.connection_count(), 1u);
}

TEST(Hub, AnswersPingWithPongCarryingTheId) {
  Hub hub("v");
  auto peer = std::make_shared<RecordingPeer>(1);
  hub.on_open(peer);
  hub.on_text(peer, R"({"type":"ping","id":7})");
  EXPECT_EQ(peer->sent.back(), (nlohmann::json{{"type", "pong"}, {"id", 7}}));
}

TEST(Hub, MalformedAndUnknownMessagesGetErrorsWithoutEcho) {
  Hub hub("v");
  auto peer = std::make_shared<RecordingPeer>(1);
  hub.on_open(peer);
  hub.on_text(peer, "not json {secret}");
  EXPECT_EQ(peer->sent.back()["code"], "malformed");
  EXPECT_EQ(peer->sent.back().dump().find("secret"), std::string::npos);
  hub.on_text(peer, R"({"type":"dance"})");
  EXPECT_EQ(peer->sent.back()["code"], "unknown_type");
}

TEST(Hub, ForgetsClosedConnections) {
  Hub hub("v");
  auto a = std::make_shared<RecordingPeer>(1);
  auto b = std::make_shared<RecordingPeer>(2);
  hub.on_open(a);
  hub.on_open(b);
  hub.on_close(a);
  EXPECT_EQ(hub.connection_count(), 1u);
}

}  // namespace
}  // namespace hearth::realtime
