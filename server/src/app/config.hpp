// Configuration of the `hearth` commands, as resolved from flags, HEARTH_* environment
// variables and an optional config file (in that order of precedence; see cli.cpp).
// Plain values, filled once before anything starts.
#pragma once

#include <chrono>
#include <cstddef>
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
};

// The effective configuration as JSON, with the database password redacted; for
// `hearth serve --print-config` and the start-up log.
nlohmann::json describe(const ServeConfig& config);

}  // namespace hearth::app
