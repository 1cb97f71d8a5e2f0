#include "http/error_response.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace hearth::http {
namespace {

TEST(ErrorResponse, ClientErrorsCarryCodeMessageAndField) {
  auto r = error_response(Error::of(Errc::invalid_argument, "name is required", "name"));
  EXPECT_EQ(r.status, 422);
  auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["error"]["code"], "invalid_argument");
  EXPECT_EQ(body["error"]["message"], "name is required");
  EXPECT_EQ(body["error"]["field"], "name");
}

TEST(ErrorResponse, ServerErrorsAreGeneric) {
  auto r = error_response(Error::of(Errc::internal, "SQLITE_CORRUPT at /var/lib/x.db row 42"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("SQLITE"), std::string::npos);
  EXPECT_EQ(r.body.find("/var"), std::string::npos);
  auto unavailable = error_response(Error::of(Errc::unavailable, "host db1 refused"));
  EXPECT_EQ(unavailable.status, 503);
  EXPECT_EQ(unavailable.body.find("db1"), std::string::npos);
}

TEST(ErrorResponse, EveryCodeMapsToAnErrorStatus) {
  for (int c = 0; c <= static_cast<int>(Errc::internal); ++c) {
    const int status = status_for(static_cast<Errc>(c));
    EXPECT_GE(status, 400);
    EXPECT_LT(status, 600);
  }
}

}  // namespace
}  // namespace hearth::http
