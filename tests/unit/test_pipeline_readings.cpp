// Which readings the pipeline makes (src/engine/pipeline.cpp, process_bytes), through a
// scripted OCR engine that records the page segmentation mode of every call.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "receiptocr/image.hpp"
#include "receiptocr/pipeline.hpp"
#include "scripted_ocr.hpp"

using namespace receiptocr;
using namespace receiptocr::testing;

namespace {

// Reads a page with a merchant but no total and no date, which asks for a second reading.
class NoTotalEngine : public OcrEngine {
public:
  explicit NoTotalEngine(std::vector<int>* calls) : calls_(calls) {}
  OcrPage recognize(const Pix*, int, int, int psm) override {
    calls_->push_back(psm);
    if (psm == 7) return {};
    return page_of({line_of({{"LOTUS", 0.97}, {"LEAF", 0.97}, {"COFFEE", 0.97}}, 40)});
  }
  std::pair<int, double> detect_orientation(const Pix*) override { return {0, 0}; }
  std::string version() const override { return "scripted"; }

private:
  std::vector<int>* calls_;
};

std::vector<int> readings_of(const std::string& png) {
  std::vector<int> calls;
  OcrPool pool(1, [&] { return std::make_unique<NoTotalEngine>(&calls); }, "scripted");
  ProcessOptions options;
  DocumentResult r = process_bytes("page.png", png, options, pool);
  CHECK(r.status == "NEEDS_REVIEW");
  return calls;
}

// 1200 x 1600 px of single dots 4 px apart: 120000 specks and no glyph.
std::string speckle_png() {
  Pix* pix = pixCreate(1200, 1600, 8);
  pixSetAllArbitrary(pix, 255);
  for (int y = 0; y < 1600; y += 4)
    for (int x = 0; x < 1200; x += 4) pixSetPixel(pix, x, y, 0);
  return png_of(pix);
}

}  // namespace

TEST_CASE("speckled: many components, hardly any of a glyph's size") {
  CHECK(speckled(40920, 1));
  CHECK(speckled(128811, 476));
  // The most speckled scan of the datasets, a receipt with a few pages of print, a blank page.
  CHECK_FALSE(speckled(49864, 782));
  CHECK_FALSE(speckled(6461, 3000));
  CHECK_FALSE(speckled(20000, 0));
  CHECK_FALSE(speckled(0, 0));
}

TEST_CASE("second reading: a page missing its total is read again, a page of speckle is not") {
  std::vector<int> blank = readings_of(blank_png(400, 1000));
  CHECK(std::count(blank.begin(), blank.end(), 4) == 1);  // psm 4: the second reading
  std::vector<int> speckle = readings_of(speckle_png());
  CHECK(std::count(speckle.begin(), speckle.end(), 6) == 1);
  CHECK(std::count(speckle.begin(), speckle.end(), 4) == 0);
}
