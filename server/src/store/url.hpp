// Database URLs: which driver a --db value names and what that driver gets, plus the forms of a
// URL that are safe to print (see redact_url in store.hpp).
//
//   sqlite:///var/lib/hearth/hearth.db  → sqlite, "/var/lib/hearth/hearth.db"
//   sqlite://var/hearth.db              → sqlite, "var/hearth.db" (relative to the working dir)
//   postgresql://u:p@host:5432/db       → postgresql, the URL unchanged (libpq reads it)
//   postgres://…                        → the same
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace hearth::store {

enum class Driver { sqlite, postgresql };

struct StoreUrl {
  Driver driver = Driver::sqlite;
  std::string target;  // sqlite: the file path; postgresql: the whole URL, for libpq
};

// Errc::invalid_argument, with a message that says what is accepted, for anything else.
Result<StoreUrl> parse_store_url(std::string_view url);

// The URL with the password left out altogether (rather than "***"), for a command a person can
// copy and run with the password supplied through PGPASSWORD or ~/.pgpass.
std::string url_without_password(std::string_view url);

}  // namespace hearth::store
