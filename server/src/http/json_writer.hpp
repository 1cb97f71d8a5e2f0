// JsonWriter: JSON written straight into a string, for the answers that are asked for most
// often (the schedule), where building a tree of maps first and serialising it after was half
// of a request. Strings are escaped as RFC 8259 requires; bytes that are not UTF-8 become
// U+FFFD, as dump_json does. The caller keeps the structure balanced.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hearth::http {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);  // a literal name: not escaped

  JsonWriter& string(std::string_view text);
  JsonWriter& string_or_null(std::string_view text);   // "" becomes null
  JsonWriter& timestamp(std::int64_t ms_since_epoch);  // as format_timestamp
  JsonWriter& number(std::int64_t value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();

 private:
  void separate();  // the comma before a value or key that is not the first in its container

  std::string& out_;
  bool first_ = true;       // nothing written yet in the innermost open container
  bool after_key_ = false;  // the next value belongs to the key just written
};

// Appends `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace hearth::http
