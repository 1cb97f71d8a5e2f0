// The commands behind the command line; each returns a process exit code and reports
// failures on stderr in words a person can act on.
#pragma once

#include <string>
#include <string_view>

#include "app/config.hpp"

namespace hearth::app {

inline constexpr std::string_view kVersion = HEARTH_VERSION;

int run_serve(const ServeConfig& config);
int run_migrate(const StoreConfig& config, bool dry_run);
int run_demo(const StoreConfig& config);
int run_backup(const StoreConfig& config, const std::string& to);

}  // namespace hearth::app
