#include "base/logging.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/sink.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <iterator>
#include <memory>
#include <mutex>
#include <thread>

namespace hearth {
namespace {

// Renders "ts=%Y-%m-%dT%H:%M:%S.%eZ level=%l %v" (UTC) exactly as spdlog's pattern_formatter
// does, without its call per field: the date and time up to the second are rendered once per
// second. About 400 instructions per line instead of 1,400 (bench/request_cost.sh). Not
// thread-safe: the sink calls it under its mutex.
class LineFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    using std::chrono::duration_cast;
    const auto since_epoch = msg.time.time_since_epoch();
    const auto second = duration_cast<std::chrono::seconds>(since_epoch);
    if (second != cached_second_) {
      const std::time_t t = second.count();
      std::tm utc{};
      gmtime_r(&t, &utc);
      prefix_.clear();
      fmt::format_to(std::back_inserter(prefix_), "ts={:04}-{:02}-{:02}T{:02}:{:02}:{:02}.",
                     utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                     utc.tm_sec);
      cached_second_ = second;
    }
    const auto millis = duration_cast<std::chrono::milliseconds>(since_epoch - second).count();
    const char fraction[] = {static_cast<char>('0' + millis / 100),
                             static_cast<char>('0' + millis / 10 % 10),
                             static_cast<char>('0' + millis % 10)};
    const spdlog::string_view_t level = spdlog::level::to_string_view(msg.level);
    dest.append(prefix_.data(), prefix_.data() + prefix_.size());
    dest.append(fraction, fraction + sizeof fraction);
    dest.append(std::string_view("Z level="));
    dest.append(level.data(), level.data() + level.size());
    dest.push_back(' ');
    dest.append(msg.payload.data(), msg.payload.data() + msg.payload.size());
    dest.push_back('\n');
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<LineFormatter>();
  }

 private:
  std::chrono::seconds cached_second_{-1};
  std::string prefix_;
};

// Writes log lines to stderr through a buffer. Unbuffered, every line was a write(2) of its own,
// one per request (the request log line cost 4-9% of the request rate: docs/benchmarks.md).
// Lines wait at most kFlushInterval, written by the sink's own thread; a flush (the logger
// flushes at warn and above) writes them at once, after everything logged before; the destructor
// (spdlog's registry, at exit) writes the rest, so a clean exit loses nothing. Thread-safe: one
// mutex, never held across anything but formatting and the write.
class BufferedStderrSink final : public spdlog::sinks::sink {
 public:
  BufferedStderrSink() : flusher_([this] { run_flusher(); }) {}

  ~BufferedStderrSink() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    flusher_.join();
    write_out();
  }

  void log(const spdlog::details::log_msg& msg) override {
    std::lock_guard lock(mutex_);
    const bool was_empty = buffer_.size() == 0;
    formatter_->format(msg, buffer_);  // appends
    if (buffer_.size() >= kBufferLimit) {
      write_out();
    } else if (was_empty) {
      wake_.notify_one();
    }
  }

  void flush() override {
    std::lock_guard lock(mutex_);
    write_out();
  }

  void set_pattern(const std::string& pattern) override {
    set_formatter(std::make_unique<spdlog::pattern_formatter>(pattern));
  }

  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override {
    std::lock_guard lock(mutex_);
    formatter_ = std::move(formatter);
  }

 private:
  static constexpr std::chrono::milliseconds kFlushInterval{100};
  static constexpr std::size_t kBufferLimit = 32 * 1024;

  void run_flusher() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      if (buffer_.size() == 0) {
        wake_.wait(lock);
        continue;
      }
      // Let the lines of a burst collect, then write them with one system call.
      wake_.wait_for(lock, kFlushInterval, [this] { return stopping_; });
      write_out();
    }
  }

  // Called with mutex_ held (or by the destructor, alone). A stderr that fails loses the lines,
  // as fwrite() to it would.
  void write_out() {
    const char* data = buffer_.data();
    std::size_t left = buffer_.size();
    while (left > 0) {
      const ssize_t n = ::write(STDERR_FILENO, data, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      data += n;
      left -= static_cast<std::size_t>(n);
    }
    buffer_.clear();
  }

  std::mutex mutex_;
  std::unique_ptr<spdlog::formatter> formatter_ = std::make_unique<spdlog::pattern_formatter>();
  spdlog::memory_buf_t buffer_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread flusher_;  // last: it starts in the constructor and uses the members above
};

}  // namespace

void init_logging(std::string_view level) {
  auto logger = std::make_shared<spdlog::logger>("hearth", std::make_shared<BufferedStderrSink>());
  spdlog::register_logger(logger);
  logger->set_formatter(std::make_unique<LineFormatter>());
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
}

std::string log_escape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (unsigned char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out;
}

}  // namespace hearth
