// The interactive review loop (a terminal on stdin and stdout).
#include <fmt/format.h>

#include "cmd_review.hpp"
#include "receiptocr/review.hpp"
#include "state_folder.hpp"

namespace receiptocr::cli {

ExitCode run_interactive(StateStore&, const StateFolder&, const ReviewFlags&) {
  throw Fatal(ExitCode::usage, "review: the interactive mode is not built yet; use the review subcommands");
}

}  // namespace receiptocr::cli
