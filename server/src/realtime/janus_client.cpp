#include "realtime/janus_client.hpp"

#include <spdlog/spdlog.h>

namespace hearth::realtime {
namespace {

// The long poll answers with whatever events there are, or a keep-alive after 30 s.
constexpr std::chrono::milliseconds kPollTimeout{40'000};
constexpr int kEventsPerPoll = 10;

Error unavailable() {
  return Error::of(Errc::unavailable, "the media server is unavailable; try again shortly");
}

// Janus's own error answer ({"janus":"error","error":{code,reason}}) or the plugin's
// ({"plugindata":{"data":{"error_code","error"}}}): logged by code, never sent on.
std::optional<Error> refusal_of(const nlohmann::json& answer) {
  if (answer.value("janus", "") == "error") {
    spdlog::warn("event=janus_refused code={}", answer["error"].value("code", 0));
    return unavailable();
  }
  const auto data = answer.find("plugindata");
  if (data != answer.end() && data->contains("data") && (*data)["data"].contains("error_code")) {
    spdlog::warn("event=janus_plugin_refused code={}", (*data)["data"].value("error_code", 0));
    return Error::of(Errc::conflict, "the media server refused the request");
  }
  return std::nullopt;
}

}  // namespace

std::string JanusClient::session_path() const {
  return options_.base_path + "/" + std::to_string(session_id_.load());
}

Result<nlohmann::json> JanusClient::post(const std::string& path, nlohmann::json message) {
  message["transaction"] = "h" + std::to_string(next_transaction_++);
  message["apisecret"] = options_.api_secret;
  HEARTH_TRY_ASSIGN(const auto reply,
                    http_.exchange("POST", path, message.dump(), options_.request_timeout));
  if (reply.status != 200) {
    spdlog::warn("event=janus_http_status status={}", reply.status);
    return unavailable();
  }
  auto answer = nlohmann::json::parse(reply.body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) return unavailable();
  if (auto refused = refusal_of(answer)) return *refused;
  return answer;
}

Result<void> JanusClient::start() {
  HEARTH_TRY_ASSIGN(const auto created, post(options_.base_path, {{"janus", "create"}}));
  session_id_ = created["data"].value("id", std::uint64_t{0});
  if (session_id_ == 0) return unavailable();
  stopping_ = false;
  poller_ = std::thread([this] { poll_events(); });
  spdlog::info("event=janus_session_started");
  return ok();
}

void JanusClient::stop() {
  if (stopping_.exchange(true) || session_id_ == 0) return;
  // The long poll under way returns only with an event, and destroying the session is not one:
  // a handle attached and detached at once is (Janus tells the session "detached").
  if (auto woken =
          post(session_path(), {{"janus", "attach"}, {"plugin", "janus.plugin.videoroom"}})) {
    const auto handle = (*woken)["data"].value("id", std::uint64_t{0});
    (void)post(session_path() + "/" + std::to_string(handle), {{"janus", "detach"}});
  }
  (void)post(session_path(), {{"janus", "destroy"}});
  if (poller_.joinable()) poller_.join();
  session_id_ = 0;
}

Result<std::uint64_t> JanusClient::attach(EventHandler on_event) {
  HEARTH_TRY_ASSIGN(
      const auto attached,
      post(session_path(), {{"janus", "attach"}, {"plugin", "janus.plugin.videoroom"}}));
  const auto handle = attached["data"].value("id", std::uint64_t{0});
  if (handle == 0) return unavailable();
  std::lock_guard lock(mutex_);
  handlers_[handle] = std::move(on_event);
  return handle;
}

void JanusClient::detach(std::uint64_t handle) {
  {
    std::lock_guard lock(mutex_);
    if (handlers_.erase(handle) == 0) return;
  }
  // A handle Janus already dropped (its peer hung up) answers an error: nothing to do then.
  (void)post(session_path() + "/" + std::to_string(handle), {{"janus", "detach"}});
}

Result<nlohmann::json> JanusClient::request(std::uint64_t handle, nlohmann::json body) {
  HEARTH_TRY_ASSIGN(auto answer, post(session_path() + "/" + std::to_string(handle),
                                      {{"janus", "message"}, {"body", std::move(body)}}));
  if (answer.value("janus", "") != "success") return unavailable();
  return answer["plugindata"]["data"];
}

Result<void> JanusClient::send(std::uint64_t handle, nlohmann::json body,
                               std::optional<nlohmann::json> jsep) {
  nlohmann::json message = {{"janus", "message"}, {"body", std::move(body)}};
  if (jsep) message["jsep"] = std::move(*jsep);
  HEARTH_TRY_ASSIGN(const auto answer,
                    post(session_path() + "/" + std::to_string(handle), std::move(message)));
  if (answer.value("janus", "") != "ack") return unavailable();
  return ok();
}

Result<void> JanusClient::trickle(std::uint64_t handle, nlohmann::json candidate) {
  HEARTH_TRY_ASSIGN(const auto answer,
                    post(session_path() + "/" + std::to_string(handle),
                         {{"janus", "trickle"}, {"candidate", std::move(candidate)}}));
  (void)answer;
  return ok();
}

bool JanusClient::reopen() {
  {
    std::lock_guard lock(mutex_);
    handlers_.clear();
  }
  for (int tries = 1; !stopping_; ++tries) {
    if (auto created = post(options_.base_path, {{"janus", "create"}})) {
      if (const auto id = (*created)["data"].value("id", std::uint64_t{0}); id != 0) {
        session_id_ = id;
        spdlog::info("event=janus_session_reopened");
        if (options_.on_new_session) options_.on_new_session();
        return !stopping_;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(200 * tries, 2000)));
  }
  return false;
}

void JanusClient::poll_events() {
  const auto poll_target = [this] {
    return session_path() + "?maxev=" + std::to_string(kEventsPerPoll) +
           "&apisecret=" + options_.api_secret;
  };
  std::string target = poll_target();
  int failures = 0;
  // The session is gone (Janus restarted): the rooms and handles went with it. False when
  // stopping.
  const auto start_over = [&] {
    spdlog::error("event=janus_session_lost");
    if (!reopen()) return false;
    target = poll_target();
    failures = 0;
    return true;
  };
  while (!stopping_) {
    auto reply = http_.exchange("GET", target, "", kPollTimeout);
    if (stopping_) return;
    // A restarted Janus does not know the session: its HTTP transport answers 404.
    if (reply && reply->status == 404) {
      if (!start_over()) return;
      continue;
    }
    if (!reply || reply->status != 200) {
      // Janus restarting or gone: back off, and say so once in a while, not at every try.
      if (failures++ % 30 == 0) spdlog::error("event=janus_poll_failed");
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(100 * failures, 2000)));
      continue;
    }
    failures = 0;
    auto events = nlohmann::json::parse(reply->body, nullptr, false);
    if (events.is_discarded()) continue;
    if (!events.is_array()) events = nlohmann::json::array({std::move(events)});
    bool lost = false;
    for (const auto& event : events) {
      if (!event.is_object()) continue;
      if (event.value("janus", "") == "error") {
        lost = true;
        break;
      }
      const auto sender = event.value("sender", std::uint64_t{0});
      if (sender == 0) continue;  // keep-alives
      EventHandler handler;
      {
        std::lock_guard lock(mutex_);
        const auto found = handlers_.find(sender);
        if (found == handlers_.end()) continue;
        handler = found->second;
      }
      try {
        handler(event);
      } catch (const std::exception&) {
        spdlog::error("event=janus_event_handler_failed");
      }
    }
    if (lost && !start_over()) return;
  }
}

}  // namespace hearth::realtime
