#include "http/json_body.hpp"

#include <algorithm>
#include <cctype>

namespace hearth::http {
namespace {

std::string lower_media_type(std::string_view content_type) {
  auto semi = content_type.find(';');
  std::string_view media = content_type.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  while (!media.empty() && media.front() == ' ') media.remove_prefix(1);
  std::string out(media);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Error field_error(Errc code, std::string_view field, std::string_view what) {
  return Error::of(code, std::string(field) + " " + std::string(what), std::string(field));
}

const nlohmann::json* find_field(const nlohmann::json& object, std::string_view field) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

Result<nlohmann::json> parse_json_object(const Request& request,
                                         std::initializer_list<std::string_view> extra_types) {
  const std::string media = lower_media_type(request.header("content-type").value_or(""));
  const bool accepted =
      media == "application/json" ||
      std::find(extra_types.begin(), extra_types.end(), media) != extra_types.end();
  if (!accepted) {
    return Error::of(Errc::unsupported_media_type, "the request body must be application/json");
  }
  if (request.body.empty()) return Error::of(Errc::malformed, "the request body is empty");
  // allow_exceptions=false: a parse failure comes back as a discarded value, not a throw.
  // nlohmann's parser rejects ill-formed UTF-8 inside strings, which we rely on here.
  nlohmann::json value = nlohmann::json::parse(request.body, nullptr, false);
  if (value.is_discarded()) {
    return Error::of(Errc::malformed, "the request body is not valid JSON (UTF-8)");
  }
  if (!value.is_object())
    return Error::of(Errc::malformed, "the request body must be a JSON object");
  return value;
}

Result<std::string> required_string(const nlohmann::json& object, std::string_view field,
                                    std::size_t max_bytes) {
  auto value = optional_string(object, field, max_bytes);
  if (!value.ok()) return std::move(value).error();
  if (!value->has_value()) return field_error(Errc::invalid_argument, field, "is required");
  return std::move(**value);
}

Result<std::optional<std::string>> optional_string(const nlohmann::json& object,
                                                   std::string_view field, std::size_t max_bytes) {
  const nlohmann::json* value = find_field(object, field);
  if (value == nullptr) return std::optional<std::string>{};
  if (!value->is_string()) return field_error(Errc::malformed, field, "must be a string");
  const auto& s = value->get_ref<const std::string&>();
  if (s.size() > max_bytes) {
    return field_error(Errc::invalid_argument, field,
                       "is longer than " + std::to_string(max_bytes) + " bytes");
  }
  return std::optional<std::string>(s);
}

Result<std::int64_t> required_integer(const nlohmann::json& object, std::string_view field,
                                      std::int64_t min, std::int64_t max) {
  const nlohmann::json* value = find_field(object, field);
  if (value == nullptr) return field_error(Errc::invalid_argument, field, "is required");
  if (!value->is_number_integer()) return field_error(Errc::malformed, field, "must be an integer");
  std::int64_t n = 0;
  if (value->is_number_unsigned()) {
    auto u = value->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(max)) {
      return field_error(Errc::invalid_argument, field, "is out of range");
    }
    n = static_cast<std::int64_t>(u);
  } else {
    n = value->get<std::int64_t>();
  }
  if (n < min || n > max) return field_error(Errc::invalid_argument, field, "is out of range");
  return n;
}

Result<const nlohmann::json*> required_object(const nlohmann::json& object,
                                              std::string_view field) {
  const nlohmann::json* value = find_field(object, field);
  if (value == nullptr) return field_error(Errc::invalid_argument, field, "is required");
  if (!value->is_object()) return field_error(Errc::malformed, field, "must be an object");
  return value;
}

std::string dump_json(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace hearth::http
