#include <doctest/doctest.h>

#include <string>

#include "receiptocr/extract.hpp"
#include "receiptocr/image.hpp"
#include "receiptocr/input.hpp"
#include "receiptocr/ocr.hpp"
#include "receiptocr/text.hpp"

using namespace receiptocr;

// The real engine on a real fixture: each word's glyph confidence is its least certain
// letter's or digit's, which the word's own confidence (that of its characters and of the
// spaces around them) never exceeds.
TEST_CASE("tesseract engine: words carry their least certain glyph's confidence") {
  std::string bytes = read_input(std::string(RECEIPTOCR_TESTDATA_DIR) + "/receipt-eu.jpg", 1 << 26);
  PixPtr image = decode_image_page(bytes, detect_format(bytes), 0, 120000000);
  REQUIRE(image);
  std::unique_ptr<OcrEngine> engine = make_tesseract_engine(OcrSettings{});
  OcrPage page = engine->recognize(image.get(), 1, 300);
  REQUIRE(page.words > 10);
  int weighed = 0;
  for (const Line& line : page.lines)
    for (const Word& w : line.words) {
      if (count_letters(w.text) + count_digits(w.text) == 0) {
        CHECK(w.glyph_confidence == 0.0);  // no letter or digit: not known
        continue;
      }
      ++weighed;
      CHECK(w.glyph_confidence > 0.0);
      CHECK(w.glyph_confidence <= 1.0);
      CHECK(w.glyph_confidence >= w.confidence - 0.01);
    }
  CHECK(weighed > 10);
}
