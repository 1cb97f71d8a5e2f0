#include "app/media.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "crypto/turn_credentials.hpp"

namespace hearth::app {
namespace {

class IceServersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("hearth-ice-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string secret_file(const std::string& content) {
    const auto path = (dir_ / "turn-secret").string();
    std::ofstream(path) << content;
    return path;
  }

  std::filesystem::path dir_;
  ManualClock clock_{TimePoint(std::chrono::seconds(1'800'000'000))};
};

TEST_F(IceServersTest, NothingConfiguredGivesNoServers) {
  auto servers = make_ice_servers({}, clock_);
  ASSERT_TRUE(servers);
  EXPECT_EQ((*servers)(), nlohmann::json::array());
}

TEST_F(IceServersTest, EachJoinGetsItsOwnTimeLimitedTurnCredential) {
  MediaConfig config;
  config.stun_urls = "stun:turn.example.org:3478";
  config.turn_urls = "turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349";
  config.turn_secret_file = secret_file("s3cret-shared\n");
  config.turn_ttl_s = 600;
  auto servers = make_ice_servers(config, clock_);
  ASSERT_TRUE(servers) << servers.error().message;
  const auto first = (*servers)();
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0]["urls"], nlohmann::json::array({"stun:turn.example.org:3478"}));
  EXPECT_EQ(first[1]["urls"].size(), 2u);
  const std::string username = first[1]["username"];
  EXPECT_TRUE(username.starts_with("1800000600:")) << username;
  // The newline that ended the file is not part of the secret.
  const auto expected =
      crypto::turn_credential("s3cret-shared", username.substr(11), 1'800'000'000, 600);
  ASSERT_TRUE(expected);
  EXPECT_EQ(first[1]["credential"], expected->credential);
  // Another join, another label.
  EXPECT_NE((*servers)()[1]["username"], username);
}

TEST_F(IceServersTest, AHalfConfiguredTurnOrABadUrlStopsTheStart) {
  MediaConfig only_urls;
  only_urls.turn_urls = "turn:turn.example.org:3478";
  EXPECT_EQ(make_ice_servers(only_urls, clock_).error().field, "turn_urls");
  MediaConfig only_secret;
  only_secret.turn_secret_file = secret_file("x");
  EXPECT_EQ(make_ice_servers(only_secret, clock_).error().field, "turn_urls");
  MediaConfig missing_file;
  missing_file.turn_urls = "turn:turn.example.org:3478";
  missing_file.turn_secret_file = (dir_ / "absent").string();
  EXPECT_EQ(make_ice_servers(missing_file, clock_).error().field, "turn_secret_file");
  MediaConfig empty_secret = missing_file;
  empty_secret.turn_secret_file = secret_file("\n");
  EXPECT_EQ(make_ice_servers(empty_secret, clock_).error().field, "turn_secret_file");
  MediaConfig wrong_scheme;
  wrong_scheme.stun_urls = "http://turn.example.org";
  EXPECT_EQ(make_ice_servers(wrong_scheme, clock_).error().field, "stun_urls");
}

TEST(UrlListTest, SplitsOnCommasAndTrims) {
  EXPECT_EQ(url_list(" a , b,,c "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(url_list("").empty());
}

}  // namespace
}  // namespace hearth::app
