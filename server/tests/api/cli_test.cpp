// The command line: subcommands and their help, version, --print-config, and where a setting
// comes from (flag, then HEARTH_* environment, then --config file).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "process.hpp"

namespace hearth::api_test {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kSubcommands[] = {"serve", "migrate", "demo", "backup", "version"};

nlohmann::json print_config(const std::vector<std::string>& extra, const Env& env = {}) {
  std::vector<std::string> args = {"serve", "--print-config"};
  args.insert(args.end(), extra.begin(), extra.end());
  const RunResult r = run_hearth(args, env);
  if (!r.status.success()) throw std::runtime_error("--print-config failed: " + r.describe());
  auto value = nlohmann::json::parse(r.out, nullptr, false);
  if (!value.is_object()) throw std::runtime_error("--print-config is not a JSON object: " + r.out);
  return value;
}

TEST(Cli, HelpListsEverySubcommand) {
  const RunResult r = run_hearth({"--help"});
  ASSERT_TRUE(r.status.success()) << r.describe();
  for (const char* sub : kSubcommands) EXPECT_THAT(r.out, HasSubstr(sub));
}

TEST(Cli, EverySubcommandHasItsOwnHelp) {
  for (const char* sub : kSubcommands) {
    SCOPED_TRACE(sub);
    const RunResult r = run_hearth({sub, "--help"});
    EXPECT_TRUE(r.status.success()) << r.describe();
    EXPECT_THAT(r.out, HasSubstr("--help"));
  }
  EXPECT_THAT(run_hearth({"serve", "--help"}).out, HasSubstr("--print-config"));
  EXPECT_THAT(run_hearth({"migrate", "--help"}).out, HasSubstr("--dry-run"));
  EXPECT_THAT(run_hearth({"backup", "--help"}).out, HasSubstr("--to"));
}

TEST(Cli, VersionPrintsTheVersion) {
  const RunResult r = run_hearth({"version"});
  ASSERT_TRUE(r.status.success()) << r.describe();
  EXPECT_THAT(r.out, HasSubstr(HEARTH_EXPECTED_VERSION));
  const RunResult flag = run_hearth({"--version"});
  ASSERT_TRUE(flag.status.success()) << flag.describe();
  EXPECT_THAT(flag.out, HasSubstr(HEARTH_EXPECTED_VERSION));
}

TEST(Cli, AMissingOrUnknownSubcommandFailsWithAMessage) {
  for (const auto& args : {std::vector<std::string>{}, std::vector<std::string>{"bogus"}}) {
    const RunResult r = run_hearth(args);
    EXPECT_TRUE(r.status.exited && r.status.code != 0) << r.describe();
    EXPECT_FALSE(r.err.empty()) << r.describe();
  }
}

TEST(Cli, InvalidOptionValuesFailBeforeAnythingStarts) {
  const TempDir dir;
  const std::string data = (dir / "data").string();
  for (const auto& bad :
       std::vector<std::vector<std::string>>{{"--port", "99999"},
                                             {"--port", "eighty"},
                                             {"--log-level", "loud"},
                                             {"--read-timeout-ms", "1"},
                                             {"--body-limit", "10"},
                                             {"--max-connections", "0"},
                                             {"--tls-cert", "/nonexistent/cert.pem"}}) {
    SCOPED_TRACE(bad[0] + " " + bad[1]);
    std::vector<std::string> args = {"serve", "--print-config", "--data", data};
    args.insert(args.end(), bad.begin(), bad.end());
    const RunResult r = run_hearth(args);
    EXPECT_TRUE(r.status.exited && r.status.code != 0) << r.describe();
    EXPECT_FALSE(r.err.empty()) << r.describe();
  }
  EXPECT_FALSE(fs::exists(data)) << "a refused command created the data folder";
}

TEST(Cli, PrintConfigIsJsonAndStartsNothing) {
  const TempDir dir;
  const auto config = print_config({"--data", (dir / "data").string()});
  EXPECT_EQ(config.value("port", -1), 8080);
  EXPECT_EQ(config.value("data", ""), (dir / "data").string());
  EXPECT_THAT(config.value("db", ""), HasSubstr("sqlite://"));
  EXPECT_EQ(config.value("tls", true), false);
  for (const char* key : {"header_limit", "body_limit", "read_timeout_ms", "idle_timeout_ms",
                          "max_connections", "static", "listen"}) {
    EXPECT_TRUE(config.contains(key)) << key << " missing from " << config.dump();
  }
  EXPECT_FALSE(fs::exists(dir / "data")) << "--print-config created the data folder";
}

struct PrecedenceCase {
  bool file = false;
  bool env = false;
  bool flag = false;
  int expected_port = 0;
};

void PrintTo(const PrecedenceCase& c, std::ostream* os) {
  *os << "file=" << c.file << " env=" << c.env << " flag=" << c.flag
      << " expected_port=" << c.expected_port;
}

class ConfigPrecedence : public ::testing::TestWithParam<PrecedenceCase> {};

TEST_P(ConfigPrecedence, FlagBeatsEnvironmentBeatsConfigFile) {
  const PrecedenceCase c = GetParam();
  const TempDir dir;
  const fs::path file = dir / "hearth.toml";
  write_file(file, "port = 7001\nmax-connections = 77\n");
  std::vector<std::string> args = {"--data", (dir / "data").string()};
  if (c.file) args.insert(args.end(), {"--config", file.string()});
  if (c.flag) args.insert(args.end(), {"--port", "7003"});
  Env env;
  if (c.env) env.emplace_back("HEARTH_PORT", "7002");
  const auto config = print_config(args, env);
  EXPECT_EQ(config.value("port", -1), c.expected_port) << config.dump();
  // The file still supplies what nothing else sets.
  EXPECT_EQ(config.value("max_connections", -1), c.file ? 77 : 10000) << config.dump();
}

INSTANTIATE_TEST_SUITE_P(Sources, ConfigPrecedence,
                         ::testing::Values(PrecedenceCase{false, false, false, 8080},
                                           PrecedenceCase{true, false, false, 7001},
                                           PrecedenceCase{false, true, false, 7002},
                                           PrecedenceCase{false, false, true, 7003},
                                           PrecedenceCase{true, true, false, 7002},
                                           PrecedenceCase{true, false, true, 7003},
                                           PrecedenceCase{false, true, true, 7003},
                                           PrecedenceCase{true, true, true, 7003}),
                         [](const auto& info) {
                           const PrecedenceCase& c = info.param;
                           std::string name;
                           if (c.file) name += "File";
                           if (c.env) name += "Env";
                           if (c.flag) name += "Flag";
                           return name.empty() ? std::string("Defaults") : name;
                         });

TEST(Cli, PrintConfigRedactsTheDatabasePassword) {
  const TempDir dir;
  const std::string url = "postgresql://hearth:hunter2-pw@db.example.org:5432/hearth";
  const std::string data = (dir / "data").string();
  const std::vector<std::pair<std::vector<std::string>, Env>> sources = {
      {{"--data", data, "--db", url}, {}},
      {{"--data", data}, {{"HEARTH_DB", url}}},
  };
  for (const auto& [args, env] : sources) {
    std::vector<std::string> full = {"serve", "--print-config"};
    full.insert(full.end(), args.begin(), args.end());
    const RunResult r = run_hearth(full, env);
    ASSERT_TRUE(r.status.success()) << r.describe();
    EXPECT_THAT(r.output(), Not(HasSubstr("hunter2-pw")));
    const auto config = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_THAT(config.value("db", ""), HasSubstr("db.example.org")) << r.out;
  }
}

TEST(Cli, PrintConfigRedactsADatabasePasswordFromTheConfigFile) {
  const TempDir dir;
  const fs::path file = dir / "hearth.toml";
  write_file(file, "db = \"postgresql://hearth:hunter2-pw@db.example.org:5432/hearth\"\n");
  const RunResult r = run_hearth(
      {"serve", "--print-config", "--data", (dir / "data").string(), "--config", file.string()});
  ASSERT_TRUE(r.status.success()) << r.describe();
  EXPECT_THAT(r.output(), Not(HasSubstr("hunter2-pw")));
  const auto config = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_THAT(config.value("db", ""), HasSubstr("db.example.org"))
      << "the file was not read: " << r.out;
}

TEST(Cli, AConfigFileThatDoesNotExistIsAnError) {
  const TempDir dir;
  const RunResult r = run_hearth({"serve", "--print-config", "--data", (dir / "data").string(),
                                  "--config", (dir / "missing.toml").string()});
  EXPECT_TRUE(r.status.exited && r.status.code != 0) << r.describe();
  EXPECT_THAT(r.err, HasSubstr("missing.toml")) << r.describe();
}

TEST(Cli, PrintConfigDoesNotShowTheTlsKeyPath) {
  const TempDir dir;
  const RunResult r =
      run_hearth({"serve", "--print-config", "--data", (dir / "data").string(), "--tls-cert",
                  "/etc/hearth/cert.pem", "--tls-key", "/etc/hearth/private-key-4711.pem"});
  ASSERT_TRUE(r.status.success()) << r.describe();
  EXPECT_THAT(r.out, Not(HasSubstr("private-key-4711")));
  const auto config = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_EQ(config.value("tls", false), true) << r.out;
}

TEST(Cli, AnInvalidDatabaseUrlIsAClearErrorEverywhere) {
  const TempDir dir;
  const std::string data = (dir / "data").string();
  const std::string backup = (dir / "backup.db").string();
  for (const std::string url : {"mysql://u@localhost/hearth", "not-a-url"}) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"migrate", "--data", data, "--db", url},
             {"migrate", "--dry-run", "--data", data, "--db", url},
             {"demo", "--data", data, "--db", url},
             {"backup", "--data", data, "--db", url, "--to", backup},
             {"serve", "--data", data, "--db", url, "--port", "0"}}) {
      SCOPED_TRACE(args[0] + " " + url);
      const RunResult r = run_hearth(args, {}, 20s);
      EXPECT_FALSE(r.timed_out) << "kept running with an invalid --db: " << r.describe();
      EXPECT_TRUE(r.status.exited && r.status.code != 0) << r.describe();
      EXPECT_THAT(r.err, HasSubstr("sqlite"))
          << "the message says what is accepted: " << r.describe();
    }
  }
  EXPECT_FALSE(fs::exists(backup));
}

// The crisis phrases are the safety net: a list that cannot be read or used stops the start, with
// a message, rather than leaving the server running without it.
TEST(Cli, ACrisisPhraseFileThatCannotBeUsedStopsTheStart) {
  const TempDir dir;
  const std::string data = (dir / "data").string();
  write_file(dir / "empty.txt", "# nothing but a comment\n");
  write_file(dir / "unknown.txt", "sadness: feeling low\n");
  write_file(dir / "no-colon.txt", "I want to die\n");
  for (const std::string file : {"missing.txt", "empty.txt", "unknown.txt", "no-colon.txt"}) {
    SCOPED_TRACE(file);
    const RunResult r = run_hearth(
        {"serve", "--data", data, "--port", "0", "--crisis-phrases", (dir / file).string()}, {},
        20s);
    EXPECT_FALSE(r.timed_out) << "kept running without its phrases: " << r.describe();
    EXPECT_TRUE(r.status.exited && r.status.code != 0) << r.describe();
    EXPECT_THAT(r.err, HasSubstr("crisis phrases")) << r.describe();
  }
}

}  // namespace
}  // namespace hearth::api_test
