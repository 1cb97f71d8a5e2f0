// The server's TLS context, built once at start() from a PEM certificate chain and a PEM key
// (private to net/).
//
// Only TLS 1.2 and 1.3 are offered. The context is shared (read-only) by every TLS connection on
// every thread once built; OpenSSL allows that for an SSL_CTX that is no longer modified.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

#include "base/result.hpp"

namespace hearth::net {

// Errors name the file and OpenSSL's reason, e.g. "cannot load TLS key /etc/hearth/key.pem:
// no start line"; the key itself never appears.
Result<std::shared_ptr<boost::asio::ssl::context>> make_tls_context(const std::string& cert_file,
                                                                    const std::string& key_file);

}  // namespace hearth::net
