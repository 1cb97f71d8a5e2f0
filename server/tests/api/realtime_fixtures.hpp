// Shared by the real-time suites: opening /api/v1/ws as Hearth's own page does, and reading its
// JSON frames (docs/protocol/realtime.md).
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts_fixtures.hpp"

namespace hearth::api_test {

inline constexpr std::string_view kSocketPath = "/api/v1/ws";

// The Cookie header value of the browser's session.
std::string session_cookie(const Browser& browser);
// A text frame's JSON (null for other frames or text that is not JSON).
nlohmann::json text_json(const WsFrame& frame);
// Opens the socket as `browser`'s page does and returns the hello (null, with a test failure, if
// the upgrade is refused).
nlohmann::json open_socket(Connection& c, const Browser& browser);
// Reads until a close frame and returns its code (throws when the limit passes first).
int close_code_within(Connection& c, std::chrono::milliseconds limit);
// The socket still answers: a ping gets its pong.
::testing::AssertionResult still_open(Connection& c);

// One open socket of a signed-in browser, speaking JSON.
class Socket {
 public:
  explicit Socket(const Browser& browser);
  // Opened at `path` (a resume's query, say): the frames before hello are kept in skipped().
  Socket(const Browser& browser, std::string_view path);

  const nlohmann::json& hello() const { return hello_; }
  void send(const nlohmann::json& request);
  // The next JSON text frame (throws when `limit` passes or the connection ends first).
  nlohmann::json next(std::chrono::milliseconds limit = std::chrono::seconds(5));
  // Reads frames until one matches, and returns it; the frames read on the way are kept in
  // skipped(). Throws like next().
  nlohmann::json until(const std::function<bool(const nlohmann::json&)>& wanted,
                       std::chrono::milliseconds limit = std::chrono::seconds(5));
  // The answer (ack or error) to the request with this id, read now or skipped earlier.
  nlohmann::json answer_to(const nlohmann::json& id);
  const std::vector<nlohmann::json>& skipped() const { return skipped_; }

  // rooms.list: the rooms' ids by name.
  std::vector<std::pair<std::string, std::string>> list_rooms();
  std::string room_named(std::string_view name);

  Connection& connection() { return connection_; }

 private:
  Connection connection_;
  nlohmann::json hello_;
  std::vector<nlohmann::json> skipped_;
  int next_id_ = 1000;
};

}  // namespace hearth::api_test
