#pragma once
// `receiptocr review DIR|--db FILE [list|show|approve|reject|apply]`: the NEEDS_REVIEW queue.
// Subcommands for scripts; on a terminal without one, an interactive walk of the queue.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "receiptocr/error.hpp"

namespace receiptocr::cli {

struct ReviewFlags {
  std::string dir;
  std::string db;
  std::string reviewer;  // default: $USER
  std::string sort = "oldest";
  std::string date_order = "auto";  // for corrected dates
  bool json = false;
  bool all = false;  // list: every status, not only NEEDS_REVIEW
  std::string id;
  std::vector<std::string> sets;  // approve: FIELD=VALUE
  std::string reason;
  std::string decisions_file;  // apply: FILE or "-"
  CLI::App* list = nullptr;
  CLI::App* show = nullptr;
  CLI::App* approve = nullptr;
  CLI::App* reject = nullptr;
  CLI::App* apply = nullptr;
  CLI::App* find_duplicates = nullptr;
  std::string duplicate_of;
};

void setup_review(CLI::App& app, ReviewFlags& flags);
ExitCode run_review(const ReviewFlags& flags);

}  // namespace receiptocr::cli
