#pragma once
// `receiptocr batch IN... --out DIR`: every document under some folders, in parallel, into
// DIR/<relative path>.json and the state database DIR/receiptocr.db; idempotent (content
// hashes), resumable after a crash, shardable across machines (--shard, --merge).
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "common.hpp"

namespace receiptocr::cli {

struct BatchFlags {
  std::vector<std::string> inputs;
  std::string out;
  std::string db;                     // default: <out>/receiptocr.db
  std::vector<std::string> globs;     // only files matching one of these
  std::vector<std::string> excludes;  // never files or folders matching these
  bool follow_symlinks = false;
  bool force = false;
  bool retry_failed = false;
  bool no_duplicate_check = false;
  bool csv = false;
  bool save_text = false;
  std::string shard;                  // "K/N"
  std::vector<std::string> merge;     // other output folders to import
  ProcessingFlags processing;
};

void setup_batch(CLI::App& app, BatchFlags& flags);
ExitCode run_batch(const BatchFlags& flags);

}  // namespace receiptocr::cli
