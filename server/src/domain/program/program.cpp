#include "domain/program/program.hpp"

#include <array>

namespace hearth::program {
namespace {

constexpr std::array<std::string_view, 9> kGroupKinds = {
    "therapy", "skills",     "psychoeducation", "peer_support", "family",
    "social",  "individual", "medication",      "alumni"};
constexpr std::array<std::string_view, 4> kAgeBands = {"adolescent", "young_adult", "adult",
                                                       "older_adult"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& values, std::string_view value) {
  for (auto v : values) {
    if (v == value) return true;
  }
  return false;
}

Result<void> check_range(int value, int min, int max, std::string_view field) {
  if (value < min || value > max) {
    return Error::of(Errc::invalid_argument,
                     std::string(field) + " must be between " + std::to_string(min) + " and " +
                         std::to_string(max),
                     std::string(field));
  }
  return ok();
}

}  // namespace

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

bool is_valid_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > 64 || slug.front() == '-' || slug.back() == '-') return false;
  for (char c : slug) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!allowed) return false;
  }
  return true;
}

bool is_group_kind(std::string_view kind) {
  return one_of(kGroupKinds, kind);
}

bool is_age_band(std::string_view band) {
  return band.empty() || one_of(kAgeBands, band);
}

bool is_catalogue_kind(std::string_view kind) {
  return kind == "peer_support" || kind == "skills" || kind == "psychoeducation" ||
         kind == "social" || kind == "alumni";
}

bool needs_clinician(std::string_view kind) {
  return kind == "therapy" || kind == "individual" || kind == "medication";
}

int default_capacity(std::string_view kind) {
  if (kind == "individual" || kind == "medication") return 1;
  return kind == "therapy" ? 8 : 10;
}

Targets default_targets(std::string_view audience) {
  return audience == "adolescent" ? Targets{360, 180, 3} : Targets{540, 180, 3};
}

std::string slug_from_name(std::string_view name) {
  std::string slug;
  for (char c : name) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    const bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
    if (keep) {
      slug.push_back(lower);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
    if (slug.size() >= 48) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "group" : slug;
}

Result<std::string> normalize_tags(const std::vector<std::string>& tags) {
  if (tags.size() > kMaxTags) {
    return Error::of(Errc::invalid_argument,
                     "a group has at most " + std::to_string(kMaxTags) + " tags", "tags");
  }
  std::string joined;
  for (const auto& raw : tags) {
    std::string tag;
    for (char c : raw) {
      const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      if (lower == ' ') {
        if (!tag.empty() && tag.back() != '-') tag.push_back('-');
        continue;
      }
      const bool allowed = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') ||
                           lower == '-' || lower == '+';
      if (!allowed) {
        return Error::of(Errc::invalid_argument,
                         "tags may hold letters, digits, spaces, '-' and '+' only", "tags");
      }
      tag.push_back(lower);
    }
    while (!tag.empty() && tag.back() == '-') tag.pop_back();
    if (tag.empty() || tag.size() > kMaxTagBytes) {
      return Error::of(Errc::invalid_argument,
                       "each tag must be 1 to " + std::to_string(kMaxTagBytes) + " characters",
                       "tags");
    }
    bool seen = false;
    for (const auto& existing : split_tags(joined)) seen = seen || existing == tag;
    if (seen) continue;
    if (!joined.empty()) joined.push_back(',');
    joined += tag;
  }
  return joined;
}

std::vector<std::string> split_tags(std::string_view stored) {
  std::vector<std::string> out;
  while (!stored.empty()) {
    const auto comma = stored.find(',');
    out.emplace_back(stored.substr(0, comma));
    if (comma == std::string_view::npos) break;
    stored.remove_prefix(comma + 1);
  }
  return out;
}

Result<void> validate_targets(const Targets& t) {
  HEARTH_TRY(check_range(t.weekly_minutes, 60, 40 * 60, "weekly_minutes"));
  HEARTH_TRY(check_range(t.daily_minimum_minutes, 15, 12 * 60, "daily_minimum_minutes"));
  HEARTH_TRY(check_range(t.days_per_week, 1, 7, "days_per_week"));
  return ok();
}

Result<void> validate_program_shape(std::string_view audience, int length_weeks,
                                    int group_capacity_cap) {
  if (audience != "adult" && audience != "adolescent") {
    return Error::of(Errc::invalid_argument, "audience must be adult or adolescent", "audience");
  }
  HEARTH_TRY(check_range(length_weeks, 1, 52, "length_weeks"));
  HEARTH_TRY(check_range(group_capacity_cap, 1, kMaxGroupCapacity, "group_capacity_cap"));
  return ok();
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
  if (program.targets) HEARTH_TRY(validate_targets(*program.targets));
  return validate_program_shape(program.audience, program.length_weeks, program.group_capacity_cap);
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
                     "kind must be one of therapy, skills, psychoeducation, peer_support, family, "
                     "social, individual, medication, alumni",
                     "kind");
  }
  if (group.capacity) {
    HEARTH_TRY(check_range(*group.capacity, 1, kMaxGroupCapacity, "capacity"));
  }
  if (group.membership != "open" && group.membership != "closed") {
    return Error::of(Errc::invalid_argument, "membership must be open or closed", "membership");
  }
  if (!is_age_band(group.age_band)) {
    return Error::of(Errc::invalid_argument,
                     "age_band must be adolescent, young_adult, adult or older_adult", "age_band");
  }
  HEARTH_TRY(normalize_tags(group.tags));
  return ok();
}

}  // namespace hearth::program
