#include "app/identity_services.hpp"

namespace hearth::app {

Result<bool> is_demo_database(store::Store& store) {
  bool demo = false;
  HEARTH_TRY(store.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(const auto value, tx.find_setting("demo_mode"));
    demo = value && *value == "on";
    return ok();
  }));
  return demo;
}

}  // namespace hearth::app
