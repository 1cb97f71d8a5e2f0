#include "store/open.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"
#include "store/url.hpp"

namespace hearth::store {

Result<std::unique_ptr<Store>> open_store_with(std::string_view url, const StoreOptions& options,
                                               StoreSetup setup) {
  if (auto checked = check_migrations(setup.migrations); !checked.ok()) return checked.error();
  auto parsed = parse_store_url(url);
  if (!parsed.ok()) return std::move(parsed).error();
  switch (parsed->driver) {
    case Driver::sqlite:
      return open_sqlite_store(parsed->target, options, std::move(setup));
    case Driver::postgresql:
      return open_postgres_store(parsed->target, options, std::move(setup));
  }
  return Error::of(Errc::internal, "unknown store driver");
}

Result<std::unique_ptr<Store>> open_store(std::string_view url, const StoreOptions& options) {
  return open_store_with(url, options, StoreSetup{});
}

Result<std::optional<std::string>> external_backup_advice(std::string_view url,
                                                          const std::string& path) {
  auto parsed = parse_store_url(url);
  if (!parsed.ok()) return std::move(parsed).error();
  if (parsed->driver == Driver::postgresql) {
    return std::optional<std::string>(pg_dump_advice(parsed->target, path));
  }
  return std::optional<std::string>();
}

}  // namespace hearth::store
