// The header re-read of src/engine/pipeline.cpp (reread_header), through process_bytes with a
// scripted OCR engine: no Tesseract, a blank in-memory PNG, canned readings per image size.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include "receiptocr/extract.hpp"
#include "receiptocr/pipeline.hpp"
#include "scripted_ocr.hpp"

using namespace receiptocr;
using namespace receiptocr::testing;

namespace {

constexpr int page_width = 400;
constexpr int page_height = 1000;

// The whole page reads its name badly (or well); the top 30% read on its own reads it well.
class ScriptedEngine : public OcrEngine {
public:
  ScriptedEngine(bool name_read_well, std::atomic<int>* header_reads)
      : name_read_well_(name_read_well), header_reads_(header_reads) {}
  OcrPage recognize(const Pix* image, int, int, int psm) override {
    int height = pixGetHeight(const_cast<Pix*>(image));
    if (psm == 7) return {};  // close-ups of single fields: nothing better to offer
    if (height < page_height / 2) {
      ++*header_reads_;
      return page_of({line_of({{"LOTUS", 0.97}, {"LEAF", 0.96}, {"COFFEE", 0.97}}, 40),
                      line_of({{"18", 0.95}, {"Ly", 0.93}, {"Tu", 0.94}, {"Trong,", 0.95}, {"Quan", 0.95}, {"1", 0.95}}, 80)});
    }
    std::vector<Line> lines;
    if (name_read_well_)
      lines.push_back(line_of({{"LOTUS", 0.97}, {"LEAF", 0.96}, {"COFFEE", 0.97}}, 40));
    else
      lines.push_back(line_of({{"LOTUS", 0.35}, {"LEAF", 0.30}, {"COFFFE", 0.25}}, 40));  // doubtful
    lines.push_back(line_of({{"Date:", 0.96}, {"25/12/2019", 0.97}}, 400));
    lines.push_back(line_of({{"Latte", 0.96}, {"4.50", 0.97}}, 440));
    lines.push_back(line_of({{"TOTAL", 0.97}, {"4.50", 0.97}}, 480));
    return page_of(std::move(lines));
  }
  std::pair<int, double> detect_orientation(const Pix*) override { return {0, 0}; }
  std::string version() const override { return "scripted"; }

private:
  bool name_read_well_;
  std::atomic<int>* header_reads_;
};

DocumentResult run(bool name_read_well, std::atomic<int>& header_reads) {
  OcrPool pool(1, [&] { return std::make_unique<ScriptedEngine>(name_read_well, &header_reads); }, "scripted");
  return process_bytes("receipt.png", blank_png(page_width, page_height), ProcessOptions{}, pool);
}

}  // namespace

TEST_CASE("header re-read: a doubtful merchant is replaced by the header's confident one") {
  std::atomic<int> header_reads{0};
  DocumentResult r = run(false, header_reads);
  REQUIRE(r.status != "FAILED");
  CHECK(header_reads == 1);
  const Field* merchant = r.extraction.get("merchant");
  REQUIRE(merchant);
  CHECK(merchant->value == "LOTUS LEAF COFFEE");
  CHECK(merchant->confidence > 0.6);
  CHECK(merchant->page == 1);
  CHECK(merchant->line == 0);  // the page's line it overlaps
  CHECK(merchant->box.top == 40);
  // The other fields are the page's.
  REQUIRE(r.extraction.get("total"));
  CHECK(r.extraction.get("total")->value == "4.50");
}

TEST_CASE("header re-read: a confident merchant is left alone and the header is not read") {
  std::atomic<int> header_reads{0};
  DocumentResult r = run(true, header_reads);
  REQUIRE(r.status != "FAILED");
  CHECK(header_reads == 0);
  REQUIRE(r.extraction.get("merchant"));
  CHECK(r.extraction.get("merchant")->value == "LOTUS LEAF COFFEE");
}

namespace {

// The whole page: a slogan under a logo, read with doubt, and a thank-you line naming the
// store. The top of the page read on its own (reread_header): the slogan, read with confidence.
class ThankingEngine : public OcrEngine {
public:
  explicit ThankingEngine(int* header_reads) : header_reads_(header_reads) {}
  OcrPage recognize(const Pix* pix, int, int, int psm) override {
    if (psm == 7) return page_of({line_of({{"Ross!", 0.97}}, 0)});
    if (pixGetHeight(const_cast<Pix*>(pix)) < page_height / 2) {
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
  DocumentResult r = process_bytes("receipt.png", blank_png(400, page_height), ProcessOptions{}, pool);
  const Field* m = r.extraction.get("merchant");
  REQUIRE(m);
  CHECK(m->value == "Ross");
  CHECK(header_reads == 0);
  CHECK(r.status == "NEEDS_REVIEW");
  CHECK(std::find(r.assessment.review_reasons.begin(), r.assessment.review_reasons.end(), "low_confidence:merchant") !=
        r.assessment.review_reasons.end());
}

namespace {

// A note written over the printed name ("tan woon yann"); the printed name has a word OCR could
// not read (confidence 0). The top of the page read on its own reads the note and, when
// `header_sees_name`, the printed name too (as well as the page did).
class NoteEngine : public OcrEngine {
public:
  NoteEngine(bool header_sees_name, int* header_reads) : header_sees_name_(header_sees_name), header_reads_(header_reads) {}
  OcrPage recognize(const Pix* pix, int, int, int psm) override {
    if (psm == 7) return {};
    Line note = line_of({{"tan", 0.93}, {"woon", 0.92}, {"yann", 0.93}}, 40);
    Line name = line_of({{"INDAH", 0.81}, {"GIFT", 0.91}, {"&", 0.91}, {"HOME", 0.97}, {"ECO", 0.0}}, 100);
    if (pixGetHeight(const_cast<Pix*>(pix)) < page_height / 2) {
      ++*header_reads_;
      if (header_sees_name_) return page_of({note, name});
      return page_of({note, line_of({{"IN", 0.2}, {"Ai", 0.1}}, 100)});
    }
    return page_of({note, name, line_of({{"27,", 0.9}, {"JALAN", 0.9}, {"DEDAP", 0.9}, {"13,", 0.9}}, 140),
                    line_of({{"81100", 0.9}, {"JOHOR", 0.9}, {"BAHRU", 0.9}}, 180),
                    line_of({{"Date:", 0.97}, {"19/10/2018", 0.97}}, 400), line_of({{"TOTAL", 0.97}, {"4.50", 0.97}}, 480)});
  }
  std::pair<int, double> detect_orientation(const Pix*) override { return {0, 0}; }
  std::string version() const override { return "scripted"; }

private:
  bool header_sees_name_;
  int* header_reads_;
};

}  // namespace

TEST_CASE("header re-read: a line the page ranked lower does not win when the header lost the page's choice") {
  for (bool header_sees_name : {false, true}) {
    CAPTURE(header_sees_name);
    int header_reads = 0;
    OcrPool pool(1, [&] { return std::make_unique<NoteEngine>(header_sees_name, &header_reads); }, "scripted");
    DocumentResult r = process_bytes("receipt.png", blank_png(400, page_height), ProcessOptions{}, pool);
    const Field* m = r.extraction.get("merchant");
    REQUIRE(m);
    CHECK(header_reads == 1);  // the name was doubtful: the header was read
    // Lost by the header: the page's choice stands. Seen by both: the readings agree anyway.
    CHECK(m->value == "INDAH GIFT & HOME ECO");
    CHECK(r.status == "NEEDS_REVIEW");
  }
}
