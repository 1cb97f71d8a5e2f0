// Test support for the transport suite: fakes at the boundary (RequestHandler, PeerListener), a
// fixture that runs a real Server on 127.0.0.1 with two I/O threads, and raw loopback clients
// written as coroutines so that they can send malformed bytes and pace themselves with timers.
//
// Nothing here sleeps: clients pace with steady_timer on their own io_context, and the test
// thread waits on observable state (a condition variable, a future, a read completing), always
// with a limit so that a broken server fails the test instead of hanging it.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "http/request_handler.hpp"
#include "net/server.hpp"
#include "realtime/peer.hpp"

namespace hearth::net::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
namespace websocket = boost::beast::websocket;

using namespace std::chrono_literals;
using ClientResponse = beast_http::response<beast_http::string_body>;
using WsClient = websocket::stream<beast::tcp_stream>;

// Holds handler coroutines (FakeHandler's /wait) until the test opens it. Thread-safe.
class Gate {
 public:
  // Suspends the calling coroutine on its own executor until open().
  asio::awaitable<void> wait();
  void open();
  // Blocks the test thread until `count` coroutines have reached wait(), at most `limit`.
  bool wait_for_arrivals(std::size_t count, std::chrono::milliseconds limit);

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
  std::size_t arrivals_ = 0;
  std::vector<asio::steady_timer*> waiting_;
};

// A RequestHandler answering by path:
//   /echo    200 "<METHOD> <target> <body>"
//   /wait    waits for gate(), then 200 "released"
//   /shared  200 with the body in shared_body
//   /close   200 with `Connection: close`
//   /throw   throws (which the contract forbids)
//   other    404
// decide_upgrade: /ws accepts, /private refuses as unauthorized, anything else as not found.
// finish_transport_response marks the response with X-Transport: 1 and counts it.
class FakeHandler : public http::RequestHandler {
 public:
  boost::asio::awaitable<http::Response> handle(http::Request request) override;
  boost::asio::awaitable<http::UpgradeAnswer> decide_upgrade(const http::Request& request) override;
  void finish_transport_response(const http::Request* request, http::Response& response) override;

  Gate& gate() { return gate_; }
  std::vector<http::Request> requests() const;
  std::size_t transport_responses() const;

  static constexpr std::string_view kSharedBody = "a body shared with a cache, sent without a copy";

 private:
  Gate gate_;
  mutable std::mutex mutex_;
  std::vector<http::Request> requests_;
  std::size_t transport_responses_ = 0;
};

// A PeerListener that echoes each text message back, answers "flood" by sending 64 frames of
// 1 KiB at once (from on_text, so on the connection's strand, before any of them can be
// written), and throws on "throw" (which the contract forbids). Thread-safe.
class FakeListener : public realtime::PeerListener {
 public:
  void on_open(std::shared_ptr<realtime::Peer> peer,
               std::shared_ptr<const realtime::PeerIdentity> identity) override;
  void on_text(const std::shared_ptr<realtime::Peer>& peer, std::string message) override;
  void on_close(const std::shared_ptr<realtime::Peer>& peer) override;

  std::shared_ptr<realtime::Peer> wait_for_peer(std::chrono::milliseconds limit);
  bool wait_for_closes(std::size_t count, std::chrono::milliseconds limit);
  std::size_t opens() const;
  std::size_t closes() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::shared_ptr<realtime::Peer>> open_peers_;
  std::size_t opens_ = 0;
  std::size_t closes_ = 0;
};

class ServerFixture : public ::testing::Test {
 protected:
  ServerFixture();
  ~ServerFixture() override;
  void TearDown() override;

  // Options for a server on 127.0.0.1 with a free port.
  static ServerOptions local_options();
  void start_server(ServerOptions options);
  void start_server() { start_server(local_options()); }
  std::uint16_t port() const { return server_->port(); }
  Server& server() { return *server_; }
  // Starts the server's shutdown; the future is ready when `done` has been called.
  std::shared_future<void> shutdown_server(std::chrono::milliseconds deadline);

  // Runs client coroutines on the test thread until all have finished; a client that throws or
  // does not finish within `limit` fails the test.
  void run_clients(std::vector<std::function<asio::awaitable<void>()>> clients,
                   std::chrono::milliseconds limit = 10s);
  void run_client(std::function<asio::awaitable<void>()> client,
                  std::chrono::milliseconds limit = 10s) {
    run_clients({std::move(client)}, limit);
  }

  FakeHandler handler_;
  FakeListener listener_;

 private:
  asio::io_context server_io_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;
  std::unique_ptr<Server> server_;
  std::optional<std::shared_future<void>> shut_down_;
  asio::io_context client_io_;
};

// --- client side: coroutines on the client io_context ---

asio::awaitable<beast::tcp_stream> connect_to(std::uint16_t port);
// `bytes` is taken by value: callers pass temporaries, and the frame must own what it writes.
asio::awaitable<void> send_raw(beast::tcp_stream& stream, std::string bytes);
// Reads one response; `head` skips the body, as a client of a HEAD request must.
asio::awaitable<ClientResponse> read_response(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                              bool head = false);
// Reads until the server closes (end of file or reset); returns what arrived, buffered bytes
// included.
asio::awaitable<std::string> read_until_closed(beast::tcp_stream& stream,
                                               beast::flat_buffer& buffer);
// Waits, pacing with a timer, until `condition` holds; false after `limit`.
asio::awaitable<bool> eventually(std::function<bool()> condition,
                                 std::chrono::milliseconds limit = 5s);
// Pauses this client (never the server) for `duration`.
asio::awaitable<void> pause(std::chrono::milliseconds duration);
// A WebSocket client that has completed its handshake on `target`.
asio::awaitable<WsClient> open_websocket(std::uint16_t port, std::string_view target = "/ws");
// Reads until the server closes the WebSocket; returns the close code and counts the messages
// read before it.
asio::awaitable<std::uint16_t> read_until_ws_close(WsClient& ws, std::size_t* messages = nullptr);

std::string get_request(std::string_view target, std::string_view extra_headers = "");
std::string upgrade_request(std::string_view target, std::string_view key,
                            std::string_view version = "13");
// The "code" of a {"error":{"code":...}} body, or "" if the body has another shape.
std::string error_code_of(const std::string& body);

}  // namespace hearth::net::testing
