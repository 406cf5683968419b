#include "receiptocr/pipeline.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <atomic>
#include <future>

#include "receiptocr/error.hpp"
#include "receiptocr/input.hpp"
#include "receiptocr/log.hpp"
#include "receiptocr/pdf.hpp"
#include "receiptocr/sha256.hpp"
#include "receiptocr/text.hpp"

#include <algorithm>
#include <cmath>
#include <malloc.h>

namespace receiptocr {

void limit_openmp_threads(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT")) return;
  setenv("OMP_THREAD_LIMIT", "1", 1);
  execv("/proc/self/exe", argv);
  // exec failed (no /proc): carry on; only speed suffers.
}

void tune_allocator() {
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
}

OcrPool::OcrPool(int workers, EngineFactory factory, std::string engine_version)
    : factory_(std::move(factory)), version_(std::move(engine_version)) {
  workers = std::max(1, workers);
  engines_.resize(static_cast<size_t>(workers));
  for (int i = 0; i < workers; ++i) threads_.emplace_back([this, i] { run(static_cast<size_t>(i)); });
}

OcrPool::~OcrPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_) t.join();
}

void OcrPool::require_engine() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (checked_) {
    if (creation_error_) std::rethrow_exception(creation_error_);
    return;
  }
  checked_ = true;
  try {
    spare_ = factory_();
  } catch (...) {
    creation_error_ = std::current_exception();
    throw;
  }
}

std::exception_ptr OcrPool::creation_error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return creation_error_;
}

void OcrPool::submit(std::function<void(OcrEngine*)> job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push(std::move(job));
  }
  ready_.notify_one();
}

void OcrPool::run(size_t index) {
  for (;;) {
    std::function<void(OcrEngine*)> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop();
      if (!engines_[index] && spare_) engines_[index] = std::move(spare_);
    }
    if (!engines_[index]) {
      try {
        engines_[index] = factory_();
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!creation_error_) creation_error_ = std::current_exception();
      }
    }
    job(engines_[index].get());
  }
}

namespace {

struct PageOutcome {
  PageInfo info;
  std::vector<Line> lines;
  std::shared_ptr<Pix> image;  // page 1 only: the image the lines' boxes refer to
  int text_height = 0;         // median glyph height of the raster, before scaling (0: unknown)
  double scale = 1.0;          // resolution normalisation applied to the raster (unrounded)
  int source_dpi = 300;
  bool speckled = false;       // speckle rather than print (speckled()): not read a second time
};

// A reading clearly better than another: more confident words, counting at most 50 words so
// that a page of confident noise does not win on volume.
bool reads_better(const OcrPage& a, const OcrPage& b) {
  return a.mean_confidence * std::min(a.words, 50) > b.mean_confidence * std::min(b.words, 50) * 1.1;
}

// OCR of one raster page, with the orientation retry for pages that read badly.
PageOutcome ocr_page(const Pix* raw, int page_number, int source_dpi, const ProcessOptions& options, OcrEngine& engine) {
  PreprocessReport report;
  PixPtr prepared = preprocess(raw, options.preprocess, &report);
  int dpi = static_cast<int>(source_dpi * report.scale);
  int psm = options.ocr.page_segmentation_mode;
  OcrPage page = engine.recognize(prepared.get(), page_number, dpi, psm);
  if (page.timed_out) throw DocumentError("timeout", fmt::format("page {} took longer than the time budget (--timeout)", page_number));
  int rotation = 0;
  // A page that reads badly may be rotated: ask the orientation detector, and keep the
  // rotated reading only if it is clearly better.
  // Text read sideways or upside down gives almost no confidently read words (at most 6 of
  // 3+ characters on 90 turned receipt pages, 0 on most): a page with 8 or more is upright,
  // however low its mean confidence, and the detector (as costly as a reading) is spared.
  if (options.detect_orientation && (page.mean_confidence < 0.6 || page.words < 8) &&
      confident_word_count(page.lines) < 8) {
    // The detector sees the page with its glyphs at a height it can use (it skips components
    // under 10 px, i.e. most of a small-print receipt).
    double probe_scale = orientation_probe_scale(report.text_height * report.scale);
    PixPtr probe = scale_pix(prepared.get(), probe_scale);
    auto [degrees, conf] = engine.detect_orientation(probe ? probe.get() : prepared.get());
    // A guess the detector is not sure of is still worth one reading: the rotated reading
    // must beat the upright one anyway (measured on rotated copies: docs/accuracy.md).
    if (degrees != 0 && conf > 0.5) {
      // Sideways pages: the detector is surer that the text runs vertically than of which
      // way up it is, so the opposite quarter turn gets a reading too if the first is no better.
      std::vector<int> turns = {degrees};
      if (degrees != 180) turns.push_back((degrees + 180) % 360);
      for (int turn : turns) {
        PixPtr rotated = rotate_orthogonal(prepared.get(), turn);
        OcrPage second = engine.recognize(rotated.get(), page_number, dpi, psm);
        if (reads_better(second, page)) {
          page = std::move(second);
          rotation = turn;
          prepared = std::move(rotated);
          break;
        }
      }
    }
  }
  PageOutcome out;
  out.info.number = page_number;
  out.info.source = TextSource::ocr;
  out.info.width = pix_width(prepared.get());
  out.info.height = pix_height(prepared.get());
  out.info.mean_confidence = std::round(page.mean_confidence * 1000) / 1000;
  out.info.rotation = rotation;
  out.info.skew_degrees = report.skew_degrees;
  out.info.scale = std::round(report.scale * 1000) / 1000;
  out.info.words = page.words;
  out.info.psm = psm;
  out.lines = std::move(page.lines);
  if (page_number == 1) out.image = share_pix(prepared.get());
  out.text_height = report.text_height;
  out.scale = report.scale;
  out.source_dpi = source_dpi;
  out.speckled = speckled(report.components, report.glyphs);
  return out;
}

// The second reading of one page: the first reading's image (already deskewed and turned
// upright) enlarged to the second reading's text height, and read with the second
// reading's settings. Scaling the prepared image, rather than preparing the raster again at
// the larger size, spares decoding it again and deskewing four times the pixels.
PageOutcome reread_page(const Pix* prepared, const PageOutcome& first, const ProcessOptions& options, OcrEngine& engine) {
  double second_scale = normalisation_scale(first.text_height, options.preprocess);
  double f = second_scale / first.scale;
  if (std::fabs(f - 1.0) < 0.05) f = 1.0;
  PixPtr image = scale_pix(prepared, f);
  if (!image) throw std::bad_alloc();
  int psm = options.ocr.page_segmentation_mode;
  int dpi = static_cast<int>(first.source_dpi * first.scale * f);
  OcrPage page = engine.recognize(image.get(), first.info.number, dpi, psm);
  if (page.timed_out)
    throw DocumentError("timeout", fmt::format("page {} took longer than the time budget (--timeout)", first.info.number));
  PageOutcome out = first;
  out.info.width = pix_width(image.get());
  out.info.height = pix_height(image.get());
  out.info.mean_confidence = std::round(page.mean_confidence * 1000) / 1000;
  out.info.scale = std::round(first.scale * f * 1000) / 1000;
  out.info.words = page.words;
  out.info.psm = psm;
  out.lines = std::move(page.lines);
  out.scale = first.scale * f;
  out.image = first.info.number == 1 ? share_pix(image.get()) : nullptr;
  return out;
}

// Runs jobs on the pool and collects their results in order; rethrows the first failure.
using PageJob = std::function<PageOutcome(OcrEngine&, const ProcessOptions&)>;

// One page to OCR: its number and how to get its raster (and the raster's resolution).
struct RasterPage {
  int number;
  std::function<std::pair<PixPtr, int>(const ProcessOptions&)> load;
};

std::vector<PageOutcome> run_pages(OcrPool& pool, const std::vector<PageJob>& page_jobs, const ProcessOptions& options) {
  std::vector<std::function<PageOutcome(OcrEngine&)>> jobs;
  for (const PageJob& j : page_jobs) jobs.push_back([&j, &options](OcrEngine& engine) { return j(engine, options); });
  std::vector<std::promise<PageOutcome>> promises(jobs.size());
  std::vector<std::future<PageOutcome>> futures;
  for (auto& p : promises) futures.push_back(p.get_future());
  for (size_t i = 0; i < jobs.size(); ++i) {
    pool.submit([job = std::move(jobs[i]), promise = &promises[i], &pool](OcrEngine* engine) {
      try {
        if (!engine) std::rethrow_exception(pool.creation_error());
        promise->set_value(job(*engine));
      } catch (...) {
        promise->set_exception(std::current_exception());
      }
    });
  }
  std::vector<PageOutcome> out;
  std::exception_ptr first_error;
  for (auto& f : futures) {
    try {
      out.push_back(f.get());
    } catch (...) {
      if (!first_error) first_error = std::current_exception();
    }
  }
  if (first_error) std::rethrow_exception(first_error);
  return out;
}

int dpi_hint_for_image(const Pix* pix) {
  // Leptonica keeps the file's resolution; 0 or silly values mean "unknown".
  int x = pix_resolution(pix);
  return x >= 70 && x <= 1200 ? x : 300;
}

}  // namespace

namespace {

// OCR of an image on one of the pool's engines, waiting for the answer.
OcrPage recognize_on_pool(OcrPool& pool, const Pix* image, int psm) {
  std::promise<OcrPage> promise;
  auto future = promise.get_future();
  pool.submit([&](OcrEngine* engine) {
    try {
      if (!engine) std::rethrow_exception(pool.creation_error());
      promise.set_value(engine->recognize(image, 1, 300, psm));
    } catch (...) {
      promise.set_exception(std::current_exception());
    }
  });
  return future.get();
}

// OCR of one region of the page image, scaled by `factor`, as one text line (psm 7). Null when
// the region is too small to read.
std::optional<OcrPage> read_region(OcrPool& pool, const Pix* image, const BoundingBox& b, int margin, double factor) {
  PixPtr crop = crop_and_scale(image, b.left - margin, b.top - margin, b.right + margin, b.bottom + margin, factor);
  if (!crop) return std::nullopt;
  return recognize_on_pool(pool, crop.get(), 7);
}

// How much a close-up enlarges print `height` px tall to reach `text_height` (--text-height):
// never smaller, at most 4 times.
double closeup_factor(int text_height, int height) {
  return std::clamp(static_cast<double>(text_height) / std::max(1, height), 1.0, 4.0);
}

// OCR of a box of small print close up: the box with half its height around it, enlarged by
// closeup_factor(), as one text line (psm 7).
std::optional<OcrPage> read_box_closeup(OcrPool& pool, const Pix* image, const BoundingBox& b, int text_height) {
  return read_region(pool, image, b, std::max(4, b.height() / 2), closeup_factor(text_height, b.height()));
}

// OCR of one line's words set straight side by side (word_strip()), scaled so its median word
// is `text_height` tall (never smaller), as one text line (psm 7). A crop of the line's box
// would also hold parts of the lines above and below when the line is slanted or the lines
// are tight, and psm 7 then often reads nothing. Null when no word has a box.
std::optional<OcrPage> read_line_words(OcrPool& pool, const Pix* image, const std::vector<Word>& words, int text_height) {
  std::vector<BoundingBox> boxes;
  std::vector<int> heights;
  for (const Word& w : words)
    if (!w.box.empty()) boxes.push_back(w.box), heights.push_back(w.box.height());
  if (boxes.empty()) return std::nullopt;
  std::sort(heights.begin(), heights.end());
  int height = heights[heights.size() / 2];
  PixPtr strip = word_strip(image, boxes, std::max(2, height / 5), closeup_factor(text_height, height));
  if (!strip) return std::nullopt;
  return recognize_on_pool(pool, strip.get(), 7);
}

// The words of page 1 inside `box`: on the lines whose middle is within its height, the words
// overlapping its width (a field's words as the page read them).
std::vector<Word> page_words_in(const std::vector<Line>& lines, const BoundingBox& box) {
  std::vector<Word> words;
  for (const Line& l : lines) {
    int middle = (l.box.top + l.box.bottom) / 2;
    if (l.page != 1 || middle < box.top || middle > box.bottom) continue;
    for (const Word& w : l.words)
      if (w.box.left < box.right && box.left < w.box.right) words.push_back(w);
  }
  return words;
}

// The words of a region reading joined by spaces, and its least certain word.
std::pair<std::string, double> region_text(const OcrPage& page) {
  std::string text;
  double lowest = 1.0;
  for (const Line& l : page.lines) {
    for (const Word& w : l.words) text += (text.empty() ? "" : " ") + w.text;
    lowest = std::min(lowest, least_certain_word(l.words));
  }
  return {text, lowest};
}

}  // namespace

// Business names are printed large, often bold, and OCR garbles a letter or two, worst when
// the page was upscaled with its small print. When the merchant is less than sure, read just
// its region again at the page's original scale as one line, and keep that reading if OCR is
// surer of it. Its confidence is then the two readings' word by word: a word both spell alike
// is wrong only when both are; a word they spell differently ("KUCHAI" / "KUCHAT") stays as
// doubtful as the less sure of them, so a close-up never auto-accepts a word the page read
// otherwise.
void reread_merchant(DocumentResult& result, const std::shared_ptr<Pix>& image, OcrPool& pool,
                     const ProcessOptions& options) {
  auto it = result.extraction.fields.find("merchant");
  if (!image || it == result.extraction.fields.end()) return;
  Field& merchant = it->second;
  if (merchant.page != 1 || merchant.box.empty() || merchant.ocr_confidence >= 0.9 || result.text.pages.empty() ||
      result.text.pages.front().source != TextSource::ocr)
    return;
  double scale = result.text.pages.front().scale;
  const BoundingBox& b = merchant.box;
  int margin = std::max(4, b.height() / 4);
  std::optional<OcrPage> page = read_region(pool, image.get(), b, margin, scale > 1.0 ? 1.0 / scale : 1.0);
  if (!page) return;
  // Each line without the specks beside the name (name_word_span()), as the page's was.
  std::string text;
  double lowest = 1.0;
  std::vector<Word> closeup_words;
  for (const Line& l : page->lines) {
    auto [first, last] = name_word_span(l.words);
    std::vector<Word> kept(l.words.begin() + static_cast<long>(first), l.words.begin() + static_cast<long>(last));
    for (const Word& w : kept) text += (text.empty() ? "" : " ") + w.text;
    lowest = std::min(lowest, least_certain_word(kept));
    closeup_words.insert(closeup_words.end(), kept.begin(), kept.end());
  }
  // A word spelled like a misread one ("O.1.Y.") caps the close-up's certainty too.
  for (const Word& w : closeup_words) lowest = std::min(lowest, name_word_confidence(w.text, 1.0));
  std::string name = clean_merchant_name(text);
  // Better read, the same words: not a different line that happened to be inside the box.
  if (lowest <= merchant.ocr_confidence + 0.05 || !closeup_may_rename(merchant.value, name)) return;
  // Word by word, the two readings' confidence (agreed_name_confidence()); a close-up with
  // other words than the page's is better read but not confirmed.
  std::vector<Word> page_words = page_words_in(result.text.lines, b);
  auto [first, last] = name_word_span(page_words);
  page_words = std::vector<Word>(page_words.begin() + static_cast<long>(first), page_words.begin() + static_cast<long>(last));
  std::optional<double> agreed = agreed_name_confidence(page_words, closeup_words);
  lowest = agreed ? *agreed : std::min(lowest, merchant.ocr_confidence);
  merchant.value = name;
  merchant.ocr_confidence = lowest;
  merchant.confidence = std::round(std::clamp(merchant.evidence * (0.2 + 0.8 * lowest), 0.0, 1.0) * 1000) / 1000;
  route(result.extraction, options.routing, result.text.mean_word_confidence(), result.assessment);
  result.status = result.assessment.status;
}

// Shop names are printed large, in logos and display fonts, and Tesseract's layout analysis
// of a whole page often garbles or drops them (a first letter lost to a border, a logo read as
// noise, the name split from its second line). When the merchant is missing or doubtful, the
// top of page 1 is read again on its own, as a page of its own, and the merchant found there
// replaces the page's when it is clearly more confident (docs/accuracy.md: SROIE merchants
// +6, WildReceipt +7, for about 5% more CPU on SROIE, which the orientation gate in
// ocr_page() mostly pays back).
void reread_header(DocumentResult& result, const std::shared_ptr<Pix>& header_image, double header_scale,
                   OcrPool& pool, const ProcessOptions& options) {
  constexpr double doubtful = 0.5;    // merchant confidence under which the header is read again
  constexpr double header_share = 0.3;  // of the page height
  constexpr double margin = 0.1;      // how much more confident the header's merchant must be
  if (!header_image || header_scale <= 0 || result.text.pages.empty() ||
      result.text.pages.front().source != TextSource::ocr || result.text.pages.front().number != 1)
    return;
  const Field* current = result.extraction.get("merchant");
  double current_confidence = current ? current->confidence : 0.0;
  if (current_confidence >= doubtful) return;
  // The store the receipt thanks for was taken over the top's name already (thanked_merchant).
  if (current && thanked_store_name(current->text)) return;
  int width = pix_width(header_image.get());
  int bottom = static_cast<int>(pix_height(header_image.get()) * header_share);
  PixPtr crop = crop_and_scale(header_image.get(), 0, 0, width, bottom, 1.0);
  if (!crop) return;
  log::debug(fmt::format("{}: merchant at {:.2f}: the top of page 1 read again", result.file, current_confidence));
  OcrPage page = recognize_on_pool(pool, crop.get(), 6);  // psm 6, as a first reading
  Extraction header = extract_fields(page.lines, options.extract);
  const Field* found = header.get("merchant");
  if (!found || found->confidence <= current_confidence + margin) return;
  // A line the page read alike and ranked below its choice ("tan woon yann", a note written
  // over the printed name), found by a header reading that lost the page's choice altogether,
  // is no better for being surer: the two readings were not choosing between the same lines.
  if (current) {
    std::string key = alnum_key(found->value), chosen = alnum_key(current->value);
    bool ranked_lower = std::any_of(current->candidates.begin(), current->candidates.end(), [&](const Candidate& c) {
      return c.score < current->candidates.front().score && alnum_key(c.value) == key;
    });
    bool saw_choice = std::any_of(found->candidates.begin(), found->candidates.end(), [&](const Candidate& c) {
      return similarity(alnum_key(c.value), chosen) >= 0.6;
    });
    if (ranked_lower && !saw_choice) return;
  }
  Field f = *found;
  // Into the coordinates of the reading the other fields came from (the second reading's
  // image is an enlargement of the first's).
  double to_page = result.text.pages.front().scale / header_scale;
  if (std::fabs(to_page - 1.0) < 0.05) to_page = 1.0;
  auto map = [to_page](int v) { return static_cast<int>(std::lround(v * to_page)); };
  f.box = BoundingBox{map(f.box.left), map(f.box.top), map(f.box.right), map(f.box.bottom)};
  f.page = 1;
  // The page's line it overlaps most, as its source line.
  f.line = -1;
  int best_overlap = 0;
  for (size_t i = 0; i < result.text.lines.size(); ++i) {
    const Line& l = result.text.lines[i];
    if (l.page != 1) continue;
    int overlap = std::min(l.box.bottom, f.box.bottom) - std::max(l.box.top, f.box.top);
    if (overlap > best_overlap) best_overlap = overlap, f.line = static_cast<int>(i);
  }
  log::debug(fmt::format("{}: the header's reading names the merchant \"{}\" at {:.2f} (was \"{}\")", result.file, f.value,
                         f.confidence, current ? current->value : ""));
  result.extraction.fields["merchant"] = f;
  route(result.extraction, options.routing, result.text.mean_word_confidence(), result.assessment);
  result.status = result.assessment.status;
}

// An address is judged by its least certain word (one misread digit makes it wrong), and OCR
// is often unsure of words it read right. When the address is too doubtful to auto-accept, its
// lines whose least certain word keeps it so are read again close up, as one line scaled to
// --text-height: first their words set straight in a row (read_line_words()), then, while the
// line is still too doubtful, its box as printed. A close-up that reads a word the same (the
// same letters and digits once clean_address_line() has spelled both, aligned character by
// character with the page's line) says the doubt about it was OCR's and not the print's:
// readings of differently cut images seldom make the same mistake, so the word counts as
// wrong only when every reading that spelled it alike would be, 1 - (1 - a)(1 - b)(...)
// (aligned_word_confidences(); a close-up unsure of a word the page was sure of does not keep
// the page's doubt about another word alive, and a close-up that misreads one word still
// vouches for the others: session 20, docs/accuracy.md).
// When neither agrees with the page but the two close-ups agree with each other, the line's
// text in the value becomes theirs, and its confidence stays the page's (for review). On SROIE,
// addresses reaching the threshold went from 51 (45 right) to 89 (80 right; of the 9 wrong, 4
// have a label typo, 4 lost or gained a line, a house number or a stray letter to the layout,
// which no reading changes, and 1 is misread alike by all three); the two-against-one values
// made 5 more addresses right and 1 right one wrong (docs/accuracy.md).
void reread_address(DocumentResult& result, const std::shared_ptr<Pix>& image, OcrPool& pool,
                    const ProcessOptions& options) {
  auto it = result.extraction.fields.find("vendor_address");
  if (!image || it == result.extraction.fields.end() || result.text.pages.empty() ||
      result.text.pages.front().source != TextSource::ocr)
    return;
  Field& address = it->second;
  if (address.page != 1 || address.box.empty() || address.confidence >= options.routing.field_threshold) return;
  // The least certain word that gives the field threshold.
  double needed = address_word_confidence_for(options.routing.field_threshold);
  double lowest = 1.0;
  bool agreed = false;
  for (const Line& l : result.text.lines) {
    int middle = (l.box.top + l.box.bottom) / 2;
    if (l.page != 1 || l.box.empty() || middle < address.box.top || middle > address.box.bottom) continue;
    std::vector<double> line_words = address_word_confidences(l.words);
    double line_lowest = least_certain(line_words);
    if (line_lowest < needed) {
      // Two close-ups cut differently: the words set straight, and the line's box as printed.
      // Compared as the address will spell them ("JUN" and "JLN" are both the street "JLN").
      std::string page_key = alnum_key(clean_address_line(l.text()));
      std::vector<std::string> readings;
      // Each reading vouches for the words it reads alike, by its words' own confidences. Only
      // the page's words count their glyphs too (address_word_confidences()): a close-up often
      // misreads a glyph the way the page did, surely ("PUD, 55700" for PUDU, 55100), and its
      // vouching assumes the two readings err apart (docs/accuracy.md, session 19). True when
      // it reads the whole line the same.
      auto confirms = [&](const std::optional<OcrPage>& page) -> bool {
        if (!page) return false;
        std::vector<Word> words;
        for (const Line& cl : page->lines) words.insert(words.end(), cl.words.begin(), cl.words.end());
        readings.push_back(region_text(*page).first);
        std::string key = alnum_key(clean_address_line(readings.back()));
        if (key.empty()) return false;
        int confirmed = 0;
        line_words = aligned_word_confidences(l.words, line_words, words, &confirmed);
        line_lowest = least_certain(line_words);
        if (log::level() >= log::Level::debug)
          log::debug(fmt::format("{}: address line \"{}\" read close up as \"{}\" ({}, {} words confirmed)",
                                 result.file, l.text(), readings.back(), key == page_key ? "agrees" : "differs",
                                 confirmed));
        if (confirmed > 0) agreed = true;
        return key == page_key;
      };
      bool same = confirms(read_line_words(pool, image.get(), l.words, options.preprocess.target_text_height));
      if (line_lowest < needed) {
        bool same_box = confirms(read_box_closeup(pool, image.get(), l.box, options.preprocess.target_text_height));
        if (!same && !same_box && readings.size() == 2) {
          // Both close-ups read the same other address: two readings against one. The value
          // takes theirs; the confidence stays the page's, so the document goes to review.
          std::string first = clean_address_line(readings[0]), page_line = clean_address_line(l.text());
          size_t at = page_line.empty() ? std::string::npos : address.value.find(page_line);
          if (!alnum_key(first).empty() && alnum_key(first) == alnum_key(clean_address_line(readings[1])) &&
              at != std::string::npos) {
            address.value.replace(at, page_line.size(), first);
          }
        }
      }
    }
    lowest = std::min(lowest, line_lowest);
  }
  if (!agreed) return;
  address.ocr_confidence = lowest;
  address.confidence = std::round(std::min(address_confidence(lowest), address.evidence) * 1000) / 1000;
  route(result.extraction, options.routing, result.text.mean_word_confidence(), result.assessment);
  result.status = result.assessment.status;
}

// Fixed-pitch receipt fonts print a capital I with serifs, a bar on top and one at the bottom,
// and OCR often reads it as T when it ends a word: "TAMAN MALURT", "SERT KEMBANGAN", or starts
// one before capitals: "TKANO HANDEL" (word_starts_with_serif_i(), the first letter looked at
// the same way, in words of capitals starting with T; SROIE's IKANO receipts read TKANO at
// 0.93-0.96 in 4 of the 20 readings of `eval --perturb`, auto-accepted wrongly). The page
// and its close-ups often misread it alike, and names and addresses have no dictionary to catch
// it, so the glyph itself is looked at (word_ends_in_serif_i()): a word of four or more
// capitals on the field's lines ending in T or I whose last letter has both bars and a centred
// stem ends in I, in the value however the page or a close-up spelled it (SROIE addresses
// 96 -> 99; a closing bracket skipped, "(KUCHAI)", and narrow I's accepted made one more
// address and one more name right; no change on the other sets). The confidence is left as
// OCR gave it. Over every word of the SROIE receipts, capitals ending in L and three-letter
// words (GST) were the glyph test's only false alarms;
// on the WildReceipt photos it fired on 5 of 183 words that do end in T (THAT, CREDIT) until
// an I had to be narrow, and still fires on one (CONVENIENT, 5 px wide; docs/accuracy.md). A
// test for a small i's dot ("Tampol") fixed one address and broke one name ("Shell"), and was
// left out.
void restore_serif_i(DocumentResult& result, const std::shared_ptr<Pix>& image) {
  if (!image || result.text.pages.empty() || result.text.pages.front().source != TextSource::ocr) return;
  for (const char* name : {"merchant", "vendor_address"}) {
    auto it = result.extraction.fields.find(name);
    if (it == result.extraction.fields.end()) continue;
    Field& field = it->second;
    if (field.page != 1 || field.box.empty()) continue;
    for (const Word& w : page_words_in(result.text.lines, field.box)) {
      size_t begin = 0, end = w.text.size();
      while (begin < end && !std::isalpha(static_cast<unsigned char>(w.text[begin]))) ++begin;
      while (end > begin && !std::isalpha(static_cast<unsigned char>(w.text[end - 1]))) --end;
      std::string core = w.text.substr(begin, end - begin);
      if (core.size() < 4) continue;
      bool capitals = std::all_of(core.begin(), core.end(), [](unsigned char c) { return c >= 'A' && c <= 'Z'; });
      if (!capitals) continue;
      int openers = static_cast<int>(std::count_if(w.text.begin(), w.text.begin() + static_cast<std::ptrdiff_t>(begin),
                                                   [](char c) { return c == '(' || c == '[' || c == '{'; }));
      if (core.front() == 'T' && word_starts_with_serif_i(image.get(), w.box, openers)) {
        field.value = replace_word(field.value, core, "I" + core.substr(1));
        core[0] = 'I';
      }
      std::string stem = core.substr(0, core.size() - 1);
      int closers = static_cast<int>(std::count_if(w.text.begin() + static_cast<std::ptrdiff_t>(end), w.text.end(),
                                                   [](char c) { return c == ')' || c == ']' || c == '}'; }));
      if ((core.back() == 'T' || core.back() == 'I') && word_ends_in_serif_i(image.get(), w.box, closers))
        field.value = replace_word(field.value, stem + "T", stem + "I");
    }
  }
}

void analyse_text(DocumentResult& result, const ProcessOptions& options) {
  ExtractOptions extract = options.extract;
  extract.text_layer = !result.text.pages.empty() &&
                       std::all_of(result.text.pages.begin(), result.text.pages.end(),
                                   [](const PageInfo& p) { return p.source == TextSource::text_layer; });
  result.extraction = extract_fields(result.text.lines, extract);
  bool has_text = false;
  for (const Line& l : result.text.lines)
    if (count_letters(l.text()) + count_digits(l.text()) > 0) has_text = true;
  result.assessment = assess(result.extraction, options.routing, result.text.mean_word_confidence(), has_text);
  result.status = result.assessment.status;
}

// Small print that OCR read with doubt is read again close up: the words of the total, date,
// subtotal and tax, cropped and scaled so they are --text-height tall, as one line. The close-up
// replaces those words when it is one clear value of the same kind, a different one, and OCR
// is surer of it; the document is then analysed again, so candidates, consistency checks and
// routing all see the corrected text.
void reread_fields(DocumentResult& result, const std::shared_ptr<Pix>& image, OcrPool& pool,
                   const ProcessOptions& options) {
  if (!image || result.text.pages.empty() || result.text.pages.front().source != TextSource::ocr) return;
  bool changed = false;
  for (std::string_view name : {"total", "date", "subtotal", "tax"}) {
    // Amounts the arithmetic vouches for are read right: a close-up could only lose them.
    if (confirmed_by_checks(result.assessment, name)) continue;
    const Field* f = result.extraction.get(name);
    if (!f || f->page != 1 || f->box.empty() || f->line < 0 ||
        static_cast<size_t>(f->line) >= result.text.lines.size() || f->ocr_confidence >= 0.95)
      continue;
    const BoundingBox& b = f->box;
    std::optional<OcrPage> page = read_box_closeup(pool, image.get(), b, options.preprocess.target_text_height);
    if (!page) continue;
    auto [text, lowest] = region_text(*page);
    // Of the two day/month readings, the one nearer the first reading (same order).
    std::optional<std::string> value = reread_value(name, text, DateOrder::day_first);
    if (std::optional<std::string> other = reread_value(name, text, DateOrder::month_first);
        other && value && similarity(*other, f->value) > similarity(*value, f->value))
      value = other;
    if (!value || *value == f->value || lowest <= f->ocr_confidence + 0.05) continue;
    result.text.lines[static_cast<size_t>(f->line)] =
        replace_words(result.text.lines[static_cast<size_t>(f->line)], b, text, lowest);
    changed = true;
  }
  // No date that reads as printed, but a word shaped like one OCR garbled ("92/12/2017",
  // "20/03/204t", "2705/2018"): read it close up, up to three such words per document.
  if (!result.extraction.get("date") || result.extraction.date_garbled) {
    int tries = 0;
    for (Line& line : result.text.lines) {
      if (line.page != 1 || tries >= 3) continue;
      for (const Word& w : line.words) {
        if (w.box.empty() || !date_shaped(w.text) || tries >= 3) continue;
        ++tries;
        std::optional<OcrPage> page = read_box_closeup(pool, image.get(), w.box, options.preprocess.target_text_height);
        if (!page) continue;
        auto [text, lowest] = region_text(*page);
        if (!reread_value("date", text, DateOrder::day_first) && !reread_value("date", text, DateOrder::month_first))
          continue;
        BoundingBox box = w.box;  // `line` is replaced below
        line = replace_words(line, box, text, lowest);
        changed = true;
        break;
      }
    }
  }
  if (changed) analyse_text(result, options);
}

DocumentResult process_bytes(const std::string& path, const std::string& bytes, const ProcessOptions& options,
                             OcrPool& pool) {
  DocumentResult result;
  result.file = path;
  result.engine = pool.engine_version();
  try {
    result.sha256 = sha256_hex(bytes);
    InputFormat format = detect_format(bytes);
    result.format = std::string(to_string(format));
    std::vector<RasterPage> rasters;      // pages to OCR
    std::vector<PageOutcome> text_pages;  // pages answered by the text layer
    if (format == InputFormat::unknown) {
      throw DocumentError("unsupported_format", "not a supported image or PDF (JPEG, PNG, TIFF, WebP, BMP, PNM, GIF, PDF)");
    } else if (format == InputFormat::pdf) {
      auto pdf = PdfDocument::open(bytes);
      int pages = pdf->page_count();
      if (pages > options.max_pages)
        throw DocumentError("too_many_pages", fmt::format("{} pages, over the limit of {} (--max-pages)", pages, options.max_pages));
      for (int i = 0; i < pages; ++i) {
        std::vector<Line> lines;
        if (options.ocr_mode != OcrMode::always) lines = pdf->text_lines(i, i + 1);
        int chars = 0;
        for (const Line& l : lines) chars += count_letters(l.text()) + count_digits(l.text());
        // "Real text": a handful of characters; a scanner's stray label is not a text layer.
        if (chars >= 20 || options.ocr_mode == OcrMode::never) {
          PageOutcome p;
          p.info.number = i + 1;
          p.info.source = TextSource::text_layer;
          auto [w, h] = pdf->page_size(i);
          p.info.width = static_cast<int>(w);
          p.info.height = static_cast<int>(h);
          p.info.mean_confidence = 1.0;
          for (const Line& l : lines) p.info.words += static_cast<int>(l.words.size());
          p.lines = std::move(lines);
          text_pages.push_back(std::move(p));
          continue;
        }
        rasters.push_back({i + 1, [&bytes, i](const ProcessOptions& opts) {
          // Each job opens its own copy: poppler documents are not thread-safe.
          auto own = PdfDocument::open(bytes);
          return std::pair{own->render(i, opts.dpi, opts.max_pixels), opts.dpi};
        }});
      }
    } else {
      if (options.ocr_mode == OcrMode::never) throw DocumentError("no_text_layer", "an image has no text layer and --ocr never was given");
      int pages = count_image_pages(bytes, format);
      if (pages > options.max_pages)
        throw DocumentError("too_many_pages", fmt::format("{} pages, over the limit of {} (--max-pages)", pages, options.max_pages));
      for (int i = 0; i < pages; ++i) {
        rasters.push_back({i + 1, [&bytes, format, i](const ProcessOptions& opts) {
          PixPtr pix = decode_image_page(bytes, format, i, opts.max_pixels);
          int dpi = dpi_hint_for_image(pix.get());
          return std::pair{std::move(pix), dpi};
        }});
      }
    }
    if (!rasters.empty()) pool.require_engine();
    std::vector<PageJob> jobs;
    for (const RasterPage& r : rasters)
      jobs.push_back([&r](OcrEngine& engine, const ProcessOptions& opts) {
        auto [pix, dpi] = r.load(opts);
        return ocr_page(pix.get(), r.number, dpi, opts, engine);
      });
    // Each reading keeps its own page-1 image: field boxes refer to the reading they came from.
    auto read_with = [&](const std::vector<PageJob>& page_jobs, const ProcessOptions& opts,
                         std::shared_ptr<Pix>& page_image, std::vector<PageOutcome>* ocr_pages) {
      DocumentResult r = result;
      std::vector<PageOutcome> all = text_pages;
      for (auto& p : run_pages(pool, page_jobs, opts)) {
        if (p.image) page_image = p.image;
        if (ocr_pages) ocr_pages->push_back(p);
        all.push_back(std::move(p));
      }
      std::sort(all.begin(), all.end(), [](const PageOutcome& a, const PageOutcome& b) { return a.info.number < b.info.number; });
      for (auto& p : all) {
        r.text.pages.push_back(p.info);
        for (auto& l : p.lines) r.text.lines.push_back(std::move(l));
      }
      analyse_text(r, opts);
      return r;
    };
    std::shared_ptr<Pix> first_page_image, second_page_image;
    std::vector<PageOutcome> first_pages;
    DocumentResult first = read_with(jobs, options, first_page_image, &first_pages);
    // A total inferred from the arithmetic (no source line) does not spare the second reading.
    const Field* read_total = first.extraction.get("total");
    // Nor a date undone from a garbled form: the print was hard to read there.
    auto date_read = [](const Extraction& ex) { return ex.get("date") && !ex.date_garbled; };
    if (options.retry_weak && !jobs.empty() && (!read_total || read_total->line < 0 || !date_read(first.extraction))) {
      ProcessOptions second_options = options;
      second_options.ocr.page_segmentation_mode = options.ocr.page_segmentation_mode == 4 ? 6 : 4;
      // The second reading upscales small print to --text-height (it is read at its own
      // size first, which is cheaper and as good on clean scans) and segments differently.
      second_options.preprocess.normalize_resolution = true;
      second_options.preprocess.upscale = true;
      bool first_upscaled = options.preprocess.normalize_resolution && options.preprocess.upscale;
      second_options.preprocess.target_text_height = options.preprocess.target_text_height + (first_upscaled ? 10 : 0);
      // At most twice the size: the pages that get here are mostly faint or dot-matrix print
      // whose broken strokes make the text look smaller than it is, and 3x (9x the pixels
      // for Tesseract's layout analysis) read no better (docs/accuracy.md).
      second_options.preprocess.max_upscale = std::min(options.preprocess.max_upscale, 2.0);
      std::vector<PageJob> second_jobs;
      for (const PageOutcome& p : first_pages)
        second_jobs.push_back([&p, &rasters, &options](OcrEngine& engine, const ProcessOptions& opts) {
          // A page of speckle keeps its first reading: Tesseract's layout analysis of psm 4
          // takes minutes on it (a 12-megapixel page of random dots: 2 minutes, against 1.4 s
          // for its first reading) and there is no print to find.
          if (p.speckled) return p;
          PixPtr prepared;
          if (p.image) {
            prepared = scale_pix(p.image.get(), 1.0);
          } else {
            // Only page 1's image is kept (memory): prepare the others again, as before.
            auto it = std::find_if(rasters.begin(), rasters.end(), [&p](const RasterPage& r) { return r.number == p.info.number; });
            auto [pix, dpi] = it->load(options);
            prepared = preprocess(pix.get(), options.preprocess, nullptr);
            if (p.info.rotation) prepared = rotate_orthogonal(prepared.get(), p.info.rotation);
          }
          return reread_page(prepared.get(), p, opts, engine);
        });
      log::debug(fmt::format("{}: {}: read again with psm {} and small print enlarged", path,
                             !read_total ? "no total" : read_total->line < 0 ? "no total printed" : "no date",
                             second_options.ocr.page_segmentation_mode));
      DocumentResult second = read_with(second_jobs, second_options, second_page_image, nullptr);
      auto found = [&date_read](const DocumentResult& r) {
        return (r.extraction.get("total") ? 2 : 0) + (date_read(r.extraction) ? 2 : r.extraction.get("date") ? 1 : 0) +
               (r.extraction.get("merchant") ? 1 : 0);
      };
      if (found(second) > found(first) ||
          (found(second) == found(first) && second.assessment.confidence > first.assessment.confidence)) {
        first = std::move(second);
        first_page_image = second_page_image;
      }
    }
    reread_fields(first, first_page_image, pool, options);
    reread_merchant(first, first_page_image, pool, options);
    reread_address(first, first_page_image, pool, options);
    // The header is read from the first reading's image (at the page's own size), whichever
    // reading won.
    for (const PageOutcome& p : first_pages)
      if (p.info.number == 1 && p.image) reread_header(first, p.image, p.scale, pool, options);
    restore_serif_i(first, first_page_image);
    // Letters lost to the paper's edge: a text layer loses none.
    bool restored = !first.text.pages.empty() && first.text.pages.front().source == TextSource::ocr &&
                    restore_merchant_from_domain(first.extraction, first.text.lines);
    if (check_address_postcode(first.extraction) || restored) {
      route(first.extraction, options.routing, first.text.mean_word_confidence(), first.assessment);
      first.status = first.assessment.status;
    }
    result = std::move(first);
  } catch (const DocumentError& e) {
    result.status = "FAILED";
    result.error = e.what();
    result.error_reason = e.reason();
  } catch (const std::bad_alloc&) {
    result.status = "FAILED";
    result.error = "out of memory";
    result.error_reason = "out_of_memory";
  }
  return result;
}

DocumentResult process_document(const std::string& path, const ProcessOptions& options, OcrPool& pool) {
  std::string bytes;
  try {
    bytes = read_input(path, options.max_file_bytes);
  } catch (const DocumentError& e) {
    DocumentResult result;
    result.file = path;
    result.engine = pool.engine_version();
    result.status = "FAILED";
    result.error = e.what();
    result.error_reason = e.reason();
    return result;
  }
  if (options.perturb.active()) {
    try {
      if (auto changed = perturb_image(bytes, detect_format(bytes), options.perturb, options.max_pixels))
        bytes = std::move(*changed);
    } catch (const DocumentError&) {
      // Left as read: the pipeline reports what is wrong with it in its own words.
    } catch (const std::bad_alloc&) {
      // Likewise: too large to perturb is too large to read, and process_bytes says so.
    }
  }
  return process_bytes(path, bytes, options, pool);
}

void process_many(const std::vector<std::string>& paths, const ProcessOptions& options, OcrPool& pool, int concurrency,
                  const std::function<void(size_t, DocumentResult&&)>& on_done,
                  const std::function<bool()>& should_stop) {
  std::atomic<size_t> next{0};
  std::mutex done_mutex;
  std::exception_ptr callback_error;
  auto worker = [&] {
    for (;;) {
      if (should_stop && should_stop()) return;
      size_t i = next.fetch_add(1);
      if (i >= paths.size()) return;
      DocumentResult r;
      try {
        r = process_document(paths[i], options, pool);
      } catch (...) {
        // Not a document problem (missing language data, a bug): stop everything.
        std::lock_guard<std::mutex> lock(done_mutex);
        if (!callback_error) callback_error = std::current_exception();
        next.store(paths.size());
        return;
      }
      std::lock_guard<std::mutex> lock(done_mutex);
      if (callback_error) return;
      try {
        on_done(i, std::move(r));
      } catch (...) {
        callback_error = std::current_exception();
        next.store(paths.size());
        return;
      }
    }
  };
  int threads = std::max(1, std::min<int>(concurrency, static_cast<int>(paths.size())));
  std::vector<std::thread> pool_threads;
  for (int t = 1; t < threads; ++t) pool_threads.emplace_back(worker);
  worker();
  for (auto& t : pool_threads) t.join();
  if (callback_error) std::rethrow_exception(callback_error);
}

}  // namespace receiptocr
