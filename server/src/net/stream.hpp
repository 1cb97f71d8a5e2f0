// The two kinds of byte stream a connection runs on (private to net/): plain TCP, or TLS over
// TCP. Both carry Beast's per-operation deadlines on the TCP layer (beast::tcp_stream), and both
// are bound to the connection's strand through the socket's executor.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <cstdint>
#include <string>
#include <type_traits>

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace hearth::net {

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

template <class Stream>
inline constexpr bool is_tls_stream = std::is_same_v<Stream, TlsStream>;

// Who is on the other end, captured at accept (the socket may be gone when we log).
struct PeerInfo {
  std::string address;
  std::uint16_t port = 0;
};

}  // namespace hearth::net
