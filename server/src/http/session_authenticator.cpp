#include "http/session_authenticator.hpp"

namespace hearth::http {

std::string_view cookie_value(const Request& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (header != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto end = rest.find(';');
      auto pair = rest.substr(0, end);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
  }
  return {};
}

identity::ClientInfo client_info(const Request& request) {
  return {request.remote_address,
          identity::describe_user_agent(request.header("user-agent").value_or(""))};
}

boost::asio::awaitable<Result<std::optional<identity::Caller>>> SessionAuthenticator::authenticate(
    const Request& request, bool activity) {
  const std::string token(cookie_value(request, kSessionCookie));
  if (token.empty()) co_return std::optional<identity::Caller>();
  // Most requests find their session in memory: answered here, without two thread switches.
  if (auto fresh = sessions_.caller_if_fresh(token, activity, client_info(request))) {
    co_return fresh;
  }
  auto state = co_await blocking_.run([&] { return sessions_.authenticate(token, activity); });
  if (!state) co_return std::move(state).error();
  if (!*state) co_return std::optional<identity::Caller>();
  co_return std::optional<identity::Caller>((*state)->caller(client_info(request)));
}

}  // namespace hearth::http
