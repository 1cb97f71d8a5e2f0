// Fuzz target: raw bytes → HTTP parser → dispatcher (router, access rules, handlers) → JSON
// body decoding, against the real routes on a real SQLite store.
//
// Properties checked beyond "no crash, no sanitizer report": every answer has a valid status,
// and no 5xx body carries anything but the generic text.
#include <utility>  // before Asio (see DESIGN.md)

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/http.hpp>

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "base/blocking_pool.hpp"
#include "base/clock.hpp"
#include "domain/identity/identity_services.hpp"
#include "domain/program/program_service.hpp"
#include "domain/schedule/schedule_services.hpp"
#include "http/dispatcher.hpp"
#include "http/handlers/api_routes.hpp"
#include "http/json_body.hpp"
#include "http/session_authenticator.hpp"
#include "store/store.hpp"

namespace {

namespace beast = boost::beast;
using namespace hearth;

struct World {
  std::unique_ptr<store::Store> store;
  BlockingPool blocking{1};
  SystemClock clock;
  std::unique_ptr<program::ProgramService> programs;
  std::unique_ptr<identity::IdentityServices> identity;
  std::unique_ptr<schedule::ScheduleServices> scheduling;
  std::unique_ptr<support::SafetyNetService> safety;
  std::unique_ptr<chat::ReportService> reports;
  chat::FileTypeReader file_types;
  std::unique_ptr<chat::ChatFiles> chat_files;
  std::unique_ptr<http::SessionAuthenticator> authenticator;
  http::Metrics metrics;
  std::unique_ptr<http::Dispatcher> dispatcher;

  World() {
    spdlog::set_level(spdlog::level::off);
    const auto path = std::filesystem::temp_directory_path() /
                      ("hearth-fuzz-" + std::to_string(::getpid()) + ".db");
    auto opened = store::open_store("sqlite://" + path.string(), {});
    if (!opened || !(*opened)->migrate()) std::abort();
    store = std::move(opened).value();
    programs = std::make_unique<program::ProgramService>(*store, clock);
    identity =
        std::make_unique<identity::IdentityServices>(*store, clock, identity::IdentityOptions{});
    scheduling = std::make_unique<schedule::ScheduleServices>(*store, clock, identity->audit);
    safety = std::make_unique<support::SafetyNetService>(*store, clock, identity->audit,
                                                         support::default_crisis_resources());
    reports = std::make_unique<chat::ReportService>(*store, clock, identity->audit);
    chat_files = std::make_unique<chat::ChatFiles>(*store, clock, file_types);
    authenticator = std::make_unique<http::SessionAuthenticator>(identity->sessions, blocking);
    http::DispatcherOptions options;
    options.authenticator = authenticator.get();
    auto& id = *identity;
    auto& s = *scheduling;
    dispatcher = std::make_unique<http::Dispatcher>(
        http::make_api_router(
            {*store,
             blocking,
             metrics,
             *programs,
             "fuzz",
             {id.sessions, id.enrollment, id.accounts, id.people, blocking, clock, ""},
             {s.programs, s.admissions, s.groups, s.schedule, s.guests, s.attendance, s.feeds,
              s.notifications, blocking, clock, ""},
             {*safety, blocking, {}},
             {*reports, blocking, {}, {}},
             {*chat_files, blocking}}),
        nullptr, metrics, options);
  }
};

World& world() {
  static World w;
  return w;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  World& w = world();
  beast::http::request_parser<beast::http::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(1024 * 1024);
  parser.eager(true);
  beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;

  auto& message = parser.get();
  http::Request request;
  request.method = http::method_from_name(std::string(message.method_string()));
  request.target = std::string(message.target());
  for (const auto& field : message) {
    request.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
  }
  request.body = message.body();
  request.remote_address = (size % 2 == 0) ? "127.0.0.1" : "203.0.113.7";
  request.request_id = "fuzz";

  boost::asio::io_context io;
  auto future = boost::asio::co_spawn(io, w.dispatcher->handle(request), boost::asio::use_future);
  io.run();
  http::Response response = future.get();
  if (response.status < 100 || response.status > 599) std::abort();
  if (response.status >= 500 && response.body.find("Something went wrong") == std::string::npos &&
      response.body.find("temporarily unavailable") == std::string::npos) {
    std::abort();
  }

  // The JSON decoders see every body, whatever the content type said.
  request.headers = {{"content-type", "application/json"}};
  if (auto object = http::parse_json_object(request); object.ok()) {
    (void)http::required_string(*object, "name", 120);
    (void)http::required_integer(*object, "capacity", 0, 40);
    (void)http::required_object(*object, "csp-report");
  }
  return 0;
}
