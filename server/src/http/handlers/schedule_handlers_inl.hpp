// Template definitions for schedule_handlers.hpp.
#pragma once

#include "http/error_response.hpp"
#include "http/json_body.hpp"

namespace hearth::http {

template <class Work, class Encode>
boost::asio::awaitable<Response> answer_json(BlockingPool& blocking, Work work, Encode encode,
                                             int status) {
  auto result = co_await blocking.run(std::move(work));
  if (!result) co_return error_response(result.error());
  co_return Response::json(status, dump_json(encode(*result)));
}

template <class Work>
boost::asio::awaitable<Response> answer_no_content(BlockingPool& blocking, Work work) {
  auto result = co_await blocking.run(std::move(work));
  if (!result) co_return error_response(result.error());
  co_return Response::no_content();
}

}  // namespace hearth::http
