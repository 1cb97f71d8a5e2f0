// LoopbackHttpClient: the HTTP/1.1 client Hearth uses to talk to services of its own on
// loopback (Janus's API). One connection per exchange: on loopback a connection costs
// microseconds, and nothing is left half-open between calls. Blocks: call it on the blocking
// pool. Thread-safe (nothing is shared between calls).
#pragma once

#include <cstdint>
#include <string>

#include "realtime/janus_client.hpp"

namespace hearth::net {

class LoopbackHttpClient final : public realtime::HttpRequester {
 public:
  LoopbackHttpClient(std::string host, std::uint16_t port) : host_(std::move(host)), port_(port) {}

  Result<realtime::HttpReply> exchange(std::string_view method, std::string_view target,
                                       std::string body,
                                       std::chrono::milliseconds timeout) override;

 private:
  std::string host_;
  std::uint16_t port_;
};

}  // namespace hearth::net
