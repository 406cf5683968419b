// receiptocr: offline receipt and invoice extraction. This file only parses the command
// line and dispatches; everything else lives in receiptocr_core and src/cli/.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>

#include "cli/cmd_batch.hpp"
#include "cli/cmd_eval.hpp"
#include "cli/cmd_export.hpp"
#include "cli/cmd_review.hpp"
#include "cli/cmd_extract.hpp"
#include "receiptocr/image.hpp"
#include "receiptocr/log.hpp"
#include "receiptocr/pdf.hpp"
#include "receiptocr/pipeline.hpp"

using namespace receiptocr;

int main(int argc, char** argv) {
  limit_openmp_threads(argv);
  tune_allocator();
  CLI::App app{"receiptocr: offline receipt and invoice extraction (images and PDFs to structured, scored data)",
               "receiptocr"};
  app.set_version_flag("-V,--version", std::string("receiptocr ") + RECEIPTOCR_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  cli::GlobalFlags global;
  app.add_flag("-q,--quiet", global.quiet, "Only errors on stderr");
  app.add_flag("-v,--verbose", global.verbose, "More detail on stderr (repeat for debug)");
  app.add_option("--log-format", global.log_format, "Diagnostics as text or json (JSON Lines on stderr)")
      ->check(CLI::IsMember({"text", "json"}));

  cli::ExtractFlags extract_flags;
  cli::setup_extract(*app.add_subcommand("extract", "Extract fields from images/PDFs to JSON, JSON Lines or CSV"),
                     extract_flags);
  cli::BatchFlags batch_flags;
  cli::setup_batch(*app.add_subcommand("batch", "Process folders of documents in parallel into OUT, idempotently"),
                   batch_flags);
  cli::EvalFlags eval_flags;
  cli::setup_eval(*app.add_subcommand("eval", "Measure field accuracy against *.truth.json files"), eval_flags);
  cli::ReviewFlags review_flags;
  cli::setup_review(*app.add_subcommand("review", "Work the NEEDS_REVIEW queue: approve, correct or reject documents"),
                    review_flags);
  cli::ExportFlags export_flags;
  cli::setup_export(*app.add_subcommand("export", "Export stored results as CSV, JSON Lines, JSON, hledger or beancount"),
                    export_flags);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    fmt::print(stderr, "receiptocr: error: {}\nRun 'receiptocr --help' for usage.\n", message);
    return static_cast<int>(ExitCode::usage);
  }
  log::configure(global.quiet ? log::Level::quiet : static_cast<log::Level>(std::min(1 + global.verbose, 3)),
                 global.log_format == "json");
  log::capture_library_stderr();
  quiet_leptonica();
  quiet_poppler();
  cli::install_signal_handlers();
  try {
    ExitCode code = ExitCode::ok;
    if (app.got_subcommand("extract")) code = cli::run_extract(extract_flags);
    else if (app.got_subcommand("batch")) code = cli::run_batch(batch_flags);
    else if (app.got_subcommand("eval")) code = cli::run_eval(eval_flags);
    else if (app.got_subcommand("review")) code = cli::run_review(review_flags);
    else if (app.got_subcommand("export")) code = cli::run_export(export_flags);
    return static_cast<int>(code);
  } catch (const Fatal& e) {
    log::error(e.what());
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    log::error(fmt::format("internal error: {}", e.what()));
    return static_cast<int>(ExitCode::internal);
  }
}
