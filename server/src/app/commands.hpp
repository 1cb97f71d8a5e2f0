// The commands behind the command line; each returns a process exit code and reports
// failures on stderr in words a person can act on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/config.hpp"

namespace hearth::app {

inline constexpr std::string_view kVersion = HEARTH_VERSION;

int run_serve(const ServeConfig& config);
int run_migrate(const StoreConfig& config, bool dry_run);
int run_demo(const StoreConfig& config);
int run_backup(const StoreConfig& config, const std::string& to);

struct UserInviteOptions {
  std::string email;
  std::vector<std::string> roles;
  std::string program_slug;  // "" for none
  std::string site = "http://localhost:8080";
};
int run_user_invite(const StoreConfig& config, const UserInviteOptions& options);
int run_audit_verify(const StoreConfig& config);

}  // namespace hearth::app
