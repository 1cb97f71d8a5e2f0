// How net/ reports a failed operation on a connection (private to net/).
//
// Each session class has its own fail(ec, what) that calls report_failure() with its name, so
// that one policy decides what is noise: the errors every connection ends with in normal life
// (the peer went away, we cancelled or closed on shutdown) are dropped; errors that the peer
// caused (bad TLS, timeouts) go to debug so that a misbehaving client cannot flood the log; the
// rest are warnings. Log lines carry the error and the remote port, never request content.
// Thread-safe.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <cstdint>
#include <exception>
#include <string_view>

#include <boost/system/error_code.hpp>

namespace hearth::net {

enum class FailureKind { noise, peer, server };

FailureKind classify_failure(const boost::system::error_code& ec);

// role: "http_session", "websocket_session", "listener"; what: the operation ("read", "write").
void report_failure(std::string_view role, std::string_view what,
                    const boost::system::error_code& ec, std::uint16_t remote_port);

// Logs an exception that reached the top of a connection's coroutine (its type, or a system
// error's message; never what(), which may quote request content). The connection is gone; the
// process and every other connection carry on.
void report_exception(std::string_view role, std::exception_ptr error) noexcept;

}  // namespace hearth::net
