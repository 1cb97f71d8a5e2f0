// Identifiers for stored records: 128 random bits as 26 lowercase base32 characters.
//
// Random rather than sequential so that an id in a URL reveals neither how many records exist nor
// when one was made, and so that both store drivers share one id scheme. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace hearth {

std::string new_id();
// True if s has the shape new_id() produces; used to reject bad ids before any store access.
bool is_valid_id(std::string_view s);

}  // namespace hearth
