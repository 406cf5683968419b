#include <doctest/doctest.h>

#include "print_helpers.hpp"

#include <string>
#include <vector>

#include "receiptocr/amount.hpp"

using namespace receiptocr;

namespace {
// "value" strings of every amount in the line, in order, e.g. {"9.00", "-5.00%"}.
std::vector<std::string> amounts(std::string_view line) {
  std::vector<std::string> out;
  for (const AmountMatch& m : find_amounts(line)) out.push_back(m.value.to_string() + (m.percent ? "%" : ""));
  return out;
}
std::string parsed(std::string_view text) {
  auto d = parse_amount(text);
  return d ? d->to_string() : "<none>";
}
using Strings = std::vector<std::string>;
}  // namespace

TEST_CASE("digitize_ocr_number_text reads look-alikes touching digits") {
  CHECK(digitize_ocr_number_text("1O.5O") == "10.50");
  CHECK(digitize_ocr_number_text("1OO") == "100");
  CHECK(digitize_ocr_number_text("2l.00") == "21.00");
  CHECK(digitize_ocr_number_text("1B.S0") == "18.50");
  CHECK(digitize_ocr_number_text("TOTAL 1O.5O") == "TOTAL 10.50");
}

TEST_CASE("digitize_ocr_number_text leaves words alone") {
  CHECK(digitize_ocr_number_text("S12.00") == "S12.00");   // "$" misread: not a digit
  CHECK(digitize_ocr_number_text("10OFF") == "10OFF");
  CHECK(digitize_ocr_number_text("2PCS") == "2PCS");
  CHECK(digitize_ocr_number_text("TOTAL") == "TOTAL");
  CHECK(digitize_ocr_number_text("BOSS 5") == "BOSS 5");
  CHECK(digitize_ocr_number_text("3INCH") == "3INCH");
  // A word after the number that starts with look-alikes but goes on is not a number.
  CHECK(digitize_ocr_number_text("12,50zł") == "12,50zł");
  CHECK(digitize_ocr_number_text("5 SOLD") == "5 SOLD");
}

TEST_CASE("digitize_ocr_number_text keeps the length") {
  for (const char* s : {"1O.5O", "abc", "S$1O", "12,50zł", ""}) {
    CAPTURE(s);
    CHECK(digitize_ocr_number_text(s).size() == std::string(s).size());
  }
}

TEST_CASE("find_amounts: grouping and decimal separators") {
  CHECK(amounts("1,234.56") == Strings{"1234.56"});
  CHECK(amounts("1.234,56") == Strings{"1234.56"});
  CHECK(amounts("4,70") == Strings{"4.70"});
  CHECK(amounts("9.00") == Strings{"9.00"});
  CHECK(amounts("1,234,567.89") == Strings{"1234567.89"});
  CHECK(amounts("1.234.567,89") == Strings{"1234567.89"});
  CHECK(amounts("1'234.50") == Strings{"1234.50"});
  CHECK(amounts("1,234") == Strings{"1234.00"});
  CHECK(amounts("12.5") == Strings{"12.50"});
  CHECK(amounts("15") == Strings{"15.00"});
  CHECK(amounts("0.99") == Strings{"0.99"});
}

TEST_CASE("find_amounts: thousands grouped by spaces before a decimal comma, when asked") {
  auto spaced = [](std::string_view line) {
    std::vector<std::string> out;
    for (const AmountMatch& m : find_amounts(line, true)) out.push_back(m.value.to_string());
    return out;
  };
  CHECK(spaced("TOTALT NOK 1 155,10") == Strings{"1155.10"});
  CHECK(spaced("Sum 931,25 223,85 1 155,10") == Strings{"931.25", "223.85", "1155.10"});
  CHECK(spaced("CELKEM K UHRADE 1 001,00 Kc") == Strings{"1001.00"});
  CHECK(spaced("Total 12 345 678,90") == Strings{"12345678.90"});
  // Not asked: a quantity and a price, as OCR reads item lines ("BRAISED 4 390,00").
  CHECK(amounts("BRAISED 4 390,00") == Strings{"4.00", "390.00"});
  // Asked or not, after a currency sign or code and a space, with either decimal mark: a sign
  // announces an amount, not a quantity ("R 4 152.67", South Africa's spaced thousands).
  CHECK(amounts("TOTALT NOK 1 155,10") == Strings{"1155.10"});
  CHECK(amounts("Total incl. VAT R 4 152.67") == Strings{"4152.67"});
  CHECK(amounts("Card deposit R 5 000.00 held") == Strings{"5000.00"});
  CHECK(amounts("EUR 12 500.00") == Strings{"12500.00"});
  CHECK(amounts("Super Cover waiver 4 165.00 660.00") == Strings{"4.00", "165.00", "660.00"});
  CHECK(amounts("Total R 4 15.67") == Strings{"4.00", "15.67"});
  // The first number of a line is as often a quantity before a price.
  CHECK(spaced("1 250,00") == Strings{"1.00", "250.00"});
  CHECK(spaced("  2 100,00") == Strings{"2.00", "100.00"});
  // Not before a decimal point, nor with a group of other than three digits.
  CHECK(spaced("Total 1 155.10") == Strings{"1.00", "155.10"});
  CHECK(spaced("Total 1 15,10") == Strings{"1.00", "15.10"});
  CHECK(spaced("Total 1 1550,10") == Strings{"1.00", "1550.10"});
}

TEST_CASE("writes_decimal_commas: the document's decimal separator, by majority") {
  CHECK(writes_decimal_commas({"Brot 2,49", "Milch 1,19", "SUMME 3,68"}));
  CHECK(writes_decimal_commas({"Kaffe 39,00", "TOTALT NOK 1 155,10", "Kl 07.48"}));
  CHECK_FALSE(writes_decimal_commas({"Rice 4.50", "Tea 1.20", "O6S BRAISED 4 390,00", "Total 92.80"}));
  CHECK_FALSE(writes_decimal_commas({"Total 4,70"}));  // one amount settles nothing
  CHECK_FALSE(writes_decimal_commas({"1,234.56", "2,000.00", "12.50"}));
}

TEST_CASE("find_amounts: a single '.' group of three is a 3-decimal amount") {
  auto m = find_amounts("1.234");
  REQUIRE(m.size() == 1);
  CHECK(m[0].value.to_string() == "1.234");
  CHECK(m[0].has_decimals);
}

TEST_CASE("find_amounts: whole units in thousands groups are marked, with their whole-unit value") {
  auto m = find_amounts("Total 48,000 Rp 224.400 1.234.000 1,234.50 500 12.50");
  REQUIRE(m.size() == 6);
  CHECK(m[0].thousands_only);
  CHECK(m[0].value.to_string() == "48000.00");
  CHECK(m[0].whole.to_string() == "48000.00");
  CHECK(m[1].thousands_only);
  CHECK(m[1].value.to_string() == "224.400");  // the default reading: three decimals
  CHECK(m[1].whole.to_string() == "224400.00");
  CHECK(m[2].thousands_only);
  CHECK(m[2].whole.to_string() == "1234000.00");
  CHECK_FALSE(m[3].thousands_only);  // a decimal part: not whole units
  CHECK_FALSE(m[4].thousands_only);  // no grouping
  CHECK_FALSE(m[5].thousands_only);
  auto negative = find_amounts("-1,500");
  REQUIRE(negative.size() == 1);
  CHECK(negative[0].whole.to_string() == "-1500.00");
}

TEST_CASE("find_amounts: cents without the leading zero") {
  CHECK(amounts("TAX 8.25% .54") == Strings{"8.25%", "0.54"});
  CHECK(amounts("Coupon $.99") == Strings{"0.99"});
  CHECK(amounts(".75") == Strings{"0.75"});
  CHECK(amounts("No.54 Jalan") == Strings{"54.00"});    // a house number, glued to its label
  CHECK(amounts("12 .50").size() == 2);                 // OCR's space inside 12.50: not a separate 0.50
  CHECK(amounts("12 .50") == Strings{"12.00", "50.00"});
  CHECK(amounts(".543") == Strings{"543.00"});          // three digits: not cents
  CHECK(find_amounts("TAX .54")[0].has_decimals);
}

TEST_CASE("find_amounts: has_decimals tells 9.00 from 9") {
  auto m = find_amounts("2 x 4.50 = 9");
  REQUIRE(m.size() == 3);
  CHECK_FALSE(m[0].has_decimals);
  CHECK(m[1].has_decimals);
  CHECK_FALSE(m[2].has_decimals);
  CHECK(find_amounts("4,70")[0].has_decimals);
  CHECK_FALSE(find_amounts("1,234")[0].has_decimals);
}

TEST_CASE("find_amounts: OCR space after the decimal point") {
  CHECK(amounts("RM 73. 00") == Strings{"73.00"});
  auto m = find_amounts("RM 73. 00");
  REQUIRE(m.size() == 1);
  CHECK(m[0].begin == 3);
  CHECK(m[0].end == 9);
  // One digit after a space is not a fraction.
  CHECK(amounts("73. 5") == Strings{"73.00", "5.00"});
}

TEST_CASE("find_amounts: signs") {
  CHECK(amounts("-5.00") == Strings{"-5.00"});
  CHECK(amounts("5.00-") == Strings{"-5.00"});
  CHECK(amounts("(5.00)") == Strings{"-5.00"});
  CHECK(amounts("DISCOUNT - 5.00") == Strings{"-5.00"});
  CHECK(amounts("5.00") == Strings{"5.00"});

  auto m = find_amounts("Disc (5.00) x");
  REQUIRE(m.size() == 1);
  CHECK(m[0].begin == 5);
  CHECK(m[0].end == 11);
  m = find_amounts("Disc 5.00- x");
  REQUIRE(m.size() == 1);
  CHECK(m[0].begin == 5);
  CHECK(m[0].end == 10);
  m = find_amounts("-5.00");
  REQUIRE(m.size() == 1);
  CHECK(m[0].begin == 0);
  CHECK(m[0].end == 5);
}

TEST_CASE("find_amounts: OCR look-alikes") {
  CHECK(amounts("1O.5O") == Strings{"10.50"});
  CHECK(amounts("TOTAL: 2O.OO") == Strings{"20.00"});
}

TEST_CASE("find_amounts: percentages are flagged") {
  auto m = find_amounts("SST 6% 4.70");
  REQUIRE(m.size() == 2);
  CHECK(m[0].percent);
  CHECK(m[0].value.to_string() == "6.00");
  CHECK_FALSE(m[1].percent);
  CHECK(amounts("GST 7.5 %") == Strings{"7.50%"});
}

TEST_CASE("find_amounts: dates and times are not amounts") {
  CHECK(amounts("25.12.2018").empty());
  CHECK(amounts("25.12.18").empty());
  CHECK(amounts("25/12/2018").empty());
  CHECK(amounts("2018-12-25").empty());
  CHECK(amounts("8:13").empty());
  CHECK(amounts("08:13:45").empty());
  CHECK(amounts("25.12.2018 8:13 TOTAL 9.00") == Strings{"9.00"});
  CHECK(amounts("1/2").empty());
}

TEST_CASE("find_amounts: long digit runs are ids, not money") {
  CHECK(amounts("9555123456789").empty());
  CHECK(amounts("123456789012") == Strings{"123456789012.00"});
}

TEST_CASE("find_amounts: offsets point at the number in the original line") {
  auto m = find_amounts("TOTAL RM 1,234.56 now");
  REQUIRE(m.size() == 1);
  CHECK(m[0].begin == 9);
  CHECK(m[0].end == 17);
  CHECK(m[0].value == Decimal{123456, 2});
}

TEST_CASE("parse_amount reads one amount with an optional currency") {
  CHECK(parse_amount("RM 73. 00")->to_string() == "73.00");
  CHECK(parsed("EUR 12,50") == "12.50");
  CHECK(parsed("$1,234.56") == "1234.56");
  CHECK(parsed("12.50-") == "-12.50");
  CHECK(parsed("(5.00)") == "-5.00");
  CHECK(parsed("-5.00") == "-5.00");
  CHECK(parsed("  9.00 ") == "9.00");
  CHECK(parsed("9") == "9.00");
  CHECK(parsed("1O.5O") == "10.50");
  CHECK(parsed("€ 4,70") == "4.70");
  CHECK(parsed("4,70 €") == "4.70");
  CHECK(parsed("£3.99") == "3.99");
  CHECK(parsed("US$ 10.00") == "10.00");
  CHECK(parsed("S$ 10.00") == "10.00");
  CHECK(parsed("INR 1,234.00") == "1234.00");
  CHECK(parsed("12,50 zł") == "12.50");
  CHECK(parsed("12,50zł") == "12.50");
  CHECK(parsed("PLN 12,50") == "12.50");
  CHECK(parsed("1.234,56 EUR") == "1234.56");
}

TEST_CASE("parse_amount rejects what is not exactly one amount") {
  for (const std::string bad : {"", "   ", "abc", "1.00 2.00", "6%", "25.12.2018", "8:13", "RM", "12 items",
                          "TOTAL AMOUNT 9.00", "9555123456789"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_amount(bad));
  }
}

TEST_CASE("find_amounts: Indian lakh grouping (INR)") {
  CHECK(amounts("1,23,456.00") == Strings{"123456.00"});
  CHECK(amounts("Rs. 12,34,567.50") == Strings{"1234567.50"});
  CHECK(amounts("1,00,000") == Strings{"100000.00"});
  CHECK(parsed("INR 1,23,456.00") == "123456.00");
  // Two-digit groups that do not end in a group of three are not lakh grouping.
  CHECK(amounts("1,23,45").empty());
}

TEST_CASE("find_amounts: several amounts on one line keep their order and offsets") {
  auto m = find_amounts("2 x 4.50 9.00");
  REQUIRE(m.size() == 3);
  CHECK(m[0].begin == 0);
  CHECK(m[1].begin == 4);
  CHECK(m[1].end == 8);
  CHECK(m[2].begin == 9);
  CHECK(m[2].value.to_string() == "9.00");
}

TEST_CASE("fraction_digits: digits after the decimal separator as printed") {
  CHECK(fraction_digits("5.55") == 2);
  CHECK(fraction_digits("5.5") == 1);
  CHECK(fraction_digits("1.234,5") == 1);
  CHECK(fraction_digits("73. 00") == 2);
  CHECK(fraction_digits("RM 8.8") == 1);
  CHECK(fraction_digits("12") == 0);
  CHECK(fraction_digits("1,234") == 3);
  CHECK(fraction_digits("") == 0);
}

TEST_CASE("find_amounts: whole amounts grouped by spaces before a currency word") {
  auto whole = [](std::string_view line) {
    std::vector<std::string> out;
    for (const AmountMatch& m : find_amounts(line))
      out.push_back((m.thousands_only ? m.whole.to_string(0) : m.value.to_string()) + (m.thousands_only ? " whole" : ""));
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(whole("Összesen   438 625 Ft    118 429 Ft    557 054 Ft") == V{"438625 whole", "118429 whole", "557054 whole"});
  CHECK(whole("Celkem k úhradě 186 723 Kč") == V{"186723 whole"});
  // Without a currency word after them, spaced groups stay apart (a quantity and a price).
  CHECK(whole("2 250") == V{"2.00", "250.00"});
}
