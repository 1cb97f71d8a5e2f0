// Transport limits and shutdown, each against a server of its own started with the limit under
// test: read timeout (slow loris), maximum connections, and SIGTERM/SIGINT.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>

#include <memory>

#include "fixtures.hpp"

namespace hearth::api_test {
namespace {

using ::testing::HasSubstr;

// Paces a retry loop: poll() with no descriptors waits out its timeout.
void pause_for(std::chrono::milliseconds d) {
  ::poll(nullptr, 0, static_cast<int>(d.count()));
}

TEST(SlowClients, ATricklingClientIsCutOffWhileOthersAreServed) {
  OwnServer server({"--read-timeout-ms", "500"});
  ASSERT_TRUE(server->ready()) << server->startup_error();
  // About 150 bytes at one per 200 ms: 30 s if the server never cut it off.
  const std::string request = make_request("GET", "/healthz", {{"X-Pad", std::string(100, 'a')}});
  Connection slow(server->port());
  const auto started = Clock::now();
  std::size_t sent = 0;
  std::optional<ReadEnd> end;
  while (sent < request.size() && Clock::now() - started < 10s) {
    if (!slow.try_send(std::string_view(request).substr(sent, 1))) {
      end = ReadEnd::reset;
      break;
    }
    ++sent;
    if (sent == 2 || sent == 4) {
      EXPECT_TRUE(still_serving(server->port())) << "after " << sent << " bytes";
    }
    end = slow.poll_end(200ms);
    if (end) break;
  }
  const auto elapsed = Clock::now() - started;
  ASSERT_TRUE(end.has_value()) << "still connected after " << sent << " bytes";
  EXPECT_LT(sent, request.size());
  EXPECT_LT(elapsed, 5s) << "a 500 ms read timeout took "
                         << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()
                         << " ms to act";
  // Whatever was said before the close must be a timeout answer, not a served request.
  if (auto r = slow.read_response_or_end(1s)) {
    EXPECT_EQ(r->status, 408) << r->describe();
  }
  EXPECT_TRUE(still_serving(server->port()));
  const auto status = server->terminate();
  EXPECT_TRUE(status && status->success()) << server->log();
}

TEST(SlowClients, AConnectionThatSendsNothingIsClosed) {
  OwnServer server({"--read-timeout-ms", "500"});
  ASSERT_TRUE(server->ready()) << server->startup_error();
  Connection silent(server->port());
  std::string seen;
  EXPECT_TRUE(silent.wait_closed(5s, &seen));
  EXPECT_TRUE(seen.empty() || seen.starts_with("HTTP/1.1 408")) << seen;
  EXPECT_TRUE(still_serving(server->port()));
}

TEST(SlowClients, AnIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  OwnServer server({"--idle-timeout-ms", "300"});
  ASSERT_TRUE(server->ready()) << server->startup_error();
  Connection c(server->port());
  c.send(make_request("GET", "/healthz"));
  ASSERT_EQ(c.read_response().status, 200);
  std::string seen;
  EXPECT_TRUE(c.wait_closed(5s, &seen)) << "kept open well past a 300 ms idle timeout";
  EXPECT_TRUE(seen.empty()) << "an idle connection is closed without an answer: " << seen;
  EXPECT_TRUE(still_serving(server->port()));
}

TEST(ConnectionLimit, BeyondTheLimitIsRefusedAndServedAgainOnceOneCloses) {
  OwnServer server({"--max-connections", "4"});
  ASSERT_TRUE(server->ready()) << server->startup_error();
  const std::uint16_t port = server->port();
  std::vector<std::unique_ptr<Connection>> held;
  for (int i = 0; i < 4; ++i) {
    held.push_back(std::make_unique<Connection>(port));
    held.back()->send(make_request("GET", "/healthz"));
    ASSERT_EQ(held.back()->read_response().status, 200) << "connection " << i;
  }

  Connection fifth(port);
  (void)fifth.try_send(make_request("GET", "/healthz"));
  if (auto r = fifth.read_response_or_end()) {
    EXPECT_EQ(r->status, 503) << r->describe();
  }
  EXPECT_TRUE(fifth.wait_closed(5s)) << "the connection beyond the limit stays open";

  // The four are unaffected.
  held[1]->send(make_request("GET", "/healthz"));
  EXPECT_EQ(held[1]->read_response().status, 200);

  // Let the server close one (observable as end of stream), then a newcomer is served. The
  // server may count the closed connection out just after the close, so retry a few times.
  held[0]->send(make_request("GET", "/healthz", {{"Connection", "close"}}));
  EXPECT_EQ(held[0]->read_response().status, 200);
  ASSERT_TRUE(held[0]->wait_closed(5s));
  held[0].reset();
  std::optional<HttpResponse> served;
  const auto deadline = Clock::now() + 5s;
  while (Clock::now() < deadline) {
    Connection c(port);
    (void)c.try_send(make_request("GET", "/healthz"));
    served = c.read_response_or_end();
    if (served && served->status == 200) break;
    pause_for(50ms);
  }
  ASSERT_TRUE(served.has_value());
  EXPECT_EQ(served->status, 200) << served->describe();
}

TEST(Shutdown, SigtermClosesWebSocketsWith1001RefusesNewConnectionsAndExitsZero) {
  OwnServer server({"--shutdown-deadline-ms", "3000"}, OwnServer::Data::demo);
  ASSERT_TRUE(server.demo_loaded());
  ASSERT_TRUE(server->ready()) << server->startup_error();
  const std::uint16_t port = server->port();
  Connection ws(port);
  ws.send(websocket_upgrade("/api/v1/ws", own_page_headers(demo_session_cookie(port))));
  ASSERT_EQ(ws.read_response().status, 101);
  ASSERT_EQ(ws.read_ws_frame().opcode, 1) << "hello";

  server->send_signal(SIGTERM);
  WsFrame frame;
  do {
    frame = ws.read_ws_frame(10s);
  } while (frame.opcode != 8);
  EXPECT_EQ(frame.close_code(), 1001) << "RFC 6455 §7.4.1: 1001 is going away";
  EXPECT_TRUE(connection_refused(port)) << "new connections are accepted during shutdown";
  ws.send_ws_frame(8, std::string("\x03\xe9", 2));
  EXPECT_TRUE(ws.wait_closed(10s));

  const auto status = server->wait_exit(15s);
  ASSERT_TRUE(status.has_value()) << "still running 15 s after SIGTERM";
  EXPECT_TRUE(status->success()) << status->describe() << "\n" << server->log();
  EXPECT_TRUE(connection_refused(port));
}

TEST(Shutdown, SigtermClosesIdleConnectionsAndExitsZero) {
  OwnServer server({"--shutdown-deadline-ms", "3000"});
  ASSERT_TRUE(server->ready()) << server->startup_error();
  const std::uint16_t port = server->port();
  Connection idle(port);
  idle.send(make_request("GET", "/healthz"));
  ASSERT_EQ(idle.read_response().status, 200);

  server->send_signal(SIGTERM);
  EXPECT_TRUE(idle.wait_closed(10s)) << "an idle keep-alive connection survives shutdown";
  const auto status = server->wait_exit(15s);
  ASSERT_TRUE(status.has_value()) << "still running 15 s after SIGTERM";
  EXPECT_TRUE(status->success()) << status->describe() << "\n" << server->log();
  EXPECT_TRUE(connection_refused(port));
}

TEST(Shutdown, SigintExitsZero) {
  OwnServer server({});
  ASSERT_TRUE(server->ready()) << server->startup_error();
  ASSERT_TRUE(still_serving(server->port()));
  server->send_signal(SIGINT);
  const auto status = server->wait_exit(15s);
  ASSERT_TRUE(status.has_value()) << "still running 15 s after SIGINT";
  EXPECT_TRUE(status->success()) << status->describe() << "\n" << server->log();
}

TEST(Startup, ServesTheApiWithoutAWebAppFolder) {
  // The static folder given does not exist: the API keeps working, other paths are 404.
  OwnServer server({});
  ASSERT_TRUE(server->ready()) << server->startup_error();
  EXPECT_EQ(http_get(server->port(), "/api/v1/version").status, 200);
  const auto r = http_get(server->port(), "/settings");
  EXPECT_EQ(r.status, 404) << r.describe();
  EXPECT_THAT(r.header("content-type").value_or(""), HasSubstr("application/json"));
}

}  // namespace
}  // namespace hearth::api_test
