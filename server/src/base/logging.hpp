// Process-wide logging set-up. Log lines are structured key=value text (logfmt) and must
// never contain personal health information, request bodies, tokens or raw URLs with queries:
// call sites log route patterns and ids, not content.
#pragma once

#include <string>
#include <string_view>

namespace hearth {

// Installs the default spdlog logger writing to stderr. Call once, before threads start.
// level: trace, debug, info, warn, error, off. Lines below warn are buffered for at most 100 ms
// (a warning or error writes them at once, in order); all are written by a clean exit.
void init_logging(std::string_view level);

// Escapes a value for a key=value or JSON log line (quotes, control characters).
std::string log_escape(std::string_view value);

}  // namespace hearth
