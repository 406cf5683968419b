#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "receiptocr/error.hpp"
#include "receiptocr/state.hpp"

namespace receiptocr {

std::unique_ptr<FolderLock> FolderLock::try_acquire(const std::string& path, std::string& holder) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw Fatal(ExitCode::state_error, fmt::format("{}: cannot create lock file: {}", path, std::strerror(errno)));
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    if (e == EWOULDBLOCK) {
      char buffer[128] = {};
      ssize_t n = pread(fd, buffer, sizeof buffer - 1, 0);
      holder = n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string("pid unknown");
      while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
      ::close(fd);
      return nullptr;
    }
    ::close(fd);
    throw Fatal(ExitCode::state_error, fmt::format("{}: cannot lock: {}", path, std::strerror(e)));
  }
  char buffer[256] = {};
  ssize_t n = pread(fd, buffer, sizeof buffer - 1, 0);
  std::string previous = n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string();
  std::unique_ptr<FolderLock> lock(new FolderLock(fd, std::move(previous)));
  // The note is for the message another run prints; the lock itself is the flock.
  lock->write_note(fmt::format("pid {}\n", getpid()));
  return lock;
}

void FolderLock::write_note(std::string_view note) {
  // Overwrite first, then cut: shrinking a file never needs space, and the bytes land in a
  // block the file already has.
  if (pwrite(fd_, note.data(), note.size(), 0) == static_cast<ssize_t>(note.size()) &&
      ftruncate(fd_, static_cast<off_t>(note.size())) == 0) {
    // Not fatal otherwise: the lock is held either way.
  }
}

// Not unlinked: removing a lock file while another process waits on it lets two runs lock
// two different files.
FolderLock::~FolderLock() { ::close(fd_); }

std::optional<Shard> parse_shard(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto number = [](std::string_view s) -> std::optional<int> {
    int value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return value;
  };
  auto index = number(text.substr(0, slash));
  auto count = number(text.substr(slash + 1));
  if (!index || !count || *count < 1 || *count > 100000 || *index < 1 || *index > *count) return std::nullopt;
  return Shard{*index, *count};
}

bool in_shard(std::string_view sha256, const Shard& shard) {
  std::uint64_t value = 0;
  for (char c : sha256.substr(0, 15)) {
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0;
    value = value * 16 + static_cast<std::uint64_t>(digit);
  }
  return static_cast<int>(value % static_cast<std::uint64_t>(shard.count)) == shard.index - 1;
}

}  // namespace receiptocr
