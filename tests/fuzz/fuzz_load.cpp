// Fuzz target: the loading path of a document, up to (not including) OCR: format detection,
// then for PDFs poppler's parser, page sizes, the text layer as lines of words and a
// low-resolution rendering of the first page; for images the page count, Leptonica decoding
// behind the --max-pixels header check, and preprocessing of small pages.
// Invariants: failures are DocumentError with a known reason; a decoded or rendered page never
// exceeds the pixel limit; text-layer words are non-empty, trimmed, valid UTF-8.
#include <algorithm>
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_support.hpp"
#include "receiptocr/error.hpp"
#include "receiptocr/image.hpp"
#include "receiptocr/input.hpp"
#include "receiptocr/pdf.hpp"

using namespace receiptocr;
using receiptocr::fuzz::shown;

namespace {

// Lower than the default (120 Mpx) so each input stays fast; the check is the same code.
constexpr std::uint64_t max_pixels = 4'000'000;
constexpr int max_pages = 3;
constexpr int render_dpi = 24;

void check_reason(const DocumentError& e) {
  static const std::set<std::string> reasons = {"corrupt", "encrypted", "too_large"};
  FUZZ_CHECK(reasons.count(e.reason()) == 1, e.reason() + ": " + e.what());
}

void check_pix(const Pix* pix, const char* what) {
  FUZZ_CHECK(pix != nullptr, what);
  std::uint64_t w = static_cast<std::uint64_t>(pix_width(pix)), h = static_cast<std::uint64_t>(pix_height(pix));
  FUZZ_CHECK(w > 0 && h > 0 && w * h <= max_pixels,
             std::string(what) + " is " + std::to_string(w) + "x" + std::to_string(h) + " pixels");
}

void load_pdf(std::string_view bytes) {
  auto pdf = PdfDocument::open(bytes);
  int pages = pdf->page_count();
  FUZZ_CHECK(pages > 0, "open() accepted a PDF without pages");
  for (int i = 0; i < std::min(pages, max_pages); ++i) {
    pdf->page_size(i);
    for (const Line& line : pdf->text_lines(i, i + 1)) {
      FUZZ_CHECK(line.page == i + 1, "line on the wrong page");
      FUZZ_CHECK(!line.words.empty(), "empty line");
      for (const Word& w : line.words) {
        FUZZ_CHECK(!w.text.empty() && trim(w.text) == w.text, shown(w.text));
        FUZZ_CHECK(fuzz::is_valid_utf8(w.text), shown(w.text));
      }
    }
  }
  try {
    PixPtr page = pdf->render(0, render_dpi, max_pixels);
    check_pix(page.get(), "rendered page 1");
  } catch (const DocumentError& e) {
    check_reason(e);
  }
}

void load_image(std::string_view bytes, InputFormat format) {
  int pages = count_image_pages(bytes, format);
  FUZZ_CHECK(pages > 0, "no pages");
  for (int i = 0; i < std::min(pages, max_pages); ++i) {
    PixPtr pix;
    try {
      pix = decode_image_page(bytes, format, i, max_pixels);
    } catch (const DocumentError& e) {
      check_reason(e);
      continue;
    }
    check_pix(pix.get(), "decoded page");
    // Preprocessing (connected components, deskew) is slow on big pages; small ones suffice.
    if (pix_width(pix.get()) * pix_height(pix.get()) <= 200'000) {
      PreprocessReport report;
      PixPtr prepared = preprocess(pix.get(), PreprocessOptions{}, &report);
      FUZZ_CHECK(prepared != nullptr, "preprocess returned nothing");
      PixPtr turned = rotate_orthogonal(prepared.get(), 90);
      FUZZ_CHECK(turned && pix_width(turned.get()) == pix_height(prepared.get()), "rotation");
      crop_and_scale(pix.get(), -3, -3, pix_width(pix.get()) / 2, pix_height(pix.get()) + 3, 0.5);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  quiet_leptonica();
  quiet_poppler();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes = fuzz::as_text(data, size);
  InputFormat format = detect_format(bytes);
  FUZZ_CHECK(!to_string(format).empty(), "format name");
  try {
    if (format == InputFormat::pdf)
      load_pdf(bytes);
    else if (format != InputFormat::unknown)
      load_image(bytes, format);
  } catch (const DocumentError& e) {
    check_reason(e);
  }
  return 0;
}
