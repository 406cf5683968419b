// The address close-up of src/engine/pipeline.cpp (reread_address), through process_bytes with
// a scripted OCR engine: no Tesseract, a blank in-memory PNG, canned readings.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <string>

#include "receiptocr/extract.hpp"
#include "receiptocr/pipeline.hpp"
#include "receiptocr/text.hpp"
#include "scripted_ocr.hpp"

using namespace receiptocr;
using namespace receiptocr::testing;

namespace {

// A receipt whose first address line OCR read with doubt (NO.53 at `house_number`); one-line
// close-ups (psm 7) read `closeup` (at `closeup_confidence`), or `closeup` first and `second` after.
class ScriptedEngine : public OcrEngine {
public:
  ScriptedEngine(double house_number, const char* closeup, const char* second, std::atomic<int>* closeups,
                 double closeup_confidence)
      : house_number_(house_number), closeup_(closeup), second_(second ? second : closeup), closeups_(closeups),
        closeup_confidence_(closeup_confidence) {}
  OcrPage recognize(const Pix*, int, int, int psm) override {
    if (psm == 7) {
      const char* text = (*closeups_)++ == 0 ? closeup_ : second_;
      Line l;
      // "SAGU@0.3": a word read at a confidence of its own.
      for (const std::string& w : split(text, ' ')) {
        size_t at = w.find('@');
        l.words.push_back({w.substr(0, at), {}, at == std::string::npos ? closeup_confidence_ : std::stod(w.substr(at + 1))});
      }
      return page_of({l});
    }
    return page_of({line_of({{"LOTUS", 0.97}, {"LEAF", 0.97}, {"COFFEE", 0.97}, {"SDN", 0.97}, {"BHD", 0.97}}, 40),
                    line_of({{"NO.53", house_number_}, {"JALAN", 0.96}, {"SAGU", 0.96}, {"18,", 0.96}}, 80),
                    line_of({{"81100", 0.96}, {"JOHOR", 0.96}, {"BAHRU", 0.96}}, 120),
                    line_of({{"Date:", 0.97}, {"25/12/2019", 0.97}}, 400),
                    line_of({{"Latte", 0.97}, {"4.50", 0.97}}, 440),
                    line_of({{"TOTAL", 0.97}, {"4.50", 0.97}}, 480),
                    // Cash minus change confirms the total (else unconfirmed_total routes it).
                    line_of({{"CASH", 0.97}, {"5.00", 0.97}}, 520),
                    line_of({{"CHANGE", 0.97}, {"0.50", 0.97}}, 560)});
  }
  std::pair<int, double> detect_orientation(const Pix*) override { return {0, 0}; }
  std::string version() const override { return "scripted"; }

private:
  double house_number_;
  const char* closeup_;
  const char* second_;
  std::atomic<int>* closeups_;
  double closeup_confidence_;
};

DocumentResult run(double house_number, const char* closeup, std::atomic<int>& closeups, const char* second = nullptr,
                   double closeup_confidence = 0.9) {
  OcrPool pool(1, [&] { return std::make_unique<ScriptedEngine>(house_number, closeup, second, &closeups, closeup_confidence); },
               "scripted");
  return process_bytes("receipt.png", blank_png(400, 1000), ProcessOptions{}, pool);
}

const char* address = "NO.53 JALAN SAGU 18, 81100 JOHOR BAHRU";

}  // namespace

TEST_CASE("address close-up: a doubtful line read the same again is trusted") {
  std::atomic<int> closeups{0};
  DocumentResult r = run(0.4, "NO.53 JALAN SAGU 18.", closeups);  // punctuation aside, the same
  CHECK(closeups == 1);  // only the doubtful line
  const Field* a = r.extraction.get("vendor_address");
  REQUIRE(a);
  CHECK(a->value == address);
  // Wrong only if both readings are: 1 - 0.6 * 0.1 = 0.94 for the line; 0.96 for the other.
  CHECK(a->ocr_confidence == doctest::Approx(0.94));
  CHECK(a->confidence == doctest::Approx(address_confidence(0.94)));
  CHECK(r.status == "COMPLETED");
  CHECK(r.assessment.review_reasons.empty());
}

TEST_CASE("address close-up: a close-up that reads otherwise leaves the doubt, and the value") {
  std::atomic<int> closeups{0};
  DocumentResult r = run(0.4, "NO.58 JALAN SAGU 18,", closeups, "NO.63 JALAN SAGU 18,");
  CHECK(closeups == 2);  // the words set straight, then the line's box
  const Field* a = r.extraction.get("vendor_address");
  REQUIRE(a);
  CHECK(a->value == address);
  CHECK(a->confidence == doctest::Approx(address_confidence(0.4)));
  CHECK(r.status == "NEEDS_REVIEW");
  CHECK(r.assessment.review_reasons == std::vector<std::string>{"low_confidence:vendor_address"});
}

TEST_CASE("address close-up: the second close-up confirms when the first reads otherwise") {
  std::atomic<int> closeups{0};
  DocumentResult r = run(0.4, "NO.58 JALAN SAGU 18,", closeups, "NO.53 JALAN SAGU 18,");
  CHECK(closeups == 2);
  const Field* a = r.extraction.get("vendor_address");
  REQUIRE(a);
  CHECK(a->value == address);
  CHECK(a->ocr_confidence == doctest::Approx(0.94));
  CHECK(r.status == "COMPLETED");
}

TEST_CASE("address close-up: a doubtful confirmation is confirmed again by the second close-up") {
  std::atomic<int> closeups{0};
  // 1 - 0.6 * 0.5 = 0.7 after the first, under the 0.75 the threshold needs; 1 - 0.3 * 0.5 after both.
  DocumentResult r = run(0.4, "NO.53 JALAN SAGU 18,", closeups, nullptr, 0.5);
  CHECK(closeups == 2);
  const Field* a = r.extraction.get("vendor_address");
  REQUIRE(a);
  CHECK(a->ocr_confidence == doctest::Approx(0.85));
  CHECK(r.status == "COMPLETED");
}

TEST_CASE("address close-up: the readings vouch for each other word by word") {
  std::atomic<int> closeups{0};
  // The close-up is sure of the house number the page doubted, and doubts a street name the
  // page was sure of: each word is wrong only when both readings are, so the line is at
  // 1 - 0.6 * 0.05 = 0.97 (the house number), not 1 - 0.6 * 0.7 = 0.58 (the two least certain
  // words), and no second close-up is needed; the postcode line's 0.96 is then the address's.
  DocumentResult r = run(0.4, "NO.53@0.95 JALAN SAGU@0.3 18,", closeups);
  CHECK(closeups == 1);
  const Field* a = r.extraction.get("vendor_address");
  REQUIRE(a);
  CHECK(a->value == address);
  CHECK(a->ocr_confidence == doctest::Approx(0.96));
  CHECK(r.status == "COMPLETED");
}

TEST_CASE("address close-up: a close-up that cuts the line into other words raises it as a whole") {
  std::atomic<int> closeups{0};
  // "SAGU18," runs two of the page's words together: one word fewer, so no word pairs with its
  // own, and the least certain words combine, 1 - 0.6 * 0.5 = 0.7 < 0.75; the box is read too.
  DocumentResult r = run(0.4, "NO.53@0.5 JALAN SAGU18,", closeups, "NO.53@0.5 JALAN SAGU18,");
  CHECK(closeups == 2);
  const Field* a = r.extraction.get("vendor_address");
  REQUIRE(a);
  CHECK(a->ocr_confidence == doctest::Approx(1 - 0.6 * 0.5 * 0.5));
  CHECK(r.status == "COMPLETED");
}

TEST_CASE("address close-up: compared as the address spells the line") {
  std::atomic<int> closeups{0};
  // A section sign read for a 5 is spelled back (clean_address_line()): the same address.
  DocumentResult r = run(0.4, "NO.\xC2\xA7" "3 JALAN SAGU 18,", closeups);
  CHECK(closeups == 1);
  REQUIRE(r.extraction.get("vendor_address"));
  CHECK(r.extraction.get("vendor_address")->ocr_confidence == doctest::Approx(0.94));
}

TEST_CASE("address close-up: two close-ups that read the same other line outvote the page, for review") {
  std::atomic<int> closeups{0};
  DocumentResult r = run(0.4, "NO.58 JALAN SAGU 18.", closeups);
  CHECK(closeups == 2);
  const Field* a = r.extraction.get("vendor_address");
  REQUIRE(a);
  CHECK(a->value == "NO.58 JALAN SAGU 18. 81100 JOHOR BAHRU");
  CHECK(a->confidence == doctest::Approx(address_confidence(0.4)));
  CHECK(r.status == "NEEDS_REVIEW");
}

TEST_CASE("address close-up: a confident address is not read again") {
  std::atomic<int> closeups{0};
  DocumentResult r = run(0.93, "NO.58 JALAN SAGU 18,", closeups);
  CHECK(closeups == 0);
  REQUIRE(r.extraction.get("vendor_address"));
  CHECK(r.extraction.get("vendor_address")->confidence == doctest::Approx(address_confidence(0.93)));
  CHECK(r.status == "COMPLETED");
}

namespace {

// A page whose address line reads "TAMAN MALURT," (confidently, so no close-up is made); the
// image holds, where the T of MALURT is, a serif I (`serif`) or a T.
class SerifEngine : public OcrEngine {
public:
  OcrPage recognize(const Pix*, int, int, int psm) override {
    if (psm == 7) return {};
    return page_of({line_of({{"LOTUS", 0.97}, {"LEAF", 0.97}, {"COFFEE", 0.97}, {"SDN", 0.97}, {"BHD", 0.97}}, 40),
                    line_of({{"3,", 0.97}, {"TAMAN", 0.97}, {"MALURT,", 0.97}}, 80),
                    line_of({{"55100", 0.97}, {"KUALA", 0.97}, {"LUMPUR", 0.97}}, 120),
                    line_of({{"Date:", 0.97}, {"25/12/2019", 0.97}}, 400),
                    line_of({{"TOTAL", 0.97}, {"4.50", 0.97}}, 480)});
  }
  std::pair<int, double> detect_orientation(const Pix*) override { return {0, 0}; }
  std::string version() const override { return "scripted"; }
};

std::string page_with_last_letter(bool serif) {
  Pix* pix = pixCreate(400, 1000, 8);
  pixSetAllArbitrary(pix, 255);
  // line_of(): "3," at 10..34, "TAMAN" at 44..104, "MALURT," at 114..198; the T is its sixth
  // character, x 174..186, y 80..100.
  auto ink = [&](int left, int top, int width, int height) { pixRasterop(pix, left, top, width, height, PIX_CLR, nullptr, 0, 0); };
  ink(162, 81, 3, 18);  // the R's stem before it
  ink(176, 81, 6, 3);
  ink(178, 81, 2, 18);
  if (serif) ink(176, 96, 6, 3);
  return png_of(pix);
}

}  // namespace

TEST_CASE("address: a word's last letter read as T that has the shape of a serif I is an I") {
  for (bool serif : {true, false}) {
    CAPTURE(serif);
    OcrPool pool(1, [] { return std::make_unique<SerifEngine>(); }, "scripted");
    ProcessOptions options;
    options.preprocess.normalize_resolution = false;
    options.preprocess.deskew = false;
    DocumentResult r = process_bytes("receipt.png", page_with_last_letter(serif), options, pool);
    REQUIRE(r.extraction.get("vendor_address"));
    CHECK(r.extraction.get("vendor_address")->value ==
          (serif ? "3, TAMAN MALURI, 55100 KUALA LUMPUR" : "3, TAMAN MALURT, 55100 KUALA LUMPUR"));
  }
}
