#pragma once
// Reading money amounts out of OCR text (pure functions, no I/O).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "receiptocr/decimal.hpp"

namespace receiptocr {

// One amount found in a line of text. `begin`/`end` are byte offsets into that line.
struct AmountMatch {
  Decimal value;
  size_t begin = 0;
  size_t end = 0;
  bool has_decimals = false;  // written with a decimal part ("9.00", "4,70"), not a bare integer
  bool percent = false;       // followed by '%': a rate, not money
  // Printed as whole units in thousands groups with no decimal part ("48,000", "224.400",
  // "1.234.000"): money in a currency without minor units (VND, IDR, JPY, KRW, ...), else
  // thousands of something or, for a single '.' group, three decimals. `whole` is the value
  // read as whole units (48000, 224400); `value` keeps the default reading.
  bool thousands_only = false;
  Decimal whole;
  bool operator==(const AmountMatch&) const = default;
};

// Replaces OCR look-alikes inside numbers (O/o/D/Q->0, l/I/i/|->1, S/s->5, B->8, Z/z->2) when
// they follow a digit, so "1O.5O" reads "10.50"; a leading "S" ($ misread) is left alone, and so
// are letters that begin a word glued to a number ("10OFF", "12,50zł").
// Returns a string of the same length (offsets stay valid).
std::string digitize_ocr_number_text(std::string_view text);

// Finds every amount-looking number in a line: "1,234.56", "1.234,56", "1,23,456.00" (Indian
// grouping), "4,70", "73. 00" (OCR space after the point), "-5.00", "5.00-", "(5.00)". Dates ("25.12.2018"), times
// ("8:13"), and parts of longer digit runs are not returned.
// With `space_groups`, for documents that write decimal commas, thousands grouped by spaces
// before a decimal comma are read too ("1 155,10"), except in the line's first number, which is
// as often a quantity before a price ("1 250,00").
std::vector<AmountMatch> find_amounts(std::string_view line, bool space_groups = false);

// True when the lines write amounts with a decimal comma ("4,70") more often than with a
// decimal point, at least twice: the convention of the countries that group thousands by
// spaces (France, Scandinavia, Poland, Czechia).
bool writes_decimal_commas(const std::vector<std::string>& lines);

// How many digits follow the decimal separator in the text of one amount as printed
// ("5.55" -> 2, "5.5" -> 1, "1.234,5" -> 1, "73. 00" -> 2, "12" -> 0, "1,234" -> 3). Money is printed with
// two decimals almost everywhere, so one digit usually means OCR lost the last one.
int fraction_digits(std::string_view amount_text);

// Parses a string that is one amount, optionally with a currency symbol or code
// ("RM 73. 00", "EUR 12,50", "$1,234.56", "12.50-", "12,50 zł"). nullopt when it is not exactly
// one amount, or when anything but a currency marker stands beside it ("12 items").
std::optional<Decimal> parse_amount(std::string_view text);

}  // namespace receiptocr
