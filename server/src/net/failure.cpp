#include "net/failure.hpp"

#include <typeinfo>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>
#include <boost/system/system_error.hpp>

#include <spdlog/spdlog.h>

#include "base/logging.hpp"

namespace hearth::net {

namespace asio = boost::asio;
namespace beast = boost::beast;

FailureKind classify_failure(const boost::system::error_code& ec) {
  // What a connection ends with when the peer leaves or when we close it ourselves.
  if (ec == asio::error::operation_aborted || ec == asio::error::eof ||
      ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
      ec == asio::error::not_connected || ec == asio::error::bad_descriptor ||
      ec == beast::websocket::error::closed || ec == asio::ssl::error::stream_truncated ||
      ec == beast::http::error::end_of_stream || ec == beast::http::error::partial_message) {
    return FailureKind::noise;
  }
  if (ec == beast::error::timeout || ec.category() == asio::error::get_ssl_category() ||
      ec.category() == beast::http::make_error_code(beast::http::error::bad_method).category() ||
      ec.category() ==
          beast::websocket::make_error_code(beast::websocket::error::no_sec_key).category()) {
    return FailureKind::peer;
  }
  return FailureKind::server;
}

void report_failure(std::string_view role, std::string_view what,
                    const boost::system::error_code& ec, std::uint16_t remote_port) {
  switch (classify_failure(ec)) {
    case FailureKind::noise:
      return;
    case FailureKind::peer:
      spdlog::debug("event=connection_failed role={} op={} error=\"{}\" remote_port={}", role, what,
                    log_escape(ec.message()), remote_port);
      return;
    case FailureKind::server:
      spdlog::warn("event=connection_failed role={} op={} error=\"{}\" remote_port={}", role, what,
                   log_escape(ec.message()), remote_port);
      return;
  }
}

void report_exception(std::string_view role, std::exception_ptr error) noexcept {
  if (!error) return;
  // Only the type (or a system error's code) is logged: what() of application code may carry
  // request content.
  try {
    std::rethrow_exception(error);
  } catch (const boost::system::system_error& e) {
    spdlog::error("event=connection_exception role={} error=\"{}\"", role,
                  log_escape(e.code().message()));
  } catch (const std::exception& e) {
    spdlog::error("event=connection_exception role={} type=\"{}\"", role,
                  log_escape(typeid(e).name()));
  } catch (...) {
    spdlog::error("event=connection_exception role={} type=unknown", role);
  }
}

}  // namespace hearth::net
