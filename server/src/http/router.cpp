#include "http/router.hpp"

#include <algorithm>

namespace hearth::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_loopback(std::string_view address) {
  return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

std::vector<std::string> pattern_segments(std::string_view pattern) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= pattern.size()) {
    auto end = pattern.find('/', start);
    if (end == std::string_view::npos) end = pattern.size();
    out.emplace_back(pattern.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Matches decoded segments against a route's pattern segments, filling params on success.
bool matches(const std::vector<std::string>& wanted, const std::vector<std::string>& segments,
             std::vector<std::pair<std::string, std::string>>& params) {
  if (wanted.size() != segments.size()) return false;
  params.clear();
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (is_parameter(wanted[i])) {
      if (segments[i].empty()) return false;
      params.emplace_back(wanted[i].substr(1, wanted[i].size() - 2), segments[i]);
    } else if (wanted[i] != segments[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view access_name(Access access) {
  switch (access) {
    case Access::anyone:
      return "anyone";
    case Access::local_operator:
      return "local_operator";
    case Access::signed_in_pending:
      return "signed_in_pending";
    case Access::signed_in:
      return "signed_in";
    case Access::staff:
      return "staff";
    case Access::care_team:
      return "care_team";
    case Access::admin:
      return "admin";
  }
  return "unknown";
}

bool needs_session(Access access) {
  return access != Access::anyone && access != Access::local_operator;
}

AccessDecision decide_access(Access access, const Request& request,
                             const identity::Caller* caller) {
  using identity::Role;
  if (access == Access::anyone) return {true, 0};
  if (access == Access::local_operator) return {is_loopback(request.remote_address), 403};
  if (caller == nullptr || !caller->signed_in()) return {false, 401};
  if (access == Access::signed_in_pending) return {true, 0};
  if (caller->enrollment_pending) return {false, 403};
  const auto& roles = caller->roles;
  switch (access) {
    case Access::signed_in:
      return {true, 0};
    case Access::staff:
      return {roles.is_staff(), 403};
    case Access::care_team:
      return {roles.has(Role::clinician) || roles.has(Role::admin), 403};
    case Access::admin:
      return {roles.has(Role::admin), 403};
    default:
      return {false, 403};
  }
}

std::string_view RouteContext::param(std::string_view name) const {
  for (const auto& [n, v] : params) {
    if (n == name) return v;
  }
  return {};
}

Route& Router::add(Method method, std::string pattern, Access access, Handler handler) {
  auto segments = pattern_segments(pattern);
  routes_.push_back(
      Route{method, std::move(pattern), access, std::move(handler), true, std::move(segments)});
  return routes_.back();
}

RouteMatch Router::match(Method method, std::string_view raw_path) const {
  RouteMatch result;
  auto segments = split_path(raw_path);
  if (!segments) {
    result.kind = RouteMatch::Kind::bad_path;
    return result;
  }
  const Method wanted = method == Method::head ? Method::get : method;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<std::string_view> allowed;
  for (const Route& route : routes_) {
    if (!matches(route.segments, *segments, params)) continue;
    if (route.method == wanted) {
      result.kind = RouteMatch::Kind::found;
      result.route = &route;
      result.params = std::move(params);
      return result;
    }
    allowed.push_back(method_name(route.method));
    if (route.method == Method::get) allowed.push_back("HEAD");
  }
  if (allowed.empty()) return result;
  std::sort(allowed.begin(), allowed.end());
  allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
  result.kind = RouteMatch::Kind::method_not_allowed;
  for (auto name : allowed) {
    if (!result.allow.empty()) result.allow += ", ";
    result.allow += name;
  }
  return result;
}

std::optional<std::string> decode_path_segment(std::string_view segment) {
  std::string out;
  out.reserve(segment.size());
  for (std::size_t i = 0; i < segment.size(); ++i) {
    char c = segment[i];
    if (c == '%') {
      if (i + 2 >= segment.size()) return std::nullopt;
      int hi = hex_value(segment[i + 1]);
      int lo = hex_value(segment[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
      if (c == '/' || c == '\\' || c == '\0') return std::nullopt;
    } else if (c == '\0' || c == '\\') {
      return std::nullopt;
    }
    out.push_back(c);
  }
  return out;
}

std::optional<std::vector<std::string>> split_path(std::string_view raw_path) {
  if (raw_path.empty() || raw_path.front() != '/') return std::nullopt;
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= raw_path.size()) {
    auto end = raw_path.find('/', start);
    if (end == std::string_view::npos) end = raw_path.size();
    auto decoded = decode_path_segment(raw_path.substr(start, end - start));
    if (!decoded) return std::nullopt;
    out.push_back(std::move(*decoded));
    start = end + 1;
  }
  return out;
}

}  // namespace hearth::http
