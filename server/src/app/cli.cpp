#include "app/cli.hpp"

#include <sodium.h>
#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/config.hpp"

namespace hearth::app {
namespace {

// Every option can also come from HEARTH_<NAME> and from a config file given with --config
// (TOML or INI, keys named like the long flags, at the top or in a [serve]-style section).
// The precedence is flag, then environment, then file. CLI11 2.1 reads config files only for the
// root command and applies them before the environment, so neither of its mechanisms is used:
// the file's values and then the environment's are put in front of the command's own arguments,
// and every option keeps its last value, so what the person typed wins.
class ArgumentSources {
 public:
  template <class T>
  CLI::Option* add(CLI::App* app, const std::string& flag, T& target, const std::string& help,
                   const std::string& env) {
    by_command_[app->get_name()].push_back({flag, env});
    return app->add_option(flag, target, help + " [env " + env + "]")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
        ->capture_default_str();
  }

  // argv with the config file's and then the environment's values inserted after the
  // subcommand's name. Throws CLI::ParseError subclasses for an unreadable file or a setting
  // the command does not have.
  std::vector<std::string> expand(int argc, char** argv, CLI::App& cli) const {
    std::vector<std::string> args(argv, argv + argc);
    if (args.size() < 2) return args;
    auto found = by_command_.find(args[1]);
    if (found == by_command_.end()) return args;
    CLI::App* command = cli.get_subcommand(args[1]);
    std::vector<std::string> injected;
    if (auto file = config_path(args)) add_file_values(*file, *command, injected);
    for (const auto& [flag, env] : found->second) {
      const char* value = std::getenv(env.c_str());
      if (value != nullptr && *value != '\0') {
        injected.push_back(flag);
        injected.emplace_back(value);
      }
    }
    args.insert(args.begin() + 2, injected.begin(), injected.end());
    return args;
  }

 private:
  struct Entry {
    std::string flag;
    std::string env;
  };

  static std::optional<std::string> config_path(const std::vector<std::string>& args) {
    for (std::size_t i = 2; i < args.size(); ++i) {
      if (args[i] == "--config" && i + 1 < args.size()) return args[i + 1];
      if (args[i].starts_with("--config=")) return args[i].substr(9);
    }
    return std::nullopt;
  }

  static void add_file_values(const std::string& path, CLI::App& command,
                              std::vector<std::string>& out) {
    CLI::ConfigTOML reader;
    for (const CLI::ConfigItem& item : reader.from_file(path)) {
      if (item.name == "++" || item.name == "--") continue;  // section boundaries
      const bool top_level = item.parents.empty();
      const bool own_section = item.parents.size() == 1 && item.parents[0] == command.get_name();
      if (!top_level && !own_section) continue;  // another command's section
      const std::string flag = "--" + item.name;
      const CLI::Option* option = command.get_option_no_throw(flag);
      if (option == nullptr || item.name == "config") {
        throw CLI::ValidationError("--config", path + ": '" + command.get_name() +
                                                   "' has no setting named '" + item.name + "'");
      }
      if (option->get_expected_min() == 0) {  // a flag: `print-config = true`
        if (item.inputs.size() == 1 && item.inputs[0] == "true") out.push_back(flag);
        continue;
      }
      for (const auto& value : item.inputs) {
        out.push_back(flag);
        out.push_back(value);
      }
    }
  }

  std::map<std::string, std::vector<Entry>> by_command_;
};

void add_store_options(ArgumentSources& env, CLI::App* app, StoreConfig& c) {
  env.add(app, "--data", c.data_dir, "Folder for the embedded database and other state",
          "HEARTH_DATA");
  env.add(app, "--db", c.db_url,
          "Database URL: sqlite:///path/file.db or postgresql://user@host/db "
          "(default: sqlite://<data>/hearth.db)",
          "HEARTH_DB");
  env.add(app, "--log-level", c.log_level, "trace, debug, info, warn, error or off",
          "HEARTH_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  // Read by ArgumentSources before parsing; declared so that it parses and shows in --help.
  app->add_option("--config", "Read settings from this TOML/INI file (flags and HEARTH_* win)")
      ->check(CLI::ExistingFile);
}

std::int64_t to_ms(std::chrono::milliseconds d) {
  return d.count();
}

}  // namespace

int run_cli(int argc, char** argv) {
  if (sodium_init() < 0) {  // before any thread may use libsodium (ids, request ids, hashing)
    std::cerr << "hearth: libsodium could not be initialised\n";
    return 1;
  }
  ArgumentSources env;
  CLI::App cli{"Hearth: a self-hosted platform for virtual intensive outpatient programs"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", std::string(kVersion));

  // serve
  ServeConfig serve;
  bool print_config = false;
  std::int64_t read_timeout_ms = to_ms(serve.server.read_timeout);
  std::int64_t idle_timeout_ms = to_ms(serve.server.idle_timeout);
  std::int64_t shutdown_ms = to_ms(serve.shutdown_deadline);
  auto* serve_cmd = cli.add_subcommand("serve", "Run the server");
  add_store_options(env, serve_cmd, serve.store);
  env.add(serve_cmd, "--listen", serve.server.address, "Address to listen on", "HEARTH_LISTEN");
  env.add(serve_cmd, "--port", serve.server.port, "Port (0 picks a free one)", "HEARTH_PORT");
  env.add(serve_cmd, "--static", serve.static_dir, "Folder of the built web app", "HEARTH_STATIC");
  env.add(serve_cmd, "--tls-cert", serve.server.tls_cert_file,
          "PEM certificate chain (enables TLS)", "HEARTH_TLS_CERT");
  env.add(serve_cmd, "--tls-key", serve.server.tls_key_file, "PEM private key", "HEARTH_TLS_KEY");
  env.add(serve_cmd, "--threads", serve.io_threads, "I/O threads (0: one per core)",
          "HEARTH_THREADS");
  env.add(serve_cmd, "--db-threads", serve.db_threads, "Threads for database calls",
          "HEARTH_DB_THREADS")
      ->check(CLI::Range(1, 64));
  env.add(serve_cmd, "--header-limit", serve.server.header_limit, "Largest request head, bytes",
          "HEARTH_HEADER_LIMIT")
      ->check(CLI::Range(1024, 1024 * 1024));
  env.add(serve_cmd, "--body-limit", serve.server.body_limit, "Largest request body, bytes",
          "HEARTH_BODY_LIMIT")
      ->check(CLI::Range(1024, 64 * 1024 * 1024));
  env.add(serve_cmd, "--read-timeout-ms", read_timeout_ms, "Time allowed to send one whole request",
          "HEARTH_READ_TIMEOUT_MS")
      ->check(CLI::Range(50, 600000));
  env.add(serve_cmd, "--idle-timeout-ms", idle_timeout_ms, "Keep-alive wait for the next request",
          "HEARTH_IDLE_TIMEOUT_MS")
      ->check(CLI::Range(50, 3600000));
  env.add(serve_cmd, "--max-connections", serve.server.max_connections, "Open connections at most",
          "HEARTH_MAX_CONNECTIONS")
      ->check(CLI::Range(1, 1000000));
  env.add(serve_cmd, "--shutdown-deadline-ms", shutdown_ms,
          "On SIGTERM, time in-flight requests get before connections are closed",
          "HEARTH_SHUTDOWN_DEADLINE_MS")
      ->check(CLI::Range(0, 600000));
  env.add(serve_cmd, "--session-idle-timeout", serve.sessions.idle_timeout_s,
          "Seconds without activity before a session ends (programs may set less)",
          "HEARTH_SESSION_IDLE_TIMEOUT")
      ->check(CLI::Range(std::int64_t{30}, std::int64_t{24 * 3600}));
  env.add(serve_cmd, "--session-absolute-timeout", serve.sessions.absolute_timeout_s,
          "Seconds after sign-in when a session ends however active",
          "HEARTH_SESSION_ABSOLUTE_TIMEOUT")
      ->check(CLI::Range(std::int64_t{60}, std::int64_t{7 * 24 * 3600}));
  env.add(serve_cmd, "--public-url", serve.sessions.public_url,
          "The site's public origin, e.g. https://care.example.org (default: each request's Host)",
          "HEARTH_PUBLIC_URL");
  env.add(serve_cmd, "--reminder-sweep-seconds", serve.reminder_sweep_s,
          "How often session reminders are made (0: never)", "HEARTH_REMINDER_SWEEP_SECONDS")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{3600}));
  env.add(serve_cmd, "--chat-burst", serve.chat_burst,
          "Chat messages a person may send at once before the per-minute limit applies",
          "HEARTH_CHAT_BURST")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10000}));
  env.add(serve_cmd, "--chat-per-minute", serve.chat_per_minute,
          "Chat messages a person may send per minute, sustained", "HEARTH_CHAT_PER_MINUTE")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{60000}));
  env.add(serve_cmd, "--chat-file-limit", serve.chat_file_limit,
          "Largest image or PDF shared in chat, bytes", "HEARTH_CHAT_FILE_LIMIT")
      ->check(CLI::Range(std::int64_t{1024}, std::int64_t{100} * 1024 * 1024));
  env.add(serve_cmd, "--crisis-phrases", serve.crisis_phrases_file,
          "File of the safety net's crisis phrases, one \"category: phrase\" a line "
          "(default: the built-in English list)",
          "HEARTH_CRISIS_PHRASES");
  env.add(serve_cmd, "--stun-urls", serve.media.stun_urls,
          "STUN servers for live sessions, comma-separated (stun:host:3478)", "HEARTH_STUN_URLS");
  env.add(serve_cmd, "--turn-urls", serve.media.turn_urls,
          "TURN servers for live sessions, comma-separated (turn:host:3478, turns:host:5349)",
          "HEARTH_TURN_URLS");
  env.add(serve_cmd, "--turn-secret-file", serve.media.turn_secret_file,
          "File holding coturn's static-auth-secret (needed with --turn-urls)",
          "HEARTH_TURN_SECRET_FILE");
  env.add(serve_cmd, "--turn-ttl-seconds", serve.media.turn_ttl_s,
          "How long a TURN credential given at a join lasts", "HEARTH_TURN_TTL_SECONDS")
      ->check(CLI::Range(std::int64_t{600}, std::int64_t{24 * 3600}));
  env.add(serve_cmd, "--janus-url", serve.media.janus_url,
          "Janus's HTTP API on loopback (http://127.0.0.1:8089/janus): the SFU of larger sessions",
          "HEARTH_JANUS_URL");
  env.add(serve_cmd, "--janus-secret-file", serve.media.janus_secret_file,
          "File holding Janus's api_secret (needed with --janus-url)", "HEARTH_JANUS_SECRET_FILE");
  env.add(serve_cmd, "--janus-admin-key-file", serve.media.janus_admin_key_file,
          "File holding the VideoRoom admin_key (needed with --janus-url)",
          "HEARTH_JANUS_ADMIN_KEY_FILE");
  env.add(serve_cmd, "--mesh-limit", serve.media.mesh_limit,
          "Sessions whose roster is larger use Janus when configured (0: all)", "HEARTH_MESH_LIMIT")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{50}));
  serve_cmd->add_flag("--print-config", print_config,
                      "Print the effective configuration (without secrets) and exit");
  serve_cmd->callback([&] {
    serve.server.read_timeout = std::chrono::milliseconds(read_timeout_ms);
    serve.server.idle_timeout = std::chrono::milliseconds(idle_timeout_ms);
    serve.shutdown_deadline = std::chrono::milliseconds(shutdown_ms);
    if (serve.server.tls_cert_file.empty() != serve.server.tls_key_file.empty()) {
      throw CLI::ValidationError("--tls-cert and --tls-key", "give both or neither");
    }
  });

  // migrate
  StoreConfig migrate_store;
  bool dry_run = false;
  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply database migrations");
  add_store_options(env, migrate_cmd, migrate_store);
  migrate_cmd->add_flag("--dry-run", dry_run, "List the migrations that would run; change nothing");

  // demo
  StoreConfig demo_store;
  auto* demo_cmd = cli.add_subcommand("demo", "Load the demo program (safe to run again)");
  add_store_options(env, demo_cmd, demo_store);

  // backup
  StoreConfig backup_store;
  std::string backup_to;
  auto* backup_cmd = cli.add_subcommand("backup", "Copy the database while the server runs");
  add_store_options(env, backup_cmd, backup_store);
  backup_cmd->add_option("--to", backup_to, "File to write the copy to")->required();

  // user
  StoreConfig user_store;
  UserInviteOptions user_invite;
  auto* user_cmd = cli.add_subcommand("user", "Manage accounts from the server's console");
  user_cmd->require_subcommand(1);
  auto* invite_cmd = user_cmd->add_subcommand(
      "invite", "Print a single-use invitation link (e.g. the first admin)");
  add_store_options(env, invite_cmd, user_store);
  invite_cmd->add_option("--email", user_invite.email, "The person's email address")->required();
  invite_cmd
      ->add_option("--role", user_invite.roles,
                   "A role: participant, peer_mentor, peer_specialist, clinician, family, admin")
      ->required();
  invite_cmd->add_option("--program", user_invite.program_slug, "Slug of the program they join");
  invite_cmd->add_option("--site", user_invite.site, "The site's address, for the link")
      ->capture_default_str();

  // audit
  StoreConfig audit_store;
  auto* audit_cmd = cli.add_subcommand("audit", "Check the audit trail");
  audit_cmd->require_subcommand(1);
  auto* verify_cmd =
      audit_cmd->add_subcommand("verify", "Walk the hash chain; name the first broken entry");
  add_store_options(env, verify_cmd, audit_store);

  auto* version_cmd = cli.add_subcommand("version", "Print the version");

  try {
    const std::vector<std::string> args = env.expand(argc, argv, cli);
    std::vector<const char*> arg_pointers;
    for (const auto& a : args) arg_pointers.push_back(a.c_str());
    cli.parse(static_cast<int>(arg_pointers.size()), arg_pointers.data());
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  if (*serve_cmd) {
    if (print_config) {
      std::cout << describe(serve).dump(2) << "\n";
      return 0;
    }
    return run_serve(serve);
  }
  if (*migrate_cmd) return run_migrate(migrate_store, dry_run);
  if (*demo_cmd) return run_demo(demo_store);
  if (*backup_cmd) return run_backup(backup_store, backup_to);
  if (*invite_cmd) return run_user_invite(user_store, user_invite);
  if (*verify_cmd) return run_audit_verify(audit_store);
  if (*version_cmd) {
    std::cout << "hearth " << kVersion << "\n";
    return 0;
  }
  return 2;
}

}  // namespace hearth::app
