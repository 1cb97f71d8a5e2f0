// Settings of the database that the commands read at start.
#pragma once

#include "domain/identity/identity_services.hpp"
#include "store/store.hpp"

namespace hearth::app {

using identity::IdentityServices;

// Whether `hearth demo` has marked this database as a demo (the "demo_mode" setting).
Result<bool> is_demo_database(store::Store& store);

}  // namespace hearth::app
