#pragma once
// Finding the state database of a batch output folder for `review` and `export`: `DIR`
// (DIR/receiptocr.db, results in DIR) or `--db FILE` (results next to it).
#include <string>

namespace receiptocr::cli {

struct StateFolder {
  std::string out;  // folder holding <path>.json results
  std::string db;   // the state database
};

// Resolves DIR and --db. Throws Fatal(usage) when neither is given, Fatal(state_error) when
// the database does not exist (it is never created here: a typo must not make an empty queue).
StateFolder locate_state_folder(const std::string& command, const std::string& dir, const std::string& db);

}  // namespace receiptocr::cli
