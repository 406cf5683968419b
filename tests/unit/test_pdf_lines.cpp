#include <doctest/doctest.h>

#include "print_helpers.hpp"

#include <string>
#include <vector>

#include "receiptocr/pdf.hpp"

using namespace receiptocr;

namespace {
Word word(std::string text, int left, int top, int right, int bottom) {
  return Word{std::move(text), {left, top, right, bottom}, 1.0};
}
std::vector<std::string> texts(const std::vector<Line>& lines) {
  std::vector<std::string> out;
  for (const Line& l : lines) out.push_back(l.text());
  return out;
}
using Strings = std::vector<std::string>;
}  // namespace

TEST_CASE("group_words_into_lines: words on one baseline form a line, left to right") {
  auto lines = group_words_into_lines({word("9.00", 200, 100, 240, 112), word("TOTAL", 10, 101, 60, 113),
                                       word("RM", 150, 99, 170, 111)},
                                      4);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].text() == "TOTAL RM 9.00");
  CHECK(lines[0].page == 4);
  CHECK(lines[0].box == BoundingBox{10, 99, 240, 113});
}

TEST_CASE("group_words_into_lines: lines come top to bottom") {
  auto lines = group_words_into_lines({word("Total", 10, 300, 50, 312), word("9.00", 100, 301, 130, 313),
                                       word("Invoice", 10, 50, 70, 62), word("Date", 10, 150, 40, 162),
                                       word("2020-01-02", 60, 149, 140, 161)},
                                      1);
  CHECK(texts(lines) == Strings{"Invoice", "Date 2020-01-02", "Total 9.00"});
  CHECK(lines[1].box == BoundingBox{10, 149, 140, 162});
}

TEST_CASE("group_words_into_lines: slightly offset words still share a line") {
  // Centres 106 and 110: the second lies inside the first word's band 100..112.
  auto lines = group_words_into_lines({word("Qty", 10, 100, 40, 112), word("2", 60, 104, 70, 116)}, 1);
  CHECK(texts(lines) == Strings{"Qty 2"});
}

TEST_CASE("group_words_into_lines: adjacent lines stay apart") {
  auto lines = group_words_into_lines({word("A", 10, 100, 20, 110), word("B", 10, 111, 20, 121),
                                       word("C", 30, 122, 40, 132)},
                                      1);
  CHECK(texts(lines) == Strings{"A", "B", "C"});
}

TEST_CASE("group_words_into_lines: two columns on the same rows") {
  auto lines = group_words_into_lines({word("Subtotal", 10, 100, 80, 112), word("8.00", 300, 100, 330, 112),
                                       word("Tax", 10, 120, 40, 132), word("1.00", 300, 120, 330, 132)},
                                      1);
  CHECK(texts(lines) == Strings{"Subtotal 8.00", "Tax 1.00"});
}

TEST_CASE("group_words_into_lines: empty input") {
  CHECK(group_words_into_lines({}, 1).empty());
}

TEST_CASE("a tall word does not pull the next line into its own") {
  // Small words at y 100-112, a tall "TOTAL" at 95-125, and the next line's word at 114-126.
  std::vector<Word> words = {{"Qty", {10, 100, 40, 112}, 1.0},
                             {"TOTAL", {50, 95, 120, 125}, 1.0},
                             {"next", {10, 114, 50, 126}, 1.0}};
  auto lines = group_words_into_lines(words, 1);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].text() == "Qty TOTAL");
  CHECK(lines[1].text() == "next");
}
