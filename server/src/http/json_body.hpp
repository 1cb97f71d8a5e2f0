// Decoding JSON request bodies into commands: content type, syntax, UTF-8 and field types.
//
// Errors name the field at fault but never echo the client's value (it may be personal data),
// and never include the parser's own message (it quotes the input). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "http/message.hpp"

namespace hearth::http {

// The body as a JSON object. Errc::unsupported_media_type unless Content-Type is
// application/json (or one of `extra_types`); Errc::malformed for empty bodies, bad syntax,
// invalid UTF-8 or a top-level value that is not an object.
Result<nlohmann::json> parse_json_object(const Request& request,
                                         std::initializer_list<std::string_view> extra_types = {});

// Field readers for a decoded object. Missing → Errc::invalid_argument "is required";
// wrong JSON type → Errc::malformed "must be a <type>"; too long → invalid_argument.
Result<std::string> required_string(const nlohmann::json& object, std::string_view field,
                                    std::size_t max_bytes);
Result<std::optional<std::string>> optional_string(const nlohmann::json& object,
                                                   std::string_view field, std::size_t max_bytes);
Result<std::int64_t> required_integer(const nlohmann::json& object, std::string_view field,
                                      std::int64_t min, std::int64_t max);
Result<const nlohmann::json*> required_object(const nlohmann::json& object, std::string_view field);

// Serialises a response body; strings we produce are valid UTF-8, but stay safe if one is not.
std::string dump_json(const nlohmann::json& value);

}  // namespace hearth::http
