#include "domain/program/program.hpp"

#include <array>

namespace hearth::program {
namespace {

constexpr std::array<std::string_view, 6> kGroupKinds = {"therapy", "skills", "peer_support",
                                                         "family",  "alumni", "social"};

Result<void> check_text(std::string_view value, std::string_view field, std::size_t max_bytes,
                        bool required) {
  if (required && value.empty()) {
    return Error::of(Errc::invalid_argument, std::string(field) + " is required",
                     std::string(field));
  }
  if (value.size() > max_bytes) {
    return Error::of(Errc::invalid_argument,
                     std::string(field) + " is longer than " + std::to_string(max_bytes) + " bytes",
                     std::string(field));
  }
  return ok();
}

}  // namespace

bool is_valid_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > 64 || slug.front() == '-' || slug.back() == '-') return false;
  for (char c : slug) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!allowed) return false;
  }
  return true;
}

bool is_group_kind(std::string_view kind) {
  for (auto k : kGroupKinds) {
    if (k == kind) return true;
  }
  return false;
}

Result<void> validate(const NewProgram& program) {
  if (!is_valid_slug(program.slug)) {
    return Error::of(Errc::invalid_argument, "slug must be 1-64 of a-z, 0-9 and '-'", "slug");
  }
  if (auto r = check_text(program.name, "name", kMaxNameBytes, true); !r) return r;
  if (auto r = check_text(program.description, "description", kMaxDescriptionBytes, false); !r) {
    return r;
  }
  if (program.time_zone.empty() || program.time_zone.size() > 64) {
    return Error::of(Errc::invalid_argument, "time_zone must be an IANA time zone name",
                     "time_zone");
  }
  return ok();
}

Result<void> validate(const NewGroup& group) {
  if (!is_valid_slug(group.slug)) {
    return Error::of(Errc::invalid_argument, "slug must be 1-64 of a-z, 0-9 and '-'", "slug");
  }
  if (auto r = check_text(group.name, "name", kMaxNameBytes, true); !r) return r;
  if (auto r = check_text(group.description, "description", kMaxDescriptionBytes, false); !r) {
    return r;
  }
  if (!is_group_kind(group.kind)) {
    return Error::of(Errc::invalid_argument,
                     "kind must be one of therapy, skills, peer_support, family, alumni, social",
                     "kind");
  }
  if (group.capacity < 2 || group.capacity > kMaxGroupCapacity) {
    return Error::of(Errc::invalid_argument, "capacity must be between 2 and 40", "capacity");
  }
  return ok();
}

}  // namespace hearth::program
