#pragma once
// `receiptocr extract FILE...`: documents to normalised JSON/JSONL/CSV.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "common.hpp"

namespace receiptocr::cli {

struct ExtractFlags {
  std::vector<std::string> files;
  std::string output;
  std::string format = "json";
  bool flat = false;
  std::string save_text;
  ProcessingFlags processing;
};

void setup_extract(CLI::App& app, ExtractFlags& flags);
ExitCode run_extract(const ExtractFlags& flags);

// Writes the OCR text (.txt) and words with boxes and confidences (.tsv) of a result into DIR.
// NAME is the input's file name; `name` overrides it (extract uses that when two inputs share
// a file name, so neither overwrites the other).
void save_text_files(const std::string& dir, const DocumentResult& result, const std::string& name = "");

}  // namespace receiptocr::cli
