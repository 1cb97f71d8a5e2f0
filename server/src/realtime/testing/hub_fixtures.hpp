// The hub's test fixtures, shared by hub_test.cpp and hub_presence_test.cpp: a peer that records
// what it is sent, a session check the test controls, and a hub over a ChatWorld (a real SQLite
// store with a program, its groups and people) whose blocking work runs inline.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/chat/testing/chat_world.hpp"
#include "realtime/hub.hpp"

namespace hearth::realtime::testing {

// Keeps what the hub sent, parsed; thread-safe, since the hub may send from several threads.
// A socket, as net/ would be: the hub numbers what it sends (`event_seq`), and `sent` keeps each
// frame without its number, which `event_seqs` keeps in order.
class RecordingPeer final : public Peer {
 public:
  explicit RecordingPeer(std::uint64_t id) : id_(id) {}
  void send(std::shared_ptr<const std::string> text) override {
    {
      std::lock_guard lock(mutex_);
      auto parsed = nlohmann::json::parse(*text);
      if (const auto seq = parsed.find("event_seq"); seq != parsed.end()) {
        event_seqs.push_back(seq->get<std::int64_t>());
        parsed.erase(seq);
      }
      sent.push_back(std::move(parsed));
      frames.push_back(std::move(text));
    }
    if (on_sent) on_sent();
  }
  // A frame's text after its number: the same for everyone a frame went to.
  static std::string_view unnumbered(const std::string& frame) {
    const auto comma = frame.find(',');
    return frame.starts_with("{\"event_seq\":") && comma != std::string::npos
               ? std::string_view(frame).substr(comma + 1)
               : std::string_view(frame);
  }
  void close(std::uint16_t code, std::string) override { closed_with = code; }
  std::uint64_t id() const override { return id_; }

  // What was sent of one type, in order.
  std::vector<nlohmann::json> of_type(std::string_view type) const {
    std::lock_guard lock(mutex_);
    std::vector<nlohmann::json> out;
    for (const auto& s : sent) {
      if (s.value("type", "") == type) out.push_back(s);
    }
    return out;
  }

  std::vector<nlohmann::json> sent;
  std::vector<std::shared_ptr<const std::string>> frames;
  std::vector<std::int64_t> event_seqs;
  // Called after each frame, from the sending thread; set before anything is sent.
  std::function<void()> on_sent;
  std::uint16_t closed_with = 0;

 private:
  mutable std::mutex mutex_;
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

inline identity::Caller caller(std::string user_id,
                               identity::Role role = identity::Role::participant) {
  identity::Caller c;
  c.user_id = std::move(user_id);
  c.roles.add(role);
  c.session_id = "s-" + c.user_id;
  return c;
}

inline std::shared_ptr<const PeerIdentity> signed_in(const identity::Caller& c, std::string token) {
  return std::make_shared<const PeerIdentity>(PeerIdentity{c, std::move(token)});
}

// Blocking work runs at once on the calling thread, so that every answer is there when
// on_text returns.
class HubTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(world_.ok()); }

  // Moves the hub's time on (the typing throttle, the offline grace).
  void advance(std::chrono::milliseconds by) { steady_now_ += by; }

  chat::testing::ChatWorld world_;
  FakeSessions sessions_;
  std::atomic<int> blocking_runs_{0};  // requests that went to the store's pool
  std::chrono::steady_clock::time_point steady_now_{std::chrono::hours(1)};
  // Limits far above what the tests send, but for the test of the limits.
  static constexpr HubLimits kRoomy{
      .read_burst = 10'000, .message_burst = 10'000, .presence_burst = 10'000};
  Hub hub_{"0.1.0",
           sessions_,
           world_.chat(),
           world_.reports(),
           [this](std::function<void()> work) {
             ++blocking_runs_;
             work();
           },
           kRoomy,
           support::default_crisis_resources(),
           [this] { return steady_now_; }};

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

// --- chat ----------------------------------------------------------------------------------

class HubChatTest : public HubTest {
 protected:
  // A connection of `user` that has listed its rooms (and so hears them).
  std::shared_ptr<RecordingPeer> listening(std::uint64_t id, const store::UserRecord& user) {
    sessions_.live.insert_or_assign("t-" + user.id, chat::testing::caller_of(user));
    auto peer = std::make_shared<RecordingPeer>(id);
    hub_.on_open(peer, signed_in(chat::testing::caller_of(user), "t-" + user.id));
    hub_.on_text(peer, R"({"type":"rooms.list","id":"rooms"})");
    return peer;
  }
  // The id of the room called `name` in the peer's rooms.list answer.
  static std::string room_named(const RecordingPeer& peer, std::string_view name) {
    for (const auto& ack : peer.of_type("ack")) {
      if (ack.value("id", "") != "rooms") continue;
      for (const auto& room : ack["rooms"]) {
        if (room.value("name", "") == name) return room["id"];
      }
    }
    ADD_FAILURE() << "no room " << name;
    return "";
  }
  void send(const std::shared_ptr<RecordingPeer>& peer, const std::string& room,
            const std::string& client_id, const std::string& text, const nlohmann::json& id = 1) {
    hub_.on_text(peer, nlohmann::json{{"type", "message.send"},
                                      {"id", id},
                                      {"room_id", room},
                                      {"client_message_id", client_id},
                                      {"text", text}}
                           .dump());
  }
  static std::vector<std::int64_t> posted_seqs(const RecordingPeer& peer) {
    std::vector<std::int64_t> out;
    for (const auto& event : peer.of_type("message_posted")) out.push_back(event["seq"]);
    return out;
  }
};

}  // namespace hearth::realtime::testing
