// The close-ups of single fields in src/engine/pipeline.cpp (reread_fields), through
// process_bytes with a scripted OCR engine: no Tesseract, a blank in-memory PNG.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "receiptocr/pipeline.hpp"
#include "receiptocr/text.hpp"
#include "scripted_ocr.hpp"

using namespace receiptocr;
using namespace receiptocr::testing;

namespace {

// A receipt whose only date OCR garbled ("92/12/2017": no 92nd day); a close-up (psm 7)
// reads `closeup`.
class GarbledDateEngine : public OcrEngine {
public:
  GarbledDateEngine(const char* closeup, std::vector<std::string>* closeups) : closeup_(closeup), closeups_(closeups) {}
  OcrPage recognize(const Pix*, int, int, int psm) override {
    if (psm == 7) {
      closeups_->push_back(closeup_);
      Line l;
      for (const std::string& w : split(closeup_, ' ')) l.words.push_back({w, {}, 0.9});
      return page_of({l});
    }
    return page_of({line_of({{"LOTUS", 0.97}, {"LEAF", 0.97}, {"COFFEE", 0.97}}, 40),
                    line_of({{"TAX", 0.97}, {"INVOICE", 0.97}, {"92/12/2017", 0.6}}, 200),
                    line_of({{"Latte", 0.97}, {"4.50", 0.97}}, 440),
                    line_of({{"TOTAL", 0.97}, {"4.50", 0.97}}, 480)});
  }
  std::pair<int, double> detect_orientation(const Pix*) override { return {0, 0}; }
  std::string version() const override { return "scripted"; }

private:
  const char* closeup_;
  std::vector<std::string>* closeups_;
};

DocumentResult run(const char* closeup, std::vector<std::string>& closeups) {
  OcrPool pool(1, [&] { return std::make_unique<GarbledDateEngine>(closeup, &closeups); }, "scripted");
  ProcessOptions options;
  options.retry_weak = false;  // one reading: the close-up is what is tested
  return process_bytes("receipt.png", blank_png(400, 1000), options, pool);
}

}  // namespace

TEST_CASE("no date found: a word shaped like a garbled date is read close up") {
  std::vector<std::string> closeups;
  DocumentResult r = run("22/12/2017", closeups);
  REQUIRE(r.extraction.get("date"));
  CHECK(r.extraction.get("date")->value == "2017-12-22");
  CHECK(r.extraction.get("date")->text == "TAX INVOICE 22/12/2017");
  // A close-up that reads no date changes nothing.
  closeups.clear();
  r = run("9?/12/2017", closeups);
  CHECK_FALSE(r.extraction.get("date"));
  CHECK(closeups.size() >= 1);
  CHECK(std::find(r.assessment.review_reasons.begin(), r.assessment.review_reasons.end(), "missing_date") !=
        r.assessment.review_reasons.end());
}
