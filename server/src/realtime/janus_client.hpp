// JanusClient: Hearth's side of Janus's HTTP API (the SFU of live sessions in Janus mode;
// deploy/janus/). Hearth is Janus's only API client: browsers send their signalling to Hearth,
// which passes it on here, so Janus's API listens on loopback and takes only requests carrying
// the API secret.
//
// One Janus session holds every plugin handle Hearth attaches. A thread of its own long-polls
// the session's events (which also keeps the session alive) and hands each to the handler of the
// handle that sent it. If Janus restarts, the session is gone: the thread opens a new one and
// says so (Options::on_new_session), so that the rooms can be made again. Requests are plain HTTP
// exchanges that block: call them on the blocking pool, never on an I/O thread.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "base/result.hpp"

namespace hearth::realtime {

struct HttpReply {
  int status = 0;
  std::string body;
};

// One HTTP/1.1 exchange with a server on loopback (net/http_client implements it with Beast;
// tests pass a fake). Blocks until the answer or the time-out.
class HttpRequester {
 public:
  virtual ~HttpRequester() = default;
  virtual Result<HttpReply> exchange(std::string_view method, std::string_view target,
                                     std::string body, std::chrono::milliseconds timeout) = 0;
};

class JanusClient {
 public:
  // Called on the polling thread with each event a handle receives (its whole JSON).
  using EventHandler = std::function<void(const nlohmann::json& event)>;

  struct Options {
    std::string base_path = "/janus";
    std::string api_secret;
    std::chrono::milliseconds request_timeout{5000};
    // Called on the polling thread when Janus lost the session (it restarted) and a new one is
    // open: every handle of the old one, and every room member, is gone.
    std::function<void()> on_new_session;
  };

  JanusClient(HttpRequester& http, Options options) : http_(http), options_(std::move(options)) {}
  ~JanusClient() { stop(); }
  JanusClient(const JanusClient&) = delete;
  JanusClient& operator=(const JanusClient&) = delete;

  // Opens the session and starts polling its events. Fails when Janus does not answer or
  // refuses the secret.
  Result<void> start();
  // Ends the session (Janus then frees every handle and room member) and the polling thread.
  void stop();

  // A VideoRoom handle whose events go to `on_event`.
  Result<std::uint64_t> attach(EventHandler on_event);
  // Frees the handle (a publisher's media stops; a subscriber's stream too). Unknown: nothing.
  void detach(std::uint64_t handle);
  // A request the plugin answers at once (create, destroy, allowed, moderate, kick): the
  // plugin's data, or the plugin's refusal as an error (its code and words stay in the log).
  Result<nlohmann::json> request(std::uint64_t handle, nlohmann::json body);
  // A request the plugin answers later with an event (join, configure, start), with an SDP if
  // one goes with it: returns once Janus has taken it; the answer reaches the handle's handler.
  Result<void> send(std::uint64_t handle, nlohmann::json body,
                    std::optional<nlohmann::json> jsep = std::nullopt);
  // A browser's ICE candidate for the handle's connection ({"completed":true} at the end).
  Result<void> trickle(std::uint64_t handle, nlohmann::json candidate);

 private:
  // POSTs `message` to `path` with a fresh transaction and the secret; the answer's JSON.
  Result<nlohmann::json> post(const std::string& path, nlohmann::json message);
  void poll_events();
  // After the session was lost: forgets its handles and opens a new one, trying again until it
  // can or stop() is called. False when stopping.
  bool reopen();
  std::string session_path() const;

  HttpRequester& http_;
  const Options options_;
  std::atomic<std::uint64_t> session_id_{0};
  std::atomic<std::uint64_t> next_transaction_{1};
  std::atomic<bool> stopping_{false};
  std::thread poller_;
  std::mutex mutex_;  // guards handlers_
  std::unordered_map<std::uint64_t, EventHandler> handlers_;
};

}  // namespace hearth::realtime
