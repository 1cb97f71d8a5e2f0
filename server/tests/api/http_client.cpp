#include "http_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <random>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace hearth::api_test {
namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what);
}

[[noreturn]] void fail_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Waits until fd is ready for `events`; false at the deadline.
bool wait_ready(int fd, short events, Clock::time_point deadline) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int n = ::poll(&p, 1, remaining_ms(deadline));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail_errno("poll");
    return n > 0;
  }
}

int open_socket(std::uint16_t port, bool& refused) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) fail_errno("socket");
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  refused = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return fd;
  if (errno == ECONNREFUSED) {
    refused = true;
    ::close(fd);
    return -1;
  }
  if (errno != EINPROGRESS) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    fail_errno("connect to port " + std::to_string(port));
  }
  return fd;
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return std::nullopt;
}

std::string HttpResponse::describe() const {
  std::ostringstream s;
  s << status << " " << reason << "\n";
  for (const auto& [name, value] : headers) s << name << ": " << value << "\n";
  s << "\n" << body.substr(0, 2000);
  return s.str();
}

std::string make_request(std::string_view method, std::string_view target,
                         const std::vector<std::pair<std::string, std::string>>& headers,
                         std::string_view body) {
  std::string out;
  out.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
  for (const auto& [name, value] : headers) out.append(name).append(": ").append(value) += "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT") {
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  out += "\r\n";
  out.append(body);
  return out;
}

std::string websocket_upgrade(std::string_view path,
                              const std::vector<std::pair<std::string, std::string>>& extra) {
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Upgrade", "websocket"},
      {"Connection", "Upgrade"},
      {"Sec-WebSocket-Version", "13"},
      {"Sec-WebSocket-Key", std::string(kSampleWebSocketKey)}};
  headers.insert(headers.end(), extra.begin(), extra.end());
  return make_request("GET", path, headers);
}

int WsFrame::close_code() const {
  if (payload.size() < 2) return 1005;
  return (static_cast<unsigned char>(payload[0]) << 8) | static_cast<unsigned char>(payload[1]);
}

Connection::Connection(std::uint16_t port, std::chrono::milliseconds timeout) {
  bool refused = false;
  fd_ = open_socket(port, refused);
  if (refused) fail("connection to port " + std::to_string(port) + " refused");
  if (!wait_ready(fd_, POLLOUT, Clock::now() + timeout)) {
    fail("connect to port " + std::to_string(port) + " timed out");
  }
  int error = 0;
  socklen_t len = sizeof error;
  ::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &len);
  if (error != 0) {
    errno = error;
    fail_errno("connect to port " + std::to_string(port));
  }
}

Connection::~Connection() {
  if (fd_ >= 0) ::close(fd_);
}

bool Connection::try_send(std::string_view bytes) {
  const auto deadline = Clock::now() + 10s;
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (!wait_ready(fd_, POLLOUT, deadline)) fail("send timed out (the server reads nothing)");
      continue;
    }
    if (errno == EPIPE || errno == ECONNRESET) return false;
    fail_errno("send");
  }
  return true;
}

void Connection::send(std::string_view bytes) {
  if (!try_send(bytes)) fail("the server closed the connection while the client was sending");
}

void Connection::shutdown_write() {
  ::shutdown(fd_, SHUT_WR);
}

bool Connection::fill(Clock::time_point deadline) {
  if (end_) return false;
  for (;;) {
    char buf[16384];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n > 0) {
      buffer_.append(buf, static_cast<std::size_t>(n));
      return true;
    }
    if (n == 0) {
      end_ = ReadEnd::closed;
      return false;
    }
    if (errno == EINTR) continue;
    if (errno == ECONNRESET) {
      end_ = ReadEnd::reset;
      return false;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) fail_errno("recv");
    if (!wait_ready(fd_, POLLIN, deadline)) fail("read timed out");
  }
}

void Connection::need(std::size_t bytes, Clock::time_point deadline) {
  while (buffer_.size() < bytes) {
    if (!fill(deadline)) fail("the connection ended in the middle of a message");
  }
}

std::optional<HttpResponse> Connection::read_response_or_end(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (buffer_.empty()) {
    if (!fill(deadline)) return std::nullopt;
  }
  return read_response(
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
}

HttpResponse Connection::read_response(std::chrono::milliseconds timeout, bool head_request) {
  const auto deadline = Clock::now() + timeout;
  std::size_t head_end;
  while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill(deadline)) {
      fail("the connection ended before a complete response head; got: " + buffer_.substr(0, 500));
    }
  }
  const std::string head = buffer_.substr(0, head_end);
  buffer_.erase(0, head_end + 4);

  HttpResponse r;
  std::istringstream lines(head);
  std::string line;
  std::getline(lines, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (!line.starts_with("HTTP/1.1 ") && !line.starts_with("HTTP/1.0 ")) {
    fail("not an HTTP response: " + line);
  }
  r.status = std::atoi(line.c_str() + 9);
  if (line.size() > 13) r.reason = line.substr(13);
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos) fail("malformed response header: " + line);
    r.headers.emplace_back(lower(line.substr(0, colon)),
                           std::string(trim(std::string_view(line).substr(colon + 1))));
  }

  if (head_request || r.status / 100 == 1 || r.status == 204 || r.status == 304) return r;
  if (lower(r.header("transfer-encoding").value_or("")).find("chunked") != std::string::npos) {
    for (;;) {
      std::size_t eol;
      while ((eol = buffer_.find("\r\n")) == std::string::npos) need(buffer_.size() + 1, deadline);
      const std::size_t size = std::strtoul(buffer_.c_str(), nullptr, 16);
      buffer_.erase(0, eol + 2);
      need(size + 2, deadline);
      r.body.append(buffer_, 0, size);
      buffer_.erase(0, size + 2);
      if (size == 0) return r;
    }
  }
  if (auto length = r.header("content-length")) {
    const std::size_t n = std::strtoul(length->c_str(), nullptr, 10);
    need(n, deadline);
    r.body = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return r;
  }
  while (fill(deadline)) {
  }
  r.body = std::move(buffer_);
  buffer_.clear();
  return r;
}

bool Connection::wait_closed(std::chrono::milliseconds timeout, std::string* seen) {
  const auto deadline = Clock::now() + timeout;
  try {
    while (fill(deadline)) {
    }
  } catch (const std::runtime_error&) {
    if (end_) throw;
  }
  if (seen != nullptr) seen->append(buffer_);
  buffer_.clear();
  return end_.has_value();
}

std::optional<ReadEnd> Connection::poll_end(std::chrono::milliseconds timeout) {
  if (!end_ && wait_ready(fd_, POLLIN, Clock::now() + timeout)) {
    (void)fill(Clock::now());
  }
  return end_;
}

void Connection::send_ws_frame(int opcode, std::string_view payload, bool fin) {
  static std::mt19937 random{std::random_device{}()};
  std::string frame;
  frame.push_back(static_cast<char>((fin ? 0x80 : 0) | (opcode & 0x0f)));
  const std::size_t n = payload.size();
  if (n < 126) {
    frame.push_back(static_cast<char>(0x80 | n));
  } else if (n <= 0xffff) {
    frame.push_back(static_cast<char>(0x80 | 126));
    frame.push_back(static_cast<char>(n >> 8));
    frame.push_back(static_cast<char>(n & 0xff));
  } else {
    frame.push_back(static_cast<char>(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8) frame.push_back(static_cast<char>(n >> shift));
  }
  char mask[4];
  for (char& m : mask) m = static_cast<char>(random() & 0xff);
  frame.append(mask, 4);
  for (std::size_t i = 0; i < n; ++i) frame.push_back(static_cast<char>(payload[i] ^ mask[i % 4]));
  send(frame);
}

WsFrame Connection::read_ws_frame(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  need(2, deadline);
  const auto b0 = static_cast<unsigned char>(buffer_[0]);
  const auto b1 = static_cast<unsigned char>(buffer_[1]);
  if (b1 & 0x80) fail("the server sent a masked frame (RFC 6455 §5.1 forbids it)");
  std::size_t header = 2;
  std::uint64_t length = b1 & 0x7f;
  if (length == 126) {
    need(4, deadline);
    length = (static_cast<unsigned char>(buffer_[2]) << 8) | static_cast<unsigned char>(buffer_[3]);
    header = 4;
  } else if (length == 127) {
    need(10, deadline);
    length = 0;
    for (int i = 2; i < 10; ++i) length = (length << 8) | static_cast<unsigned char>(buffer_[i]);
    header = 10;
  }
  if (length > (16u << 20)) fail("implausible WebSocket frame length");
  need(header + length, deadline);
  WsFrame f;
  f.fin = (b0 & 0x80) != 0;
  f.opcode = b0 & 0x0f;
  f.payload = buffer_.substr(header, length);
  buffer_.erase(0, header + length);
  return f;
}

bool connection_refused(std::uint16_t port) {
  bool refused = false;
  const int fd = open_socket(port, refused);
  if (refused) return true;
  // Loopback connects complete or fail at once; wait briefly for the outcome regardless.
  wait_ready(fd, POLLOUT, Clock::now() + 2s);
  int error = 0;
  socklen_t len = sizeof error;
  ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len);
  ::close(fd);
  return error == ECONNREFUSED;
}

HttpResponse http_raw(std::uint16_t port, std::string_view request_bytes) {
  Connection c(port);
  c.send(request_bytes);
  return c.read_response(5s, request_bytes.starts_with("HEAD "));
}

HttpResponse http_get(std::uint16_t port, std::string_view target,
                      std::vector<std::pair<std::string, std::string>> headers) {
  headers.emplace_back("Connection", "close");
  return http_raw(port, make_request("GET", target, headers));
}

HttpResponse http_post(std::uint16_t port, std::string_view target, std::string_view content_type,
                       std::string_view body) {
  return http_raw(
      port,
      make_request("POST", target,
                   {{"Content-Type", std::string(content_type)}, {"Connection", "close"}}, body));
}

std::optional<double> metric_sample(std::string_view exposition, std::string_view series) {
  std::size_t start = 0;
  while (start < exposition.size()) {
    auto end = exposition.find('\n', start);
    if (end == std::string_view::npos) end = exposition.size();
    const std::string_view line = exposition.substr(start, end - start);
    if (line.size() > series.size() && line.starts_with(series) && line[series.size()] == ' ') {
      return std::strtod(std::string(line.substr(series.size() + 1)).c_str(), nullptr);
    }
    start = end + 1;
  }
  return std::nullopt;
}

double metric_total(std::string_view exposition, std::string_view name) {
  double total = 0;
  std::size_t start = 0;
  while (start < exposition.size()) {
    auto end = exposition.find('\n', start);
    if (end == std::string_view::npos) end = exposition.size();
    const std::string_view line = exposition.substr(start, end - start);
    if (line.starts_with(name) && line.size() > name.size() &&
        (line[name.size()] == '{' || line[name.size()] == ' ')) {
      const auto space = line.rfind(' ');
      total += std::strtod(std::string(line.substr(space + 1)).c_str(), nullptr);
    }
    start = end + 1;
  }
  return total;
}

}  // namespace hearth::api_test
