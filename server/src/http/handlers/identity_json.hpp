// The JSON shapes of accounts, sessions, people, invites, grants and audit entries
// (docs/api.md, "Accounts, sessions and the care team"), the field readers those routes need
// beyond json_body.hpp, and the session cookie. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/identity/enrollment_service.hpp"
#include "domain/identity/people_service.hpp"
#include "domain/identity/session_service.hpp"
#include "http/message.hpp"

namespace hearth::http {

nlohmann::json encode_account(const store::UserRecord& user);
nlohmann::json encode_session_info(const identity::SessionState& state);
nlohmann::json encode_person(const identity::PersonView& person);
nlohmann::json encode_invite(const store::InviteRecord& invite, std::int64_t now_ms);
nlohmann::json encode_grant(const store::GrantRecord& grant, std::int64_t now_ms);
nlohmann::json encode_audit_event(const store::AuditRecord& event);

// An array of strings, each at most max_bytes; Errc::malformed for another type.
Result<std::vector<std::string>> required_string_array(const nlohmann::json& object,
                                                       std::string_view field,
                                                       std::size_t max_items,
                                                       std::size_t max_bytes);
Result<std::optional<bool>> optional_bool(const nlohmann::json& object, std::string_view field);
Result<std::optional<std::int64_t>> optional_integer(const nlohmann::json& object,
                                                     std::string_view field);

// Set-Cookie values: the session (HttpOnly, SameSite=Lax, Path=/, Secure under TLS, lasting
// as long as the session's absolute time-out) and its removal.
std::string session_cookie(std::string_view token, const identity::SessionState& state,
                           std::int64_t now_ms, bool secure);
std::string cleared_session_cookie(bool secure);

// The site's origin for links: the configured public origin, else the request's scheme + Host.
std::string site_origin(const Request& request, std::string_view public_origin);

// A query parameter's percent-decoded value ("" when absent); nullopt for bad escapes.
std::optional<std::string> query_param(const Request& request, std::string_view name);

}  // namespace hearth::http
