#include "test_support.hpp"

#include <array>
#include <exception>
#include <stdexcept>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/websocket/error.hpp>

namespace hearth::net::testing {

namespace {
auto redirect(boost::system::error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}
}  // namespace

// --- Gate ---

asio::awaitable<void> Gate::wait() {
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor, asio::steady_timer::time_point::max());
  {
    std::lock_guard lock(mutex_);
    if (open_) co_return;
    waiting_.push_back(&timer);
    ++arrivals_;
  }
  changed_.notify_all();
  // open() posts the cancel to this executor, so it runs after async_wait has started.
  boost::system::error_code ec;
  co_await timer.async_wait(redirect(ec));
}

void Gate::open() {
  std::lock_guard lock(mutex_);
  open_ = true;
  for (auto* timer : waiting_) asio::post(timer->get_executor(), [timer] { timer->cancel(); });
  waiting_.clear();
}

bool Gate::wait_for_arrivals(std::size_t count, std::chrono::milliseconds limit) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, limit, [&] { return arrivals_ >= count; });
}

// --- FakeHandler ---

asio::awaitable<http::Response> FakeHandler::handle(http::Request request) {
  {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
  }
  std::string_view path = request.path();
  if (path == "/echo") {
    co_return http::Response::text(200, std::string(http::method_name(request.method)) + " " +
                                            request.target + " " + request.body);
  }
  if (path == "/wait") {
    co_await gate_.wait();
    co_return http::Response::text(200, "released");
  }
  if (path == "/shared") {
    http::Response response = http::Response::text(200, "");
    response.shared_body = std::make_shared<const std::string>(kSharedBody);
    co_return response;
  }
  if (path == "/throw") throw std::runtime_error("handler broke its contract");
  if (path == "/close") {
    http::Response response = http::Response::text(200, "bye");
    response.set_header("Connection", "close");
    co_return response;
  }
  co_return http::Response::text(404, "not found");
}

boost::asio::awaitable<http::UpgradeAnswer> FakeHandler::decide_upgrade(
    const http::Request& request) {
  http::UpgradeAnswer answer;
  if (request.path() == "/ws") answer.decision = http::UpgradeDecision::accept;
  if (request.path() == "/private") answer.decision = http::UpgradeDecision::refuse_unauthorized;
  co_return answer;
}

void FakeHandler::finish_transport_response(const http::Request*, http::Response& response) {
  response.set_header("X-Transport", "1");
  std::lock_guard lock(mutex_);
  ++transport_responses_;
}

std::vector<http::Request> FakeHandler::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::size_t FakeHandler::transport_responses() const {
  std::lock_guard lock(mutex_);
  return transport_responses_;
}

// --- FakeListener ---

void FakeListener::on_open(std::shared_ptr<realtime::Peer> peer,
                           std::shared_ptr<const realtime::PeerIdentity>) {
  {
    std::lock_guard lock(mutex_);
    open_peers_.push_back(std::move(peer));
    ++opens_;
  }
  changed_.notify_all();
}

void FakeListener::on_text(const std::shared_ptr<realtime::Peer>& peer, std::string message) {
  if (message == "throw") throw std::runtime_error("listener broke its contract");
  if (message == "flood") {
    auto frame = std::make_shared<const std::string>(1024, 'x');
    for (int i = 0; i < 64; ++i) peer->send(frame);
    return;
  }
  peer->send(std::make_shared<const std::string>(std::move(message)));
}

void FakeListener::on_close(const std::shared_ptr<realtime::Peer>& peer) {
  {
    std::lock_guard lock(mutex_);
    std::erase(open_peers_, peer);
    ++closes_;
  }
  changed_.notify_all();
}

std::shared_ptr<realtime::Peer> FakeListener::wait_for_peer(std::chrono::milliseconds limit) {
  std::unique_lock lock(mutex_);
  if (!changed_.wait_for(lock, limit, [&] { return !open_peers_.empty(); })) return nullptr;
  return open_peers_.back();
}

bool FakeListener::wait_for_closes(std::size_t count, std::chrono::milliseconds limit) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, limit, [&] { return closes_ >= count; });
}

std::size_t FakeListener::opens() const {
  std::lock_guard lock(mutex_);
  return opens_;
}

std::size_t FakeListener::closes() const {
  std::lock_guard lock(mutex_);
  return closes_;
}

// --- ServerFixture ---

ServerFixture::ServerFixture() : work_(asio::make_work_guard(server_io_)) {
  // Two threads, like a small deployment, so that strands are really needed.
  for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { server_io_.run(); });
}

ServerFixture::~ServerFixture() {
  work_.reset();
  server_io_.stop();
  for (auto& thread : threads_) thread.join();
}

void ServerFixture::TearDown() {
  handler_.gate().open();
  if (!server_) return;
  auto done = shutdown_server(2s);
  EXPECT_EQ(done.wait_for(10s), std::future_status::ready) << "shutdown never called done";
  EXPECT_EQ(server_->open_connections(), 0u);
}

ServerOptions ServerFixture::local_options() {
  ServerOptions options;
  options.address = "127.0.0.1";
  options.port = 0;
  return options;
}

void ServerFixture::start_server(ServerOptions options) {
  server_ = std::make_unique<Server>(server_io_, std::move(options), handler_, listener_);
  auto started = server_->start();
  ASSERT_TRUE(started.ok()) << started.error().message;
  ASSERT_NE(server_->port(), 0);
}

std::shared_future<void> ServerFixture::shutdown_server(std::chrono::milliseconds deadline) {
  if (!shut_down_) {
    auto done = std::make_shared<std::promise<void>>();
    shut_down_ = done->get_future().share();
    server_->shutdown(deadline, [done] { done->set_value(); });
  }
  return *shut_down_;
}

void ServerFixture::run_clients(std::vector<std::function<asio::awaitable<void>()>> clients,
                                std::chrono::milliseconds limit) {
  std::size_t finished = 0;
  for (auto& client : clients) {
    asio::co_spawn(client_io_, client(), [&finished](std::exception_ptr error) {
      ++finished;
      if (!error) return;
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        ADD_FAILURE() << "client failed: " << e.what();
      }
    });
  }
  client_io_.restart();
  client_io_.run_for(limit);
  if (finished != clients.size()) {
    ADD_FAILURE() << (clients.size() - finished) << " client(s) did not finish in time";
    client_io_.stop();
  }
}

// --- clients ---

asio::awaitable<beast::tcp_stream> connect_to(std::uint16_t port) {
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  co_await stream.async_connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                                asio::use_awaitable);
  co_return stream;
}

asio::awaitable<void> send_raw(beast::tcp_stream& stream, std::string bytes) {
  co_await asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()), asio::use_awaitable);
}

asio::awaitable<ClientResponse> read_response(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                              bool head) {
  beast_http::response_parser<beast_http::string_body> parser;
  parser.skip(head);
  co_await beast_http::async_read(stream, buffer, parser, asio::use_awaitable);
  co_return parser.release();
}

asio::awaitable<std::string> read_until_closed(beast::tcp_stream& stream,
                                               beast::flat_buffer& buffer) {
  std::string received = beast::buffers_to_string(buffer.data());
  buffer.consume(buffer.size());
  std::array<char, 4096> chunk{};
  for (;;) {
    boost::system::error_code ec;
    std::size_t n = co_await stream.async_read_some(asio::buffer(chunk), redirect(ec));
    received.append(chunk.data(), n);
    if (ec) break;
  }
  co_return received;
}

asio::awaitable<bool> eventually(std::function<bool()> condition, std::chrono::milliseconds limit) {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > give_up) co_return false;
    co_await pause(10ms);
  }
  co_return true;
}

asio::awaitable<void> pause(std::chrono::milliseconds duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  co_await timer.async_wait(asio::use_awaitable);
}

asio::awaitable<WsClient> open_websocket(std::uint16_t port, std::string_view target) {
  WsClient ws(co_await connect_to(port));
  co_await ws.async_handshake("127.0.0.1", target, asio::use_awaitable);
  co_return ws;
}

asio::awaitable<std::uint16_t> read_until_ws_close(WsClient& ws, std::size_t* messages) {
  beast::flat_buffer buffer;
  for (;;) {
    boost::system::error_code ec;
    co_await ws.async_read(buffer, redirect(ec));
    if (ec == websocket::error::closed) co_return ws.reason().code;
    if (ec) throw boost::system::system_error(ec, "websocket read");
    buffer.consume(buffer.size());
    if (messages) ++*messages;
  }
}

std::string get_request(std::string_view target, std::string_view extra_headers) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) +
         "\r\n";
}

std::string upgrade_request(std::string_view target, std::string_view key,
                            std::string_view version) {
  return "GET " + std::string(target) +
         " HTTP/1.1\r\nHost: test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
         "Sec-WebSocket-Key: " +
         std::string(key) + "\r\nSec-WebSocket-Version: " + std::string(version) + "\r\n\r\n";
}

std::string error_code_of(const std::string& body) {
  static constexpr std::string_view kPrefix = R"({"error":{"code":")";
  if (body.rfind(kPrefix, 0) != 0) return "";
  auto end = body.find('"', kPrefix.size());
  return end == std::string::npos ? "" : body.substr(kPrefix.size(), end - kPrefix.size());
}

}  // namespace hearth::net::testing
