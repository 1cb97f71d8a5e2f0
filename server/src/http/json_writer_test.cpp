#include "http/json_writer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/json_body.hpp"

namespace hearth::http {
namespace {

std::string as_literal(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

TEST(JsonWriter, WritesNestedContainersWithCommasWhereTheyBelong) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("a").number(-12);
  w.key("b")
      .begin_array()
      .boolean(true)
      .null()
      .begin_object()
      .end_object()
      .begin_array()
      .end_array();
  w.end_array();
  w.key("c").begin_object().key("d").string_or_null("").key("e").string("x").end_object();
  w.key("t").timestamp(1795417262345);
  w.end_object();
  EXPECT_EQ(
      out,
      R"({"a":-12,"b":[true,null,{},[]],"c":{"d":null,"e":"x"},"t":"2026-11-23T07:01:02.345Z"})");
}

TEST(JsonWriter, EscapesStringsAsTheTreeEncoderDoes) {
  const std::string cases[] = {"plain",
                               "",
                               "quote \" and back\\slash",
                               "line\nfeed\ttab\rreturn\bback\fform",
                               std::string("nul\0byte", 8),
                               "\x01\x1f\x7f",
                               "é ✓ 😀 (two, three and four bytes)",
                               "</script>"};
  for (const auto& text : cases) {
    EXPECT_EQ(as_literal(text), dump_json(nlohmann::json(text))) << text;
    EXPECT_EQ(nlohmann::json::parse(as_literal(text)).get<std::string>(), text);
  }
}

TEST(JsonWriter, ReplacesBytesThatAreNotUtf8) {
  const std::string cases[] = {"\xff",         "a\xc3",        "\xc0\xaf",
                               "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                               "\xf0\x9f\x98"};
  for (const auto& text : cases) {
    const auto out = as_literal(text);
    EXPECT_FALSE(nlohmann::json::parse(out, nullptr, false).is_discarded()) << out;
    EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos) << out;
  }
}

}  // namespace
}  // namespace hearth::http
