#include "common.hpp"

#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <unistd.h>
#include <thread>

#include "receiptocr/currency.hpp"
#include "receiptocr/log.hpp"
#include "receiptocr/extract.hpp"
#include "receiptocr/text.hpp"

namespace receiptocr::cli {

void add_processing_options(CLI::App& app, ProcessingFlags& f) {
  const char* group = "Processing";
  app.add_option("-l,--lang", f.lang, "Tesseract language(s), e.g. eng or deu+eng")->group(group)->capture_default_str();
  app.add_option("--tessdata-dir", f.tessdata_dir, "Directory holding *.traineddata")->group(group);
  app.add_option("--psm", f.psm, "Tesseract page segmentation mode (6 = uniform block; 4, 11 also useful)")
      ->group(group)->check(CLI::Range(0, 13))->capture_default_str();
  app.add_option("--ocr", f.ocr, "PDF pages: auto (text layer when present), always (OCR), never (text layer only)")
      ->group(group)->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  app.add_option("--dpi", f.dpi, "Resolution for rasterising PDF pages")->group(group)->check(CLI::Range(50, 1200))->capture_default_str();
  app.add_flag("--no-grayscale", f.no_grayscale, "Skip grayscale conversion")->group(group);
  app.add_flag("--no-normalize", f.no_normalize, "Skip resolution normalisation (rescaling text to the size Tesseract likes)")->group(group);
  app.add_flag("--no-deskew", f.no_deskew, "Skip deskewing")->group(group);
  app.add_flag("--no-line-removal", f.no_line_removal, "Keep ruled lines (rows of dashes, bars) instead of whitening them before OCR")->group(group);
  app.add_flag("--no-orientation", f.no_orientation, "Skip 90/180/270 orientation detection")->group(group);
  app.add_flag("--upscale", f.upscale, "Scale small text up to --text-height already in the first reading (slower; by default only the second reading does)")->group(group);
  app.add_option("--text-height", f.text_height, "Resolution normalisation target: median glyph height in pixels")
      ->group(group)->check(CLI::Range(8, 120))->capture_default_str();
  app.add_flag("--invert", f.invert, "Also try low-confidence lines as white-on-black text (slower; off by default)")->group(group);
  app.add_flag("--no-retry", f.no_retry, "Do not re-read pages with other OCR settings when the total or date is not found")->group(group);
  app.add_flag("--binarize", f.binarize, "Binarise with Sauvola before OCR (off: Tesseract's own Otsu)")->group(group);
  app.add_option("--date-order", f.date_order, "Numeric dates: auto (from context), dmy or mdy")
      ->group(group)->check(CLI::IsMember({"auto", "dmy", "mdy"}))->capture_default_str();
  app.add_option("--locale", f.locale, "Locale such as en_US or de_DE: sets the date order when --date-order is auto")->group(group);
  app.add_option("--currency", f.currency, "Currency to assume when the document names none (ISO 4217)")->group(group);
  app.add_option("--field-threshold", f.field_threshold, "Minimum confidence of each required field for COMPLETED")
      ->group(group)->check(CLI::Range(0.0, 1.0))->capture_default_str();
  app.add_option("--document-threshold", f.document_threshold, "Minimum document confidence for COMPLETED")
      ->group(group)->check(CLI::Range(0.0, 1.0))->capture_default_str();
  app.add_flag("--accept-unconfirmed-total", f.accept_unconfirmed_total,
               "Let a total OCR read that nothing on the document confirms (sums, payment, items) be COMPLETED")
      ->group(group);
  app.add_flag("--accept-missing-invoice-number", f.accept_missing_invoice_number,
               "Let an invoice whose number was not found be COMPLETED")
      ->group(group);
  app.add_option("--require", f.require, "Fields that must be present and confident for COMPLETED")
      ->group(group)->delimiter(',')->allow_extra_args(false)->capture_default_str();
  app.add_option("--check", f.check, "Fields that, when found, must also be confident for COMPLETED ('none': no others)")
      ->group(group)->delimiter(',')->allow_extra_args(false)->capture_default_str();
  app.add_option("-j,--jobs", f.jobs, "Parallel OCR workers (default: number of cores)")->group(group)->check(CLI::Range(1, 256));
  app.add_option("--max-pages", f.max_pages, "Refuse documents with more pages")->group(group)->check(CLI::Range(1, 100000))->capture_default_str();
  app.add_option("--max-pixels", f.max_pixels, "Refuse pages with more pixels (checked before decoding)")->group(group)->capture_default_str();
  app.add_option("--max-file-size", f.max_file_size, "Refuse files larger than this many bytes")->group(group)->capture_default_str();
  app.add_option("--timeout", f.timeout, "Seconds one page may take in OCR before the document FAILS with reason timeout (0 = no limit)")
      ->group(group)->check(CLI::Range(0.0, 86400.0));
}

ProcessOptions to_process_options(const ProcessingFlags& f) {
  ProcessOptions o;
  o.ocr.language = f.lang;
  o.ocr.tessdata_dir = f.tessdata_dir;
  o.ocr.page_segmentation_mode = f.psm;
  o.ocr.timeout_ms = static_cast<int>(f.timeout * 1000);
  o.ocr.invert_lines = f.invert;
  o.retry_weak = !f.no_retry;
  o.ocr_mode = f.ocr == "always" ? OcrMode::always : f.ocr == "never" ? OcrMode::never : OcrMode::automatic;
  o.dpi = f.dpi;
  o.preprocess.grayscale = !f.no_grayscale;
  o.preprocess.normalize_resolution = !f.no_normalize;
  o.preprocess.deskew = !f.no_deskew;
  o.preprocess.remove_lines = !f.no_line_removal;
  o.preprocess.binarize = f.binarize;
  o.preprocess.target_text_height = f.text_height;
  o.preprocess.upscale = f.upscale;
  o.detect_orientation = !f.no_orientation;
  o.max_pages = f.max_pages;
  o.max_pixels = f.max_pixels;
  o.max_file_bytes = f.max_file_size;
  o.extract.date_order = parse_date_order(f.date_order).value_or(DateOrder::unknown);
  if (o.extract.date_order == DateOrder::unknown && !f.locale.empty()) {
    // Month-first locales; everything else writes day first.
    std::string region = f.locale.size() >= 5 ? to_upper(f.locale.substr(3, 2)) : "";
    o.extract.date_order = (region == "US" || region == "PH" || region == "FM" || region == "PW" || region == "MH")
                               ? DateOrder::month_first
                               : DateOrder::day_first;
  }
  if (!f.currency.empty()) {
    auto code = parse_currency(f.currency);
    if (!code) throw Fatal(ExitCode::usage, fmt::format("--currency: unknown currency '{}'", f.currency));
    o.extract.default_currency = *code;
  }
  for (const auto& name : f.require) {
    if (std::find(field_names().begin(), field_names().end(), name) == field_names().end())
      throw Fatal(ExitCode::usage, fmt::format("--require: unknown field '{}'", name));
  }
  o.routing.required = f.require;
  o.routing.checked.clear();
  for (const auto& name : f.check) {
    if (name == "none") continue;
    if (std::find(field_names().begin(), field_names().end(), name) == field_names().end())
      throw Fatal(ExitCode::usage, fmt::format("--check: unknown field '{}'", name));
    o.routing.checked.push_back(name);
  }
  o.routing.field_threshold = f.field_threshold;
  o.routing.document_threshold = f.document_threshold;
  o.routing.confirm_total = !f.accept_unconfirmed_total;
  o.routing.require_invoice_number = !f.accept_missing_invoice_number;
  return o;
}

OutputSettings to_output_settings(const ProcessingFlags& f) { return OutputSettings{f.lang, f.psm}; }

int worker_count(int requested) {
  if (requested > 0) return requested;
  unsigned n = std::thread::hardware_concurrency();
  return n ? static_cast<int>(n) : 1;
}

std::unique_ptr<OcrPool> make_pool(const ProcessOptions& options, int workers) {
  OcrSettings settings = options.ocr;
  return std::make_unique<OcrPool>(workers, [settings] { return make_tesseract_engine(settings); }, tesseract_version());
}

ExitCode exit_code_for(int completed, int needs_review, int failed) {
  int total = completed + needs_review + failed;
  if (failed > 0 && failed == total) return ExitCode::all_failed;
  if (failed > 0) return ExitCode::partial_failure;
  if (needs_review > 0) return ExitCode::needs_review;
  return ExitCode::ok;
}

namespace {
std::atomic<bool> stop_requested{false};
// The first SIGINT/SIGTERM asks for a clean stop after the documents under way (their results
// written, the state committed); the handler then gives both signals back their default, so a
// second one terminates at once, which is safe too: every write is a temp file renamed into place
// and the state database survives kill -9. Only async-signal-safe calls here.
void on_signal(int) {
  if (!stop_requested.exchange(true)) {
    struct sigaction fallback {};
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(SIGINT, &fallback, nullptr);
    sigaction(SIGTERM, &fallback, nullptr);
    static const char message[] = "receiptocr: stopping after the documents under way (interrupt again to stop now)\n";
    if (int fd = log::notice_fd(); fd >= 0) {
      ssize_t ignored = write(fd, message, sizeof message - 1);
      (void)ignored;
    }
  }
}
}  // namespace

bool interrupted() { return stop_requested.load(); }

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

}  // namespace receiptocr::cli
