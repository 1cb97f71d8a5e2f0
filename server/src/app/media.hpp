// Live sessions' media, as the configuration sets it up:
//   - the ICE servers a browser joining a session is given (RTCIceServer objects): the
//     deployment's STUN servers, and its TURN servers with credentials made for that join
//     (crypto/turn_credentials: coturn's shared-secret scheme, under a random label, so coturn's
//     log never names a person);
//   - Janus, when configured: the HTTP client, the Janus session and the SFU rooms over it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "base/clock.hpp"
#include "base/result.hpp"
#include "realtime/janus_client.hpp"
#include "realtime/live_sessions.hpp"
#include "realtime/sfu_rooms.hpp"

namespace hearth::app {

// Splits a comma-separated list, trimming spaces; empty items are dropped.
std::vector<std::string> url_list(const std::string& text);

// Checks the configuration and reads the secret once: invalid_argument for a TURN URL without a
// secret file (or the other way round), an unreadable or empty secret, or a URL of the wrong
// scheme.
Result<realtime::IceServersForJoin> make_ice_servers(const MediaConfig& config, const Clock& clock);

// Janus's address as the configuration gives it: "http://HOST:PORT/PATH".
struct JanusAddress {
  std::string host;
  std::uint16_t port = 0;
  std::string base_path;
};
// invalid_argument (field "janus_url") for anything else, and for a host other than a loopback
// address: Janus's API is for Hearth alone and is never exposed.
Result<JanusAddress> parse_janus_url(const std::string& url);

// The SFU's parts, alive together.
struct Sfu {
  Sfu() = default;
  Sfu(const Sfu&) = delete;
  Sfu& operator=(const Sfu&) = delete;
  // Janus's events stop before the rooms their handlers reach are gone.
  ~Sfu() {
    if (janus) janus->stop();
  }

  std::unique_ptr<realtime::HttpRequester> http;
  std::unique_ptr<realtime::JanusClient> janus;
  std::unique_ptr<realtime::SfuRooms> rooms;
};

// Null when no Janus is configured; otherwise connected (its session open), or the reason it
// cannot be: a bad address or secret file, or Janus not answering.
// `janus_restarted` is called (on Janus's polling thread) after Janus restarted and the rooms
// started over empty.
Result<std::unique_ptr<Sfu>> start_sfu(const MediaConfig& config, RunInBackground run_blocking,
                                       realtime::SendToParticipant send,
                                       std::function<void()> janus_restarted);

}  // namespace hearth::app
