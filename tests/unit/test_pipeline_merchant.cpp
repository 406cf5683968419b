// The merchant through process_bytes with a scripted OCR engine (src/engine/pipeline.cpp): a
// store named by the receipt's thank-you line is not replaced by the header close-up's reading
// of the slogan it was preferred to.
#include <doctest/doctest.h>

#include <leptonica/allheaders.h>

#include <memory>
#include <string>

#include "receiptocr/extract.hpp"
#include "receiptocr/pipeline.hpp"
#include "receiptocr/text.hpp"
#include "scripted_ocr.hpp"

using namespace receiptocr;
using namespace receiptocr::testing;

namespace {

constexpr int kPageHeight = 1000;

// The whole page: a slogan under a logo, read with doubt, and a thank-you line naming the
// store. The top of the page read on its own (reread_header): the slogan, read with confidence.
class ThankingEngine : public OcrEngine {
public:
  explicit ThankingEngine(int* header_reads) : header_reads_(header_reads) {}
  OcrPage recognize(const Pix* pix, int, int, int psm) override {
    if (psm == 7) return page_of({line_of({{"Ross!", 0.97}}, 0)});
    if (pixGetHeight(const_cast<Pix*>(pix)) < kPageHeight / 2) {
      ++*header_reads_;
      return page_of({line_of({{"DRESS", 0.99}, {"FOR", 0.99}, {"LESS", 0.99}}, 40)});
    }
    return page_of({line_of({{"DRESS", 0.6}, {"FOR", 0.6}, {"LESS", 0.6}}, 40),
                    line_of({{"SANTA", 0.97}, {"CLARA,", 0.97}, {"CA", 0.97}}, 80),
                    line_of({{"Date:", 0.97}, {"09/01/2014", 0.97}}, 400),
                    line_of({{"Shirt", 0.97}, {"4.50", 0.97}}, 440),
                    line_of({{"TOTAL", 0.97}, {"4.50", 0.97}}, 480),
                    line_of({{"Thank", 0.97}, {"you", 0.97}, {"for", 0.97}, {"shopping", 0.97}, {"at", 0.97},
                             {"Ross!", 0.97}},
                            900)});
  }
  std::pair<int, double> detect_orientation(const Pix*) override { return {0, 0}; }
  std::string version() const override { return "scripted"; }

private:
  int* header_reads_;
};

}  // namespace

TEST_CASE("merchant: the header close-up does not bring back the slogan a thank-you line outvoted") {
  int header_reads = 0;
  OcrPool pool(1, [&] { return std::make_unique<ThankingEngine>(&header_reads); }, "scripted");
  DocumentResult r = process_bytes("receipt.png", blank_png(400, kPageHeight), ProcessOptions{}, pool);
  const Field* m = r.extraction.get("merchant");
  REQUIRE(m);
  CHECK(m->value == "Ross");
  CHECK(header_reads == 0);
  CHECK(r.status == "NEEDS_REVIEW");
  CHECK(std::find(r.assessment.review_reasons.begin(), r.assessment.review_reasons.end(), "low_confidence:merchant") !=
        r.assessment.review_reasons.end());
}
