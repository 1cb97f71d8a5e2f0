// Router: the table of API routes, each registered with the access rule that guards it.
//
// A route cannot be added without a rule (Access has no default), and the dispatcher checks the
// rule before the handler runs: default deny. Patterns are literal segments and `{name}`
// parameters ("/api/v1/programs/{id}"). HEAD is answered by GET routes. The router is built once
// at start-up and then only read, from any thread.
#pragma once

#include <utility>  // before Asio (see DESIGN.md)

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "domain/identity/identity.hpp"
#include "http/message.hpp"

namespace hearth::http {

// Who may call a route: the coarse rule checked before the handler runs. Relationships (whose
// record, which program) are decided after it by domain/identity/identity_policy.hpp.
enum class Access {
  anyone,          // public, non-personal information: health, version, program overview
  local_operator,  // requests from this machine (loopback) only, e.g. /metrics for a local scraper
  signed_in_pending,  // a live session, even one whose staff account still has to enrol TOTP
  signed_in,          // a live session whose second factor is in order
  staff,              // signed_in and a clinician, peer specialist or admin
  care_team,          // signed_in and a clinician or admin
  admin,              // signed_in and an admin
};
std::string_view access_name(Access access);
inline constexpr Access kAllAccess[] = {
    Access::anyone,    Access::local_operator, Access::signed_in_pending,
    Access::signed_in, Access::staff,          Access::care_team,
    Access::admin};

// True when a rule needs the caller's session to decide.
bool needs_session(Access access);

// The decision for one request; `denied_status` says how a refusal is answered (401: sign in;
// 403: signed in but not allowed). `caller` is null for a request without a live session.
struct AccessDecision {
  bool allowed = false;
  int denied_status = 401;
};
AccessDecision decide_access(Access access, const Request& request, const identity::Caller* caller);

struct RouteContext {
  const Request& request;
  std::string_view pattern;
  std::vector<std::pair<std::string, std::string>> params;  // {name} → percent-decoded value
  // The signed-in caller; set for every rule that needs_session(), null otherwise.
  const identity::Caller* caller = nullptr;

  std::string_view param(std::string_view name) const;
};

using Handler = std::function<boost::asio::awaitable<Response>(RouteContext&)>;

struct Route {
  Method method;
  std::string pattern;
  Access access;
  Handler handler;
  // False for reads that must not keep a session alive (the web app's session poll).
  bool counts_as_activity = true;
  // The pattern split at '/', once at registration: matching runs on every request, and
  // splitting each pattern there cost more than the rest of a static file's path
  // (docs/benchmarks.md, "Instructions per request").
  std::vector<std::string> segments;
};

struct RouteMatch {
  enum class Kind { found, not_found, method_not_allowed, bad_path };
  Kind kind = Kind::not_found;
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::string allow;  // for method_not_allowed: "GET, HEAD, POST"
};

class Router {
 public:
  // Returns the route so that a registration can adjust it (counts_as_activity); the reference
  // is valid until the next add().
  Route& add(Method method, std::string pattern, Access access, Handler handler);
  RouteMatch match(Method method, std::string_view raw_path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// Percent-decodes one path segment. Refuses (nullopt) malformed escapes, an encoded '/' or '\\',
// and NUL, so that no decoded segment can smuggle a separator or terminate a C string.
std::optional<std::string> decode_path_segment(std::string_view segment);

// Splits a raw path ("/a/b%20c") into decoded segments; nullopt if any segment is refused or the
// path does not start with '/'.
std::optional<std::vector<std::string>> split_path(std::string_view raw_path);

}  // namespace hearth::http
