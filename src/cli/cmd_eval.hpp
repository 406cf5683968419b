#pragma once
// `receiptocr eval DIR...`: field accuracy and routing quality against *.truth.json files.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "common.hpp"

namespace receiptocr::cli {

struct EvalFlags {
  std::vector<std::string> dirs;
  bool json = false;
  bool errors = false;
  bool sweep = false;
  std::vector<std::string> min;
  double min_precision = -1;
  std::string save_results;
  std::string perturb;
  std::string save_text;
  ProcessingFlags processing;
};

void setup_eval(CLI::App& app, EvalFlags& flags);
ExitCode run_eval(const EvalFlags& flags);

}  // namespace receiptocr::cli
