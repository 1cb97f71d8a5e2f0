// Opening the configured store for a command: creates the data folder, opens the database and
// (unless asked not to) applies pending migrations, logging what it applied.
#pragma once

#include <memory>

#include "app/config.hpp"
#include "base/result.hpp"
#include "store/store.hpp"

namespace hearth::app {

enum class Migrations { apply, leave };

Result<std::unique_ptr<store::Store>> open_configured_store(
    const StoreConfig& config, Migrations migrations, const store::StoreOptions& options = {});

}  // namespace hearth::app
