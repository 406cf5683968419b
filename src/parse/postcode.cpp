#include "receiptocr/postcode.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "receiptocr/text.hpp"

namespace receiptocr {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

struct Range {
  int low, high;  // inclusive, over the postcode's leading digits
};

// A state whose postcodes are known: the ranges of their first two digits.
struct Region {
  const char* name;
  std::vector<Range> ranges;
};

// Malaysia: the first two digits of the five by state (Pos Malaysia's allocation).
const std::vector<Region>& malaysian_states() {
  static const std::vector<Region> states = {
      {"JOHOR", {{79, 86}}},
      {"SELANGOR", {{40, 48}, {63, 68}}},
      {"KUALA LUMPUR", {{50, 60}}},
      {"PUTRAJAYA", {{62, 62}}},
      {"PAHANG", {{25, 28}, {39, 39}, {49, 49}, {69, 69}}},
      {"PERAK", {{30, 36}}},
      {"KEDAH", {{5, 9}}},
      {"PENANG", {{10, 14}}},
      {"PERLIS", {{1, 2}}},
      {"KELANTAN", {{15, 18}}},
      {"TERENGGANU", {{20, 24}}},
      {"MELAKA", {{75, 78}}},
      {"NEGERI SEMBILAN", {{70, 73}}},
      {"SABAH", {{88, 91}}},
      {"SARAWAK", {{93, 98}}},
      {"LABUAN", {{87, 87}}},
  };
  return states;
}

// The words that name each state in an address (upper-cased, letters only).
const char* malaysian_state_for(std::string_view word) {
  struct Alias {
    const char* word;
    const char* state;
  };
  static const Alias aliases[] = {
      {"JOHOR", "JOHOR"},         {"SELANGOR", "SELANGOR"}, {"LUMPUR", "KUALA LUMPUR"}, {"KL", "KUALA LUMPUR"},
      {"PUTRAJAYA", "PUTRAJAYA"}, {"PAHANG", "PAHANG"},     {"PERAK", "PERAK"},         {"KEDAH", "KEDAH"},
      {"PINANG", "PENANG"},       {"PENANG", "PENANG"},     {"PERLIS", "PERLIS"},       {"KELANTAN", "KELANTAN"},
      {"TERENGGANU", "TERENGGANU"}, {"MELAKA", "MELAKA"},   {"MALACCA", "MELAKA"},      {"SEMBILAN", "NEGERI SEMBILAN"},
      {"SABAH", "SABAH"},         {"SARAWAK", "SARAWAK"},   {"LABUAN", "LABUAN"},
  };
  for (const Alias& a : aliases)
    if (word == a.word) return a.state;
  return nullptr;
}

// Streets are named after states ("JALAN PAHANG" in Kuala Lumpur): a state's name right after
// a street word is the street's.
bool is_street_word(std::string_view word) {
  static const std::set<std::string_view> words = {"JALAN", "JLN", "JL", "LORONG", "LRG", "PERSIARAN", "LEBUH"};
  return words.count(word) > 0;
}

const Region* malaysian_region(std::string_view state) {
  for (const Region& r : malaysian_states())
    if (state == r.name) return &r;
  return nullptr;
}

// United States: the digits a state's ZIP codes start with; empty for a code that is no state.
std::string_view us_zip_first_digits(std::string_view code) {
  struct State {
    const char* code;
    const char* digits;
  };
  static const State states[] = {
      {"CT", "0"}, {"MA", "0"}, {"ME", "0"}, {"NH", "0"}, {"NJ", "0"}, {"PR", "0"}, {"RI", "0"}, {"VT", "0"},
      {"DE", "1"}, {"NY", "01"}, {"PA", "1"}, {"DC", "2"}, {"MD", "2"}, {"NC", "2"}, {"SC", "2"}, {"VA", "2"},
      {"WV", "2"}, {"AL", "3"}, {"FL", "3"}, {"GA", "3"}, {"MS", "3"}, {"TN", "3"}, {"IN", "4"}, {"KY", "4"},
      {"MI", "4"}, {"OH", "4"}, {"IA", "5"}, {"MN", "5"}, {"MT", "5"}, {"ND", "5"}, {"SD", "5"}, {"WI", "5"},
      {"IL", "6"}, {"KS", "6"}, {"MO", "6"}, {"NE", "6"}, {"AR", "7"}, {"LA", "7"}, {"OK", "7"}, {"TX", "7"},
      {"AZ", "8"}, {"CO", "8"}, {"ID", "8"}, {"NM", "8"}, {"NV", "8"}, {"UT", "8"}, {"WY", "8"}, {"AK", "9"},
      {"CA", "9"}, {"HI", "9"}, {"OR", "9"}, {"WA", "9"},
  };
  for (const State& s : states)
    if (code == s.code) return s.digits;
  return {};
}

struct Number {
  size_t begin;
  std::string digits;     // as printed: five digits, or a letter and four (lettered)
  bool lettered = false;  // the first digit read as a letter OCR confuses with digits ("S1100")
};

// The digits a letter at a postcode's start may be misread from ("S1100 JOHOR BAHRU" is 51100
// or 81100; the state says which).
std::string_view digits_read_as(char letter) {
  switch (letter) {
    case 'S': case 's': return "58";
    case 'B': return "8";
    case 'O': case 'o': case 'D': case 'Q': return "0";
    case 'I': case 'l': return "1";
    case 'Z': case 'z': return "2";
    case 'G': return "6";
    default: return "";
  }
}

// [begin, end) of each longest run of characters that `accept` takes.
template <class Accept>
std::vector<std::pair<size_t, size_t>> runs(std::string_view text, Accept accept) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i < text.size();) {
    size_t j = i;
    while (j < text.size() && accept(text[j])) ++j;
    if (j > i) out.emplace_back(i, j);
    i = j > i ? j : i + 1;
  }
  return out;
}

// Standalone runs of exactly five digits: not part of a house number or code ("NO.12345",
// "7/118B", "1851-A", "SS21"), whatever follows them ("40170,SHAH ALAM", "81100 JOHOR").
std::vector<Number> five_digit_numbers(std::string_view text) {
  std::vector<Number> out;
  auto joins = [](char c) { return is_alpha(c) || c == '/' || c == '-' || c == '.'; };
  for (auto [i, j] : runs(text, is_digit)) {
    char after = j < text.size() ? text[j] : ' ';
    bool joined_after = after == '/' || after == '-' || (after == '.' && j + 1 < text.size() && is_digit(text[j + 1]));
    if (joined_after) continue;
    if (j - i == 5 && !(i > 0 && joins(text[i - 1]))) out.push_back({i, std::string(text.substr(i, 5))});
    // Four digits after a letter that stands for one ("S1750 PLENTONG", "SETAPAK, S3200,").
    if (j - i == 4 && i > 0 && !digits_read_as(text[i - 1]).empty() && !(i > 1 && joins(text[i - 2])))
      out.push_back({i - 1, std::string(text.substr(i - 1, 5)), true});
  }
  return out;
}

bool in_ranges(int prefix, const std::vector<Range>& ranges) {
  return std::any_of(ranges.begin(), ranges.end(), [prefix](const Range& r) { return prefix >= r.low && prefix <= r.high; });
}

int prefix_of(std::string_view digits, int n) {
  int v = 0;
  for (int i = 0; i < n; ++i) v = v * 10 + (digits[static_cast<size_t>(i)] - '0');
  return v;
}

// The one change of one of the first `n` digits that puts the code in `strict`, if exactly one
// does; of a lettered code, the one digit its letter may stand for.
std::optional<std::string> single_fix(const Number& number, int n, const std::vector<Range>& strict) {
  std::optional<std::string> fix;
  int found = 0;
  for (int pos = 0; pos < (number.lettered ? 1 : n); ++pos) {
    char printed = number.digits[static_cast<size_t>(pos)];
    std::string_view options = number.lettered ? digits_read_as(printed) : std::string_view("0123456789");
    for (char d : options) {
      if (d == printed) continue;
      std::string candidate = number.digits;
      candidate[static_cast<size_t>(pos)] = d;
      if (in_ranges(prefix_of(candidate, n), strict)) {
        fix = candidate;
        ++found;
      }
    }
  }
  if (found != 1) return std::nullopt;
  return fix;
}

std::string with_code(std::string_view address, size_t at, const std::string& code) {
  std::string out(address);
  out.replace(at, code.size(), code);
  return out;
}

// No five-digit postcode, but a standalone four-digit number between a comma and a state's
// name ("SETAPAK, 3200, KUALA LUMPUR"; "NO 1234, JOHOR" is a house number): a postcode that
// lost a digit, which no change of one digit mends. `upper` is the address upper-cased.
std::optional<PostcodeCheck> lost_digit_postcode(const std::string& upper) {
  // The word starting at the first letter after `from`, past spaces, commas and dots.
  auto word_after = [&](size_t from) {
    while (from < upper.size() && (upper[from] == ' ' || upper[from] == ',' || upper[from] == '.')) ++from;
    size_t end = from;
    while (end < upper.size() && is_alpha(upper[end])) ++end;
    return std::pair<size_t, size_t>(from, end);
  };
  for (auto [i, j] : runs(upper, is_digit)) {
    size_t before = i;
    while (before > 0 && upper[before - 1] == ' ') --before;
    if (j - i != 4 || before == 0 || upper[before - 1] != ',') continue;
    auto [k, e] = word_after(j);
    if (k == j) continue;  // joined to what follows ("1234-A")
    if (upper.compare(k, e - k, "KUALA") == 0) std::tie(k, e) = word_after(e);
    if (!malaysian_state_for(std::string_view(upper).substr(k, e - k))) continue;
    PostcodeCheck check;
    check.checked = true;
    check.consistent = false;
    check.postcode = upper.substr(i, 4);
    return check;
  }
  return std::nullopt;
}

std::optional<PostcodeCheck> check_malaysian(std::string_view address) {
  // The states named, from the address's words of letters.
  std::string upper = to_upper(address);
  std::vector<std::string> words;
  for (auto [i, j] : runs(upper, is_alpha)) words.push_back(upper.substr(i, j - i));
  std::set<std::string> states;
  for (size_t i = 0; i < words.size(); ++i)
    if (const char* s = malaysian_state_for(words[i]); s && !(i > 0 && is_street_word(words[i - 1]))) states.insert(s);
  if (states.empty()) return std::nullopt;
  std::vector<Number> numbers = five_digit_numbers(address);
  if (numbers.empty()) return lost_digit_postcode(upper);

  // Consistent with the named states, the Klang Valley's three counting as one.
  auto loose = [](const std::string& state) {
    std::vector<Range> ranges = malaysian_region(state)->ranges;
    if (state == "KUALA LUMPUR" || state == "SELANGOR" || state == "PUTRAJAYA")
      for (const char* s : {"KUALA LUMPUR", "SELANGOR", "PUTRAJAYA"})
        for (const Range& r : malaysian_region(s)->ranges) ranges.push_back(r);
    return ranges;
  };
  std::vector<Range> consistent_ranges, strict_ranges;
  for (const std::string& s : states) {
    for (const Range& r : loose(s)) consistent_ranges.push_back(r);
    for (const Range& r : malaysian_region(s)->ranges) strict_ranges.push_back(r);
  }
  PostcodeCheck check;
  check.checked = true;
  for (const Number& n : numbers)
    if (!n.lettered && in_ranges(prefix_of(n.digits, 2), consistent_ranges)) return check;
  check.consistent = false;
  check.postcode = numbers.front().digits;
  if (numbers.size() == 1)
    if (auto fix = single_fix(numbers.front(), 2, strict_ranges))
      check.corrected = with_code(address, numbers.front().begin, *fix);
  return check;
}

std::optional<PostcodeCheck> check_us(std::string_view address) {
  // "TX 78701", "TX, 78701", "TX. 78701-1234": two capitals standing alone, then the ZIP code.
  for (size_t i = 0; i + 1 < address.size(); ++i) {
    if (!std::isupper(static_cast<unsigned char>(address[i])) || !std::isupper(static_cast<unsigned char>(address[i + 1])))
      continue;
    if (i > 0 && is_alpha(address[i - 1])) continue;
    size_t j = i + 2;
    if (j < address.size() && is_alpha(address[j])) continue;
    if (j < address.size() && (address[j] == ',' || address[j] == '.')) ++j;
    size_t spaces = j;
    while (j < address.size() && address[j] == ' ') ++j;
    if (j == spaces) continue;
    // Five digits, then anything but a digit (a ZIP+4's dash too).
    size_t k = j;
    while (k < address.size() && is_digit(address[k])) ++k;
    if (k - j != 5) continue;
    std::string_view digits = us_zip_first_digits(address.substr(i, 2));
    if (digits.empty()) continue;
    std::string code(address.substr(j, 5));
    PostcodeCheck check;
    check.checked = true;
    if (digits.find(code[0]) != std::string_view::npos) return check;
    check.consistent = false;
    check.postcode = code;
    if (digits.size() == 1) {
      code[0] = digits.front();
      check.corrected = with_code(address, j, code);
    }
    return check;
  }
  return std::nullopt;
}

}  // namespace

PostcodeCheck check_postcode(std::string_view address) {
  if (auto my = check_malaysian(address)) return *my;
  if (auto us = check_us(address)) return *us;
  return {};
}

}  // namespace receiptocr
