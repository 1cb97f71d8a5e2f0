#include "app/media.hpp"

#include <charconv>
#include <fstream>
#include <iterator>

#include "base/ids.hpp"
#include "crypto/turn_credentials.hpp"
#include "net/http_client.hpp"

namespace hearth::app {
namespace {

Result<void> check_schemes(const std::vector<std::string>& urls,
                           std::initializer_list<std::string_view> schemes,
                           std::string_view field) {
  for (const auto& url : urls) {
    bool known = false;
    for (auto scheme : schemes) known = known || url.starts_with(scheme);
    if (!known) {
      return Error::of(
          Errc::invalid_argument,
          std::string(field) + " must be URLs starting with " + std::string(*schemes.begin()),
          std::string(field));
    }
  }
  return ok();
}

Result<std::string> read_secret(const std::string& path,
                                const std::string& field = "turn_secret_file") {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error::of(Errc::invalid_argument, "the file " + field + " names cannot be read", field);
  }
  std::string secret((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A file written by `echo` or an editor ends in a newline that coturn's config line does not
  // hold.
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) {
    return Error::of(Errc::invalid_argument, "the file " + field + " names is empty", field);
  }
  return secret;
}

}  // namespace

std::vector<std::string> url_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    auto item = text.substr(start, end - start);
    const auto first = item.find_first_not_of(' ');
    const auto last = item.find_last_not_of(' ');
    if (first != std::string::npos) out.push_back(item.substr(first, last - first + 1));
    start = end + 1;
  }
  return out;
}

Result<realtime::IceServersForJoin> make_ice_servers(const MediaConfig& config,
                                                     const Clock& clock) {
  const auto stun = url_list(config.stun_urls);
  const auto turn = url_list(config.turn_urls);
  HEARTH_TRY(check_schemes(stun, {"stun:", "stuns:"}, "stun_urls"));
  HEARTH_TRY(check_schemes(turn, {"turn:", "turns:"}, "turn_urls"));
  if (turn.empty() != config.turn_secret_file.empty()) {
    return Error::of(Errc::invalid_argument, "TURN needs both its URLs and its secret file",
                     "turn_urls");
  }
  std::string secret;
  if (!turn.empty()) {
    HEARTH_TRY_ASSIGN(secret, read_secret(config.turn_secret_file));
    // Try the secret once now, so that a bad one stops the start rather than every join.
    HEARTH_TRY(crypto::turn_credential(secret, "startup-check", 0, config.turn_ttl_s));
  }
  const std::int64_t ttl = config.turn_ttl_s;
  return realtime::IceServersForJoin([stun, turn, secret, ttl, &clock] {
    auto servers = nlohmann::json::array();
    if (!stun.empty()) servers.push_back({{"urls", stun}});
    if (!turn.empty()) {
      const auto made = crypto::turn_credential(secret, new_id(), clock.now_ms() / 1000, ttl);
      if (made) {
        servers.push_back(
            {{"urls", turn}, {"username", made->username}, {"credential", made->credential}});
      }
    }
    return servers;
  });
}

Result<JanusAddress> parse_janus_url(const std::string& url) {
  const auto bad = [] {
    return Error::of(Errc::invalid_argument,
                     "janus_url must be http://127.0.0.1:PORT/PATH: Janus's API stays on loopback",
                     "janus_url");
  };
  constexpr std::string_view scheme = "http://";
  if (!url.starts_with(scheme)) return bad();
  const auto rest = std::string_view(url).substr(scheme.size());
  const auto slash = rest.find('/');
  const auto authority = rest.substr(0, slash);
  const auto colon = authority.rfind(':');
  if (colon == std::string_view::npos || slash == std::string_view::npos) return bad();
  JanusAddress address;
  address.host = std::string(authority.substr(0, colon));
  if (address.host == "localhost") address.host = "127.0.0.1";
  if (!address.host.starts_with("127.") && address.host != "::1") return bad();
  const auto port_text = authority.substr(colon + 1);
  unsigned port = 0;
  const auto [end, failed] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (failed != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
      port > 65535) {
    return bad();
  }
  address.port = static_cast<std::uint16_t>(port);
  address.base_path = std::string(rest.substr(slash));
  while (address.base_path.size() > 1 && address.base_path.back() == '/')
    address.base_path.pop_back();
  return address;
}

Result<std::unique_ptr<Sfu>> start_sfu(const MediaConfig& config, RunInBackground run_blocking,
                                       realtime::SendToParticipant send,
                                       std::function<void()> janus_restarted) {
  if (config.janus_url.empty()) return std::unique_ptr<Sfu>();
  HEARTH_TRY_ASSIGN(const auto address, parse_janus_url(config.janus_url));
  HEARTH_TRY_ASSIGN(const auto api_secret,
                    read_secret(config.janus_secret_file, "janus_secret_file"));
  HEARTH_TRY_ASSIGN(const auto admin_key,
                    read_secret(config.janus_admin_key_file, "janus_admin_key_file"));
  auto sfu = std::make_unique<Sfu>();
  sfu->http = std::make_unique<net::LoopbackHttpClient>(address.host, address.port);
  // A restarted Janus has none of the rooms: they start over, then the live sessions enter
  // everyone again.
  sfu->janus = std::make_unique<realtime::JanusClient>(
      *sfu->http,
      realtime::JanusClient::Options{.base_path = address.base_path,
                                     .api_secret = api_secret,
                                     .on_new_session = [sfu_of = sfu.get(), janus_restarted] {
                                       sfu_of->rooms->janus_restarted();
                                       if (janus_restarted) janus_restarted();
                                     }});
  // Made before the session opens, so that the polling thread always finds it.
  sfu->rooms = std::make_unique<realtime::SfuRooms>(*sfu->janus, admin_key, std::move(run_blocking),
                                                    std::move(send));
  if (auto started = sfu->janus->start(); !started) {
    return Error::of(Errc::unavailable,
                     "Janus does not answer at janus_url (or refuses its secret)", "janus_url");
  }
  return sfu;
}

}  // namespace hearth::app
