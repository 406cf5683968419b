#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "receiptocr/document.hpp"

using namespace receiptocr;

namespace {
Line make_line(std::vector<Word> words, int page = 1) {
  Line l;
  l.words = std::move(words);
  l.page = page;
  return l;
}
}  // namespace

TEST_CASE("BoundingBox basics and united") {
  BoundingBox a{10, 20, 30, 40};
  CHECK_FALSE(a.empty());
  CHECK(a.width() == 20);
  CHECK(a.height() == 20);
  CHECK(BoundingBox{}.empty());
  CHECK(BoundingBox{5, 5, 5, 9}.empty());
  CHECK(a.united({0, 25, 15, 50}) == BoundingBox{0, 20, 30, 50});
  CHECK(a.united({}) == a);
  CHECK(BoundingBox{}.united(a) == a);
}

TEST_CASE("Line::text joins words by single spaces") {
  CHECK(make_line({{"TOTAL", {}, 1}, {"RM", {}, 1}, {"9.00", {}, 1}}).text() == "TOTAL RM 9.00");
  CHECK(make_line({}).text() == "");
  CHECK(make_line({{"one", {}, 1}}).text() == "one");
}

TEST_CASE("Line::word_offsets are byte offsets into text()") {
  Line l = make_line({{"TOTAL", {}, 1}, {"€", {}, 1}, {"9.00", {}, 1}});
  CHECK(l.word_offsets() == std::vector<size_t>{0, 6, 10});
  CHECK(l.text().substr(10) == "9.00");
  CHECK(make_line({}).word_offsets().empty());
}

TEST_CASE("Line::word_at: the word holding a character of text(), none for a space") {
  Line l = make_line({{"TOTAL", {}, 1}, {"€", {}, 1}, {"9.00", {}, 1}});
  CHECK(l.word_at(0) == 0);
  CHECK(l.word_at(4) == 0);
  CHECK(l.word_at(5) == 3);  // the space
  CHECK(l.word_at(6) == 1);
  CHECK(l.word_at(13) == 2);
  CHECK(l.word_at(14) == 3);
}

TEST_CASE("Line::confidence is weighted by word length") {
  Line l = make_line({{"AB", {}, 0.5}, {"CDEF", {}, 1.0}});
  CHECK(l.confidence() == doctest::Approx((2 * 0.5 + 4 * 1.0) / 6));
  CHECK(make_line({}).confidence() == 1.0);
}

TEST_CASE("Line::box_of and confidence_of cover the overlapped words") {
  // "TOTAL RM 9.00": TOTAL [0,5) RM [6,8) 9.00 [9,13)
  Line l = make_line({{"TOTAL", {10, 100, 60, 120}, 0.9},
                      {"RM", {70, 101, 90, 121}, 0.6},
                      {"9.00", {100, 99, 140, 119}, 0.3}});
  CHECK(l.box_of(9, 13) == BoundingBox{100, 99, 140, 119});
  CHECK(l.box_of(6, 13) == BoundingBox{70, 99, 140, 121});
  CHECK(l.box_of(0, 13) == BoundingBox{10, 99, 140, 121});
  CHECK(l.box_of(4, 7) == BoundingBox{10, 100, 90, 121});  // touches TOTAL and RM
  CHECK(l.box_of(5, 6).empty());                           // only the space
  CHECK(l.confidence_of(9, 13) == doctest::Approx(0.3));
  CHECK(l.confidence_of(6, 13) == doctest::Approx(0.45));
  CHECK(l.confidence_of(0, 5) == doctest::Approx(0.9));
  // Nothing overlapped: the whole line's confidence.
  CHECK(l.confidence_of(5, 6) == doctest::Approx(l.confidence()));
}

TEST_CASE("lines_from_text splits lines and words, dropping blank lines") {
  auto lines = lines_from_text("  TOTAL   9.00 \n\n\tCASH\t10.00\r\nthanks", 3);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].text() == "TOTAL 9.00");
  CHECK(lines[0].words.size() == 2);
  CHECK(lines[0].words[1].text == "9.00");
  CHECK(lines[0].words[1].confidence == 1.0);
  CHECK(lines[0].words[1].box.empty());
  CHECK(lines[1].text() == "CASH 10.00");
  CHECK(lines[2].text() == "thanks");
  CHECK(lines[2].page == 3);
  CHECK(lines_from_text("").empty());
  CHECK(lines_from_text(" \n \n").empty());
  CHECK(lines_from_text("x").front().page == 1);
}

TEST_CASE("DocumentText::plain_text separates pages with form feeds") {
  DocumentText doc;
  for (Line& l : lines_from_text("A B\nC", 1)) doc.lines.push_back(l);
  for (Line& l : lines_from_text("D", 2)) doc.lines.push_back(l);
  for (Line& l : lines_from_text("E\nF", 3)) doc.lines.push_back(l);
  CHECK(doc.plain_text() == "A B\nC\n\fD\n\fE\nF\n");
  CHECK(DocumentText{}.plain_text() == "");
  DocumentText second_page_only;
  second_page_only.lines = lines_from_text("X", 2);
  CHECK(second_page_only.plain_text() == "X\n");
}

TEST_CASE("confident_word_count: confident words of three or more letters or digits") {
  std::vector<Line> lines = {
      make_line({{"TOTAL", {}, 0.95}, {"9.00", {}, 0.92}, {"RM", {}, 0.99}}),  // RM: too short
      make_line({{"Thank", {}, 0.89}, {"you", {}, 0.97}, {"...", {}, 0.99}}),  // 0.89: not sure enough
  };
  CHECK(confident_word_count(lines) == 3);  // TOTAL, 9.00 (three digits), you
  CHECK(confident_word_count({}) == 0);
}
