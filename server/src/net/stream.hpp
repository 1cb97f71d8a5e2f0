// The two kinds of byte stream a connection runs on (private to net/): plain TCP, or TLS over
// TCP, both bound to the connection's strand through the socket's executor. Deadlines are the
// sessions' own (one timer per connection), so the TCP layer is a bare socket rather than
// beast::tcp_stream, whose per-operation machinery runs even with no deadline set (replacing it,
// together with on_strand.hpp, saved 7% of a small request's instructions: docs/benchmarks.md).
//
// The executor is the concrete strand type, not any_io_executor: a strand does not fit in
// any_io_executor's small-object buffer, so every executor copy Asio makes for an operation on
// a type-erased socket or timer allocated (about 17 allocations per request in the profile).
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <chrono>
#include <cstdint>
#include <string>
#include <type_traits>

#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace hearth::net {

using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;
using TcpSocket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, Strand>;
using SteadyTimer =
    boost::asio::basic_waitable_timer<std::chrono::steady_clock,
                                      boost::asio::wait_traits<std::chrono::steady_clock>, Strand>;
using PlainStream = TcpSocket;
using TlsStream = boost::beast::ssl_stream<TcpSocket>;

template <class Stream>
inline constexpr bool is_tls_stream = std::is_same_v<Stream, TlsStream>;

// Who is on the other end, captured at accept (the socket may be gone when we log).
struct PeerInfo {
  std::string address;
  std::uint16_t port = 0;
};

}  // namespace hearth::net
