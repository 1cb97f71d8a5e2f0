// The SQLite driver: one file, one writer connection and a small pool of readers.
//
// SQLite lets one transaction write at a time, so read_write transactions all go through the
// single writer connection, one after another (a pool of capacity 1 is the mutex that
// serialises them, and counts who waits). read_only transactions run on the readers in
// parallel, each from its own WAL snapshot. Only another process (or another connection to the
// same file) can make the writer meet SQLITE_BUSY, which transact() turns into a retry.
//
// Threads: the store may be used from many threads at once (see store.hpp).
#pragma once

#include <memory>
#include <string>

#include "base/result.hpp"
#include "store/open.hpp"
#include "store/store.hpp"

namespace hearth::store {

// Opens (creating if needed) the database file at `path`; Errc::unavailable if it cannot.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 const StoreOptions& options, StoreSetup setup);

}  // namespace hearth::store
