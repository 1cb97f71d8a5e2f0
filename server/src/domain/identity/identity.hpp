// Identity: who is calling, and the value rules for what people type about themselves.
//
// A Caller is built once per request from its session (SessionService::authenticate) and passed
// down by value; services decide with identity_policy.hpp what it may do. ClientInfo travels with
// it only for the audit trail.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "crypto/password_hash.hpp"
#include "domain/identity/roles.hpp"

namespace hearth::identity {

struct ClientInfo {
  std::string address;     // the peer address as seen by the server
  std::string user_agent;  // shortened to browser and device (describe_user_agent)
};

struct Caller {
  std::string user_id;  // "" for nobody
  RoleSet roles;
  std::string session_id;
  std::string csrf_token;
  // A staff account that has not yet enrolled its second factor (outside demo mode): it may only
  // enrol, look at its own account and sessions, and sign out.
  bool enrollment_pending = false;
  ClientInfo client;

  bool signed_in() const { return !user_id.empty(); }
};

// Time-outs and costs; set once by app/ from the configuration.
struct IdentityOptions {
  std::chrono::seconds idle_timeout{15 * 60};
  std::chrono::seconds absolute_timeout{12 * 60 * 60};
  std::chrono::seconds invite_lifetime{7 * 24 * 60 * 60};
  std::chrono::seconds reset_lifetime{24 * 60 * 60};
  crypto::PasswordHashParams password_params = crypto::interactive_params();
  std::string totp_issuer = "Hearth";
  bool demo = false;  // demo mode: staff may skip second-factor enrolment
};

// Trimmed and lower-cased; Errc::invalid_argument (field "email") unless it has the shape
// local@domain.tld in at most 254 printable ASCII characters.
Result<std::string> normalize_email(std::string_view raw);
// Trimmed; 1–80 characters, no control characters.
Result<std::string> check_display_name(std::string_view raw);
// Trimmed; up to 40 characters, no control characters.
Result<std::string> check_pronouns(std::string_view raw);
// An IANA zone name such as "America/Chicago" or "UTC".
Result<std::string> check_time_zone(std::string_view raw);
Result<void> check_text_size(std::int64_t percent);  // 100..200

// A recovery code's stored digest, salted with the account id so that one search of the 2^50
// codes cannot cover every account at once.
std::string recovery_digest(std::string_view user_id, std::string_view normalized_code);

// "Firefox on Linux", "Safari on iPhone": enough to recognise one's own devices in the session
// list, and nothing that narrows a person down further (no version, no build).
std::string describe_user_agent(std::string_view user_agent);

}  // namespace hearth::identity
