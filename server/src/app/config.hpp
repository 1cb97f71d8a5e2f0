// Configuration of the `hearth` commands, as resolved from flags, HEARTH_* environment
// variables and an optional config file (in that order of precedence; see cli.cpp).
// Plain values, filled once before anything starts.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "net/server.hpp"

namespace hearth::app {

struct StoreConfig {
  std::string data_dir = "./var";
  std::string db_url;  // empty: sqlite://<data_dir>/hearth.db
  std::string log_level = "info";

  // The URL actually used, after applying the default.
  std::string effective_db_url() const;
};

struct SessionConfig {
  std::int64_t idle_timeout_s = 15 * 60;        // default idle time-out; programs may shorten it
  std::int64_t absolute_timeout_s = 12 * 3600;  // no session outlives this
  std::string public_url;  // "https://care.example.org": origin for CSRF checks and links
};

// Live sessions' media: what browsers are told to use to reach each other (app/ice_servers).
struct MediaConfig {
  std::string stun_urls;  // comma-separated: "stun:turn.example.org:3478"
  // comma-separated: "turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349"
  std::string turn_urls;
  std::string turn_secret_file;  // coturn's static-auth-secret, alone in the file
  // How long a credential lasts: the longest session and its early start, with room to spare.
  // coturn checks it on every allocation and refresh, so it must outlast the call.
  std::int64_t turn_ttl_s = 6 * 3600;
  // Janus, the SFU for sessions larger than the mesh holds (deploy/janus/, scripts/janus.sh):
  // its HTTP API on loopback ("http://127.0.0.1:8089/janus"), "" for none.
  std::string janus_url;
  std::string janus_secret_file;     // its api_secret
  std::string janus_admin_key_file;  // its VideoRoom admin_key (rooms are made with it)
  // Sessions whose roster (seats and facilitators) is larger go to Janus when there is one;
  // 0 sends every session there. Six browsers each sending to five others is what a mesh holds.
  std::int64_t mesh_limit = 6;
};

struct ServeConfig {
  SessionConfig sessions;
  StoreConfig store;
  std::string static_dir = "./web/dist";
  net::ServerOptions server;
  std::size_t io_threads = 0;  // 0: one per core
  // The blocking pool for database calls. Its threads mostly wait on the disk (a commit's fsync),
  // not on a core, and grouped commits gather the writes waiting at that moment: sized for
  // waiting, not for cores. With 8 rather than 4, chat at 2,000 msg/s kept p99 under 9 ms in
  // three of three runs, where 4 collapsed in one of three (docs/benchmarks.md, "Database
  // threads").
  std::size_t db_threads = 8;
  std::chrono::milliseconds shutdown_deadline{10000};
  // How often session reminders are made; 0 turns the sweep off (tests that count
  // notifications, or a node of several that leaves it to the others).
  std::int64_t reminder_sweep_s = 30;
  // Chat messages a person may send at once, and then per minute (realtime::HubLimits).
  std::int64_t chat_burst = 8;
  std::int64_t chat_per_minute = 60;
  // The largest image or PDF shared in chat, bytes (its upload's body limit too).
  std::int64_t chat_file_limit = 10 * 1024 * 1024;
  // The safety net's crisis phrases, one "category: phrase" a line (support::parse_crisis_phrases);
  // "": the built-in English list.
  std::string crisis_phrases_file;
  MediaConfig media;
};

// The effective configuration as JSON, with the database password redacted; for
// `hearth serve --print-config` and the start-up log.
nlohmann::json describe(const ServeConfig& config);

}  // namespace hearth::app
