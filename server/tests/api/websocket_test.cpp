// The WebSocket upgrade at /api/v1/ws and the first messages of the real-time protocol
// (docs/protocol/realtime.md): hello, ping/pong, errors; refused handshakes (RFC 6455 §4.2).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fixtures.hpp"

namespace hearth::api_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Signs in once per test (each runs in its own process under CTest) and sends upgrades as
// Hearth's own page does: Origin and session cookie. Authentication and the Origin check have
// their own suite, on both drivers (realtime_session_test.cpp).
class WebSocketTest : public DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    cookie_ = demo_session_cookie(port());
  }

  std::string upgrade_request(std::string_view path,
                              std::optional<std::string_view> key = kSampleWebSocketKey,
                              std::string_view version = "13") const {
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Upgrade", "websocket"},
        {"Connection", "Upgrade"},
        {"Sec-WebSocket-Version", std::string(version)}};
    if (key) headers.emplace_back("Sec-WebSocket-Key", std::string(*key));
    for (auto& header : own_page_headers(cookie_)) headers.push_back(std::move(header));
    return make_request("GET", path, headers);
  }

  // Opens a WebSocket and reads the hello frame.
  void open_websocket(Connection& c) const;

 private:
  std::string cookie_;
};

nlohmann::json text_json(const WsFrame& f) {
  if (f.opcode != 1)
    throw std::runtime_error("expected a text frame, got opcode " + std::to_string(f.opcode));
  auto value = nlohmann::json::parse(f.payload, nullptr, false);
  if (value.is_discarded()) throw std::runtime_error("frame is not JSON: " + f.payload);
  return value;
}

void WebSocketTest::open_websocket(Connection& c) const {
  c.send(upgrade_request("/api/v1/ws"));
  const auto r = c.read_response();
  ASSERT_EQ(r.status, 101) << r.describe();
  const auto hello = text_json(c.read_ws_frame());
  ASSERT_EQ(hello.value("type", ""), "hello") << hello.dump();
}

class WebSocket : public WebSocketTest {};

TEST_F(WebSocket, ValidUpgradeGets101AndAHello) {
  Connection c(port());
  c.send(upgrade_request("/api/v1/ws"));
  const auto r = c.read_response();
  ASSERT_EQ(r.status, 101) << r.describe();
  EXPECT_EQ(r.header("sec-websocket-accept").value_or(""), kSampleWebSocketAccept);
  const auto hello = text_json(c.read_ws_frame());
  EXPECT_EQ(hello.value("type", ""), "hello");
  EXPECT_EQ(hello.value("protocol", 0), 1);
  EXPECT_EQ(hello.value("server_version", ""), HEARTH_EXPECTED_VERSION);
}

TEST_F(WebSocket, PingGetsPongWithTheSameId) {
  Connection c(port());
  ASSERT_NO_FATAL_FAILURE(open_websocket(c));
  c.send_ws_frame(1, R"({"type":"ping","id":1})");
  const auto pong = text_json(c.read_ws_frame());
  EXPECT_EQ(pong.value("type", ""), "pong");
  EXPECT_EQ(pong.value("id", 0), 1);

  c.send_ws_frame(1, R"({"type":"ping","id":"abc"})");
  const auto second = text_json(c.read_ws_frame());
  EXPECT_EQ(second.value("type", ""), "pong");
  EXPECT_EQ(second.value("id", ""), "abc");
}

TEST_F(WebSocket, AFragmentedMessageIsReassembled) {
  Connection c(port());
  ASSERT_NO_FATAL_FAILURE(open_websocket(c));
  c.send_ws_frame(1, R"({"type":"pi)", /*fin=*/false);
  c.send_ws_frame(0, R"(ng","id":7})");
  const auto pong = text_json(c.read_ws_frame());
  EXPECT_EQ(pong.value("type", ""), "pong");
  EXPECT_EQ(pong.value("id", 0), 7);
}

TEST_F(WebSocket, BadMessagesGetAnErrorWithoutEchoAndTheConnectionStays) {
  Connection c(port());
  ASSERT_NO_FATAL_FAILURE(open_websocket(c));
  for (std::string_view message :
       {std::string_view("not json secret-5d1"), std::string_view(R"(["secret-5d1"])"),
        std::string_view(R"({"type":"secret-5d1"})")}) {
    SCOPED_TRACE(message);
    c.send_ws_frame(1, message);
    const auto frame = c.read_ws_frame();
    const auto error = text_json(frame);
    EXPECT_EQ(error.value("type", ""), "error");
    EXPECT_FALSE(error.value("code", "").empty());
    EXPECT_THAT(frame.payload, Not(HasSubstr("secret-5d1")));
  }
  c.send_ws_frame(1, R"({"type":"ping","id":2})");
  EXPECT_EQ(text_json(c.read_ws_frame()).value("type", ""), "pong");
}

TEST_F(WebSocket, AControlPingGetsAPongWithTheSameData) {
  Connection c(port());
  ASSERT_NO_FATAL_FAILURE(open_websocket(c));
  c.send_ws_frame(9, "hb");  // a control ping must be answered with a pong carrying the same data
  const auto pong = c.read_ws_frame();
  EXPECT_EQ(pong.opcode, 10);
  EXPECT_EQ(pong.payload, "hb");
}

TEST_F(WebSocket, CloseHandshakeIsAnsweredAndTheConnectionEnds) {
  Connection c(port());
  ASSERT_NO_FATAL_FAILURE(open_websocket(c));
  c.send_ws_frame(8, std::string("\x03\xe8", 2) + "bye");
  const auto close = c.read_ws_frame();
  EXPECT_EQ(close.opcode, 8);
  EXPECT_EQ(close.close_code(), 1000);
  EXPECT_TRUE(c.wait_closed(5s));
  EXPECT_TRUE(still_serving(port()));
}

TEST_F(WebSocket, AMessageOverTheLimitClosesWith1009) {
  Connection c(port());
  ASSERT_NO_FATAL_FAILURE(open_websocket(c));
  // The transport's limit is 64 KiB (net/server.hpp, ws_message_limit).
  const std::string big = R"({"type":"ping","pad":")" + std::string(70 * 1024, 'x') + "\"}";
  c.send_ws_frame(1, big);
  WsFrame frame;
  do {
    frame = c.read_ws_frame();
  } while (frame.opcode != 8);
  EXPECT_EQ(frame.close_code(), 1009) << "RFC 6455 §7.4.1: 1009 is message too big";
  c.send_ws_frame(8, frame.payload.substr(0, 2));  // the client's half of the closing handshake
  EXPECT_TRUE(c.wait_closed(5s));
  EXPECT_TRUE(still_serving(port()));
}

class WebSocketBadKey : public WebSocketTest,
                        public ::testing::WithParamInterface<std::optional<std::string_view>> {};

TEST_P(WebSocketBadKey, Is400) {
  Connection c(port());
  c.send(upgrade_request("/api/v1/ws", GetParam()));
  const auto r = c.read_response_or_end();
  ASSERT_TRUE(r.has_value()) << "closed without an answer";
  EXPECT_EQ(r->status, 400) << r->describe();
  EXPECT_FALSE(r->has_header("sec-websocket-accept"));
  EXPECT_TRUE(still_serving(port()));
}

// RFC 6455 §4.2.1 item 5: the key is the base64 encoding of 16 bytes, so 24 characters ending "==".
INSTANTIATE_TEST_SUITE_P(
    Keys, WebSocketBadKey,
    ::testing::Values(std::nullopt, std::string_view(""),
                      std::string_view("this key is far too long to be base64 of 16 bytes"),
                      std::string_view("abc"), std::string_view("!!!!!!!!!!!!!!!!!!!!!!=="),
                      std::string_view("dGhlIHNhbXBsZSBub25jZQ")),
    [](const auto& info) { return "key" + std::to_string(info.index); });

TEST_F(WebSocket, UnsupportedVersionIs426NamingVersion13) {
  Connection c(port());
  c.send(upgrade_request("/api/v1/ws", kSampleWebSocketKey, "12"));
  const auto r = c.read_response_or_end();
  ASSERT_TRUE(r.has_value()) << "closed without an answer";
  EXPECT_EQ(r->status, 426) << r->describe();
  EXPECT_EQ(r->header("sec-websocket-version").value_or(""), "13") << r->describe();
  EXPECT_TRUE(still_serving(port()));
}

TEST_F(WebSocket, UpgradeToAnotherPathIs404) {
  for (const char* path : {"/api/v1/other", "/ws", "/api/v1/ws/x"}) {
    SCOPED_TRACE(path);
    Connection c(port());
    c.send(upgrade_request(path));
    const auto r = c.read_response_or_end();
    ASSERT_TRUE(r.has_value()) << "closed without an answer";
    EXPECT_EQ(r->status, 404) << r->describe();
    EXPECT_FALSE(r->has_header("sec-websocket-accept"));
  }
  EXPECT_TRUE(still_serving(port()));
}

}  // namespace
}  // namespace hearth::api_test
