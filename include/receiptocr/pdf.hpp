#pragma once
// PDF access through poppler-cpp: page count, text layer as words, rasterisation.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "receiptocr/document.hpp"
#include "receiptocr/image.hpp"

namespace poppler {
class document;
}

namespace receiptocr {

// Silences poppler's error messages on stderr. Call once.
void quiet_poppler();

// An opened PDF. Not thread-safe: give each thread its own (open() is cheap).
class PdfDocument {
public:
  // Opens from bytes (which must outlive the object). Throws DocumentError with reason
  // "encrypted" for password-protected files and "corrupt" for unreadable ones.
  static std::unique_ptr<PdfDocument> open(std::string_view bytes);
  ~PdfDocument();
  int page_count() const;
  // Page size in points, width and height after the page's /Rotate.
  std::pair<double, double> page_size(int index) const;
  // The text layer of page `index` (0-based) as lines of words, boxes in points, in
  // reading order top to bottom; empty when the page has no text layer.
  std::vector<Line> text_lines(int index, int page_number) const;
  // Renders page `index` at `dpi` to an 8-bit grey image. Throws DocumentError("too_large")
  // when the bitmap would exceed max_pixels, ("corrupt") when poppler cannot render it.
  PixPtr render(int index, int dpi, std::uint64_t max_pixels) const;

private:
  explicit PdfDocument(std::unique_ptr<poppler::document> doc);
  std::unique_ptr<poppler::document> doc_;
};

// Groups words (with boxes) into lines: words whose vertical centres fall inside the same
// band form a line, sorted left to right. Pure; used for PDF text layers.
std::vector<Line> group_words_into_lines(std::vector<Word> words, int page_number);

}  // namespace receiptocr
