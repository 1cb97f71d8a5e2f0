#include "realtime_fixtures.hpp"

#include <algorithm>
#include <stdexcept>

namespace hearth::api_test {

std::string session_cookie(const Browser& browser) {
  return "hearth_session=" + browser.cookie();
}

nlohmann::json text_json(const WsFrame& frame) {
  if (frame.opcode != 1) return nullptr;
  return nlohmann::json::parse(frame.payload, nullptr, false);
}

nlohmann::json open_socket(Connection& c, const Browser& browser) {
  c.send(websocket_upgrade(kSocketPath,
                           {{"Origin", "http://localhost"}, {"Cookie", session_cookie(browser)}}));
  const auto answer = c.read_response();
  EXPECT_EQ(answer.status, 101) << answer.describe();
  if (answer.status != 101) return nullptr;
  return text_json(c.read_ws_frame());
}

int close_code_within(Connection& c, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    const WsFrame frame = c.read_ws_frame(std::max(left, std::chrono::milliseconds(1)));
    if (frame.opcode == 8) return frame.close_code();
  }
}

::testing::AssertionResult still_open(Connection& c) {
  c.send_ws_frame(1, R"({"type":"ping","id":"still-open"})");
  const auto pong = text_json(c.read_ws_frame());
  if (pong.is_object() && pong.value("type", "") == "pong") return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no pong, got " << pong.dump();
}

Socket::Socket(const Browser& browser) : connection_(browser.port()) {
  hello_ = open_socket(connection_, browser);
}

Socket::Socket(const Browser& browser, std::string_view path) : connection_(browser.port()) {
  connection_.send(websocket_upgrade(
      path, {{"Origin", "http://localhost"}, {"Cookie", session_cookie(browser)}}));
  const auto answer = connection_.read_response();
  if (answer.status != 101) throw std::runtime_error("upgrade refused: " + answer.describe());
  hello_ = until([](const nlohmann::json& frame) { return frame.value("type", "") == "hello"; });
}

void Socket::send(const nlohmann::json& request) {
  connection_.send_ws_frame(1, request.dump());
}

nlohmann::json Socket::next(std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  std::string message;  // a text message the server may send in several frames
  bool in_text = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    const WsFrame frame = connection_.read_ws_frame(std::max(left, std::chrono::milliseconds(1)));
    if (frame.opcode == 8) {
      throw std::runtime_error("closed with " + std::to_string(frame.close_code()));
    }
    if (frame.opcode == 1) {
      message = frame.payload;
      in_text = true;
    } else if (frame.opcode == 0 && in_text) {
      message += frame.payload;
    } else {
      continue;  // pings and pongs
    }
    if (!frame.fin) continue;
    auto value = nlohmann::json::parse(message, nullptr, false);
    if (!value.is_object())
      throw std::runtime_error("not a JSON object: " + message.substr(0, 200));
    return value;
  }
}

nlohmann::json Socket::until(const std::function<bool(const nlohmann::json&)>& wanted,
                             std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto frame = next(std::max(left, std::chrono::milliseconds(1)));
    if (wanted(frame)) return frame;
    skipped_.push_back(std::move(frame));
  }
}

nlohmann::json Socket::answer_to(const nlohmann::json& id) {
  const auto answers = [&](const nlohmann::json& frame) {
    const auto type = frame.value("type", "");
    return (type == "ack" || type == "error") && frame.contains("id") && frame["id"] == id;
  };
  // Answers may come out of order (a refusal at once, an ack after the store): it may be here.
  if (const auto kept = std::ranges::find_if(skipped_, answers); kept != skipped_.end()) {
    auto answer = std::move(*kept);
    skipped_.erase(kept);
    return answer;
  }
  return until(answers);
}

std::vector<std::pair<std::string, std::string>> Socket::list_rooms() {
  const int id = next_id_++;
  send({{"type", "rooms.list"}, {"id", id}});
  const auto answer = answer_to(id);
  std::vector<std::pair<std::string, std::string>> rooms;
  if (answer.value("type", "") != "ack") {
    ADD_FAILURE() << "rooms.list refused: " << answer.dump();
    return rooms;
  }
  for (const auto& room : answer["rooms"]) rooms.emplace_back(room["name"], room["id"]);
  return rooms;
}

std::string Socket::room_named(std::string_view name) {
  for (const auto& [room_name, id] : list_rooms()) {
    if (room_name == name) return id;
  }
  ADD_FAILURE() << "no room named " << name;
  return "";
}

}  // namespace hearth::api_test
