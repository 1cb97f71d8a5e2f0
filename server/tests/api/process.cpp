#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <system_error>

#ifndef HEARTH_BIN
#error "HEARTH_BIN must name the hearth binary under test"
#endif

extern char** environ;

namespace hearth::api_test {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

// The caller's environment without HEARTH_* (so a developer's settings cannot change a test),
// plus the test's own variables.
std::vector<std::string> child_environment(const Env& extra) {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    if (entry.starts_with("HEARTH_")) continue;
    bool overridden = false;
    for (const auto& [name, value] : extra) {
      overridden = overridden || entry.starts_with(name + "=");
    }
    if (!overridden) out.emplace_back(entry);
  }
  for (const auto& [name, value] : extra) out.push_back(name + "=" + value);
  return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

struct Spawned {
  pid_t pid = -1;
  int pidfd = -1;
  int out_fd = -1;  // read end of the child's stdout
  int err_fd = -1;  // read end of the child's stderr, or -1 when it goes to a file
};

// fork + exec of HEARTH_BIN. Between fork and exec only async-signal-safe calls are made; every
// descriptor of ours is close-on-exec, so client sockets of the test never leak into a server.
Spawned spawn_hearth(const std::vector<std::string>& args, const Env& env, const fs::path& cwd,
                     const std::optional<fs::path>& stderr_file) {
  std::vector<std::string> argv_strings{HEARTH_BIN};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = child_environment(env);
  std::vector<char*> argv = c_strings(argv_strings);
  std::vector<char*> envp = c_strings(env_strings);
  const std::string cwd_string = cwd.string();

  int out_pipe[2];
  int err_pipe[2] = {-1, -1};
  if (pipe2(out_pipe, O_CLOEXEC) != 0) fail_errno("pipe2");
  int err_target = -1;
  if (stderr_file) {
    err_target = ::open(stderr_file->c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (err_target < 0) fail_errno("open " + stderr_file->string());
  } else {
    if (pipe2(err_pipe, O_CLOEXEC) != 0) fail_errno("pipe2");
    err_target = err_pipe[1];
  }
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd < 0) fail_errno("open /dev/null");

  const pid_t pid = fork();
  if (pid < 0) fail_errno("fork");
  if (pid == 0) {
    if (dup2(null_fd, 0) < 0 || dup2(out_pipe[1], 1) < 0 || dup2(err_target, 2) < 0 ||
        chdir(cwd_string.c_str()) != 0) {
      _exit(126);
    }
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  ::close(null_fd);
  ::close(out_pipe[1]);
  ::close(err_target);
  Spawned s;
  s.pid = pid;
  s.out_fd = out_pipe[0];
  s.err_fd = err_pipe[0];
  // glibc 2.36 declares pidfd_open without C linkage in C++; the system call is the same.
  s.pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (s.pidfd < 0) fail_errno("pidfd_open");
  return s;
}

ExitStatus decode_status(int raw) {
  ExitStatus s;
  if (WIFEXITED(raw)) {
    s.exited = true;
    s.code = WEXITSTATUS(raw);
  } else if (WIFSIGNALED(raw)) {
    s.signal = WTERMSIG(raw);
  }
  return s;
}

// Waits on the pidfd until the child ends or the deadline passes, then reaps it.
std::optional<ExitStatus> wait_child(pid_t pid, int pidfd, Clock::time_point deadline) {
  pollfd p{pidfd, POLLIN, 0};
  for (;;) {
    const int n = ::poll(&p, 1, remaining_ms(deadline));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail_errno("poll pidfd");
    if (n == 0) return std::nullopt;
    break;
  }
  int raw = 0;
  while (waitpid(pid, &raw, 0) < 0) {
    if (errno != EINTR) fail_errno("waitpid");
  }
  return decode_status(raw);
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "hearth-api-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) fail_errno("mkdtemp");
  path_ = fs::canonical(pattern);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void write_file(const fs::path& file, std::string_view content) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string ExitStatus::describe() const {
  if (exited) return "exit code " + std::to_string(code);
  if (signal != 0) return std::string("killed by signal ") + strsignal(signal);
  return "unknown status";
}

std::string RunResult::describe() const {
  std::ostringstream s;
  s << (timed_out ? "timed out; " : "") << status.describe() << "\n--- stdout ---\n"
    << out << "--- stderr ---\n"
    << err;
  return s.str();
}

RunResult run_hearth(const std::vector<std::string>& args, const Env& env,
                     std::chrono::milliseconds timeout) {
  const TempDir cwd;
  const auto deadline = Clock::now() + timeout;
  Spawned child = spawn_hearth(args, env, cwd.path(), std::nullopt);
  RunResult result;
  std::string* sinks[2] = {&result.out, &result.err};
  pollfd fds[2] = {{child.out_fd, POLLIN, 0}, {child.err_fd, POLLIN, 0}};
  int open_pipes = 2;
  while (open_pipes > 0) {
    const int n = ::poll(fds, 2, remaining_ms(deadline));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      result.timed_out = true;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buf[4096];
      const ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
      if (got > 0) {
        sinks[i]->append(buf, static_cast<std::size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_pipes;
      }
    }
  }
  for (auto& p : fds) {
    if (p.fd >= 0) ::close(p.fd);
  }
  auto status = result.timed_out ? std::nullopt : wait_child(child.pid, child.pidfd, deadline);
  if (!status) {
    result.timed_out = true;
    ::kill(child.pid, SIGKILL);
    status = wait_child(child.pid, child.pidfd, Clock::now() + 10s);
  }
  ::close(child.pidfd);
  result.status = status.value_or(ExitStatus{});
  return result;
}

ServerProcess::ServerProcess(Options options) {
  try {
    start(options);
  } catch (const std::exception& e) {
    startup_error_ = std::string("cannot start hearth serve: ") + e.what();
  }
}

void ServerProcess::start(const Options& options) {
  std::vector<std::string> args = {"serve", "--data", options.data_dir.string(), "--port", "0"};
  const auto& extra = options.extra_args;
  if (std::find(extra.begin(), extra.end(), "--log-level") == extra.end()) {
    args.insert(args.end(), {"--log-level", "warn"});
  }
  const fs::path static_dir =
      options.static_dir.empty() ? options.data_dir / "no-web-app" : options.static_dir;
  args.insert(args.end(), {"--static", static_dir.string()});
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  log_file_ = (options.log_dir.empty() ? options.data_dir : options.log_dir) / "server.log";

  fs::create_directories(options.data_dir);  // also the child's working folder
  Spawned child = spawn_hearth(args, options.env, options.data_dir, log_file_);
  pid_ = child.pid;
  pidfd_ = child.pidfd;
  stdout_fd_ = child.out_fd;

  // A Debug build applies migrations and loads the web app before printing the line.
  const auto deadline = Clock::now() + 20s;
  constexpr std::string_view kReady = "Hearth is ready at http://localhost:";
  std::string out;
  for (;;) {
    if (auto at = out.find(kReady); at != std::string::npos) {
      const auto end = out.find('\n', at);
      if (end != std::string::npos) {
        const std::string line = out.substr(at, end - at);
        const int port = std::atoi(line.c_str() + kReady.size());
        if (port <= 0 || port > 65535 || !line.ends_with("/")) {
          startup_error_ = "unexpected ready line: " + line;
          return;
        }
        port_ = static_cast<std::uint16_t>(port);
        return;
      }
    }
    pollfd p{stdout_fd_, POLLIN, 0};
    const int n = ::poll(&p, 1, remaining_ms(deadline));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      startup_error_ = "no ready line within 20 s; stdout so far: " + out + "\nlog:\n" + log();
      return;
    }
    char buf[1024];
    const ssize_t got = ::read(stdout_fd_, buf, sizeof buf);
    if (got <= 0) {
      exit_ = wait_child(pid_, pidfd_, Clock::now() + 5s);
      startup_error_ = "hearth serve ended before it was ready (" +
                       (exit_ ? exit_->describe() : std::string("still running")) +
                       "); stdout: " + out + "\nlog:\n" + log();
      return;
    }
    out.append(buf, static_cast<std::size_t>(got));
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && !exit_) {
    try {
      (void)terminate();
    } catch (const std::exception&) {
      ::kill(pid_, SIGKILL);
    }
  }
  if (pidfd_ >= 0) ::close(pidfd_);
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

void ServerProcess::send_signal(int signal) const {
  if (pid_ > 0 && !exit_) ::kill(pid_, signal);
}

std::optional<ExitStatus> ServerProcess::wait_exit(std::chrono::milliseconds timeout) {
  if (exit_) return exit_;
  if (pid_ <= 0) return std::nullopt;
  exit_ = wait_child(pid_, pidfd_, Clock::now() + timeout);
  return exit_;
}

std::optional<ExitStatus> ServerProcess::terminate(std::chrono::milliseconds timeout) {
  if (exit_ || pid_ <= 0) return exit_;
  send_signal(SIGTERM);
  auto status = wait_exit(timeout);
  if (!status) {
    ::kill(pid_, SIGKILL);
    exit_ = wait_child(pid_, pidfd_, Clock::now() + 10s);
    return std::nullopt;
  }
  return status;
}

std::string ServerProcess::log() const {
  return log_file_.empty() ? "" : read_file(log_file_);
}

}  // namespace hearth::api_test
