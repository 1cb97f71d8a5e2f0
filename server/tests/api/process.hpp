// Child processes for the API suite: the real `hearth` binary, run as a command (run_hearth) or
// as a server (ServerProcess), each in temporary folders (TempDir) that the test owns.
//
// Children get a clean environment (no HEARTH_* variables from the caller unless a test passes
// them), stdin from /dev/null and a temporary working folder, so that a default such as --data
// ./var never writes into the build tree. Every wait has a deadline: poll() on pipes and on a
// pidfd, never a fixed pause. Single-threaded use: one test thread drives these objects.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearth::api_test {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using Env = std::vector<std::pair<std::string, std::string>>;

// A fresh folder under the system temp folder, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& file, std::string_view content);
std::string read_file(const std::filesystem::path& file);

// How a child ended. exited: normal exit with `code`; otherwise killed by `signal`.
struct ExitStatus {
  bool exited = false;
  int code = -1;
  int signal = 0;

  bool success() const { return exited && code == 0; }
  std::string describe() const;
};

struct RunResult {
  ExitStatus status;
  bool timed_out = false;
  std::string out;  // stdout
  std::string err;  // stderr

  std::string output() const { return out + err; }
  std::string describe() const;  // for failure messages
};

// Runs `hearth args...` to completion (killed after `timeout`), capturing stdout and stderr.
RunResult run_hearth(const std::vector<std::string>& args, const Env& env = {},
                     std::chrono::milliseconds timeout = 30s);

// `hearth serve` as a child process. The constructor starts it and reads stdout until the ready
// line ("Hearth is ready at http://localhost:<port>/") or a deadline; ready() says whether that
// happened and startup_error() why not. The destructor sends SIGTERM, waits with a deadline, and
// kills the process if it is still there. stderr (the log) goes to a file in `log_dir`.
class ServerProcess {
 public:
  struct Options {
    std::filesystem::path data_dir;
    std::filesystem::path static_dir;     // empty: the server gets a folder that does not exist
    std::filesystem::path log_dir;        // empty: data_dir
    std::vector<std::string> extra_args;  // --log-level warn unless these set a level
    Env env;
  };

  explicit ServerProcess(Options options);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool ready() const { return port_ != 0; }
  const std::string& startup_error() const { return startup_error_; }
  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }

  void send_signal(int signal) const;
  // Waits for the process to end; nullopt if it is still running at the deadline.
  std::optional<ExitStatus> wait_exit(std::chrono::milliseconds timeout);
  // SIGTERM, then wait_exit(timeout); a process still running after that is killed (SIGKILL).
  std::optional<ExitStatus> terminate(std::chrono::milliseconds timeout = 15s);
  std::string log() const;  // the server's stderr so far

 private:
  void start(const Options& options);

  pid_t pid_ = -1;
  int pidfd_ = -1;
  int stdout_fd_ = -1;
  std::filesystem::path log_file_;
  std::uint16_t port_ = 0;
  std::string startup_error_;
  std::optional<ExitStatus> exit_;
};

}  // namespace hearth::api_test
