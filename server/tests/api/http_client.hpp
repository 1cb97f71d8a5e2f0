// A raw HTTP/1.1 and WebSocket client over a plain TCP socket, for sending exact bytes: targets
// the way a hostile client writes them (unnormalised "../", "%2e%2e", NUL), invalid UTF-8,
// oversize heads, one byte at a time. It parses what the server sends back (status line,
// headers, a body framed by Content-Length, chunked encoding or the end of the connection) and
// WebSocket frames (the client masks, the server does not).
//
// Every read takes a timeout and fails (throws) when it passes, so a wrong server cannot hang the
// suite. Errors of the harness itself throw std::runtime_error, which GoogleTest reports as a
// failure of the test. One thread per Connection.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearth::api_test {

using namespace std::chrono_literals;

struct HttpResponse {
  int status = 0;
  std::string reason;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;

  std::optional<std::string> header(std::string_view lower_name) const;
  bool has_header(std::string_view lower_name) const { return header(lower_name).has_value(); }
  // All headers and the body, for failure messages.
  std::string describe() const;
};

// "METHOD target HTTP/1.1" with Host, the given headers and, when body is non-empty or the
// method is POST/PUT, a Content-Length.
std::string make_request(std::string_view method, std::string_view target,
                         const std::vector<std::pair<std::string, std::string>>& headers = {},
                         std::string_view body = {});

// A WebSocket upgrade request for `path` with RFC 6455's sample key (section 1.3) and version 13,
// plus `extra` headers (Origin, Cookie) after them.
std::string websocket_upgrade(std::string_view path,
                              const std::vector<std::pair<std::string, std::string>>& extra = {});
inline constexpr std::string_view kSampleWebSocketKey = "dGhlIHNhbXBsZSBub25jZQ==";
inline constexpr std::string_view kSampleWebSocketAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

struct WsFrame {
  bool fin = true;
  int opcode = 0;  // 1 text, 2 binary, 8 close, 9 ping, 10 pong
  std::string payload;

  // For close frames: the status code (RFC 6455 §5.5.1), or 1005 when none was sent.
  int close_code() const;
};

// What a read found when the connection ended instead of answering.
enum class ReadEnd { closed, reset };

class Connection {
 public:
  // Connects to 127.0.0.1:port; throws if it cannot.
  explicit Connection(std::uint16_t port, std::chrono::milliseconds timeout = 5s);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Sends everything; throws if the connection fails.
  void send(std::string_view bytes);
  // Sends everything; false if the peer has closed or reset the connection.
  bool try_send(std::string_view bytes);

  // Reads one response; throws if the connection ends first or the timeout passes.
  // `head_request`: the request was HEAD, so there is no body whatever the headers say.
  HttpResponse read_response(std::chrono::milliseconds timeout = 5s, bool head_request = false);
  // Like read_response, but a connection that ends before the first byte of a response is an
  // answer too (nullopt) rather than a failure.
  std::optional<HttpResponse> read_response_or_end(std::chrono::milliseconds timeout = 5s);

  // Reads and discards until the peer closes or resets; false if the timeout passes first.
  // Whatever arrived meanwhile is appended to `seen` when given.
  bool wait_closed(std::chrono::milliseconds timeout, std::string* seen = nullptr);
  // Waits up to `timeout` for the peer to send or end; how the connection ended, or nullopt if
  // it is still open. Bytes that arrive are kept for the next read.
  std::optional<ReadEnd> poll_end(std::chrono::milliseconds timeout);

  // WebSocket frames after a 101 answer; the client's are masked (RFC 6455 §5.3).
  void send_ws_frame(int opcode, std::string_view payload, bool fin = true);
  WsFrame read_ws_frame(std::chrono::milliseconds timeout = 5s);

  void shutdown_write();
  int fd() const { return fd_; }

 private:
  // Reads more into buffer_; returns false on end of connection (end_ says how).
  bool fill(std::chrono::steady_clock::time_point deadline);
  void need(std::size_t bytes, std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string buffer_;
  std::optional<ReadEnd> end_;
};

// Whether a TCP connection to 127.0.0.1:port is refused right now.
bool connection_refused(std::uint16_t port);

// One request on a new connection ("Connection: close" added), its response.
HttpResponse http_get(std::uint16_t port, std::string_view target,
                      std::vector<std::pair<std::string, std::string>> headers = {});
HttpResponse http_post(std::uint16_t port, std::string_view target, std::string_view content_type,
                       std::string_view body);
HttpResponse http_raw(std::uint16_t port, std::string_view request_bytes);

// The value of one Prometheus sample ("name{labels}" exactly as rendered); nullopt if absent.
std::optional<double> metric_sample(std::string_view exposition, std::string_view series);
// The sum of every sample of a metric name, whatever its labels (0 if none).
double metric_total(std::string_view exposition, std::string_view name);

}  // namespace hearth::api_test
