// The PostgreSQL driver: libpq connections in one bounded pool of options.pool_size.
//
// read_write transactions run SERIALIZABLE and read_only ones REPEATABLE READ, READ ONLY (see
// PgConnection::begin for why). A caller that finds every connection busy waits, counted in
// pool_stats().waiting. A connection that breaks is dropped and replaced on the next use.
// Backups are pg_dump's job: backup_to answers with the command to run.
//
// Threads: the store may be used from many threads at once (see store.hpp).
#pragma once

#include <memory>
#include <string>

#include "base/result.hpp"
#include "store/open.hpp"
#include "store/store.hpp"

namespace hearth::store {

// Connects once up front; Errc::unavailable if the server cannot be reached,
// Errc::invalid_argument if libpq cannot read the URL.
Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url,
                                                   const StoreOptions& options, StoreSetup setup);

// The message backup_to returns: the pg_dump command for `path`, without the password.
std::string pg_dump_advice(const std::string& url, const std::string& path);

}  // namespace hearth::store
