#include "http/json_body.hpp"

#include <gtest/gtest.h>

namespace hearth::http {
namespace {

Request json_request(std::string body, std::string type = "application/json") {
  Request r;
  r.method = Method::post;
  r.headers = {{"content-type", std::move(type)}};
  r.body = std::move(body);
  return r;
}

TEST(JsonBody, ParsesAnObject) {
  auto r = parse_json_object(json_request(R"({"a":1})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["a"], 1);
}

TEST(JsonBody, AcceptsCharsetParameterAndCase) {
  EXPECT_TRUE(parse_json_object(json_request("{}", "Application/JSON; charset=utf-8")).ok());
}

TEST(JsonBody, RefusesOtherMediaTypes) {
  auto r = parse_json_object(json_request("{}", "text/plain"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::unsupported_media_type);
}

TEST(JsonBody, MalformedJsonIsRefusedWithoutEchoingIt) {
  for (std::string body : {"", "{", "{\"a\":}", "[1,2]", "\"str\"", "{\"secret-value\" 1}"}) {
    auto r = parse_json_object(json_request(body));
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.error().code, Errc::malformed) << body;
    EXPECT_EQ(r.error().message.find("secret"), std::string::npos);
  }
}

TEST(JsonBody, InvalidUtf8IsMalformed) {
  auto r = parse_json_object(json_request("{\"name\":\"\xC3\x28\"}"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::malformed);
}

TEST(JsonFields, MissingWrongTypeAndTooLong) {
  nlohmann::json o = {{"name", 5}, {"long", std::string(20, 'x')}, {"n", "7"}};
  EXPECT_EQ(required_string(o, "absent", 10).error().code, Errc::invalid_argument);
  EXPECT_EQ(required_string(o, "name", 10).error().code, Errc::malformed);
  EXPECT_EQ(required_string(o, "long", 10).error().code, Errc::invalid_argument);
  EXPECT_EQ(required_integer(o, "n", 0, 10).error().code, Errc::malformed);
  EXPECT_EQ(required_string(o, "name", 10).error().field, "name");
}

TEST(JsonFields, IntegersWithinAndOutsideTheRange) {
  nlohmann::json o = {{"a", 5}, {"b", -1}, {"c", 18446744073709551615ULL}, {"d", 1.5}};
  EXPECT_EQ(*required_integer(o, "a", 0, 10), 5);
  EXPECT_EQ(required_integer(o, "b", 0, 10).error().code, Errc::invalid_argument);
  EXPECT_EQ(required_integer(o, "c", 0, 10).error().code, Errc::invalid_argument);
  EXPECT_EQ(required_integer(o, "d", 0, 10).error().code, Errc::malformed);
}

TEST(JsonFields, NullCountsAsAbsent) {
  nlohmann::json o = {{"x", nullptr}};
  auto r = optional_string(o, "x", 10);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_value());
}

}  // namespace
}  // namespace hearth::http
