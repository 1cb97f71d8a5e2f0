// TLS: a certificate made at test time, requests and WebSockets over TLS, a plain-text client on
// the TLS port, and start() errors for bad certificate configuration.
#include "test_support.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include <gmock/gmock.h>

#include <boost/asio/ssl.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace hearth::net::testing {
namespace {

namespace ssl = boost::asio::ssl;
using ::testing::HasSubstr;
using TlsClient = beast::ssl_stream<beast::tcp_stream>;

// A self-signed P-256 certificate for CN=localhost, valid for a day, written as PEM files into a
// fresh temporary directory (made with the OpenSSL API rather than the openssl program, so the
// suite needs nothing beyond the libraries it links).
struct Certificate {
  std::filesystem::path dir, cert_file, key_file;

  static Certificate make() {
    char pattern[] = "/tmp/hearth-net-tls-XXXXXX";
    Certificate made;
    made.dir = ::mkdtemp(pattern);
    made.cert_file = made.dir / "cert.pem";
    made.key_file = made.dir / "key.pem";
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_sign(cert.get(), key.get(), EVP_sha256());
    std::FILE* out = std::fopen(made.cert_file.c_str(), "w");
    PEM_write_X509(out, cert.get());
    std::fclose(out);
    out = std::fopen(made.key_file.c_str(), "w");
    PEM_write_PrivateKey(out, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(out);
    return made;
  }
};

class TlsTest : public ServerFixture {
 protected:
  static void SetUpTestSuite() { certificate_ = Certificate::make(); }
  static void TearDownTestSuite() { std::filesystem::remove_all(certificate_.dir); }

  static ServerOptions tls_options() {
    ServerOptions options = local_options();
    options.tls_cert_file = certificate_.cert_file;
    options.tls_key_file = certificate_.key_file;
    return options;
  }

  // A client that trusts exactly the test certificate.
  ssl::context client_context() const {
    ssl::context context(ssl::context::tls_client);
    context.load_verify_file(certificate_.cert_file);
    context.set_verify_mode(ssl::verify_peer);
    return context;
  }

  asio::awaitable<TlsClient> connect_tls(ssl::context& context) {
    TlsClient stream(co_await connect_to(port()), context);
    co_await stream.async_handshake(ssl::stream_base::client, asio::use_awaitable);
    co_return stream;
  }

  asio::awaitable<void> expect_served_over_tls() {
    auto context = client_context();
    auto stream = co_await connect_tls(context);
    std::string request = get_request("/echo");
    co_await asio::async_write(stream, asio::buffer(request), asio::use_awaitable);
    beast::flat_buffer buffer;
    ClientResponse response;
    co_await beast_http::async_read(stream, buffer, response, asio::use_awaitable);
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), "GET /echo ");
  }

  static Certificate certificate_;
};

Certificate TlsTest::certificate_;

TEST_F(TlsTest, RequestOverTlsIsServedAndMarkedSecure) {
  start_server(tls_options());
  EXPECT_TRUE(server().tls());
  run_client([&]() -> asio::awaitable<void> { co_await expect_served_over_tls(); });
  auto requests = handler_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_TRUE(requests[0].secure);
}

TEST_F(TlsTest, PlainTextRequestToTlsPortIsClosedAndServerKeepsServing) {
  start_server(tls_options());
  run_client([&]() -> asio::awaitable<void> {
    auto stream = co_await connect_to(port());
    beast::flat_buffer buffer;
    co_await send_raw(stream, get_request("/echo"));
    std::string answer = co_await read_until_closed(stream, buffer);
    EXPECT_THAT(answer, ::testing::Not(HasSubstr("HTTP/1.1")));
  });
  EXPECT_TRUE(handler_.requests().empty());
  run_client([&]() -> asio::awaitable<void> { co_await expect_served_over_tls(); });
}

TEST_F(TlsTest, WebSocketOverTlsRoundTrips) {
  start_server(tls_options());
  run_client([&]() -> asio::awaitable<void> {
    auto context = client_context();
    websocket::stream<TlsClient> ws(co_await connect_tls(context));
    co_await ws.async_handshake("localhost", "/ws", asio::use_awaitable);
    co_await ws.async_write(asio::buffer(std::string_view("over tls")), asio::use_awaitable);
    beast::flat_buffer buffer;
    co_await ws.async_read(buffer, asio::use_awaitable);
    EXPECT_EQ(beast::buffers_to_string(buffer.data()), "over tls");
    co_await ws.async_close(websocket::close_code::normal, asio::use_awaitable);
  });
  EXPECT_TRUE(listener_.wait_for_closes(1, 5s));
}

TEST_F(TlsTest, MissingCertificateFileFailsStartNamingTheFile) {
  ServerOptions options = tls_options();
  options.tls_cert_file = (certificate_.dir / "missing.pem").string();
  asio::io_context io;
  Server server(io, options, handler_, listener_);
  auto started = server.start();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, Errc::invalid_argument);
  EXPECT_THAT(started.error().message, HasSubstr("missing.pem"));
}

TEST_F(TlsTest, KeyThatIsNotAKeyFailsStart) {
  ServerOptions options = tls_options();
  options.tls_key_file = options.tls_cert_file;
  asio::io_context io;
  Server server(io, options, handler_, listener_);
  auto started = server.start();
  ASSERT_FALSE(started.ok());
  EXPECT_THAT(started.error().message, HasSubstr("TLS key"));
}

TEST_F(TlsTest, CertificateWithoutKeyFailsStart) {
  ServerOptions options = tls_options();
  options.tls_key_file.clear();
  asio::io_context io;
  Server server(io, options, handler_, listener_);
  auto started = server.start();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, Errc::invalid_argument);
}

}  // namespace
}  // namespace hearth::net::testing
