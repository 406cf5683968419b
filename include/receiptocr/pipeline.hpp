#pragma once
// One document end to end: load -> pages -> preprocess -> OCR (pages in parallel on a pool
// of engines) -> extract -> assess. Used by every subcommand that processes documents.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include "receiptocr/document.hpp"
#include "receiptocr/extract.hpp"
#include "receiptocr/image.hpp"
#include "receiptocr/ocr.hpp"
#include "receiptocr/scoring.hpp"

namespace receiptocr {

enum class OcrMode { automatic, always, never };

struct ProcessOptions {
  OcrSettings ocr;
  PreprocessOptions preprocess;
  bool detect_orientation = true;  // try 90/180/270 when a page reads badly
  OcrMode ocr_mode = OcrMode::automatic;
  int dpi = 300;                   // PDF rasterisation
  std::uint64_t max_file_bytes = 256ull << 20;
  std::uint64_t max_pixels = 120'000'000;  // per page (e.g. 10000 x 12000)
  int max_pages = 500;
  ExtractOptions extract;
  RoutingPolicy routing;
  // When OCR leaves the total or the date unfound, read the pages a second time with other
  // settings (psm 4, larger text) and keep whichever reading finds more.
  bool retry_weak = true;
  // Applied to every single-page image before it is read (eval --perturb); inactive by default.
  Perturbation perturb;
};

// Everything known about one processed document.
struct DocumentResult {
  std::string file;       // as given by the user
  std::string sha256;     // of the file's bytes; empty when it could not be read
  std::string format;     // "pdf", "jpeg", ...
  std::string status;     // COMPLETED, NEEDS_REVIEW or FAILED
  std::string error;      // FAILED: human-readable reason
  std::string error_reason;  // FAILED: machine-readable code (not_found, corrupt, encrypted, ...)
  DocumentText text;
  Extraction extraction;
  Assessment assessment;
  std::string engine;     // "tesseract 5.3.0" or similar
};

// A fixed set of threads, each owning one OCR engine created once (on its first job) and
// reused for every page after. Engines are created lazily so that documents that need no
// OCR (PDF text layers) work without language data.
class OcrPool {
public:
  using EngineFactory = std::function<std::unique_ptr<OcrEngine>()>;
  OcrPool(int workers, EngineFactory factory, std::string engine_version);
  ~OcrPool();
  OcrPool(const OcrPool&) = delete;
  OcrPool& operator=(const OcrPool&) = delete;
  // Creates one engine now (once) so that a missing language is reported as Fatal before
  // any page is queued. Thread-safe.
  void require_engine();
  // Queues a job; it runs on some worker with that worker's engine (nullptr when the engine
  // could not be created: creation_error() says why).
  void submit(std::function<void(OcrEngine*)> job);
  std::exception_ptr creation_error() const;
  int size() const { return static_cast<int>(threads_.size()); }
  std::string engine_version() const { return version_; }

private:
  void run(size_t index);
  EngineFactory factory_;
  std::vector<std::unique_ptr<OcrEngine>> engines_;
  std::vector<std::thread> threads_;
  std::queue<std::function<void(OcrEngine*)>> jobs_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  bool stopping_ = false;
  std::string version_;
  std::unique_ptr<OcrEngine> spare_;  // made by require_engine, handed to the first worker
  bool checked_ = false;
  std::exception_ptr creation_error_;
};

// Makes sure OMP_THREAD_LIMIT is set (to 1 unless the user chose a value) so that N engines
// use N cores instead of fighting over them: Tesseract is built with OpenMP, and libgomp
// reads the variable only when it loads, so when it is missing this sets it and re-executes
// the program (argv unchanged). Returns normally when nothing needed doing or exec failed.
void limit_openmp_threads(char** argv);

// Keeps page-sized buffers (up to 64 MiB) in malloc's heap and freed memory around for the
// next page, instead of glibc's default of mmap/munmap for every large image: each fresh
// mapping is page faults and zeroing in the kernel, 2% of a batch's CPU (docs/performance.md).
void tune_allocator();

// Processes one document (a path, or "-" for standard input). Never throws for a bad
// document: failures come back as status FAILED with error and error_reason.
DocumentResult process_document(const std::string& path, const ProcessOptions& options, OcrPool& pool);

// Processes already-read bytes (used by process_document and by tests).
DocumentResult process_bytes(const std::string& path, const std::string& bytes, const ProcessOptions& options,
                             OcrPool& pool);

// Processes many documents concurrently (`concurrency` in flight, pages on the pool) and
// calls on_done(index, result) for each, one call at a time, in completion order. Stops
// starting new documents once should_stop() returns true.
void process_many(const std::vector<std::string>& paths, const ProcessOptions& options, OcrPool& pool, int concurrency,
                  const std::function<void(size_t, DocumentResult&&)>& on_done,
                  const std::function<bool()>& should_stop = {});

// Extraction and routing over text (no OCR): the last two pipeline stages. Pure.
void analyse_text(DocumentResult& result, const ProcessOptions& options);

}  // namespace receiptocr
