#include "receiptocr/log.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>

// GCC says which sanitizers are on with macros, Clang with __has_feature.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define RECEIPTOCR_SANITIZER_BUILD 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define RECEIPTOCR_SANITIZER_BUILD 1
#endif
#ifdef RECEIPTOCR_SANITIZER_BUILD
#include <sanitizer/common_interface_defs.h>
#endif

namespace receiptocr::log {
namespace {
Level current_level = Level::normal;
bool json = false;
std::mutex output_mutex;
FILE* sink = stderr;  // where our diagnostics go (a dup of the original stderr once captured)
std::atomic<int> notice_descriptor{STDERR_FILENO};  // sink's descriptor for signal handlers; -1: quiet

bool use_color() {
  static const bool color = isatty(STDERR_FILENO) && std::getenv("NO_COLOR") == nullptr &&
                            std::getenv("TERM") != nullptr && std::string_view(std::getenv("TERM")) != "dumb";
  return color;
}

void emit(const char* label, const char* color, std::string_view message) {
  std::lock_guard<std::mutex> lock(output_mutex);
  if (json) {
    nlohmann::ordered_json j;
    j["level"] = label[0] ? std::string(label) : std::string("info");
    j["message"] = std::string(message);
    std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(line.data(), 1, line.size(), sink);
    std::fflush(sink);
    return;
  }
  std::string line = "receiptocr: ";
  if (label[0]) {
    if (use_color()) line += std::string(color) + label + ":\033[0m ";
    else line += std::string(label) + ": ";
  }
  // One message, one line: control characters (a newline in a file name) are escaped.
  for (char c : message) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\n') line += "\\n";
    else if (c == '\r') line += "\\r";
    else if (c == '\t') line += "\\t";
    else if (u < 0x20 || u == 0x7f) line += fmt::format("\\x{:02x}", u);
    else line += c;
  }
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), sink);
    std::fflush(sink);
}
}  // namespace

#ifdef RECEIPTOCR_SANITIZER_BUILD
namespace {
// True when a sanitizer is told to write its reports to files (log_path=...).
bool sanitizer_reports_to_files() {
  for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"}) {
    const char* options = std::getenv(name);
    if (options && std::strstr(options, "log_path=")) return true;
  }
  return false;
}
}  // namespace
#endif

void capture_library_stderr() {
  if (current_level >= Level::debug || sink != stderr) return;
  std::fflush(stderr);
  int saved = dup(STDERR_FILENO);
  if (saved < 0) return;
  FILE* f = fdopen(saved, "w");
  if (!f) {
    close(saved);
    return;
  }
  int null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null_fd < 0) {
    fclose(f);
    return;
  }
  fcntl(saved, F_SETFD, FD_CLOEXEC);
  dup2(null_fd, STDERR_FILENO);
  close(null_fd);
  sink = f;
  if (notice_descriptor.load() >= 0) notice_descriptor.store(saved);
#ifdef RECEIPTOCR_SANITIZER_BUILD
  // Sanitizer reports are written to file descriptor 2, now /dev/null: send them to the real
  // stderr instead, so a sanitizer build hides the same library chatter as a release build
  // (and passes the same tests) without hiding a single report.
  if (!sanitizer_reports_to_files())
    __sanitizer_set_report_fd(reinterpret_cast<void*>(static_cast<std::uintptr_t>(saved)));
#endif
}

void configure(Level level, bool json_lines) {
  current_level = level;
  json = json_lines;
  if (level == Level::quiet || json_lines) notice_descriptor.store(-1);
}
int notice_fd() { return notice_descriptor.load(); }
Level level() { return current_level; }
bool json_mode() { return json; }
bool stderr_is_tty() { return isatty(fileno(sink)) != 0; }
FILE* stream() { return sink; }

void error(std::string_view message) { emit("error", "\033[1;31m", message); }
void warning(std::string_view message) {
  if (current_level >= Level::normal) emit("warning", "\033[1;33m", message);
}
void info(std::string_view message) {
  if (current_level >= Level::normal) emit("", "", message);
}
void verbose(std::string_view message) {
  if (current_level >= Level::verbose) emit("", "", message);
}
void debug(std::string_view message) {
  if (current_level >= Level::debug) emit("", "", message);
}
void event(std::string_view json_object) {
  if (!json) return;
  std::lock_guard<std::mutex> lock(output_mutex);
  std::string line(json_object);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), sink);
    std::fflush(sink);
}

}  // namespace receiptocr::log
