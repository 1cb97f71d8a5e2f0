// Internal ways to open a store with parts swapped out, for the store's own tests: a different
// list of migrations (so a test can make migration 2 fail) and a callback that observes retries
// (so a test can wait for a transient failure instead of sleeping). open_store() in store.hpp is
// open_store_with() and a default StoreSetup.
//
// Threads: on_retry runs on the thread that called transact(), between attempts.
#pragma once

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/migration.hpp"
#include "store/store.hpp"

namespace hearth::store {

struct StoreSetup {
  std::vector<MigrationStep> migrations = default_migrations();
  // Called after attempt `attempt` (1-based) failed with a transient error, before the next one.
  std::function<void(int attempt, const Error& error)> on_retry;
};

Result<std::unique_ptr<Store>> open_store_with(std::string_view url, const StoreOptions& options,
                                               StoreSetup setup);

}  // namespace hearth::store
