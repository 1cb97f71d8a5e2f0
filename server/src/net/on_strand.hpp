// OnStrand: a completion token for co_await inside a connection's coroutine that resumes the
// coroutine through the connection's strand by its concrete type (private to net/).
//
// With plain use_awaitable, the handler of every operation carries the coroutine's executor, an
// any_io_executor; a strand does not fit in its small-object buffer, and Asio makes new
// type-erased copies of it (outstanding_work.tracked, blocking.possibly) for each operation:
// four heap allocations per request in the profile in docs/benchmarks.md. Asio 1.18's
// bind_executor() cannot wrap use_awaitable (its async_result has no initiate()), hence this.
//
// `strand` must be the strand the coroutine runs on, so that resuming through it is the same as
// resuming through the coroutine's own executor.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "net/stream.hpp"

namespace hearth::net {

struct OnStrand {
  Strand strand;
};

}  // namespace hearth::net

template <class R, class... Args>
class boost::asio::async_result<hearth::net::OnStrand, R(Args...)> {
  using awaitable_result = async_result<use_awaitable_t<>, R(Args...)>;

 public:
  using return_type = typename awaitable_result::return_type;

  template <class Initiation, class... InitArgs>
  static return_type initiate(Initiation initiation, hearth::net::OnStrand token,
                              InitArgs... args) {
    return awaitable_result::initiate(
        [initiation = std::move(initiation), strand = std::move(token.strand)](
            auto&& handler, auto&&... init_args) mutable {
          std::move(initiation)(bind_executor(strand, std::forward<decltype(handler)>(handler)),
                                std::forward<decltype(init_args)>(init_args)...);
        },
        use_awaitable, std::move(args)...);
  }
};
