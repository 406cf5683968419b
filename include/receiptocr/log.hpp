#pragma once
// The one diagnostics facility: levels, colour only on a terminal without NO_COLOR, and a
// JSON-lines mode for automation. Everything goes to stderr; results go to stdout.
#include <string>
#include <string_view>

namespace receiptocr::log {

enum class Level { quiet = 0, normal = 1, verbose = 2, debug = 3 };

// Configures the facility once at start-up.
void configure(Level level, bool json);
Level level();
bool json_mode();
// True when stderr is a terminal (progress bars are drawn only then).
bool stderr_is_tty();

// "receiptocr: error: <message>" (always printed, even with -q).
void error(std::string_view message);
// "receiptocr: warning: <message>" (hidden by -q).
void warning(std::string_view message);
// Plain informational line (hidden by -q).
void info(std::string_view message);
// Only with -v.
void verbose(std::string_view message);
// A structured event for --log-format json (ignored otherwise): {"event":..., ...fields}.
void event(std::string_view json_object);

}  // namespace receiptocr::log
