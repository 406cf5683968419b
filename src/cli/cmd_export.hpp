#pragma once
// `receiptocr export DIR|--db FILE`: stored results as CSV, JSON Lines, JSON, or hledger /
// beancount journals, filtered by status and date, to stdout or atomically to a file.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "receiptocr/error.hpp"

namespace receiptocr::cli {

struct ExportFlags {
  std::string dir;
  std::string db;
  std::string format = "csv";
  std::vector<std::string> statuses;  // default: approved, completed
  std::string since;
  std::string until;
  std::string output;  // empty or "-": stdout
  bool line_items = false;
  std::string accounts;
  std::string existing;
  std::string currency;  // for documents without one
};

void setup_export(CLI::App& app, ExportFlags& flags);
ExitCode run_export(const ExportFlags& flags);

}  // namespace receiptocr::cli
