#include "receiptocr/amount.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "receiptocr/currency.hpp"
#include "receiptocr/text.hpp"

namespace receiptocr {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char look_alike_digit(char c) {
  switch (c) {
    case 'O': case 'o': case 'D': case 'Q': return '0';
    case 'l': case 'I': case '|': case 'i': return '1';
    case 'S': case 's': return '5';
    case 'B': return '8';
    case 'Z': case 'z': return '2';
    default: return 0;
  }
}

// Letters, and bytes of non-ASCII (UTF-8) characters, which only ever occur inside words
// such as "zł" or "Kč".
bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80; }

}  // namespace

std::string digitize_ocr_number_text(std::string_view text) {
  std::string out(text);
  // Two passes so "1OO" becomes "100": each pass converts letters touching digits on the left.
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < out.size(); ++i) {
      char d = look_alike_digit(out[i]);
      if (!d) continue;
      bool digit_left = i > 0 && (is_digit(out[i - 1]) ||
                                  ((out[i - 1] == '.' || out[i - 1] == ',') && i > 1 && is_digit(out[i - 2])));
      bool right_ok = i + 1 == out.size() || !is_letter(out[i + 1]) || look_alike_digit(out[i + 1]);
      // Left context must be numeric and the run must not continue into a word ("10OFF" stays).
      if (digit_left && right_ok) {
        // Don't convert if the letter starts a word glued to the number, e.g. "2PCS": check the
        // run of letters to the right is made only of look-alikes and ends within 2 chars.
        size_t j = i;
        while (j < out.size() && is_letter(out[j])) ++j;
        bool all_alike = true;
        for (size_t k = i; k < j; ++k) all_alike = all_alike && look_alike_digit(out[k]);
        if (all_alike && j - i <= 2) out[i] = d;
      }
    }
  }
  return out;
}

std::vector<AmountMatch> find_amounts(std::string_view raw_line, bool space_groups) {
  std::string line = digitize_ocr_number_text(raw_line);
  std::vector<AmountMatch> out;
  size_t n = line.size();
  size_t i = 0;
  while (i < n) {
    if (!is_digit(line[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    // Cents printed without the leading zero (".54", "$.99"): a point after a '$', the start of
    // the line or a space (not one after a digit: "12 .50" is OCR's space inside 12.50), then
    // exactly two digits.
    if (start > 0 && line[start - 1] == '.' &&
        (start == 1 || line[start - 2] == '$' ||
         (line[start - 2] == ' ' && (start < 3 || !is_digit(line[start - 3])))) && start + 2 <= n && is_digit(line[start + 1]) &&
        (start + 2 == n || (!is_digit(line[start + 2]) && line[start + 2] != '.' && line[start + 2] != ',' &&
                            line[start + 2] != '/' && line[start + 2] != ':'))) {
      AmountMatch m;
      m.begin = start - 1;
      m.end = start + 2;
      m.has_decimals = true;
      m.value = *Decimal::from_string("0." + line.substr(start, 2));
      size_t p = m.end;
      while (p < n && line[p] == ' ') ++p;
      m.percent = p < n && line[p] == '%';
      out.push_back(m);
      i = start + 2;
      continue;
    }
    // A number glued to a preceding digit-run separator belongs to something else (a date, an id).
    bool preceded_by_joiner = start > 0 && (line[start - 1] == '/' || line[start - 1] == ':' ||
                                            ((line[start - 1] == '.' || line[start - 1] == ',' || line[start - 1] == '-') &&
                                             start > 1 && is_digit(line[start - 2])));
    std::string integer_digits;
    while (i < n && is_digit(line[i])) integer_digits += line[i++];
    char group_sep = 0;
    int groups = 0;
    // Indian lakh/crore grouping ("1,23,456.00"): two-digit ',' groups ending in a three-digit one.
    if (integer_digits.size() <= 2) {
      size_t j = i;
      std::string lakh_digits;
      while (j + 3 < n && line[j] == ',' && is_digit(line[j + 1]) && is_digit(line[j + 2]) && line[j + 3] == ',') {
        lakh_digits += line.substr(j + 1, 2);
        j += 3;
      }
      if (!lakh_digits.empty() && j + 3 < n && line[j] == ',' && is_digit(line[j + 1]) && is_digit(line[j + 2]) &&
          is_digit(line[j + 3]) && (j + 4 >= n || !is_digit(line[j + 4]))) {
        integer_digits += lakh_digits + line.substr(j + 1, 3);
        i = j + 4;
        group_sep = ',';
        groups = 2;
      }
    }
    // Thousands groups: separator followed by exactly three digits and then not a digit.
    while (i + 3 < n && (line[i] == ',' || line[i] == '.' || line[i] == '\'') &&
           (group_sep == 0 || line[i] == group_sep) && is_digit(line[i + 1]) && is_digit(line[i + 2]) &&
           is_digit(line[i + 3]) && (i + 4 >= n || !is_digit(line[i + 4]))) {
      if (groups == 0 && integer_digits.size() > 3) break;
      // "1.234,56" / "1,234.56": a different separator after the group means this was grouping.
      group_sep = line[i];
      integer_digits += line.substr(i + 1, 3);
      i += 4;
      ++groups;
    }
    // Thousands grouped by spaces after the digits at i, ending in a decimal mark (one of
    // `marks`) and two digits: joined into integer_digits when so.
    auto join_space_groups = [&](std::string_view marks) {
      size_t j = i;
      std::string grouped;
      while (j + 4 < n && line[j] == ' ' && is_digit(line[j + 1]) && is_digit(line[j + 2]) && is_digit(line[j + 3]) &&
             (line[j + 4] == ' ' || marks.find(line[j + 4]) != std::string_view::npos)) {
        grouped += line.substr(j + 1, 3);
        j += 4;
      }
      if (grouped.empty() || j + 2 >= n || marks.find(line[j]) == std::string_view::npos || !is_digit(line[j + 1]) ||
          !is_digit(line[j + 2]) || (j + 3 < n && is_digit(line[j + 3])))
        return;
      integer_digits += grouped;
      i = j;
      group_sep = ' ';
      groups = static_cast<int>(grouped.size() / 3);
    };
    // Thousands grouped by spaces, as France, Scandinavia, Poland and Czechia print them
    // ("1 155,10", "12 345,67"): only with a decimal comma after the last group, and not for
    // the first number of a line, which is as often a quantity before a price ("1 250,00").
    if (space_groups && groups == 0 && integer_digits.size() <= 3 && start > 0 && !is_digit(line[start - 1]) &&
        line.find_first_not_of(' ') != start)
      join_space_groups(",");
    // After a currency sign or code and a space ("R 4 152.67", "€ 1 234,56", "ZAR 12 500.00"),
    // thousands grouped by spaces with either decimal mark: a sign announces an amount, not
    // the quantity before a price.
    if (groups == 0 && integer_digits.size() <= 3 && start >= 2 && line[start - 1] == ' ') {
      size_t t = start - 1;
      while (t > 0 && line[t - 1] != ' ') --t;
      std::string sign = line.substr(t, start - 1 - t);
      static const std::set<std::string> signs = {"R", "$", "€", "£", "¥", "₹", "R$", "S$", "A$", "C$", "US$"};
      bool code = sign.size() == 3 && std::all_of(sign.begin(), sign.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
      if (signs.count(sign) || code) join_space_groups(",.");
    }
    // Whole amounts grouped by spaces before a currency word ("557 054 Ft", "119 283 Kč",
    // "24 900 kr"), as Hungary, Czechia and Scandinavia print prices in whole units: a
    // thousands-only amount (money where the currency has no minor units in practice).
    if (groups == 0 && integer_digits.size() <= 3) {
      size_t j = i;
      std::string grouped;
      while (j + 3 < n && line[j] == ' ' && is_digit(line[j + 1]) && is_digit(line[j + 2]) && is_digit(line[j + 3]) &&
             (j + 4 == n || !is_digit(line[j + 4]))) {
        grouped += line.substr(j + 1, 3);
        j += 4;
      }
      if (!grouped.empty() && j + 1 < n && line[j] == ' ') {
        size_t e = j + 1;
        while (e < n && line[e] != ' ' && line[e] != '|' && line[e] != ',' && line[e] != ';' && line[e] != ')') ++e;
        std::string word = line.substr(j + 1, e - j - 1);
        if (!word.empty() && word.back() == '.') word.pop_back();
        static const std::set<std::string> whole_words = {"Ft",  "HUF", "Kč",  "Kc",  "CZK", "kr",  "Kr",  "SEK",
                                                          "NOK", "DKK", "ISK", "zł",  "zl",  "PLN", "lei", "RON",
                                                          "KRW", "JPY", "TWD", "VND", "IDR", "CLP", "COP"};
        if (whole_words.count(word)) {
          integer_digits += grouped;
          i = j;
          group_sep = ' ';
          groups = static_cast<int>(grouped.size() / 3);
        }
      }
    }
    std::string fraction;
    char decimal_sep = 0;
    {
      size_t j = i;
      if (j < n && (line[j] == '.' || line[j] == ',') && line[j] != group_sep) {
        size_t k = j + 1;
        if (k < n && line[k] == ' ') ++k;  // "73. 00": OCR put a space after the point
        size_t f = k;
        while (f < n && is_digit(line[f])) ++f;
        size_t len = f - k;
        if ((len == 1 || len == 2) && (k == j + 1 || len == 2)) {
          decimal_sep = line[j];
          fraction = line.substr(k, len);
          i = f;
        }
      }
    }
    // A single '.' group of three digits without a fraction is a 3-decimal amount ("1.234"),
    // a ',' group is thousands ("1,234").
    bool thousands_only = groups > 0 && fraction.empty();
    std::string whole_digits = integer_digits;
    if (groups == 1 && group_sep == '.' && fraction.empty()) {
      fraction = integer_digits.substr(integer_digits.size() - 3);
      integer_digits.resize(integer_digits.size() - 3);
      decimal_sep = '.';
    }
    size_t end = i;
    // Reject dates and longer tokens: "25.12.2018", "12.5.3", "10:30", "1/2".
    bool followed_by_joiner = end < n && (line[end] == '/' || line[end] == ':' ||
                                          ((line[end] == '.' || line[end] == ',' || line[end] == '-') && end + 1 < n &&
                                           is_digit(line[end + 1])));
    if (preceded_by_joiner || followed_by_joiner) {
      while (i < n && (is_digit(line[i]) || line[i] == '.' || line[i] == ',' || line[i] == '/' || line[i] == ':' ||
                       line[i] == '-'))
        ++i;
      continue;
    }
    AmountMatch m;
    m.begin = start;
    m.end = end;
    m.has_decimals = decimal_sep != 0;
    m.thousands_only = thousands_only;
    std::string plain = integer_digits + (fraction.empty() ? "" : "." + fraction);
    if (integer_digits.size() > 12) continue;  // an id or a barcode, not money
    auto value = Decimal::from_string(plain);
    if (!value) continue;
    m.value = *value;
    if (thousands_only) m.whole = Decimal::from_string(whole_digits).value_or(*value);
    // Sign: leading '-' (possibly one space away), parentheses, or trailing '-'.
    bool negative = false;
    size_t b = start;
    if (b > 0 && line[b - 1] == '-') negative = true, m.begin = b - 1;
    else if (b > 1 && line[b - 1] == ' ' && line[b - 2] == '-' && (b < 3 || line[b - 3] == ' ')) negative = true, m.begin = b - 2;
    if (b > 0 && line[b - 1] == '(' && end < n && line[end] == ')') negative = true, m.begin = b - 1, m.end = end + 1;
    if (end < n && line[end] == '-' && (end + 1 == n || !is_digit(line[end + 1]))) negative = true, m.end = end + 1;
    size_t p = end;
    while (p < n && line[p] == ' ') ++p;
    m.percent = p < n && line[p] == '%';
    if (negative) m.value = -m.value, m.whole = -m.whole;
    out.push_back(m);
  }
  return out;
}

std::optional<Decimal> parse_amount(std::string_view text) {
  std::string t = trim(text);
  if (t.empty()) return std::nullopt;
  auto matches = find_amounts(t);
  if (matches.size() != 1 || matches[0].percent) return std::nullopt;
  // Each side of the number may only be empty or a currency marker ("RM", "EUR", "US$", "zł").
  auto is_currency_or_empty = [](std::string_view side) {
    std::string marker = trim(side);
    if (!marker.empty() && marker.back() == ':') marker = trim(marker.substr(0, marker.size() - 1));
    return marker.empty() || parse_currency(marker).has_value();
  };
  if (!is_currency_or_empty(std::string_view(t).substr(0, matches[0].begin)) ||
      !is_currency_or_empty(std::string_view(t).substr(matches[0].end)))
    return std::nullopt;
  return matches[0].value;
}

int fraction_digits(std::string_view amount_text) {
  size_t sep = amount_text.find_last_of(".,");
  if (sep == std::string_view::npos) return 0;
  size_t i = sep + 1;
  if (i < amount_text.size() && amount_text[i] == ' ') ++i;  // "73. 00": OCR's space after the point
  int digits = 0;
  while (i < amount_text.size() && amount_text[i] >= '0' && amount_text[i] <= '9') ++digits, ++i;
  return digits;
}

bool writes_decimal_commas(const std::vector<std::string>& lines) {
  int commas = 0, points = 0;
  for (const std::string& line : lines) {
    for (const AmountMatch& a : find_amounts(line)) {
      if (!a.has_decimals || a.percent) continue;
      // The decimal separator is the match's last point or comma (offsets are the line's).
      size_t separator = std::string_view(line).substr(a.begin, a.end - a.begin).find_last_of(".,");
      if (separator == std::string_view::npos) continue;
      if (line[a.begin + separator] == ',') ++commas;
      else ++points;
    }
  }
  return commas >= 2 && commas > points;
}

}  // namespace receiptocr
