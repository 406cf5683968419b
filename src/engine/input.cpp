#include "receiptocr/input.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "receiptocr/error.hpp"

namespace receiptocr {

std::string_view to_string(InputFormat format) {
  switch (format) {
    case InputFormat::pdf: return "pdf";
    case InputFormat::jpeg: return "jpeg";
    case InputFormat::png: return "png";
    case InputFormat::tiff: return "tiff";
    case InputFormat::webp: return "webp";
    case InputFormat::bmp: return "bmp";
    case InputFormat::pnm: return "pnm";
    case InputFormat::gif: return "gif";
    case InputFormat::jp2: return "jp2";
    case InputFormat::unknown: break;
  }
  return "unknown";
}

InputFormat detect_format(std::string_view b) {
  auto starts = [&](std::string_view magic) { return b.size() >= magic.size() && b.substr(0, magic.size()) == magic; };
  if (starts("\xFF\xD8\xFF")) return InputFormat::jpeg;
  if (starts("\x89PNG\r\n\x1A\n")) return InputFormat::png;
  if (starts("II*\0") || starts("MM\0*")) return InputFormat::tiff;
  if (b.size() >= 12 && starts("RIFF") && b.substr(8, 4) == "WEBP") return InputFormat::webp;
  if (starts("BM") && b.size() >= 26) return InputFormat::bmp;
  if (starts("GIF87a") || starts("GIF89a")) return InputFormat::gif;
  if (starts(std::string_view("\0\0\0\x0CjP  ", 8)) || starts("\xFF\x4F\xFF\x51")) return InputFormat::jp2;
  if (b.size() >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6' && (b[2] == ' ' || b[2] == '\n' || b[2] == '\r' || b[2] == '\t'))
    return InputFormat::pnm;
  // PDF: "%PDF-" must be in the first 1024 bytes (some writers put junk before it).
  if (b.substr(0, std::min<size_t>(b.size(), 1024)).find("%PDF-") != std::string_view::npos) return InputFormat::pdf;
  return InputFormat::unknown;
}

std::string read_input(const std::string& path, std::uint64_t max_bytes) {
  int fd = path == "-" ? dup(STDIN_FILENO) : open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    int e = errno;
    if (e == ENOENT) throw DocumentError("not_found", "no such file");
    if (e == EACCES) throw DocumentError("permission_denied", "permission denied");
    if (e == ELOOP) throw DocumentError("unreadable", "too many levels of symbolic links");
    throw DocumentError("unreadable", std::strerror(e));
  }
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    close(fd);
    throw DocumentError("unreadable", std::strerror(errno));
  }
  if (path != "-" && !S_ISREG(st.st_mode)) {
    close(fd);
    throw DocumentError("not_a_file", S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
  }
  if (path != "-") {
    // Regular files never block; drop O_NONBLOCK so reads behave normally.
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
      close(fd);
      throw DocumentError("too_large", fmt::format("file is {} bytes, over the limit of {} (--max-file-size)",
                                                   static_cast<std::uint64_t>(st.st_size), max_bytes));
    }
  }
  std::string data;
  if (path != "-") data.reserve(static_cast<size_t>(st.st_size));
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      close(fd);
      throw DocumentError("unreadable", std::strerror(e));
    }
    if (n == 0) break;
    data.append(buffer, static_cast<size_t>(n));
    if (data.size() > max_bytes) {
      close(fd);
      throw DocumentError("too_large", fmt::format("input is over the limit of {} bytes (--max-file-size)", max_bytes));
    }
  }
  close(fd);
  if (data.empty()) throw DocumentError("empty_file", "file is empty");
  return data;
}

}  // namespace receiptocr
