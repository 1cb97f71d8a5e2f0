#include "domain/identity/roles.hpp"

namespace hearth::identity {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::participant:
      return "participant";
    case Role::peer_mentor:
      return "peer_mentor";
    case Role::peer_specialist:
      return "peer_specialist";
    case Role::clinician:
      return "clinician";
    case Role::family:
      return "family";
    case Role::admin:
      return "admin";
  }
  return "participant";
}

std::optional<Role> role_from_name(std::string_view name) {
  for (Role r : kAllRoles) {
    if (role_name(r) == name) return r;
  }
  return std::nullopt;
}

std::vector<std::string_view> RoleSet::names() const {
  std::vector<std::string_view> out;
  for (Role r : kAllRoles) {
    if (has(r)) out.push_back(role_name(r));
  }
  return out;
}

std::string RoleSet::to_string() const {
  std::string out;
  for (auto name : names()) {
    if (!out.empty()) out += ',';
    out += name;
  }
  return out;
}

std::optional<RoleSet> RoleSet::parse(std::string_view text) {
  RoleSet set;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto name = text.substr(0, comma);
    const auto role = role_from_name(name);
    if (!role) return std::nullopt;
    set.add(*role);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return set;
}

std::optional<RoleSet> RoleSet::from_names(const std::vector<std::string>& names) {
  RoleSet set;
  for (const auto& name : names) {
    const auto role = role_from_name(name);
    if (!role) return std::nullopt;
    set.add(*role);
  }
  return set;
}

}  // namespace hearth::identity
