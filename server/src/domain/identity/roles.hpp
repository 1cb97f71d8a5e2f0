// Roles: what a person is in the program. One person may hold several (a participant who is also
// a peer mentor; a clinician who is also an admin). Stored as a comma-separated list of names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::identity {

enum class Role : std::uint8_t {
  participant,
  peer_mentor,      // a participant or alumnus approved to mentor
  peer_specialist,  // staff with lived experience who lead peer groups
  clinician,
  family,
  admin,
};

inline constexpr Role kAllRoles[] = {Role::participant, Role::peer_mentor, Role::peer_specialist,
                                     Role::clinician,   Role::family,      Role::admin};

std::string_view role_name(Role role);
std::optional<Role> role_from_name(std::string_view name);

class RoleSet {
 public:
  RoleSet() = default;
  RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) add(r);
  }

  bool has(Role role) const { return (bits_ & bit(role)) != 0; }
  void add(Role role) { bits_ |= bit(role); }
  void remove(Role role) { bits_ &= static_cast<std::uint8_t>(~bit(role)); }
  bool empty() const { return bits_ == 0; }
  bool operator==(const RoleSet&) const = default;

  // Clinicians, peer specialists and admins: the staff roles that must use a second factor.
  bool is_staff() const {
    return has(Role::clinician) || has(Role::peer_specialist) || has(Role::admin);
  }
  bool requires_second_factor() const { return is_staff(); }

  std::vector<std::string_view> names() const;  // in kAllRoles order
  std::string to_string() const;                // "participant,peer_mentor"
  // Parses a stored or requested list; nullopt on an unknown name. Duplicates are merged.
  static std::optional<RoleSet> parse(std::string_view comma_separated);
  static std::optional<RoleSet> from_names(const std::vector<std::string>& names);

 private:
  static std::uint8_t bit(Role role) {
    return static_cast<std::uint8_t>(1U << static_cast<unsigned>(role));
  }
  std::uint8_t bits_ = 0;
};

}  // namespace hearth::identity
