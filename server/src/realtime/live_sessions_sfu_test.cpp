// Live sessions in Janus mode, through the hub: what Hearth asks of Janus as people enter, publish,
// receive each other, get hard-muted and leave, and what their browsers hear back. Janus is a
// fake here that answers its HTTP API as Janus 1.1 does (server/tests/net/janus_sfu_test.cpp runs
// the real one), and the SFU's blocking work waits until the test runs it.
#include <condition_variable>
#include <deque>
#include <utility>

#include "domain/audit/audit_trail.hpp"
#include "domain/schedule/attendance_service.hpp"
#include "domain/session/live_session_service.hpp"
#include "realtime/janus_client.hpp"
#include "realtime/live_sessions.hpp"
#include "realtime/sfu_rooms.hpp"
#include "realtime/testing/hub_fixtures.hpp"
#include "realtime/testing/manual_runner.hpp"

namespace hearth::realtime {
namespace {

using chat::testing::caller_of;
using testing::RecordingPeer;
using namespace std::chrono_literals;

// Janus's HTTP API, as far as Hearth uses it. Every plugin request is kept for the test to read.
class FakeJanus final : public HttpRequester {
 public:
  Result<HttpReply> exchange(std::string_view method, std::string_view target, std::string body,
                             std::chrono::milliseconds) override {
    if (method == "GET") return poll();
    const auto message = nlohmann::json::parse(body);
    std::lock_guard lock(mutex_);
    const std::string kind = message["janus"];
    if (message.value("apisecret", "") != "secret") return reply({{"janus", "error"}});
    if (kind == "create") ++sessions_created_;
    if (kind == "create" || kind == "attach") {
      return reply({{"janus", "success"}, {"data", {{"id", next_id_++}}}});
    }
    if (kind == "detach" || kind == "destroy") return reply({{"janus", "success"}});
    if (kind == "trickle") return reply({{"janus", "ack"}});
    const auto handle = std::stoull(std::string(target.substr(target.rfind('/') + 1)));
    const auto& request = message["body"];
    requests.push_back({handle, request, message.value("jsep", nlohmann::json())});
    const std::string asked = request["request"];
    if (asked == "joinandconfigure") {
      events_.push_back(
          {{"janus", "event"},
           {"sender", handle},
           {"plugindata", {{"data", {{"videoroom", "joined"}, {"id", 500 + handle}}}}},
           {"jsep", {{"type", "answer"}, {"sdp", "v=0\r\njanus-answer\r\n"}}}});
      woken_.notify_all();
      return reply({{"janus", "ack"}});
    }
    if (asked == "join") {
      events_.push_back({{"janus", "event"},
                         {"sender", handle},
                         {"plugindata", {{"data", {{"videoroom", "attached"}}}}},
                         {"jsep", {{"type", "offer"}, {"sdp", "v=0\r\njanus-offer\r\n"}}}});
      woken_.notify_all();
      return reply({{"janus", "ack"}});
    }
    if (asked == "configure") {
      events_.push_back({{"janus", "event"},
                         {"sender", handle},
                         {"plugindata", {{"data", {{"videoroom", "event"}, {"configured", "ok"}}}}},
                         {"jsep", {{"type", "answer"}, {"sdp", "v=0\r\njanus-answer-2\r\n"}}}});
      woken_.notify_all();
      return reply({{"janus", "ack"}});
    }
    if (asked == "start" || asked == "subscribe") return reply({{"janus", "ack"}});
    return reply({{"janus", "success"}, {"plugindata", {{"data", {{"videoroom", "success"}}}}}});
  }

  // Janus restarted: the session Hearth polls is gone (Janus's HTTP transport answers the poll
  // 404, as Janus 1.1 does; server/tests/net/janus_sfu_test.cpp restarts a real one).
  void lose_session() {
    std::lock_guard lock(mutex_);
    session_lost_ = true;
    woken_.notify_all();
  }
  std::size_t sessions_created() {
    std::lock_guard lock(mutex_);
    return sessions_created_;
  }

  // The browser's media reached Janus on this handle.
  void media_up(std::uint64_t handle) {
    std::lock_guard lock(mutex_);
    events_.push_back({{"janus", "webrtcup"}, {"sender", handle}});
    woken_.notify_all();
  }
  struct Request {
    std::uint64_t handle;
    nlohmann::json body;
    nlohmann::json jsep;
  };
  std::vector<Request> of(const std::string& request) {
    std::lock_guard lock(mutex_);
    std::vector<Request> out;
    for (const auto& r : requests) {
      if (r.body.value("request", "") == request) out.push_back(r);
    }
    return out;
  }

  std::vector<Request> requests;

 private:
  static Result<HttpReply> reply(const nlohmann::json& answer) {
    return HttpReply{200, answer.dump()};
  }
  Result<HttpReply> poll() {
    std::unique_lock lock(mutex_);
    woken_.wait_for(lock, 20ms, [&] { return !events_.empty() || session_lost_; });
    if (std::exchange(session_lost_, false)) return HttpReply{404, ""};
    auto events = nlohmann::json::array();
    while (!events_.empty()) {
      events.push_back(std::move(events_.front()));
      events_.pop_front();
    }
    return HttpReply{200, events.dump()};
  }

  std::mutex mutex_;
  std::condition_variable woken_;
  std::deque<nlohmann::json> events_;
  std::uint64_t next_id_ = 1;
  std::size_t sessions_created_ = 0;
  bool session_lost_ = false;
};

class LiveSessionsSfuTest : public testing::HubTest {
 protected:
  void SetUp() override {
    HubTest::SetUp();
    ASSERT_TRUE(janus_.start());
    hub_.serve_live_sessions(&live_);
    occurrence_.id = new_id();
    occurrence_.series_id = new_id();
    occurrence_.group_id = world_.skills.id;
    occurrence_.title = "Skills";
    occurrence_.starts_at_ms = world_.clock().now_ms();
    occurrence_.ends_at_ms = occurrence_.starts_at_ms + 3'600'000;
    occurrence_.original_starts_at_ms = occurrence_.starts_at_ms;
    ASSERT_TRUE(world_.store().transact(
        store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
          HEARTH_TRY(tx.insert_series({.id = occurrence_.series_id,
                                       .group_id = world_.skills.id,
                                       .title = "Skills",
                                       .time_zone = "America/Chicago",
                                       .first_start_local = "2027-01-15T10:00",
                                       .duration_minutes = 60,
                                       .created_by = world_.facilitator.id,
                                       .created_at_ms = 1}));
          return tx.insert_occurrences({occurrence_});
        }));
  }
  void TearDown() override { janus_.stop(); }

  std::shared_ptr<RecordingPeer> connect(std::uint64_t id, const store::UserRecord& user) {
    sessions_.live.insert_or_assign("t-" + std::to_string(id), caller_of(user));
    auto peer = std::make_shared<RecordingPeer>(id);
    // Janus's answers reach browsers from its event thread, not through the queued work.
    peer->on_sent = [this] { work_.nudge(); };
    hub_.on_open(peer, testing::signed_in(caller_of(user), "t-" + std::to_string(id)));
    return peer;
  }
  void say(const std::shared_ptr<RecordingPeer>& peer, nlohmann::json request) {
    request["occurrence_id"] = occurrence_.id;
    hub_.on_text(peer, request.dump());
  }
  std::string join(const std::shared_ptr<RecordingPeer>& peer) {
    say(peer, {{"type", "session.join"}, {"id", "join"}});
    for (const auto& ack : peer->of_type("ack")) {
      if (ack.value("id", "") == "join") return ack["participant_id"];
    }
    return "";
  }
  bool pump_until(const std::function<bool()>& done) { return work_.pump_until(done); }
  void pump() { work_.pump(); }
  static std::optional<nlohmann::json> signal_from(const RecordingPeer& peer,
                                                   const std::string& from) {
    for (const auto& s : peer.of_type("session_signal")) {
      if (s["from"] == from) return s;
    }
    return std::nullopt;
  }

  FakeJanus fake_;
  JanusClient janus_{fake_,
                     {.base_path = "/janus", .api_secret = "secret", .on_new_session = [this] {
                        sfu_.janus_restarted();
                        live_.restart_media();
                      }}};
  testing::ManualRunner work_;
  SfuRooms sfu_{janus_, "admin-key", work_.runner(),
                [this](const std::string& occurrence_id, const std::string& participant_id,
                       Frame frame) { live_.send_to(occurrence_id, participant_id, frame); }};
  audit::AuditTrail audit_{world_.store(), world_.clock()};
  schedule::AttendanceService attendance_{world_.store(), world_.clock(), audit_};
  session::LiveSessionService service_{world_.store(), world_.clock(), attendance_};
  LiveSessions live_{service_, world_.clock(), [](std::function<void()> work) { work(); },
                     [] { return nlohmann::json::array(); },
                     MediaPolicy{.sfu = &sfu_, .mesh_limit = 0}};
  store::OccurrenceRecord occurrence_;
};

TEST_F(LiveSessionsSfuTest, MediaGoesThroughJanusWithTokensOfHearthsOwn) {
  auto fran = connect(1, world_.facilitator);
  const auto fran_id = join(fran);
  EXPECT_EQ(fran->of_type("ack").back()["media"], "janus");
  ASSERT_TRUE(pump_until([&] { return fake_.of("allowed").size() == 1; }));
  const auto created = fake_.of("create");
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(created[0].body["is_private"], true);
  EXPECT_EQ(created[0].body["record"], false);
  EXPECT_EQ(created[0].body["admin_key"], "admin-key");

  // Alice waits: no token, and her signals go nowhere.
  auto alice = connect(2, world_.alice);
  const auto alice_id = join(alice);
  say(alice, {{"type", "session.signal"},
              {"id", 1},
              {"to", "sfu"},
              {"signal", {{"type", "offer"}, {"sdp", "v=0\r\n"}}}});
  EXPECT_EQ(alice->of_type("error").back()["code"], "not_admitted");
  pump();
  EXPECT_EQ(fake_.of("allowed").size(), 1u);
  EXPECT_TRUE(fake_.of("joinandconfigure").empty());

  say(fran, {{"type", "session.admit"}, {"participant_id", alice_id}});
  ASSERT_TRUE(pump_until([&] { return fake_.of("allowed").size() == 2; }));
  const auto alice_token = fake_.of("allowed")[1].body["allowed"][0];

  // Alice publishes: her offer goes to Janus with her token; Janus's answer comes "from" sfu.
  const std::string offer = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n";
  say(alice,
      {{"type", "session.signal"}, {"to", "sfu"}, {"signal", {{"type", "offer"}, {"sdp", offer}}}});
  ASSERT_TRUE(pump_until([&] { return signal_from(*alice, "sfu").has_value(); }));
  const auto published = fake_.of("joinandconfigure");
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0].body["token"], alice_token);
  EXPECT_EQ(published[0].body["display"], alice_id);  // never a name
  EXPECT_EQ(published[0].jsep["sdp"], offer);
  EXPECT_EQ((*signal_from(*alice, "sfu"))["signal"]["type"], "answer");

  // Once her media is up, Fran is offered it, as if Alice offered; Fran's answer starts it.
  fake_.media_up(published[0].handle);
  ASSERT_TRUE(pump_until([&] { return signal_from(*fran, alice_id).has_value(); }));
  const auto subscribed = fake_.of("join");
  ASSERT_EQ(subscribed.size(), 1u);
  EXPECT_EQ(subscribed[0].body["ptype"], "subscriber");
  EXPECT_EQ(subscribed[0].body["streams"][0]["feed"], 500 + published[0].handle);
  say(fran, {{"type", "session.signal"},
             {"to", alice_id},
             {"signal", {{"type", "answer"}, {"sdp", "v=0\r\nfran-answer\r\n"}}}});
  ASSERT_TRUE(pump_until([&] { return fake_.of("start").size() == 1; }));
  EXPECT_EQ(fake_.of("start")[0].handle, subscribed[0].handle);

  // Fran's connection receiving Alice failed (a network change): her browser closes it and asks
  // again; Janus offers Alice's media on a new handle, and the old one goes.
  say(fran, {{"type", "session.receive_again"}, {"id", "again"}, {"participant_id", alice_id}});
  ASSERT_TRUE(pump_until([&] { return fake_.of("join").size() == 2; }));
  EXPECT_NE(fake_.of("join")[1].handle, subscribed[0].handle);
  EXPECT_EQ(fake_.of("join")[1].body["streams"][0]["feed"], 500 + published[0].handle);
  ASSERT_TRUE(pump_until([&] {
    int offers = 0;
    for (const auto& s : fran->of_type("session_signal")) offers += s["from"] == alice_id ? 1 : 0;
    return offers == 2;
  }));
  say(fran, {{"type", "session.signal"},
             {"to", alice_id},
             {"signal", {{"type", "answer"}, {"sdp", "v=0\r\nfran-answer-2\r\n"}}}});
  ASSERT_TRUE(pump_until([&] { return fake_.of("start").size() == 2; }));
  EXPECT_EQ(fake_.of("start")[1].handle, fake_.of("join")[1].handle);
  // Only for someone in one's own place.
  say(fran, {{"type", "session.receive_again"}, {"id", "nobody"}, {"participant_id", new_id()}});
  EXPECT_EQ(fran->of_type("error").back()["code"], "not_admitted");

  // She shares her screen: a new offer with a third section. Once Janus answers it, Fran's
  // connection receiving her subscribes to the new stream.
  say(alice,
      {{"type", "session.signal"},
       {"to", "sfu"},
       {"signal",
        {{"type", "offer"}, {"sdp", offer + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:2\r\n"}}}});
  ASSERT_TRUE(pump_until([&] { return fake_.of("subscribe").size() == 1; }));
  EXPECT_EQ(fake_.of("configure").size(), 1u);
  EXPECT_EQ(fake_.of("subscribe")[0].handle, fake_.of("join")[1].handle);  // the new one
  EXPECT_EQ(fake_.of("subscribe")[0].body["streams"],
            nlohmann::json::array({{{"feed", 500 + published[0].handle}, {"mid", "2"}}}));

  // A hard mute stops her audio at Janus.
  say(fran, {{"type", "session.mute"}, {"participant_id", alice_id}, {"hard", true}});
  ASSERT_TRUE(pump_until([&] { return fake_.of("moderate").size() == 1; }));
  EXPECT_EQ(fake_.of("moderate")[0].body["mid"], "0");
  EXPECT_EQ(fake_.of("moderate")[0].body["mute"], true);
  say(fran, {{"type", "session.allow_unmute"}, {"participant_id", alice_id}});
  ASSERT_TRUE(pump_until([&] { return fake_.of("moderate").size() == 2; }));
  EXPECT_EQ(fake_.of("moderate")[1].body["mute"], false);

  // Sent back to the waiting room: her token goes.
  say(fran, {{"type", "session.send_back"}, {"participant_id", alice_id}});
  ASSERT_TRUE(pump_until([&] {
    for (const auto& r : fake_.of("allowed")) {
      if (r.body["action"] == "remove" && r.body["allowed"][0] == alice_token) return true;
    }
    return false;
  }));

  // The end: the Janus room goes.
  say(fran, {{"type", "session.end"}});
  ASSERT_TRUE(pump_until([&] { return fake_.of("destroy").size() == 1; }));
  EXPECT_EQ(sfu_.open_rooms(), 0u);
  EXPECT_FALSE(fran_id.empty());
}

TEST_F(LiveSessionsSfuTest, EachBreakoutRoomIsAJanusRoomOfItsOwn) {
  auto fran = connect(1, world_.facilitator);
  join(fran);
  auto alice = connect(2, world_.alice);
  const auto alice_id = join(alice);
  say(fran, {{"type", "session.admit"}, {"participant_id", alice_id}});
  ASSERT_TRUE(pump_until([&] { return fake_.of("allowed").size() == 2; }));
  say(fran, {{"type", "session.breakouts_prepare"}, {"rooms", 1}});
  say(fran, {{"type", "session.breakout_assign"}, {"user_id", world_.alice.id}, {"room", 1}});
  say(fran, {{"type", "session.breakouts_open"}, {"seconds", 120}});
  // Alice's token leaves the main room and a new room is made for her breakout room.
  ASSERT_TRUE(pump_until([&] { return fake_.of("create").size() == 2; }));
  pump();
  const auto allowed = fake_.of("allowed");
  ASSERT_EQ(allowed.size(), 4u);
  EXPECT_EQ(allowed[2].body["action"], "remove");
  EXPECT_EQ(allowed[3].body["action"], "add");
  EXPECT_NE(allowed[3].body["room"], allowed[2].body["room"]);
  // Called back: the breakout room's Janus room goes with its last person.
  say(fran, {{"type", "session.breakouts_recall"}});
  ASSERT_TRUE(pump_until([&] { return fake_.of("destroy").size() == 1; }));
  EXPECT_EQ(fake_.of("destroy")[0].body["room"], allowed[3].body["room"]);
}

TEST_F(LiveSessionsSfuTest, SmallRostersStayInTheMeshWhenTheLimitAllows) {
  LiveSessions roomy{service_, world_.clock(), [](std::function<void()> work) { work(); },
                     [] { return nlohmann::json::array(); },
                     MediaPolicy{.sfu = &sfu_, .mesh_limit = 6}};
  hub_.serve_live_sessions(&roomy);
  auto fran = connect(1, world_.facilitator);
  join(fran);
  EXPECT_EQ(fran->of_type("ack").back()["media"], "mesh");  // three people on the skills roster
  pump();
  EXPECT_TRUE(fake_.of("create").empty());
  hub_.serve_live_sessions(&live_);
}

TEST_F(LiveSessionsSfuTest, AfterJanusRestartsTheRoomsAreMadeAgainAndBrowsersPublishAfresh) {
  auto fran = connect(1, world_.facilitator);
  const auto fran_id = join(fran);
  auto alice = connect(2, world_.alice);
  const auto alice_id = join(alice);
  say(fran, {{"type", "session.admit"}, {"participant_id", alice_id}});
  ASSERT_TRUE(pump_until([&] { return fake_.of("allowed").size() == 2; }));
  const std::string offer = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n";
  say(alice,
      {{"type", "session.signal"}, {"to", "sfu"}, {"signal", {{"type", "offer"}, {"sdp", offer}}}});
  ASSERT_TRUE(pump_until([&] { return fake_.of("joinandconfigure").size() == 1; }));
  ASSERT_EQ(fake_.of("create").size(), 1u);

  fake_.lose_session();
  // A new Janus session, the room made again with both their tokens, and both browsers told to
  // publish afresh; nobody left the session.
  ASSERT_TRUE(pump_until([&] {
    return fake_.of("allowed").size() == 4 && !fran->of_type("session_media_reset").empty() &&
           !alice->of_type("session_media_reset").empty();
  }));
  EXPECT_EQ(fake_.sessions_created(), 2u);
  EXPECT_EQ(fake_.of("create").size(), 2u);
  EXPECT_EQ(alice->of_type("session_media_reset")[0]["occurrence_id"], occurrence_.id);
  EXPECT_TRUE(alice->of_type("session_closed").empty());
  EXPECT_EQ(live_.active_rooms(), 1u);
  // Alice's new offer is taken with her new token.
  say(alice,
      {{"type", "session.signal"}, {"to", "sfu"}, {"signal", {{"type", "offer"}, {"sdp", offer}}}});
  ASSERT_TRUE(pump_until([&] { return fake_.of("joinandconfigure").size() == 2; }));
  EXPECT_EQ(fake_.of("joinandconfigure")[1].body["token"],
            fake_.of("allowed")[3].body["allowed"][0]);
  (void)fran_id;
}

}  // namespace
}  // namespace hearth::realtime
