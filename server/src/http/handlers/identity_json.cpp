#include "http/handlers/identity_json.hpp"

#include "base/timestamps.hpp"
#include "domain/identity/roles.hpp"
#include "http/authenticator.hpp"
#include "http/router.hpp"

namespace hearth::http {
namespace {

nlohmann::json role_names(const identity::RoleSet& roles) {
  nlohmann::json out = nlohmann::json::array();
  for (auto name : roles.names()) out.push_back(name);
  return out;
}

nlohmann::json role_names(std::string_view stored) {
  return role_names(identity::RoleSet::parse(stored).value_or(identity::RoleSet{}));
}

nlohmann::json optional_time(std::int64_t ms) {
  return ms == 0 ? nlohmann::json(nullptr) : nlohmann::json(format_timestamp(ms));
}

}  // namespace

nlohmann::json encode_account(const store::UserRecord& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"display_name", u.display_name},
          {"pronouns", u.pronouns},
          {"time_zone", u.time_zone},
          {"roles", role_names(u.roles)},
          {"totp_enabled", u.totp_enabled},
          {"preferences", {{"text_size", u.text_size}, {"high_contrast", u.high_contrast}}}};
}

nlohmann::json encode_session_info(const identity::SessionState& state) {
  const auto& s = state.session;
  return {{"user", encode_account(state.user)},
          {"session",
           {{"id", s.id},
            {"csrf_token", s.csrf_token},
            {"idle_timeout_seconds", s.idle_timeout_ms / 1000},
            {"idle_expires_at", format_timestamp(state.idle_expires_ms())},
            {"absolute_expires_at", format_timestamp(s.absolute_expires_ms)}}},
          {"second_factor",
           {{"required", state.second_factor_required()},
            {"enrolled", state.user.totp_enabled},
            {"enrollment_pending", state.enrollment_pending()}}},
          {"demo", state.demo}};
}

nlohmann::json encode_person(const identity::PersonView& p) {
  nlohmann::json programs = nlohmann::json::array();
  for (const auto& program : p.programs) {
    programs.push_back(
        {{"id", program.id}, {"name", program.name}, {"membership", program.membership}});
  }
  const auto& u = p.user;
  return {{"id", u.id},
          {"email", u.email},
          {"display_name", u.display_name},
          {"pronouns", u.pronouns},
          {"time_zone", u.time_zone},
          {"roles", role_names(p.roles)},
          {"status", u.status},
          {"totp_enabled", u.totp_enabled},
          {"created_at", format_timestamp(u.created_at_ms)},
          {"programs", std::move(programs)}};
}

nlohmann::json encode_invite(const store::InviteRecord& i, std::int64_t now_ms) {
  return {
      {"id", i.id},
      {"email", i.email},
      {"roles", role_names(i.roles)},
      {"program_id", i.program_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(i.program_id)},
      {"invited_by", i.created_by},
      {"created_at", format_timestamp(i.created_at_ms)},
      {"expires_at", format_timestamp(i.expires_at_ms)},
      {"status", identity::invite_status_name(identity::invite_status(i, now_ms))}};
}

nlohmann::json encode_grant(const store::GrantRecord& g, std::int64_t now_ms) {
  return {{"id", g.id},
          {"clinician_id", g.clinician_id},
          {"participant_id", g.participant_id},
          {"reason", g.reason},
          {"granted_by", g.granted_by},
          {"created_at", format_timestamp(g.created_at_ms)},
          {"expires_at", format_timestamp(g.expires_at_ms)},
          {"revoked_at", optional_time(g.revoked_at_ms)},
          {"active", g.revoked_at_ms == 0 && now_ms < g.expires_at_ms}};
}

nlohmann::json encode_audit_event(const store::AuditRecord& e) {
  return {
      {"seq", e.seq},
      {"id", e.id},
      {"at", format_timestamp(e.at_ms)},
      {"actor_id", e.actor_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.actor_id)},
      {"action", e.action},
      {"subject_type", e.subject_type},
      {"subject_id", e.subject_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.subject_id)},
      {"client_address", e.client_address},
      {"user_agent", e.user_agent},
      {"outcome", e.outcome},
      {"detail", e.detail}};
}

Result<std::vector<std::string>> required_string_array(const nlohmann::json& object,
                                                       std::string_view field,
                                                       std::size_t max_items,
                                                       std::size_t max_bytes) {
  const auto it = object.find(field);
  if (it == object.end()) {
    return Error::of(Errc::invalid_argument, std::string(field) + " is required",
                     std::string(field));
  }
  if (!it->is_array()) {
    return Error::of(Errc::malformed, std::string(field) + " must be an array of strings",
                     std::string(field));
  }
  if (it->size() > max_items) {
    return Error::of(Errc::invalid_argument,
                     std::string(field) + " has more than " + std::to_string(max_items) + " items",
                     std::string(field));
  }
  std::vector<std::string> out;
  for (const auto& item : *it) {
    if (!item.is_string()) {
      return Error::of(Errc::malformed, std::string(field) + " must be an array of strings",
                       std::string(field));
    }
    const auto& text = item.get_ref<const std::string&>();
    if (text.size() > max_bytes) {
      return Error::of(Errc::invalid_argument, std::string(field) + " has an item that is too long",
                       std::string(field));
    }
    out.push_back(text);
  }
  return out;
}

Result<std::optional<bool>> optional_bool(const nlohmann::json& object, std::string_view field) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) {
    return Error::of(Errc::malformed, std::string(field) + " must be true or false",
                     std::string(field));
  }
  return std::optional<bool>(it->get<bool>());
}

Result<std::optional<std::int64_t>> optional_integer(const nlohmann::json& object,
                                                     std::string_view field) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::optional<std::int64_t>();
  if (!it->is_number_integer()) {
    return Error::of(Errc::malformed, std::string(field) + " must be an integer",
                     std::string(field));
  }
  return std::optional<std::int64_t>(it->get<std::int64_t>());
}

std::string session_cookie(std::string_view token, const identity::SessionState& state,
                           std::int64_t now_ms, bool secure) {
  const auto max_age =
      std::max<std::int64_t>(0, (state.session.absolute_expires_ms - now_ms) / 1000);
  std::string cookie(kSessionCookie);
  cookie += '=';
  cookie += token;
  cookie += "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
  if (secure) cookie += "; Secure";
  return cookie;
}

std::string cleared_session_cookie(bool secure) {
  std::string cookie(kSessionCookie);
  cookie += "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
  if (secure) cookie += "; Secure";
  return cookie;
}

std::string site_origin(const Request& request, std::string_view public_origin) {
  if (!public_origin.empty()) return std::string(public_origin);
  return std::string(request.secure ? "https://" : "http://") +
         std::string(request.header("host").value_or("localhost"));
}

std::optional<std::string> query_param(const Request& request, std::string_view name) {
  std::string_view rest = request.query();
  while (!rest.empty()) {
    const auto end = rest.find('&');
    const auto pair = rest.substr(0, end);
    const auto eq = pair.find('=');
    const auto key = pair.substr(0, eq);
    if (key == name) {
      if (eq == std::string_view::npos) return std::string();
      std::string raw(pair.substr(eq + 1));
      for (auto& c : raw) {
        if (c == '+') c = ' ';
      }
      return decode_path_segment(raw);
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return std::string();
}

}  // namespace hearth::http
