// A connection that stops reading, over the real WebSocket against the running server, on SQLite
// and on PostgreSQL (docs/protocol/realtime.md, "Limits and close codes"): the server closes it
// with 1008 "slow consumer" once its bounded queue is full, while everyone else in the room keeps
// getting every message, and the slow one can come back.
#include <gtest/gtest.h>

#include <random>

#include "realtime_fixtures.hpp"

namespace hearth::api_test {
namespace {

constexpr std::string_view kMoodGroup =
    "Mood & Anxiety Group (Evening)";  // Avery, Blake; led by Priya

// Enough to fill what the kernel buffers for a peer that reads nothing (a few MiB of socket
// buffers on loopback: tcp_wmem's 4 MiB at most on the server's side) and then the server's own
// queue of 256 frames: about 10 MiB of frames of ~10 KiB.
constexpr int kMessages = 1000;
constexpr int kBatch = 20;

// The most a message may hold, 4,000 characters, in characters of four bytes (and spaces), in an
// order that does not compress to nothing should a transport compress.
std::string long_text(std::minstd_rand& random) {
  static constexpr std::string_view kSigns[] = {"🙂", "🌱", "💪", "🌊", "🤝", "🌻"};
  std::string text;
  for (int characters = 0; characters + 2 <= 4000; characters += 2) {
    text += kSigns[random() % std::size(kSigns)];
    text += ' ';
  }
  return text;
}

bool is_type(const nlohmann::json& frame, std::string_view type) {
  return frame.value("type", "") == type;
}

class RealtimeSlowConsumer : public DemoSiteTest {
 protected:
  std::vector<std::string> server_args() const override {
    // The closing handshake the server starts on a full queue waits this long for the peer
    // (read_timeout) before it ends the connection hard; the test reads Priya's tab only after
    // sending everything, which on a busy machine may take longer than the 10 s default.
    return {"--chat-burst", "10000", "--chat-per-minute", "60000", "--read-timeout-ms", "120000"};
  }
};

TEST_P(RealtimeSlowConsumer, AConnectionThatStopsReadingIsClosedAndNobodyElseWaitsForIt) {
  Browser avery = signed_in(demo::kAvery);
  Browser blake = signed_in(demo::kBlake);
  Browser priya = signed_in(demo::kPriya);
  Socket avery_tab(avery);
  Socket blake_tab(blake);
  Socket priya_tab(priya);
  const auto room = avery_tab.room_named(kMoodGroup);
  ASSERT_EQ(blake_tab.room_named(kMoodGroup), room);
  ASSERT_EQ(priya_tab.room_named(kMoodGroup), room);
  // From here on Priya's tab reads nothing, as a stalled browser would.

  std::minstd_rand random(7);
  int acked = 0;
  int heard_by_blake = 0;
  for (int sent = 0; sent < kMessages; sent += kBatch) {
    for (int i = sent; i < sent + kBatch; ++i) {
      avery_tab.send({{"type", "message.send"},
                      {"id", i},
                      {"room_id", room},
                      {"client_message_id", "slow-" + std::to_string(i)},
                      {"text", long_text(random)}});
    }
    // The others read as they go: they must hear every message, promptly, however far behind
    // Priya's tab has fallen.
    for (int i = sent; i < sent + kBatch; ++i) {
      const auto answer = avery_tab.answer_to(i);
      ASSERT_EQ(answer.value("type", ""), "ack") << answer.dump().substr(0, 200);
      ++acked;
    }
    for (int i = sent; i < sent + kBatch; ++i) {
      blake_tab.until([](const nlohmann::json& f) { return is_type(f, "message_posted"); });
      ++heard_by_blake;
    }
  }
  EXPECT_EQ(acked, kMessages);
  EXPECT_EQ(heard_by_blake, kMessages);

  // Reading again, Priya's tab finds what was buffered before the server gave up, then the close.
  EXPECT_EQ(close_code_within(priya_tab.connection(), std::chrono::seconds(30)), 1008);
  EXPECT_TRUE(still_open(avery_tab.connection()));
  EXPECT_TRUE(still_open(blake_tab.connection()));

  // She reconnects, as the web app does, and the room is all there.
  Socket again(priya);
  EXPECT_EQ(again.room_named(kMoodGroup), room);
  again.send({{"type", "history"}, {"id", "last"}, {"room_id", room}, {"limit", 1}});
  const auto last = again.answer_to("last");
  ASSERT_EQ(last.value("type", ""), "ack") << last.dump().substr(0, 200);
  ASSERT_EQ(last["messages"].size(), 1u);
  EXPECT_GE(last["messages"][0].value("seq", 0), kMessages);
}

INSTANTIATE_TEST_SUITE_P(Realtime, RealtimeSlowConsumer,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName{});

}  // namespace
}  // namespace hearth::api_test
