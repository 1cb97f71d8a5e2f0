#include "store/url.hpp"

#include <gtest/gtest.h>

#include "store/store.hpp"

namespace hearth::store {
namespace {

TEST(StoreUrl, SqliteWithThreeSlashesIsAnAbsolutePath) {
  auto url = parse_store_url("sqlite:///var/lib/hearth/hearth.db");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->driver, Driver::sqlite);
  EXPECT_EQ(url->target, "/var/lib/hearth/hearth.db");
}

TEST(StoreUrl, SqliteWithTwoSlashesIsARelativePath) {
  auto url = parse_store_url("sqlite://var/hearth.db");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->target, "var/hearth.db");
}

TEST(StoreUrl, PostgresqlUrlsGoToLibpqUnchanged) {
  for (std::string_view text : {"postgresql://u:p@db:5432/hearth", "postgres://db/hearth"}) {
    auto url = parse_store_url(text);
    ASSERT_TRUE(url.ok()) << text;
    EXPECT_EQ(url->driver, Driver::postgresql);
    EXPECT_EQ(url->target, text);
  }
}

TEST(StoreUrl, RejectsWhatItCannotOpenWithAClearMessage) {
  for (std::string_view text : {"", "sqlite://", "sqlite:///", "sqlite:relative.db",
                                "sqlite://:memory:", "mysql://db/x", "hearth.db"}) {
    auto url = parse_store_url(text);
    ASSERT_FALSE(url.ok()) << text;
    EXPECT_EQ(url.error().code, Errc::invalid_argument) << text;
    EXPECT_FALSE(url.error().message.empty()) << text;
  }
  auto wrong_scheme = parse_store_url("mysql://db/x");
  EXPECT_NE(wrong_scheme.error().message.find("'mysql'"), std::string::npos);
  EXPECT_NE(wrong_scheme.error().message.find("sqlite:///"), std::string::npos);
}

TEST(RedactUrl, HidesThePasswordInTheUserInformation) {
  EXPECT_EQ(redact_url("postgresql://hearth:s3cret@db:5432/hearth"),
            "postgresql://hearth:***@db:5432/hearth");
}

TEST(RedactUrl, HidesAPasswordWithAnAtSign) {
  EXPECT_EQ(redact_url("postgresql://hearth:p@ss@db/hearth"), "postgresql://hearth:***@db/hearth");
}

TEST(RedactUrl, HidesAPasswordQueryParameter) {
  EXPECT_EQ(redact_url("postgresql://db/hearth?user=u&password=s3cret&sslmode=require"),
            "postgresql://db/hearth?user=u&password=***&sslmode=require");
}

TEST(RedactUrl, LeavesUrlsWithoutPasswordsAlone) {
  EXPECT_EQ(redact_url("postgresql://hearth@db/hearth"), "postgresql://hearth@db/hearth");
  EXPECT_EQ(redact_url("sqlite:///var/hearth.db"), "sqlite:///var/hearth.db");
  EXPECT_EQ(redact_url("postgresql://db/hearth?sslmode=require"),
            "postgresql://db/hearth?sslmode=require");
}

TEST(UrlWithoutPassword, DropsThePasswordEverywhere) {
  EXPECT_EQ(url_without_password("postgresql://hearth:s3cret@db/hearth"),
            "postgresql://hearth@db/hearth");
  EXPECT_EQ(url_without_password("postgresql://db/h?password=s3cret&sslmode=require"),
            "postgresql://db/h?sslmode=require");
  EXPECT_EQ(url_without_password("postgresql://db/h?sslmode=require&password=s3cret"),
            "postgresql://db/h?sslmode=require");
  EXPECT_EQ(url_without_password("postgresql://db/h?password=s3cret"), "postgresql://db/h");
}

}  // namespace
}  // namespace hearth::store
