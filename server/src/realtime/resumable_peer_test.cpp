// ResumablePeer: every event numbered in the order it is sent, the last ones kept while no socket
// is attached, and a new socket given exactly the events after the number its client saw; answers
// pass unnumbered.
#include "realtime/resumable_peer.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "realtime/protocol.hpp"
#include "realtime/testing/hub_fixtures.hpp"

namespace hearth::realtime {
namespace {

using testing::RecordingPeer;

std::shared_ptr<const std::string> event(int n) {
  return std::make_shared<const std::string>(nlohmann::json{{"type", "noted"}, {"n", n}}.dump());
}

std::vector<int> ns_of(const RecordingPeer& socket) {
  std::vector<int> out;
  for (const auto& frame : socket.sent) out.push_back(frame.value("n", -1));
  return out;
}

TEST(ResumablePeerTest, NumbersEveryFrameAndLeavesTheRestOfItAsItWas) {
  auto socket = std::make_shared<RecordingPeer>(7);
  ResumablePeer peer(1, new_connection_id());
  ASSERT_TRUE(peer.attach(socket, std::nullopt));
  peer.send(event(10));
  peer.send(std::make_shared<const std::string>("{}"));
  peer.send(event(11));

  EXPECT_EQ(socket->event_seqs, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(*socket->frames[0], R"({"event_seq":1,"n":10,"type":"noted"})");
  EXPECT_EQ(*socket->frames[1], R"({"event_seq":2})");
  EXPECT_EQ(socket->sent[2], (nlohmann::json{{"type", "noted"}, {"n", 11}}));
  EXPECT_EQ(peer.last_seq(), 3);
}

TEST(ResumablePeerTest, AnswersGoAsTheyAreUnnumberedAndAreNotKept) {
  auto first = std::make_shared<RecordingPeer>(7);
  ResumablePeer peer(1, new_connection_id());
  ASSERT_TRUE(peer.attach(first, std::nullopt));
  peer.send(event(1));
  peer.send(ack_frame("q", {{"rooms", nlohmann::json::array()}}));
  peer.send(error_frame(nullptr, "malformed", "each message must be a JSON object"));
  peer.send(pong_frame(3));
  peer.send(event(2));
  EXPECT_EQ(first->event_seqs, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(*first->frames[1], R"({"type":"ack","id":"q","rooms":[]})");
  EXPECT_EQ(first->sent[3], (nlohmann::json{{"type", "pong"}, {"id", 3}}));
  EXPECT_EQ(peer.last_seq(), 2);

  ASSERT_TRUE(peer.detach(7));
  auto second = std::make_shared<RecordingPeer>(8);
  ASSERT_TRUE(peer.attach(second, 0));
  EXPECT_EQ(ns_of(*second), (std::vector<int>{1, 2})) << "events only";
}

TEST(ResumablePeerTest, ConnectionIdsAreHexOf128RandomBits) {
  const auto one = new_connection_id();
  EXPECT_TRUE(is_connection_id(one));
  EXPECT_NE(one, new_connection_id());
  EXPECT_FALSE(is_connection_id(one.substr(1)));
  EXPECT_FALSE(is_connection_id(std::string(32, 'G')));
  EXPECT_FALSE(is_connection_id(""));
}

TEST(ResumablePeerTest, ANewSocketGetsWhatWasSentAfterTheNumberItsClientSawThenWhatComes) {
  auto first = std::make_shared<RecordingPeer>(7);
  ResumablePeer peer(1, new_connection_id());
  ASSERT_TRUE(peer.attach(first, std::nullopt));
  for (int n = 1; n <= 3; ++n) peer.send(event(n));
  ASSERT_TRUE(peer.detach(7));
  EXPECT_FALSE(peer.attached());
  for (int n = 4; n <= 5; ++n) peer.send(event(n));  // while nobody listens: kept

  // The client saw up to 2 (frame 3 was lost with the line).
  auto second = std::make_shared<RecordingPeer>(8);
  ASSERT_TRUE(peer.attach(second, 2));
  peer.send(event(6));
  EXPECT_EQ(ns_of(*second), (std::vector<int>{3, 4, 5, 6}));
  EXPECT_EQ(second->event_seqs, (std::vector<std::int64_t>{3, 4, 5, 6}));
  EXPECT_EQ(ns_of(*first), (std::vector<int>{1, 2, 3})) << "nothing more to the old socket";
}

TEST(ResumablePeerTest, NothingIsReplayedToAClientThatSawEverything) {
  ResumablePeer peer(1, new_connection_id());
  auto first = std::make_shared<RecordingPeer>(7);
  ASSERT_TRUE(peer.attach(first, std::nullopt));
  peer.send(event(1));
  ASSERT_TRUE(peer.detach(7));
  auto second = std::make_shared<RecordingPeer>(8);
  ASSERT_TRUE(peer.attach(second, 1));
  EXPECT_TRUE(second->sent.empty());
  peer.send(event(2));
  EXPECT_EQ(second->event_seqs, (std::vector<std::int64_t>{2}));
}

TEST(ResumablePeerTest, RefusesWhatItCannotReplayWithoutAGapAndChangesNothing) {
  ResumablePeer peer(1, new_connection_id(), /*kept=*/4);
  auto first = std::make_shared<RecordingPeer>(7);
  ASSERT_TRUE(peer.attach(first, std::nullopt));
  for (int n = 1; n <= 6; ++n) peer.send(event(n));  // 1 and 2 have been let go
  ASSERT_TRUE(peer.detach(7));

  auto late = std::make_shared<RecordingPeer>(8);
  EXPECT_FALSE(peer.attach(late, 1)) << "frame 2 is no longer kept";
  EXPECT_FALSE(peer.attach(late, 7)) << "a number never sent";
  EXPECT_FALSE(peer.attach(late, -1));
  EXPECT_TRUE(late->sent.empty());
  EXPECT_FALSE(peer.attached());

  ASSERT_TRUE(peer.attach(late, 2)) << "3 to 6 are all kept";
  EXPECT_EQ(ns_of(*late), (std::vector<int>{3, 4, 5, 6}));
}

TEST(ResumablePeerTest, ClosedByTheServerItClosesItsSocketAndCannotBeResumed) {
  ResumablePeer peer(1, new_connection_id());
  auto socket = std::make_shared<RecordingPeer>(7);
  ASSERT_TRUE(peer.attach(socket, std::nullopt));
  peer.send(event(1));
  peer.close(4001, "session ended");
  EXPECT_EQ(socket->closed_with, 4001);
  EXPECT_FALSE(peer.resumable());
  ASSERT_TRUE(peer.detach(7));
  EXPECT_FALSE(peer.attach(std::make_shared<RecordingPeer>(8), 0));
}

TEST(ResumablePeerTest, AnOldSocketsCloseDoesNotDetachTheOneThatTookItsPlace) {
  ResumablePeer peer(1, new_connection_id());
  ASSERT_TRUE(peer.attach(std::make_shared<RecordingPeer>(7), std::nullopt));
  auto newer = std::make_shared<RecordingPeer>(8);
  ASSERT_TRUE(peer.attach(newer, 0));
  EXPECT_FALSE(peer.detach(7));
  EXPECT_TRUE(peer.attached());
  EXPECT_EQ(peer.attached_socket(), newer);
}

TEST(ResumablePeerTest, FramesFromManyThreadsReachTheSocketInTheOrderOfTheirNumbers) {
  ResumablePeer peer(1, new_connection_id());
  auto socket = std::make_shared<RecordingPeer>(7);
  ASSERT_TRUE(peer.attach(socket, std::nullopt));
  constexpr int kThreads = 4;
  constexpr int kEach = 500;
  std::vector<std::thread> senders;
  for (int t = 0; t < kThreads; ++t) {
    senders.emplace_back([&peer, t] {
      for (int i = 0; i < kEach; ++i) peer.send(event(t * kEach + i));
    });
  }
  for (auto& sender : senders) sender.join();
  ASSERT_EQ(socket->event_seqs.size(), static_cast<std::size_t>(kThreads * kEach));
  for (std::size_t i = 0; i < socket->event_seqs.size(); ++i) {
    ASSERT_EQ(socket->event_seqs[i], static_cast<std::int64_t>(i + 1));
  }
}

}  // namespace
}  // namespace hearth::realtime
