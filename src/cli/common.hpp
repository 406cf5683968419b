#pragma once
// Options shared by the subcommands that process documents (extract, batch, eval), and the
// exit-code decision from a set of statuses.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "receiptocr/error.hpp"
#include "receiptocr/pipeline.hpp"
#include "receiptocr/result.hpp"

namespace receiptocr::cli {

struct ProcessingFlags {
  std::string lang = "eng";
  std::string tessdata_dir;
  int psm = 6;
  std::string ocr = "auto";
  int dpi = 300;
  bool no_grayscale = false;
  bool no_normalize = false;
  bool upscale = false;
  bool no_deskew = false;
  bool no_line_removal = false;
  bool no_orientation = false;
  bool binarize = false;
  int text_height = 30;
  bool invert = false;
  bool no_retry = false;
  std::string date_order = "auto";
  std::string locale;
  std::string currency;
  double field_threshold = 0.6;
  double document_threshold = 0.65;
  bool accept_unconfirmed_total = false;
  bool accept_missing_invoice_number = false;
  std::vector<std::string> require = {"merchant", "date", "total"};
  std::vector<std::string> check = {"vendor_address"};
  int jobs = 0;
  int max_pages = 500;
  std::uint64_t max_pixels = 120'000'000;
  std::uint64_t max_file_size = 256ull << 20;
  double timeout = 0;
};

// Registers the processing options on a subcommand.
void add_processing_options(CLI::App& app, ProcessingFlags& flags);
// Validates and converts them (throws Fatal(usage) on bad values).
ProcessOptions to_process_options(const ProcessingFlags& flags);
OutputSettings to_output_settings(const ProcessingFlags& flags);
// Number of workers: --jobs, or the machine's cores.
int worker_count(int requested);
// Builds the engine pool (throws Fatal(missing_dependency) when language data is missing).
std::unique_ptr<OcrPool> make_pool(const ProcessOptions& options, int workers);

// Exit code for a finished set of documents: ok, needs_review, partial_failure, all_failed.
ExitCode exit_code_for(int completed, int needs_review, int failed);

// Global flags (before the subcommand).
struct GlobalFlags {
  bool quiet = false;
  int verbose = 0;
  std::string log_format = "text";
};

// Set by SIGINT/SIGTERM; long loops check it and stop cleanly.
bool interrupted();
void install_signal_handlers();

}  // namespace receiptocr::cli
