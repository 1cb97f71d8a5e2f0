// The one place where an Error becomes an HTTP response.
//
// Body: {"error":{"code":"<errc_name>","message":"...","field":"..."}} ("field" only when set).
// Every 5xx gets a generic message whatever the Error said, so no internal detail (SQL state,
// file paths, exception text) ever reaches a client.
#pragma once

#include <string_view>

#include "base/error.hpp"
#include "http/message.hpp"

namespace hearth::http {

int status_for(Errc code);
Response error_response(const Error& error);
// For answers that have no Error object at hand (transport limits, unmatched routes).
Response error_response(Errc code, std::string_view message);

}  // namespace hearth::http
