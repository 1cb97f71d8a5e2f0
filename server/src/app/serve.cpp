// hearth serve: wires the store, services, hub, dispatcher and transport together, runs the
// I/O threads, and shuts down in two phases on SIGINT/SIGTERM.
#include <utility>  // before Asio (see DESIGN.md)

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <thread>
#include <vector>

#include "app/commands.hpp"
#include "app/identity_services.hpp"
#include "app/media.hpp"
#include "app/open_store.hpp"
#include "app/periodic_task.hpp"
#include "base/blocking_pool.hpp"
#include "base/clock.hpp"
#include "base/fresh_cache.hpp"
#include "base/logging.hpp"
#include "crypto/password_hash.hpp"
#include "domain/chat/chat_files.hpp"
#include "domain/chat/chat_service.hpp"
#include "domain/notification/notifications.hpp"
#include "domain/program/program_service.hpp"
#include "domain/schedule/schedule_services.hpp"
#include "domain/session/live_session_service.hpp"
#include "domain/support/safety_net_service.hpp"
#include "http/dispatcher.hpp"
#include "http/handlers/api_routes.hpp"
#include "http/session_authenticator.hpp"
#include "net/server.hpp"
#include "realtime/hub.hpp"
#include "realtime/live_sessions.hpp"
#include "realtime/protocol.hpp"
#include "store/store.hpp"

namespace hearth::app {
namespace {

// The phrases a deployment configured in `path`, or the built-in list when it gave none. A
// deployment that names a file means it: one that cannot be read or parsed stops the start
// rather than leave the safety net on a list nobody chose.
Result<support::CrisisMatcher> load_crisis_matcher(const std::string& path) {
  if (path.empty()) return support::CrisisMatcher::create(support::default_crisis_phrases());
  constexpr std::uintmax_t kMaxFileBytes = 1024 * 1024;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Error::of(Errc::invalid_argument, path + ": " + ec.message());
  if (size > kMaxFileBytes) return Error::of(Errc::invalid_argument, path + ": larger than 1 MiB");
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return Error::of(Errc::invalid_argument, path + ": cannot be read");
  auto phrases = support::parse_crisis_phrases(text);
  if (!phrases) return Error::of(Errc::invalid_argument, path + ": " + phrases.error().message);
  if (phrases->empty()) return Error::of(Errc::invalid_argument, path + ": no phrases");
  return support::CrisisMatcher::create(std::move(*phrases));
}

std::shared_ptr<const http::StaticFiles> load_web_app(const std::string& dir) {
  auto files = http::StaticFiles::load(dir);
  if (!files) {
    spdlog::warn("event=web_app_missing detail=\"{}\" note=\"serving the API only\"",
                 log_escape(files.error().message));
    return nullptr;
  }
  spdlog::info("event=web_app_loaded files={}", files->file_count());
  return std::make_shared<const http::StaticFiles>(std::move(files).value());
}

void add_gauges(http::Metrics& metrics, const net::Server& server, store::Store& store,
                const BlockingPool& blocking, const realtime::Hub& hub) {
  metrics.add_gauge("hearth_open_connections", "Open client connections (HTTP and WebSocket).",
                    [&server] { return static_cast<double>(server.open_connections()); });
  metrics.add_gauge("hearth_websocket_connections", "Open real-time connections.",
                    [&hub] { return static_cast<double>(hub.connection_count()); });
  metrics.add_gauge("hearth_db_connections", "Database connections open.",
                    [&store] { return static_cast<double>(store.pool_stats().connections); });
  metrics.add_gauge("hearth_db_connections_in_use", "Database connections held by a transaction.",
                    [&store] { return static_cast<double>(store.pool_stats().in_use); });
  metrics.add_gauge("hearth_db_waiting", "Callers waiting for a database connection.",
                    [&store] { return static_cast<double>(store.pool_stats().waiting); });
  metrics.add_counter("hearth_db_group_commits_total",
                      "Chat writes committed together in one transaction (SQLite group commit).",
                      [&store] { return static_cast<double>(store.group_commit_stats().commits); });
  metrics.add_counter("hearth_db_group_commit_calls_total",
                      "Writes carried by those shared commits.",
                      [&store] { return static_cast<double>(store.group_commit_stats().calls); });
  metrics.add_gauge("hearth_db_threads_busy", "Blocking-pool threads running a database call.",
                    [&blocking] { return static_cast<double>(blocking.busy()); });
}

// Makes the session reminders that are due. They are deduplicated in the store, so a sweep
// that runs twice, or on two nodes, makes each reminder once.
void sweep_reminders(notification::NotificationService& notifications) {
  auto made = notifications.sweep_reminders();
  if (!made) {
    spdlog::warn("event=reminder_sweep_failed code={}", errc_name(made.error().code));
  } else if (*made > 0) {
    spdlog::info("event=reminders_made count={}", *made);
  }
}

// How often the store is asked whether another process wrote to the database: the longest a
// kept copy can stay behind such a write (see base/fresh_cache.hpp).
constexpr std::chrono::milliseconds kOutsideWritesLookEvery{200};

// Repeated background work whose failure is logged when it starts failing and when it works
// again, not at every turn: `event` names both lines (`<event>_failed`, `<event>_resumed`).
// `work` returns a Result.
template <class Work>
std::function<void()> logging_failures_once(std::string_view event, Work work) {
  return [event, work = std::move(work), failing = false]() mutable {
    auto done = work();
    if (!done && !failing) {
      spdlog::warn("event={}_failed code={}", event, errc_name(done.error().code));
    } else if (done && failing) {
      spdlog::info("event={}_resumed", event);
    }
    failing = !done.ok();
  };
}

// How often SQLite's write-ahead log is copied into the database file. Commits leave it to this
// task (StoreOptions::checkpoint_in_background), so that no message waits for the copy.
constexpr std::chrono::milliseconds kCheckpointEvery{250};

// How often new chat messages are added to SQLite's search index (ChatService::index_for_search):
// in batches, off the posting path. A search catches up first, so this bounds only the backlog
// a search may find to index.
constexpr std::chrono::milliseconds kSearchIndexedEvery{200};

// How often the hub asks whether the sessions behind its connections are still live: the
// longest a WebSocket stays open after its session ended (signed out, timed out, deactivated).
constexpr std::chrono::milliseconds kSessionsCheckedEvery{1000};
// The check is made a tenth of the connections at a time, every tenth of that period: with 5,000
// connections a whole sweep at once took all four pool threads for 50–70 ms every second and
// showed as a once-a-second spike in chat delivery times (docs/benchmarks.md, "Chat").
constexpr std::size_t kSessionCheckSlices = 10;

// How often the hub tells `offline` for the people whose grace after their last connection
// closed has passed (realtime::HubLimits::offline_grace): offline shows within a second of it.
constexpr std::chrono::milliseconds kOfflineToldEvery{1000};
// Files uploaded to chat and never sent are deleted a day later; an hourly look is plenty.
constexpr std::chrono::milliseconds kUnsentFilesSweptEvery{60 * 60 * 1000};
constexpr std::chrono::milliseconds kBreakoutClockEvery{1000};

// The hub's question, answered by the session service: from its kept copy when it has a fresh
// one (writes through this process drop copies at once; other nodes' within a look), else from
// the store. Never counts as activity: an open tab alone must not keep a session alive.
class SessionLiveness final : public realtime::SessionCheck {
 public:
  explicit SessionLiveness(identity::SessionService& sessions) : sessions_(sessions) {}

  Result<std::optional<identity::Caller>> current(std::string_view token) override {
    if (auto fresh = sessions_.caller_if_fresh(token, /*activity=*/false, {})) return fresh;
    HEARTH_TRY_ASSIGN(auto state, sessions_.authenticate(token, /*activity=*/false));
    if (!state) return std::optional<identity::Caller>();
    return std::optional<identity::Caller>(state->caller({}));
  }

 private:
  identity::SessionService& sessions_;
};

}  // namespace

int run_serve(const ServeConfig& config) {
  init_logging(config.store.log_level);
  auto store = open_configured_store(config.store, Migrations::apply,
                                     store::StoreOptions{.checkpoint_in_background = true});
  if (!store) {
    std::cerr << "hearth: cannot open the database: " << store.error().message << "\n";
    return 1;
  }
  auto demo = is_demo_database(**store);
  if (!demo) {
    std::cerr << "hearth: cannot read the database settings: " << demo.error().message << "\n";
    return 1;
  }
  BlockingPool blocking(config.db_threads);
  SystemClock clock;
  program::ProgramService programs(**store, clock);
  identity::IdentityOptions identity_options;
  identity_options.idle_timeout = std::chrono::seconds(config.sessions.idle_timeout_s);
  identity_options.absolute_timeout = std::chrono::seconds(config.sessions.absolute_timeout_s);
  identity_options.demo = *demo;
  IdentityServices identity(**store, clock, identity_options);
  schedule::ScheduleServices scheduling(**store, clock, identity.audit);
  // Copies in steady use are read again off the request path, on the pool, before they run out.
  const RunInBackground on_pool = [&blocking](std::function<void()> work) {
    blocking.post(std::move(work));
  };
  identity.sessions.refresh_ahead_with(on_pool);
  scheduling.schedule.refresh_ahead_with(on_pool);
  scheduling.attendance.refresh_ahead_with(on_pool);
  http::SessionAuthenticator authenticator(identity.sessions, blocking);
  http::Metrics metrics;
  SessionLiveness session_liveness(identity.sessions);
  auto crisis = load_crisis_matcher(config.crisis_phrases_file);
  if (!crisis) {
    std::cerr << "hearth: cannot load the crisis phrases: " << crisis.error().message << "\n";
    return 1;
  }
  spdlog::info("event=crisis_phrases_loaded phrases={} source={}", crisis->phrases().size(),
               config.crisis_phrases_file.empty() ? "built_in" : "file");
  chat::ChatService chat(**store, clock, *crisis, identity.audit);
  realtime::HubLimits limits;
  limits.message_burst = static_cast<int>(config.chat_burst);
  limits.message_every = std::chrono::milliseconds(60'000 / config.chat_per_minute);
  const auto crisis_resources = support::default_crisis_resources();
  chat::ReportService reports(**store, clock, identity.audit);
  const chat::FileTypeReader file_types;
  chat::ChatFiles chat_files(**store, clock, file_types,
                             static_cast<std::size_t>(config.chat_file_limit));
  // Declared before the hub, so that the connections the hub closes on its way out can still
  // leave their sessions.
  // With no STUN or TURN configured, browsers reach each other by their own addresses (host
  // candidates), as on one network.
  auto ice_servers = make_ice_servers(config.media, clock);
  if (!ice_servers) {
    std::cerr << "hearth: " << ice_servers.error().message << "\n";
    return 1;
  }
  // Janus's answers go to the connections LiveSessions holds; it is made after the SFU, so the
  // SFU reaches it through this pointer, set once both exist and before any session starts.
  realtime::LiveSessions* live_rooms = nullptr;
  auto sfu = start_sfu(
      config.media, on_pool,
      [&live_rooms](const std::string& occurrence_id, const std::string& participant_id,
                    realtime::Frame frame) {
        if (live_rooms) live_rooms->send_to(occurrence_id, participant_id, frame);
      },
      [&live_rooms] {
        if (live_rooms) live_rooms->restart_media();
      });
  if (!sfu) {
    std::cerr << "hearth: " << sfu.error().message << "\n";
    return 1;
  }
  session::LiveSessionService live_service(**store, clock, scheduling.attendance);
  realtime::LiveSessions video(
      live_service, clock, on_pool, *ice_servers,
      realtime::MediaPolicy{.sfu = *sfu ? (*sfu)->rooms.get() : nullptr,
                            .mesh_limit = static_cast<std::size_t>(config.media.mesh_limit)});
  live_rooms = &video;
  realtime::Hub hub{std::string(kVersion), session_liveness, chat, reports, on_pool, limits,
                    crisis_resources};
  hub.serve_live_sessions(&video);
  support::SafetyNetService safety(**store, clock, identity.audit, crisis_resources);
  // An acknowledgement through the API clears the other clinicians' banners at once.
  const auto tell_acknowledged = [&hub](const support::Acknowledged& done) {
    hub.tell_users(done.recipients, realtime::safety_alert_acknowledged_frame(done.alert));
  };

  // A report's decision that hides a message reaches the room in order with its other changes;
  // the program's other clinicians hear of every decision at once.
  const auto in_room_order =
      [&hub](const std::string& room_id,
             const std::function<std::optional<store::ChatMessageRecord>()>& change) {
        hub.change_from_outside(room_id, change);
      };
  const auto tell_decided = [&hub](const chat::Decided& done) {
    hub.tell_users(done.reviewers, realtime::chat_report_decided_frame(done.report));
  };

  const auto web_app = load_web_app(config.static_dir);
  http::DispatcherOptions dispatcher_options;
  dispatcher_options.authenticator = &authenticator;
  dispatcher_options.public_origin = config.sessions.public_url;
  http::Dispatcher dispatcher(
      http::make_api_router(
          {**store,
           blocking,
           metrics,
           programs,
           std::string(kVersion),
           {identity.sessions, identity.enrollment, identity.accounts, identity.people, blocking,
            clock, config.sessions.public_url},
           {scheduling.programs, scheduling.admissions, scheduling.groups, scheduling.schedule,
            scheduling.guests, scheduling.attendance, scheduling.feeds, scheduling.notifications,
            blocking, clock, config.sessions.public_url,
            // A live session under way follows its guests: the facilitators see whom to expect,
            // and a withdrawn guest leaves at once.
            [&video](const std::string& occurrence_id, const std::string&) {
              video.expected_changed(occurrence_id);
            },
            [&video](const std::string& occurrence_id, const std::string& user_id) {
              video.dismiss(occurrence_id, user_id);
              video.expected_changed(occurrence_id);
            }},
           {safety, blocking, tell_acknowledged},
           {reports, blocking, in_room_order, tell_decided},
           {chat_files, blocking}}),
      web_app, metrics, dispatcher_options);
  // Gzip forms of the app's files, off the start-up path and off the I/O threads; until each is
  // made, its file goes out uncompressed.
  if (web_app) blocking.post([web_app] { web_app->precompress(); });
  // The first sign-in for an unknown email would otherwise also build the dummy hash it checks
  // against, and take longer than any other: build it now, off the start-up path.
  blocking.post([&identity_options] {
    crypto::verify_password_against_dummy("warm-up", identity_options.password_params);
  });

  const std::size_t threads =
      config.io_threads > 0 ? config.io_threads : std::max(1u, std::thread::hardware_concurrency());
  boost::asio::io_context io(static_cast<int>(threads));
  net::ServerOptions server_options = config.server;
  server_options.upload_body_limit = static_cast<std::size_t>(config.chat_file_limit);
  server_options.is_upload = [](http::Method method, std::string_view target) {
    return http::is_chat_file_upload(method, target);
  };
  net::Server server(io, server_options, dispatcher, hub);
  if (auto started = server.start(); !started) {
    std::cerr << "hearth: cannot listen: " << started.error().message << "\n";
    return 1;
  }
  add_gauges(metrics, server, **store, blocking, hub);
  PeriodicTask reminders(io, blocking, std::chrono::seconds(config.reminder_sweep_s),
                         [&scheduling] { sweep_reminders(scheduling.notifications); });
  if (config.reminder_sweep_s > 0) reminders.start();
  // Meanwhile, if looks fail, kept copies are still bounded by their age.
  PeriodicTask outside_writes(io, blocking, kOutsideWritesLookEvery,
                              logging_failures_once("outside_writes_watch", [&store = **store] {
                                return store.notice_outside_writes();
                              }));
  outside_writes.start();
  PeriodicTask checkpoints(io, blocking, kCheckpointEvery,
                           logging_failures_once("database_checkpoint", [&store = **store] {
                             return store.checkpoint();
                           }));
  checkpoints.start();
  PeriodicTask search_index(
      io, blocking, kSearchIndexedEvery,
      logging_failures_once("chat_search_index", [&chat] { return chat.index_for_search(); }));
  if ((*store)->indexes_search_in_batches()) search_index.start();
  std::atomic<std::size_t> next_session_slice{0};
  PeriodicTask websocket_sessions(
      io, blocking, kSessionsCheckedEvery / kSessionCheckSlices,
      logging_failures_once("websocket_session_check", [&hub, &next_session_slice] {
        const auto slice = next_session_slice.fetch_add(1) % kSessionCheckSlices;
        return hub.check_sessions(slice, kSessionCheckSlices);
      }));
  websocket_sessions.start();
  PeriodicTask unsent_files(io, blocking, kUnsentFilesSweptEvery,
                            logging_failures_once("unsent_chat_files", [&chat_files]() {
                              return chat_files.delete_unsent();
                            }));
  unsent_files.start();
  PeriodicTask offline_presence(io, blocking, kOfflineToldEvery,
                                [&hub] { hub.announce_offline(); });
  offline_presence.start();
  // The breakout rooms' countdowns: their 60-second warning and their recall.
  PeriodicTask breakout_clock(io, blocking, kBreakoutClockEvery, [&video] { video.tick(); });
  breakout_clock.start();

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  // A handler that never completes would hold its connection past the transport's deadline
  // (coroutines cannot be cancelled from outside in Boost 1.74); this is the hard stop.
  boost::asio::steady_timer hard_stop(io);
  bool stopping = false;
  std::function<void(boost::system::error_code, int)> on_signal = [&](boost::system::error_code ec,
                                                                      int signal) {
    if (ec) return;
    if (stopping) {  // a second signal: the operator wants out now
      spdlog::warn("event=shutdown_forced signal={}", signal);
      io.stop();
      return;
    }
    stopping = true;
    spdlog::info("event=shutdown_started signal={}", signal);
    reminders.stop();
    outside_writes.stop();
    checkpoints.stop();
    search_index.stop();
    websocket_sessions.stop();
    offline_presence.stop();
    breakout_clock.stop();
    server.shutdown(config.shutdown_deadline, [&] {
      signals.cancel();
      io.stop();
    });
    signals.async_wait(on_signal);
  };
  signals.async_wait(on_signal);

  const char* scheme = server.tls() ? "https" : "http";
  spdlog::info("event=listening address={} port={} tls={} threads={}", config.server.address,
               server.port(), server.tls(), threads);
  std::cout << "Hearth is ready at " << scheme << "://localhost:" << server.port() << "/"
            << std::endl;

  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < threads; ++i) workers.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : workers) t.join();
  // Janus's events stop before the pool does: none may queue work on a pool that is gone.
  if (*sfu) (*sfu)->janus->stop();
  blocking.join();
  spdlog::info("event=shutdown_complete");
  return 0;
}

}  // namespace hearth::app
