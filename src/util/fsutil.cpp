#include "receiptocr/fsutil.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "receiptocr/error.hpp"

namespace receiptocr {

void make_directories(const std::string& path) {
  if (path.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) throw Fatal(ExitCode::output_error, fmt::format("{}: cannot create directory: {}", path, ec.message()));
}

void write_file_atomically(const std::string& path, std::string_view content) {
  std::filesystem::path target(path);
  std::string dir = target.parent_path().string();
  if (!dir.empty()) make_directories(dir);
  std::string temp_template = (dir.empty() ? std::string(".") : dir) + "/." + target.filename().string() + ".tmp.XXXXXX";
  std::string temp = temp_template;
  int fd = mkstemp(temp.data());
  if (fd < 0) throw Fatal(ExitCode::output_error, fmt::format("{}: cannot create temporary file: {}", path, std::strerror(errno)));
  // mkstemp creates 0600; give the file the permissions the user's umask asks for.
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  auto fail = [&](const char* what) {
    int e = errno;
    close(fd);
    unlink(temp.c_str());
    throw Fatal(ExitCode::output_error, fmt::format("{}: {}: {}", path, what, std::strerror(e)));
  };
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write");
    }
    written += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0) fail("cannot sync");
  if (close(fd) != 0) {
    int e = errno;
    unlink(temp.c_str());
    throw Fatal(ExitCode::output_error, fmt::format("{}: cannot close: {}", path, std::strerror(e)));
  }
  if (rename(temp.c_str(), path.c_str()) != 0) {
    int e = errno;
    unlink(temp.c_str());
    throw Fatal(ExitCode::output_error, fmt::format("{}: cannot rename into place: {}", path, std::strerror(e)));
  }
  int dfd = open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
}

}  // namespace receiptocr
