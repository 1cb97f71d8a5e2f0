#include "app/config.hpp"

#include <thread>

#include "store/store.hpp"

namespace hearth::app {

std::string StoreConfig::effective_db_url() const {
  if (!db_url.empty()) return db_url;
  return "sqlite://" + data_dir + "/hearth.db";
}

nlohmann::json describe(const ServeConfig& c) {
  const auto& s = c.server;
  return {
      {"data", c.store.data_dir},
      {"db", store::redact_url(c.store.effective_db_url())},
      {"log_level", c.store.log_level},
      {"static", c.static_dir},
      {"listen", s.address},
      {"port", s.port},
      {"tls", !s.tls_cert_file.empty()},
      {"tls_cert", s.tls_cert_file},
      {"tls_key", s.tls_key_file.empty() ? "" : "(set)"},
      {"threads", c.io_threads == 0 ? std::thread::hardware_concurrency() : c.io_threads},
      {"db_threads", c.db_threads},
      {"header_limit", s.header_limit},
      {"body_limit", s.body_limit},
      {"read_timeout_ms", s.read_timeout.count()},
      {"idle_timeout_ms", s.idle_timeout.count()},
      {"max_connections", s.max_connections},
      {"shutdown_deadline_ms", c.shutdown_deadline.count()},
      {"reminder_sweep_seconds", c.reminder_sweep_s},
      {"chat_burst", c.chat_burst},
      {"chat_per_minute", c.chat_per_minute},
      {"chat_file_limit", c.chat_file_limit},
      {"crisis_phrases", c.crisis_phrases_file.empty() ? "(built in)" : c.crisis_phrases_file},
      {"session_idle_timeout", c.sessions.idle_timeout_s},
      {"session_absolute_timeout", c.sessions.absolute_timeout_s},
      {"public_url", c.sessions.public_url},
      {"stun_urls", c.media.stun_urls},
      {"turn_urls", c.media.turn_urls},
      {"turn_secret_file", c.media.turn_secret_file},
      {"turn_ttl_seconds", c.media.turn_ttl_s},
      {"janus_url", c.media.janus_url},
      {"janus_secret_file", c.media.janus_secret_file},
      {"janus_admin_key_file", c.media.janus_admin_key_file},
      {"mesh_limit", c.media.mesh_limit},
  };
}

}  // namespace hearth::app
