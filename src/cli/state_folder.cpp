#include "state_folder.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "receiptocr/error.hpp"

namespace fs = std::filesystem;

namespace receiptocr::cli {

StateFolder locate_state_folder(const std::string& command, const std::string& dir, const std::string& db) {
  if (dir.empty() && db.empty())
    throw Fatal(ExitCode::usage, fmt::format("{}: give the batch output folder (DIR) or --db FILE", command));
  StateFolder folder;
  folder.out = dir;
  while (folder.out.size() > 1 && folder.out.back() == '/') folder.out.pop_back();
  folder.db = db.empty() ? folder.out + "/receiptocr.db" : db;
  if (folder.out.empty()) {
    folder.out = fs::path(db).parent_path().string();
    if (folder.out.empty()) folder.out = ".";
  }
  std::error_code ec;
  if (!fs::is_regular_file(folder.db, ec))
    throw Fatal(ExitCode::state_error,
                fmt::format("{}: no state database (run 'receiptocr batch IN --out DIR' first)", folder.db));
  return folder;
}

}  // namespace receiptocr::cli
