#include "net/tls_context.hpp"

#include <openssl/ssl.h>

#include <boost/system/error_code.hpp>

namespace hearth::net {

namespace ssl = boost::asio::ssl;

Result<std::shared_ptr<ssl::context>> make_tls_context(const std::string& cert_file,
                                                       const std::string& key_file) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  boost::system::error_code ec;
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                           ssl::context::no_sslv3 | ssl::context::single_dh_use,
                       ec);
  if (ec) return Error::of(Errc::internal, "cannot configure TLS: " + ec.message());
  if (SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION) != 1) {
    return Error::of(Errc::internal, "cannot restrict TLS to version 1.2 and later");
  }
  context->use_certificate_chain_file(cert_file, ec);
  if (ec) {
    return Error::of(Errc::invalid_argument,
                     "cannot load TLS certificate " + cert_file + ": " + ec.message());
  }
  context->use_private_key_file(key_file, ssl::context::pem, ec);
  if (ec) {
    return Error::of(Errc::invalid_argument,
                     "cannot load TLS key " + key_file + ": " + ec.message());
  }
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    return Error::of(Errc::invalid_argument,
                     "TLS key " + key_file + " does not match certificate " + cert_file);
  }
  return context;
}

}  // namespace hearth::net
