#pragma once
// The one diagnostics facility: levels, colour only on a terminal without NO_COLOR, and a
// JSON-lines mode for automation. Everything goes to stderr; results go to stdout.
#include <cstdio>
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
// The stream diagnostics go to (the real stderr even after capture_library_stderr); for
// progress bars and other raw output.
FILE* stream();

// The file descriptor a signal handler may write a notice to (the real stderr), or -1 under -q
// or JSON logs. Async-signal-safe.
int notice_fd();

// Keeps third-party chatter (libjpeg's "Premature end of JPEG file", libpng, Tesseract,
// poppler) off the user's terminal: our messages keep going to the real stderr, while
// file descriptor 2 is pointed at /dev/null. Not done with -vv (debug), where that chatter
// can help. In a sanitizer build, sanitizer reports are sent to the real stderr (or to their
// log_path files). Safe to call once, before threads start.
void capture_library_stderr();

// "receiptocr: error: <message>" (always printed, even with -q).
void error(std::string_view message);
// "receiptocr: warning: <message>" (hidden by -q).
void warning(std::string_view message);
// Plain informational line (hidden by -q).
void info(std::string_view message);
// Only with -v.
void verbose(std::string_view message);
// Only with -vv: how a document was read (close-up readings and what they decided).
void debug(std::string_view message);
// A structured event for --log-format json (ignored otherwise): {"event":..., ...fields}.
void event(std::string_view json_object);

}  // namespace receiptocr::log
