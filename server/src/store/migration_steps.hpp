// The migration steps written after migration.cpp grew long, one file per area; only
// default_migrations() (migration.cpp) lists them, in version order.
#pragma once

#include "store/migration.hpp"

namespace hearth::store {

MigrationStep session_guests();  // 17, migration_sessions.cpp

}  // namespace hearth::store
