// Online backup of a SQLite database with SQLite's backup API, safe while other connections
// (in this process or another) read and write the database.
//
// The copy is taken in one backup step, that is from one read snapshot, so it is consistent: it
// holds exactly the transactions committed before the step began. It is written to a temporary
// file next to `target` and renamed over it only when complete, so `target` is never a
// half-written database.
//
// Threads: any thread; it opens connections of its own.
#pragma once

#include <chrono>
#include <string>

#include "base/result.hpp"

namespace hearth::store {

Result<void> backup_sqlite(const std::string& source, const std::string& target,
                           std::chrono::milliseconds busy_timeout);

}  // namespace hearth::store
