#pragma once
// One error model and one exit-code table for the whole tool (see README "Exit codes").
#include <stdexcept>
#include <string>

namespace receiptocr {

// Process exit codes. Documented in README.md and man/receiptocr.1; keep the three in sync.
enum class ExitCode : int {
  ok = 0,               // every document COMPLETED (or approved), nothing to do, or command succeeded
  usage = 2,            // bad command line
  needs_review = 3,     // no failures, but at least one document NEEDS_REVIEW
  partial_failure = 4,  // some documents FAILED, others were processed
  all_failed = 5,       // every document FAILED (or the only input could not be read)
  missing_dependency = 6,  // Tesseract language data or another runtime requirement is missing
  state_error = 7,      // the state database is locked by another run, corrupt, or unwritable
  output_error = 8,     // results could not be written (disk full, the state database's too; permissions, bad path)
  below_threshold = 9,  // `eval --min/--min-precision` bars not met
  interrupted = 130,    // SIGINT/SIGTERM: stopped cleanly, everything already written is kept
  internal = 70,        // a bug: please report it
};

// A failure that stops the command. Thrown, caught once in main, printed as
// "receiptocr: error: <message>" and turned into its exit code.
class Fatal : public std::runtime_error {
public:
  Fatal(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

private:
  ExitCode code_;
};

// A failure of one document (unreadable, truncated, encrypted, ...). The document gets
// status FAILED with `reason` (a short machine-readable code) and the message; the run goes on.
class DocumentError : public std::runtime_error {
public:
  DocumentError(std::string reason, const std::string& message)
      : std::runtime_error(message), reason_(std::move(reason)) {}
  const std::string& reason() const { return reason_; }

private:
  std::string reason_;
};

}  // namespace receiptocr
