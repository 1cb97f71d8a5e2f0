// Live sessions' SFU against a real Janus (Debian package janus), started on a free loopback
// port by scripts/janus.sh with the project's configuration (deploy/janus/): its API refuses
// anyone without the secret; Hearth's rooms are private, joined only with a token, answered with
// Janus's SDP, and gone when the last person leaves. Fails, never skips, when Janus is missing.
//
// The offer is one Chromium made (chrome_offer.sdp, candidates taken out): Janus answers it
// without a browser behind it; media itself is the Playwright test's part (e2e/, Janus mode).
#include <gtest/gtest.h>

#include <array>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "net/http_client.hpp"
#include "realtime/janus_client.hpp"
#include "realtime/sfu_rooms.hpp"
#include "realtime/testing/manual_runner.hpp"

#ifndef HEARTH_SOURCE_DIR
#error "HEARTH_SOURCE_DIR must name the repository"
#endif

namespace hearth {
namespace {

using namespace std::chrono_literals;

std::string run(const std::string& command) {
  std::array<char, 256> chunk{};
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  while (std::fgets(chunk.data(), chunk.size(), pipe) != nullptr) out += chunk.data();
  ::pclose(pipe);
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// SDP lines end in CRLF (RFC 8866), whatever a checkout did to the file's line ends.
std::string offer_sdp() {
  std::istringstream lines(
      read_file(std::filesystem::path(HEARTH_SOURCE_DIR) / "server/tests/net/chrome_offer.sdp"));
  std::string line, sdp;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) sdp += line + "\r\n";
  }
  return sdp;
}

// What SfuRooms sent to each participant, as the hub would have.
class Mailbox {
 public:
  void put(const std::string& participant_id, realtime::Frame frame) {
    std::lock_guard lock(mutex_);
    sent_.emplace_back(participant_id, nlohmann::json::parse(*frame));
  }
  // The first frame to `participant_id` whose signal is of `type`.
  std::optional<nlohmann::json> find(const std::string& participant_id, const std::string& type) {
    std::lock_guard lock(mutex_);
    for (const auto& [to, frame] : sent_) {
      if (to == participant_id && frame["signal"].value("type", "") == type) return frame;
    }
    return std::nullopt;
  }

 private:
  std::mutex mutex_;
  std::vector<std::pair<std::string, nlohmann::json>> sent_;
};

class JanusSfuTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = std::filesystem::temp_directory_path() /
            ("hearth-janus-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(data_);
    const auto script = std::filesystem::path(HEARTH_SOURCE_DIR) / "scripts/janus.sh";
    const auto url = run("bash " + script.string() + " start " + data_.string() + " --port 0");
    port_ = static_cast<std::uint16_t>(std::stoi("0" + read_file(data_ / "janus-port")));
    ASSERT_NE(port_, 0) << "scripts/janus.sh did not start Janus: " << url
                        << read_file(data_ / "janus.log");
    http_ = std::make_unique<net::LoopbackHttpClient>("127.0.0.1", port_);
    janus_ = std::make_unique<realtime::JanusClient>(
        *http_, realtime::JanusClient::Options{.base_path = "/janus",
                                               .api_secret = read_file(data_ / "janus-api-secret"),
                                               .on_new_session = [this] {
                                                 rooms_->janus_restarted();
                                                 std::lock_guard lock(reopened_mutex_);
                                                 ++reopened_;
                                                 reopened_changed_.notify_all();
                                               }});
    ASSERT_TRUE(janus_->start());
    rooms_ = std::make_unique<realtime::SfuRooms>(
        *janus_, read_file(data_ / "janus-admin-key"), work_.runner(),
        [this](const std::string&, const std::string& participant_id, realtime::Frame frame) {
          mailbox_.put(participant_id, std::move(frame));
        });
  }
  void TearDown() override {
    // Janus's events stop first: a handler of the rooms' must not run once they are gone.
    if (janus_) janus_->stop();
    rooms_.reset();
    const auto script = std::filesystem::path(HEARTH_SOURCE_DIR) / "scripts/janus.sh";
    run("bash " + script.string() + " stop " + data_.string());
    std::filesystem::remove_all(data_);
  }
  // The rooms Janus has, private ones included (the admin key shows them).
  nlohmann::json listed_rooms() {
    auto handle = janus_->attach([](const nlohmann::json&) {});
    EXPECT_TRUE(handle);
    auto list = janus_->request(
        *handle, {{"request", "list"}, {"admin_key", read_file(data_ / "janus-admin-key")}});
    janus_->detach(*handle);
    EXPECT_TRUE(list);
    return list ? (*list)["list"] : nlohmann::json::array();
  }

  std::filesystem::path data_;
  std::uint16_t port_ = 0;
  std::unique_ptr<net::LoopbackHttpClient> http_;
  std::unique_ptr<realtime::JanusClient> janus_;
  Mailbox mailbox_;
  // The rooms' work runs on this thread when the test pumps it, Janus's events' too.
  realtime::testing::ManualRunner work_;
  std::unique_ptr<realtime::SfuRooms> rooms_;
  std::mutex reopened_mutex_;  // guards reopened_
  std::condition_variable reopened_changed_;
  int reopened_ = 0;  // new Janus sessions after a restart
};

TEST_F(JanusSfuTest, TheApiRefusesAnyoneWithoutTheSecret) {
  auto answer = http_->exchange("POST", "/janus", R"({"janus":"create","transaction":"x"})", 5s);
  ASSERT_TRUE(answer);
  const auto body = nlohmann::json::parse(answer->body);
  EXPECT_EQ(body["janus"], "error");
  EXPECT_EQ(body["error"]["code"], 403);
  auto wrong = http_->exchange("POST", "/janus",
                               R"({"janus":"create","transaction":"x","apisecret":"guess"})", 5s);
  ASSERT_TRUE(wrong);
  EXPECT_EQ(nlohmann::json::parse(wrong->body)["janus"], "error");
}

TEST_F(JanusSfuTest, ARoomIsMadePrivateAnswersAPublishersOfferAndGoesWithTheLast) {
  EXPECT_TRUE(listed_rooms().empty());
  rooms_->entered("occ", 0, "alice", false);
  rooms_->entered("occ", 0, "bob", false);
  work_.pump();
  const auto listed = listed_rooms();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["is_private"], true);
  EXPECT_EQ(listed[0]["record"], false);

  rooms_->signal("occ", 0, "alice", "sfu", {{"type", "offer"}, {"sdp", offer_sdp()}});
  ASSERT_TRUE(work_.pump_until([&] { return mailbox_.find("alice", "answer").has_value(); }))
      << "Janus did not answer the publisher's offer";
  const auto answer = mailbox_.find("alice", "answer");
  EXPECT_EQ((*answer)["from"], "sfu");
  EXPECT_TRUE((*answer)["signal"].value("sdp", "").starts_with("v=0"));
  // Bob is offered Alice's media once it flows (Janus's webrtcup): with no browser behind the
  // offer it never does here; the Playwright test in Janus mode sees it decoded.
  // A hard mute goes to Janus as `moderate` (its effect is on media: the e2e test's part).
  rooms_->hard_mute("occ", 0, "alice", true);

  rooms_->left("occ", 0, "alice");
  rooms_->left("occ", 0, "bob");
  work_.pump();
  EXPECT_TRUE(listed_rooms().empty());
  rooms_->close("occ");
  work_.pump();
  EXPECT_EQ(rooms_->open_rooms(), 0u);
}

TEST_F(JanusSfuTest, JoiningTheRoomWithoutAHearthTokenIsRefused) {
  rooms_->entered("occ", 0, "alice", false);
  work_.pump();
  const auto listed = listed_rooms();
  ASSERT_EQ(listed.size(), 1u);
  const auto room = listed[0]["room"];
  std::optional<nlohmann::json> refusal;
  std::mutex mutex;
  std::condition_variable told;
  auto handle = janus_->attach([&](const nlohmann::json& event) {
    std::lock_guard lock(mutex);
    refusal = event;
    told.notify_all();
  });
  ASSERT_TRUE(handle);
  ASSERT_TRUE(janus_->send(*handle, {{"request", "join"},
                                     {"ptype", "publisher"},
                                     {"room", room},
                                     {"token", "made-up"},
                                     {"display", "intruder"}}));
  std::unique_lock lock(mutex);
  told.wait_for(lock, 10s, [&] { return refusal.has_value(); });
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ((*refusal)["plugindata"]["data"]["error_code"], 433);  // not in the allowed list
  janus_->detach(*handle);
  rooms_->close("occ");
  work_.pump();
}

// Janus restarted under a running Hearth (a crash, an upgrade): the old session is gone, a new
// one is opened by itself, and the rooms start over empty, to be made again as people enter.
TEST_F(JanusSfuTest, AfterJanusRestartsANewSessionOpensAndTheRoomsStartOver) {
  rooms_->entered("occ", 0, "alice", false);
  work_.pump();
  ASSERT_EQ(listed_rooms().size(), 1u);
  const auto script = std::filesystem::path(HEARTH_SOURCE_DIR) / "scripts/janus.sh";
  run("bash " + script.string() + " stop " + data_.string());
  run("bash " + script.string() + " start " + data_.string() + " --port " + std::to_string(port_));
  {
    std::unique_lock lock(reopened_mutex_);
    reopened_changed_.wait_for(lock, 30s, [&] { return reopened_ > 0; });
    ASSERT_EQ(reopened_, 1) << read_file(data_ / "janus.log");
  }
  EXPECT_TRUE(listed_rooms().empty()) << "a restarted Janus has no rooms";
  // LiveSessions enters everyone again (live_sessions_sfu_test.cpp): the room is made anew.
  rooms_->entered("occ", 0, "alice", false);
  work_.pump();
  EXPECT_EQ(listed_rooms().size(), 1u);
  rooms_->close("occ");
  work_.pump();
}

}  // namespace
}  // namespace hearth
