// Chat over the real WebSocket against the running server, on SQLite and on PostgreSQL
// (docs/protocol/realtime.md): who hears a message, bad input, catching up after a reconnect,
// and that an acknowledged message survives the server being killed.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <random>
#include <set>
#include <stdexcept>

#include "realtime_fixtures.hpp"

namespace hearth::api_test {
namespace {

constexpr std::string_view kMoodGroup =
    "Mood & Anxiety Group (Evening)";  // Avery, Blake; led by Priya

nlohmann::json send_request(std::string_view room, std::string_view client_id,
                            std::string_view text, const nlohmann::json& id) {
  return {{"type", "message.send"},
          {"id", id},
          {"room_id", room},
          {"client_message_id", client_id},
          {"text", text}};
}

bool is_posted(const nlohmann::json& frame) {
  return frame.value("type", "") == "message_posted";
}

// Every message of the room from the start, by `history` pages.
std::vector<nlohmann::json> whole_history(Socket& socket, const std::string& room) {
  std::vector<nlohmann::json> newest_first;
  std::int64_t before = 0;
  for (int page = 0; page < 1000; ++page) {
    nlohmann::json request = {{"type", "history"}, {"id", page}, {"room_id", room}, {"limit", 100}};
    if (before > 0) request["before_seq"] = before;
    socket.send(request);
    const auto answer = socket.answer_to(page);
    if (answer.value("type", "") != "ack") {
      ADD_FAILURE() << answer.dump();
      break;
    }
    for (const auto& m : answer["messages"]) newest_first.push_back(m);
    if (!answer.value("has_more", false)) break;
    before = newest_first.back()["seq"];
  }
  return {newest_first.rbegin(), newest_first.rend()};
}

class RealtimeChat : public DemoSiteTest {
 protected:
  // Room for the bursts some tests send; the limit itself has its own test below.
  std::vector<std::string> server_args() const override {
    return {"--chat-burst", "1000", "--chat-per-minute", "60000"};
  }

  // One open tab each, all having listed their rooms: Avery and Blake of the Mood & Anxiety
  // group, Priya who leads it, and Sam, a clinician of the program who leads another group.
  struct GroupTabs {
    explicit GroupTabs(RealtimeChat& test)
        : avery(test.signed_in(demo::kAvery)),
          blake(test.signed_in(demo::kBlake)),
          avery_tab(avery),
          blake_tab(blake),
          priya_tab(test.signed_in(demo::kPriya)),
          sam_tab(test.signed_in(demo::kSam)),
          room(avery_tab.room_named(kMoodGroup)) {
      EXPECT_EQ(blake_tab.room_named(kMoodGroup), room);
      EXPECT_EQ(priya_tab.room_named(kMoodGroup), room);
      sam_tab.list_rooms();
    }
    Browser avery, blake;
    Socket avery_tab, blake_tab, priya_tab, sam_tab;
    std::string room;
  };
};

TEST_P(RealtimeChat, AMessageReachesTheGroupAndItsFacilitatorOnlyAfterItIsStored) {
  GroupTabs tabs(*this);
  const Browser& avery = tabs.avery;
  auto [avery_tab, blake_tab, priya_tab, sam_tab] =
      std::tie(tabs.avery_tab, tabs.blake_tab, tabs.priya_tab, tabs.sam_tab);
  const auto& room = tabs.room;

  avery_tab.send(send_request(room, "avery-1", "I made it to the meeting today 🎉", "s1"));
  const auto ack = avery_tab.answer_to("s1");
  ASSERT_EQ(ack.value("type", ""), "ack") << ack.dump();
  EXPECT_EQ(ack["message"]["seq"], 1);
  for (Socket* reader : {&blake_tab, &priya_tab}) {
    const auto event = reader->until(is_posted);
    EXPECT_EQ(event["room_id"], room);
    EXPECT_EQ(event["seq"], 1);
    EXPECT_EQ(event["message"]["text"], "I made it to the meeting today 🎉");
    EXPECT_EQ(event["message"]["author_id"], avery.user_id());
    EXPECT_EQ(event["message"]["id"], ack["message"]["id"]);
  }
  // Sam leads another group: a ping's pong comes with no message before it.
  sam_tab.send({{"type", "ping"}, {"id", "p"}});
  sam_tab.until([](const nlohmann::json& f) { return f.value("type", "") == "pong"; });
  for (const auto& frame : sam_tab.skipped()) EXPECT_FALSE(is_posted(frame)) << frame.dump();

  const auto history = whole_history(blake_tab, room);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0]["text"], "I made it to the meeting today 🎉");
}

TEST_P(RealtimeChat, SomeoneOutsideTheGroupCannotPostToItOrReadItAndKeepsTheirConnection) {
  Socket avery_tab(signed_in(demo::kAvery));
  const auto room = avery_tab.room_named(kMoodGroup);
  Socket sam_tab(signed_in(demo::kSam));
  sam_tab.send(send_request(room, "sam-1", "hello?", 1));
  EXPECT_EQ(sam_tab.answer_to(1).value("code", ""), "not_found");
  sam_tab.send({{"type", "history"}, {"id", 2}, {"room_id", room}});
  EXPECT_EQ(sam_tab.answer_to(2).value("code", ""), "not_found");
  EXPECT_TRUE(still_open(sam_tab.connection()));
  Socket robin_tab(signed_in(demo::kRobin));
  EXPECT_TRUE(robin_tab.list_rooms().empty()) << "a family member with no program has no rooms";
  EXPECT_TRUE(whole_history(avery_tab, room).empty());
}

TEST_P(RealtimeChat, BadInputGetsAnErrorEventStoresNothingAndKeepsTheConnection) {
  Socket tab(signed_in(demo::kAvery));
  const auto room = tab.room_named(kMoodGroup);
  const std::string too_long(4001, 'x');
  const std::vector<std::pair<std::string, std::string>> cases = {
      {send_request(room, "a-1", too_long, 1).dump(), "invalid_argument"},
      {send_request(room, "a-2", "   ", 2).dump(), "invalid_argument"},
      // Escaped, so the frame is valid UTF-8 and the JSON text is not: a lone surrogate.
      {R"({"type":"message.send","id":3,"room_id":")" + room +
           R"(","client_message_id":"a-3","text":"\udc00"})",
       "malformed"},
      {R"({"type":"message.send","id":4,"room_id":7,"client_message_id":"a-4","text":"x"})",
       "invalid_argument"},
      {R"({"type":"message.send","id":5,"client_message_id":"a-5","text":"x"})",
       "invalid_argument"},
      {R"({"type":"room.destroy","id":6})", "unknown_type"},
      {R"({"type":"message.send","id":7,"room_id":"01JAAAAAAAAAAAAAAAAAAAAAAA",)"
       R"("client_message_id":"a-7","text":"x"})",
       "not_found"},
  };
  for (const auto& [request, code] : cases) {
    SCOPED_TRACE(request.substr(0, 100));
    tab.connection().send_ws_frame(1, request);
    const auto answer = tab.until([](const nlohmann::json& f) {
      return f.value("type", "") == "error" || f.value("type", "") == "ack";
    });
    EXPECT_EQ(answer.value("type", ""), "error");
    EXPECT_EQ(answer.value("code", ""), code) << answer.dump();
  }
  EXPECT_TRUE(still_open(tab.connection()));
  EXPECT_TRUE(whole_history(tab, room).empty());
}

// The safety net over the real server: the author sees crisis resources, the program's clinicians
// an alert, at once; the message itself goes to the group as any other.
TEST_P(RealtimeChat, CrisisLanguageBringsTheAuthorResourcesAndTheCliniciansAnAlert) {
  GroupTabs tabs(*this);
  const Browser& avery = tabs.avery;
  auto [avery_tab, blake_tab, priya_tab, sam_tab] =
      std::tie(tabs.avery_tab, tabs.blake_tab, tabs.priya_tab, tabs.sam_tab);
  const auto& room = tabs.room;
  avery_tab.send(send_request(room, "a-1", "I don't want to be here anymore. goodbye everyone", 1));
  ASSERT_EQ(avery_tab.answer_to(1).value("type", ""), "ack");
  const auto resources = avery_tab.until(
      [](const nlohmann::json& f) { return f.value("type", "") == "crisis_resources_offered"; });
  EXPECT_EQ(resources["resources"][0]["contact"], "Call or text 988, any time");
  for (Socket* clinician : {&priya_tab, &sam_tab}) {
    const auto alert = clinician->until(
        [](const nlohmann::json& f) { return f.value("type", "") == "safety_alert_raised"; });
    EXPECT_EQ(alert["alert"]["participant_id"], avery.user_id());
    EXPECT_EQ(alert["alert"]["room_id"], room);
    EXPECT_EQ(alert.dump().find("goodbye"), std::string::npos) << "no text in the alert";
  }
  EXPECT_EQ(blake_tab.until(is_posted)["message"]["text"],
            "I don't want to be here anymore. goodbye everyone");
  blake_tab.send({{"type", "ping"}, {"id", "p"}});
  blake_tab.until([](const nlohmann::json& f) { return f.value("type", "") == "pong"; });
  for (const auto& frame : blake_tab.skipped()) {
    EXPECT_NE(frame.value("type", ""), "safety_alert_raised") << "peers get no alert";
  }
}

// A listening socket on loopback that counts who connects to it: the address a link in a
// message points at.
class LinkTarget {
 public:
  LinkTarget() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        ::listen(fd_, 8) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      throw std::runtime_error("no loopback listener");
    }
    port_ = ntohs(address.sin_port);
  }
  ~LinkTarget() { ::close(fd_); }
  LinkTarget(const LinkTarget&) = delete;
  LinkTarget& operator=(const LinkTarget&) = delete;

  int port() const { return port_; }
  // Connections made to it so far (each accepted and closed).
  int visits() {
    for (;;) {
      const int client = ::accept4(fd_, nullptr, nullptr, SOCK_NONBLOCK);
      if (client < 0) return visits_;
      ::close(client);
      ++visits_;
    }
  }

 private:
  int fd_;
  int port_ = 0;
  int visits_ = 0;
};

// Links are shown as links and never fetched (no previews: privacy). The message goes through
// every step a preview would hang on (stored, told to the room, read back from history and by
// search) and the address it names is never visited; the message carries no preview either.
TEST_P(RealtimeChat, ALinkInAMessageIsNeverFetchedByTheServer) {
  LinkTarget target;
  const auto link = "http://127.0.0.1:" + std::to_string(target.port()) + "/meeting-notes";
  Socket avery_tab(signed_in(demo::kAvery));
  Socket blake_tab(signed_in(demo::kBlake));
  const auto room = avery_tab.room_named(kMoodGroup);
  blake_tab.list_rooms();
  avery_tab.send(send_request(room, "link-1", "notes from tonight: " + link, 1));
  ASSERT_EQ(avery_tab.answer_to(1).value("type", ""), "ack");
  const auto heard = blake_tab.until(is_posted);
  EXPECT_EQ(heard["message"]["text"], "notes from tonight: " + link);
  for (const auto* field : {"preview", "previews", "embeds", "unfurl", "link_preview"}) {
    EXPECT_FALSE(heard["message"].contains(field)) << field;
  }
  const auto history = whole_history(blake_tab, room);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back()["text"], "notes from tonight: " + link);
  blake_tab.send({{"type", "search"}, {"id", "s"}, {"query", "meeting notes"}});
  EXPECT_EQ(blake_tab.answer_to("s").value("type", ""), "ack");
  EXPECT_EQ(target.visits(), 0);
}

// RFC 6455 section 8.1: a text frame that is not UTF-8 fails the connection, with 1007.
TEST_P(RealtimeChat, ATextFrameThatIsNotUtf8ClosesWith1007AndStoresNothing) {
  Socket tab(signed_in(demo::kAvery));
  const auto room = tab.room_named(kMoodGroup);
  tab.connection().send_ws_frame(1,
                                 R"({"type":"message.send","id":1,"room_id":")" + room +
                                     "\",\"client_message_id\":\"a-1\",\"text\":\"bad \xff\xfe\"}");
  EXPECT_EQ(close_code_within(tab.connection(), std::chrono::seconds(5)), 1007);
  Socket again(signed_in(demo::kAvery));
  EXPECT_TRUE(whole_history(again, room).empty());
}

// A client that lost its connection says what it last saw in each room and gets the rest, in
// order, without gaps.
TEST_P(RealtimeChat, AfterAReconnectResumeSendsEverythingMissedInOrder) {
  Socket avery_tab(signed_in(demo::kAvery));
  const auto room = avery_tab.room_named(kMoodGroup);
  const Browser blake = signed_in(demo::kBlake);
  std::int64_t blake_saw = 0;
  {
    Socket blake_tab(blake);
    blake_tab.list_rooms();
    avery_tab.send(send_request(room, "a-1", "first", 1));
    ASSERT_EQ(avery_tab.answer_to(1).value("type", ""), "ack");
    blake_saw = blake_tab.until(is_posted)["seq"];
  }  // Blake's connection drops
  for (int i = 2; i <= 4; ++i) {
    avery_tab.send(send_request(room, "a-" + std::to_string(i), "while away", i));
    ASSERT_EQ(avery_tab.answer_to(i).value("type", ""), "ack");
  }
  Socket blake_back(blake);
  blake_back.list_rooms();
  blake_back.send({{"type", "resume"}, {"id", "r"}, {"rooms", {{room, blake_saw}}}});
  const auto done = blake_back.answer_to("r");
  ASSERT_EQ(done.value("type", ""), "ack") << done.dump();
  std::vector<std::int64_t> seqs;
  for (const auto& frame : blake_back.skipped()) {
    if (is_posted(frame)) seqs.push_back(frame["seq"]);
  }
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{2, 3, 4}));
}

// The unread count of a room in a fresh rooms.list answer.
std::int64_t unread_in(Socket& socket, const std::string& room) {
  socket.send({{"type", "rooms.list"}, {"id", "unread"}});
  const auto answer = socket.answer_to("unread");
  for (const auto& r : answer.value("rooms", nlohmann::json::array())) {
    if (r.value("id", "") == room) return r.value("unread", std::int64_t{-1});
  }
  ADD_FAILURE() << "no room in " << answer.dump();
  return -1;
}

TEST_P(RealtimeChat, UnreadCountsAreKeptByTheServerAndAgreeAcrossTabs) {
  Socket avery_tab(signed_in(demo::kAvery));
  const auto room = avery_tab.room_named(kMoodGroup);
  const Browser blake = signed_in(demo::kBlake);
  Socket blake_laptop(blake);
  Socket blake_phone(blake);
  blake_laptop.list_rooms();
  blake_phone.list_rooms();
  for (int i = 1; i <= 3; ++i) {
    avery_tab.send(send_request(room, "u-" + std::to_string(i), "news", i));
    ASSERT_EQ(avery_tab.answer_to(i).value("type", ""), "ack");
  }
  EXPECT_EQ(unread_in(blake_laptop, room), 3);
  EXPECT_EQ(unread_in(avery_tab, room), 0) << "one's own messages are read";

  blake_laptop.send({{"type", "read.mark"}, {"id", "m"}, {"room_id", room}, {"seq", 2}});
  EXPECT_EQ(blake_laptop.answer_to("m").value("last_read_seq", -1), 2);
  const auto moved = blake_phone.until(
      [](const nlohmann::json& f) { return f.value("type", "") == "read_moved"; });
  EXPECT_EQ(moved["room_id"], room);
  EXPECT_EQ(moved["last_read_seq"], 2);

  Socket blake_later(blake);
  EXPECT_EQ(unread_in(blake_later, room), 1) << "kept across connections";
}

TEST_P(RealtimeChat, EditsAndDeletionsReachTheRoomAndAClientThatWasAwayCatchesUp) {
  GroupTabs tabs(*this);
  auto [avery_tab, blake_tab, priya_tab] = std::tie(tabs.avery_tab, tabs.blake_tab, tabs.priya_tab);
  avery_tab.send(send_request(tabs.room, "e-1", "see you tomorow", "s1"));
  const std::string mine = avery_tab.answer_to("s1")["message"]["id"];
  blake_tab.send(send_request(tabs.room, "e-2", "whatever", "s2"));
  const std::string blakes = blake_tab.answer_to("s2")["message"]["id"];
  blake_tab.send({{"type", "history"}, {"id", "h"}, {"room_id", tabs.room}});
  const std::int64_t blake_change = blake_tab.answer_to("h").value("last_change_seq", -1);
  EXPECT_EQ(blake_change, 0);

  avery_tab.send({{"type", "message.edit"},
                  {"id", "e"},
                  {"room_id", tabs.room},
                  {"message_id", mine},
                  {"text", "see you tomorrow"}});
  EXPECT_EQ(avery_tab.answer_to("e")["message"]["text"], "see you tomorrow");
  const auto heard = priya_tab.until(
      [](const nlohmann::json& f) { return f.value("type", "") == "message_changed"; });
  EXPECT_EQ(heard["message"]["id"], mine);
  avery_tab.send(
      {{"type", "message.delete"}, {"id", "d"}, {"room_id", tabs.room}, {"message_id", blakes}});
  EXPECT_EQ(avery_tab.answer_to("d").value("code", ""), "permission_denied");
  priya_tab.send(
      {{"type", "message.delete"}, {"id", "d"}, {"room_id", tabs.room}, {"message_id", blakes}});
  EXPECT_EQ(priya_tab.answer_to("d")["message"]["deleted"], true) << "the facilitator moderates";

  // Blake's tab reconnects and asks for the changes after the one it knew.
  Socket blake_back(tabs.blake);
  blake_back.list_rooms();
  blake_back.send({{"type", "resume"},
                   {"id", "r"},
                   {"rooms", {{tabs.room, 2}}},
                   {"changes", {{tabs.room, blake_change}}}});
  ASSERT_EQ(blake_back.answer_to("r").value("type", ""), "ack");
  std::vector<std::string> changed;
  for (const auto& frame : blake_back.skipped()) {
    if (frame.value("type", "") == "message_changed") changed.push_back(frame["message"]["id"]);
  }
  EXPECT_EQ(changed, (std::vector<std::string>{mine, blakes}));
  const auto history = whole_history(blake_back, tabs.room);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["text"], "see you tomorrow");
  EXPECT_EQ(history[1]["text"], "");
  EXPECT_EQ(history[1]["deleted"], true);
}

TEST_P(RealtimeChat, AFacilitatorHidesAMessageTheRoomSeesAPlaceholderAndItsAuthorTheText) {
  GroupTabs tabs(*this);
  auto [avery_tab, blake_tab, priya_tab, sam_tab] =
      std::tie(tabs.avery_tab, tabs.blake_tab, tabs.priya_tab, tabs.sam_tab);
  avery_tab.send(send_request(tabs.room, "h-1", "Jordan from work lives on Oak Lane", "s1"));
  const std::string said = avery_tab.answer_to("s1")["message"]["id"];
  const nlohmann::json hide = {{"type", "message.hide"},
                               {"id", "h"},
                               {"room_id", tabs.room},
                               {"message_id", said},
                               {"reason", "private_information"}};

  blake_tab.send(hide);
  EXPECT_EQ(blake_tab.answer_to("h").value("code", ""), "permission_denied") << "a member";
  sam_tab.send(hide);
  EXPECT_EQ(sam_tab.answer_to("h").value("code", ""), "not_found") << "someone outside the room";
  auto unknown = hide;
  unknown["reason"] = "gossip";
  priya_tab.send(unknown);
  EXPECT_EQ(priya_tab.answer_to("h").value("field", ""), "reason");
  EXPECT_TRUE(still_open(blake_tab.connection()));
  EXPECT_TRUE(still_open(sam_tab.connection()));

  auto with_id = hide;
  with_id["id"] = "h2";
  priya_tab.send(with_id);
  const auto ack = priya_tab.answer_to("h2");
  ASSERT_EQ(ack.value("type", ""), "ack") << ack.dump();
  EXPECT_EQ(ack["message"]["text"], "Jordan from work lives on Oak Lane");
  const auto heard = blake_tab.until(
      [](const nlohmann::json& f) { return f.value("type", "") == "message_changed"; });
  EXPECT_EQ(heard["message"]["id"], said);
  EXPECT_EQ(heard["message"]["text"], "");
  EXPECT_EQ(heard["message"]["hidden"], true);
  EXPECT_EQ(heard["message"]["hidden_reason"], "private_information");
  EXPECT_FALSE(heard["message"].contains("hidden_by"));

  avery_tab.send(
      {{"type", "message.get"}, {"id", "g"}, {"room_id", tabs.room}, {"message_id", said}});
  const auto own = avery_tab.answer_to("g");
  EXPECT_EQ(own["message"]["text"], "Jordan from work lives on Oak Lane");
  EXPECT_EQ(own["message"]["hidden"], true);
  const auto history = whole_history(blake_tab, tabs.room);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0]["text"], "");
  blake_tab.send({{"type", "search"}, {"id", "f"}, {"query", "Oak"}});
  EXPECT_TRUE(blake_tab.answer_to("f")["messages"].empty());

  priya_tab.send(
      {{"type", "message.unhide"}, {"id", "u"}, {"room_id", tabs.room}, {"message_id", said}});
  ASSERT_EQ(priya_tab.answer_to("u").value("type", ""), "ack");
  const auto shown = blake_tab.until([](const nlohmann::json& f) {
    return f.value("type", "") == "message_changed" && !f["message"].contains("hidden");
  });
  EXPECT_EQ(shown["message"]["text"], "Jordan from work lives on Oak Lane");
}

// The server is killed (SIGKILL) at a random moment while a client pours messages in: after each
// restart, every message the client had an acknowledgement for is in the history, once.
TEST_P(RealtimeChat, EveryAcknowledgedMessageSurvivesTheServerBeingKilled) {
  constexpr int kRounds = 20;  // about a quarter of a second each
  constexpr int kBurst = 60;
  std::mt19937 random(std::random_device{}());
  std::set<std::string> acknowledged;
  std::string room;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    Socket tab(signed_in(demo::kAvery));
    room = tab.room_named(kMoodGroup);
    // Sent all at once; the server is killed after a random number of acknowledgements, with
    // the rest in flight.
    for (int i = 0; i < kBurst; ++i) {
      const std::string client_id = "r" + std::to_string(round) + "-" + std::to_string(i);
      tab.send(send_request(room, client_id, "message " + client_id, client_id));
    }
    const int kill_after = std::uniform_int_distribution<int>(1, kBurst - 1)(random);
    for (int acks = 0; acks < kill_after;) {
      const auto frame = tab.next();
      if (frame.value("type", "") != "ack") continue;
      acknowledged.insert(frame["message"]["client_message_id"].get<std::string>());
      ++acks;
    }
    site().kill();
    site().start(server_args());
    ASSERT_EQ(site().error(), "");
  }
  Socket reader(signed_in(demo::kBlake));
  const auto history = whole_history(reader, room);
  std::set<std::string> stored;
  std::int64_t expected_seq = 1;
  for (const auto& message : history) {
    EXPECT_EQ(message["seq"], expected_seq++) << "numbers without gaps";
    EXPECT_TRUE(stored.insert(message["client_message_id"].get<std::string>()).second)
        << "stored twice: " << message.dump();
  }
  for (const auto& id : acknowledged) EXPECT_TRUE(stored.count(id)) << "lost: " << id;
}

class RealtimeChatLimits : public DemoSiteTest {};

// The server's default limit: a burst of 8 messages, then one a second.
TEST_P(RealtimeChatLimits,
       AFloodGetsRateLimitedErrorsStoresOnlyWhatWasAllowedAndKeepsTheConnection) {
  Socket tab(signed_in(demo::kAvery));
  const auto room = tab.room_named(kMoodGroup);
  constexpr int kFlood = 20;
  for (int i = 0; i < kFlood; ++i) {
    tab.send(send_request(room, "f-" + std::to_string(i), "flood " + std::to_string(i), i));
  }
  std::set<std::string> stored_ids;
  int limited = 0;
  for (int i = 0; i < kFlood; ++i) {
    const auto answer = tab.answer_to(i);
    if (answer.value("type", "") == "ack") {
      stored_ids.insert(answer["message"]["client_message_id"].get<std::string>());
    } else {
      EXPECT_EQ(answer.value("code", ""), "rate_limited") << answer.dump();
      EXPECT_GT(answer.value("retry_after_ms", 0), 0);
      ++limited;
    }
  }
  EXPECT_GE(stored_ids.size(), 8u) << "the burst is allowed";
  EXPECT_GT(limited, 0);
  EXPECT_TRUE(still_open(tab.connection()));
  const auto history = whole_history(tab, room);
  EXPECT_EQ(history.size(), stored_ids.size()) << "refused messages were not stored";
}

INSTANTIATE_TEST_SUITE_P(Realtime, RealtimeChatLimits,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName{});

INSTANTIATE_TEST_SUITE_P(Realtime, RealtimeChat,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName{});

}  // namespace
}  // namespace hearth::api_test
