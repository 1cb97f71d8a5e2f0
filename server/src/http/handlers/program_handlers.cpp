#include "http/handlers/program_handlers.hpp"

#include "http/error_response.hpp"
#include "http/json_body.hpp"

namespace hearth::http {
namespace {

nlohmann::json encode(const program::ProgramOverview& overview) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : overview.groups) {
    groups.push_back({{"id", g.id},
                      {"slug", g.slug},
                      {"name", g.name},
                      {"description", g.description},
                      {"kind", g.kind},
                      {"capacity", g.capacity}});
  }
  const auto& p = overview.program;
  return {{"id", p.id},
          {"slug", p.slug},
          {"name", p.name},
          {"description", p.description},
          {"time_zone", p.time_zone},
          {"groups", std::move(groups)}};
}

}  // namespace

void add_program_routes(Router& router, program::ProgramService& programs, BlockingPool& blocking) {
  router.add(Method::get, "/api/v1/programs", Access::anyone,
             [&programs, &blocking](RouteContext&) -> boost::asio::awaitable<Response> {
               auto overview = co_await blocking.run(
                   [&] { return programs.overview(program::Requester::anonymous); });
               if (!overview) co_return error_response(overview.error());
               nlohmann::json list = nlohmann::json::array();
               for (const auto& o : *overview) list.push_back(encode(o));
               co_return Response::json(200, dump_json({{"programs", std::move(list)}}));
             });
}

}  // namespace hearth::http
