#pragma once
// The text of a document as the extractor sees it: pages of lines of words with boxes
// and confidences, whether they came from OCR or from a PDF text layer.
#include <string>
#include <string_view>
#include <vector>

namespace receiptocr {

// Pixel (or PDF point) rectangle; all zero when unknown.
struct BoundingBox {
  int left = 0, top = 0, right = 0, bottom = 0;
  bool empty() const { return right <= left || bottom <= top; }
  int width() const { return right - left; }
  int height() const { return bottom - top; }
  // The smallest box holding both (an empty box is ignored).
  BoundingBox united(const BoundingBox& other) const;
  bool operator==(const BoundingBox&) const = default;
};

struct Word {
  std::string text;
  BoundingBox box;
  double confidence = 1.0;  // 0..1; 1 for a PDF text layer
  // OCR's certainty of the word's least certain letter or digit, 0..1; 0 when not known. The
  // word's own confidence also holds the engine's doubt about the spaces around it, which the
  // letters and digits of an address do not depend on (`Tampoi,81200` read at 0.25, each of
  // its characters at 0.91 or more: address_word_confidences()).
  double glyph_confidence = 0.0;
};

struct Line {
  std::vector<Word> words;
  BoundingBox box;
  int page = 1;
  // The words joined by single spaces (what the parsers read).
  std::string text() const;
  // Mean word confidence weighted by word length, 1 for an empty line.
  double confidence() const;
  // Byte offset of each word's first character in text().
  std::vector<size_t> word_offsets() const;
  // Index of the word holding character `offset` of text(), words.size() when none does.
  size_t word_at(size_t offset) const;
  // Box and mean confidence of the words overlapping text()[begin, end).
  BoundingBox box_of(size_t begin, size_t end) const;
  double confidence_of(size_t begin, size_t end) const;
  // The lowest confidence among those words (one misread word spoils a value), 1 if none.
  double min_confidence_of(size_t begin, size_t end) const;
};

enum class TextSource { text_layer, ocr };

// What happened to one page.
struct PageInfo {
  int number = 1;
  TextSource source = TextSource::ocr;
  int width = 0, height = 0;  // of the image OCR saw (pixels), or the PDF page (points)
  double mean_confidence = 1.0;
  int rotation = 0;           // degrees clockwise applied before OCR (0, 90, 180, 270)
  double skew_degrees = 0.0;  // deskew angle applied
  double scale = 1.0;         // resolution normalisation factor applied
  int words = 0;
  int psm = 0;                // Tesseract page segmentation mode used (OCR pages)
};

struct DocumentText {
  std::vector<PageInfo> pages;
  std::vector<Line> lines;  // reading order, page by page
  // Mean confidence over all words, 0 when there are none.
  double mean_word_confidence() const;
  // All lines as plain text, one per line, pages separated by form feeds.
  std::string plain_text() const;
};

// Words of at least three letters or digits that OCR read with confidence 0.9 or more. Text
// read sideways or upside down has almost none, however much of it there is.
int confident_word_count(const std::vector<Line>& lines);

// Splits plain text into lines of words (no boxes, confidence 1): for tests and text layers.
std::vector<Line> lines_from_text(std::string_view text, int page = 1);

}  // namespace receiptocr
