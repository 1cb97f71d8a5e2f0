#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace hearth::http {
namespace {
namespace fs = std::filesystem;

void write(const fs::path& p, std::string_view content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("hearth-static-" + std::to_string(std::random_device{}()));
    root_ = base_ / "dist";
    write(root_ / "index.html", "<!doctype html><title>app</title>");
    write(root_ / "assets" / "app-3f2a.js", "console.log(1)");
    write(root_ / "robots.txt", "User-agent: *");
    write(root_ / ".env", "SECRET=1");
    write(base_ / "secret.txt", "outside the root");
    fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
    fs::create_symlink(base_, root_ / "up");
    fs::create_symlink(root_ / "robots.txt", root_ / "robots-link.txt");
    auto loaded = StaticFiles::load(root_);
    ASSERT_TRUE(loaded.ok());
    files_ = std::move(loaded).value();
  }
  void TearDown() override { fs::remove_all(base_); }

  std::string body_of(std::string_view path) {
    auto l = files_.lookup(path);
    return l.outcome == StaticFiles::Outcome::found ? *l.file->body : std::string("<none>");
  }

  fs::path base_, root_;
  StaticFiles files_;
};

TEST_F(StaticFilesTest, ServesIndexAtTheRoot) {
  EXPECT_EQ(body_of("/"), "<!doctype html><title>app</title>");
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutableAndTyped) {
  auto l = files_.lookup("/assets/app-3f2a.js");
  ASSERT_EQ(l.outcome, StaticFiles::Outcome::found);
  EXPECT_EQ(l.file->content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(l.file->cache_control.find("immutable"), std::string::npos);
  EXPECT_EQ(files_.lookup("/").file->cache_control, "no-cache");
}

TEST_F(StaticFilesTest, ClientRoutesGetIndexButMissingFilesDoNot) {
  EXPECT_EQ(body_of("/settings"), body_of("/"));
  EXPECT_EQ(body_of("/programs/abc"), body_of("/"));
  EXPECT_EQ(files_.lookup("/missing.js").outcome, StaticFiles::Outcome::not_found);
}

TEST_F(StaticFilesTest, DirectoriesAreNeverListed) {
  EXPECT_EQ(files_.lookup("/assets/").outcome, StaticFiles::Outcome::not_found);
  EXPECT_EQ(files_.lookup("/assets").outcome, StaticFiles::Outcome::found);  // a client route
  EXPECT_EQ(body_of("/assets"), body_of("/"));
}

TEST_F(StaticFilesTest, DotDotInAnySpellingIsRefused) {
  for (auto path : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                    "/%2E%2E/secret.txt", "/.%2e/secret.txt", "/./index.html"}) {
    EXPECT_EQ(files_.lookup(path).outcome, StaticFiles::Outcome::refused) << path;
  }
}

TEST_F(StaticFilesTest, EncodedSlashesBackslashesAndNulAreRefused) {
  for (auto path : {"/..%2fsecret.txt", "/assets%2Fapp-3f2a.js", "/..%5csecret.txt",
                    "/index.html%00.js", "//etc/passwd"}) {
    EXPECT_EQ(files_.lookup(path).outcome, StaticFiles::Outcome::refused) << path;
  }
}

TEST_F(StaticFilesTest, SymlinksOutOfTheRootAreNotServed) {
  EXPECT_EQ(files_.lookup("/leak.txt").outcome, StaticFiles::Outcome::not_found);
  EXPECT_EQ(files_.lookup("/up/secret.txt").outcome, StaticFiles::Outcome::not_found);
  EXPECT_EQ(body_of("/robots-link.txt"), "User-agent: *");  // a link inside the root is fine
}

TEST_F(StaticFilesTest, DotFilesAreNotServed) {
  EXPECT_EQ(files_.lookup("/.env").outcome, StaticFiles::Outcome::not_found);
}

TEST(StaticFilesLoad, AMissingRootIsAnError) {
  auto r = StaticFiles::load("/nonexistent/hearth/dist");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::unavailable);
}

TEST(ContentTypes, CommonWebTypes) {
  EXPECT_EQ(content_type_for("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("a.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("a.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("noext"), "application/octet-stream");
}

}  // namespace
}  // namespace hearth::http
