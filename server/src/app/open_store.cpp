#include "app/open_store.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <system_error>

namespace hearth::app {

Result<std::unique_ptr<store::Store>> open_configured_store(const StoreConfig& config,
                                                            Migrations migrations,
                                                            const store::StoreOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    return Error::of(Errc::unavailable,
                     "cannot create the data folder " + config.data_dir + ": " + ec.message());
  }
  auto opened = store::open_store(config.effective_db_url(), options);
  if (!opened) return std::move(opened).error();
  if (migrations == Migrations::apply) {
    auto applied = (*opened)->migrate();
    if (!applied) return std::move(applied).error();
    for (const auto& m : *applied) {
      spdlog::info("event=migration_applied version={} name={}", m.version, m.name);
    }
  }
  return std::move(opened).value();
}

}  // namespace hearth::app
