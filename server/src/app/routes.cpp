#include "app/routes.hpp"

#include "http/handlers/program_handlers.hpp"
#include "http/handlers/system_handlers.hpp"

namespace hearth::app {

http::Router make_router(RouteDeps deps) {
  http::Router router;
  http::add_system_routes(router, {deps.store, deps.blocking, deps.metrics, deps.version});
  http::add_program_routes(router, deps.programs, deps.blocking);
  return router;
}

}  // namespace hearth::app
