#pragma once
// Reading dates out of OCR text (pure functions, no I/O).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace receiptocr {

struct CivilDate {
  int year = 0, month = 0, day = 0;
  // ISO form "YYYY-MM-DD".
  std::string iso() const;
  bool operator==(const CivilDate&) const = default;
  auto operator<=>(const CivilDate&) const = default;
};

// Which of day and month comes first in numeric dates such as 03/04/2024.
enum class DateOrder { unknown, day_first, month_first };

// Parses "dmy"/"day-first", "mdy"/"month-first", "auto"; nullopt for anything else.
std::optional<DateOrder> parse_date_order(std::string_view text);

// One date found in a line. Numeric dates whose first two parts could be either day or month
// carry both readings (`day_first` and `month_first` differ); otherwise they are equal.
struct DateMatch {
  CivilDate day_first;
  CivilDate month_first;
  size_t begin = 0, end = 0;  // byte offsets into the line
  bool numeric = false;       // written with numbers only (month names settle the order)
  bool has_time_nearby = false;  // a time follows on the line: "12:30", "12.30 pm", "12.30.05" (not "12.50")
  // True when both readings are valid calendar dates and differ.
  bool order_ambiguous() const { return !(day_first == month_first); }
  // The reading for `order`; for unknown, day-first (the more common order worldwide).
  CivilDate resolve(DateOrder order) const { return order == DateOrder::month_first ? month_first : day_first; }
};

// True when the date exists in the proleptic Gregorian calendar.
bool is_valid_date(const CivilDate& date);

// Finds dates in a line: 25/12/2018, 25-12-18, 2018-12-25, 25.12.2018, 25 Dec 2018,
// Dec 25, 2018, 25-DEC-18, 19 april 2014, and month names in English, German, French,
// Spanish, Italian, Dutch, Portuguese and Malay (any case, accented capitals included).
// Years outside 1990..2099 are ignored; two-digit years are 2000..2079 or 1980..1999.
// A two-digit-year numeric date using '.' needs one separator twice ("1.10-10" is no date).
std::vector<DateMatch> find_dates(std::string_view line);

// Dates as OCR garbles them in ways a reader can undo, for a document in which find_dates()
// found none: eight digits run together ("27032018", "20180327"), day and month run together
// or month and year ("1102/17", "2705/2018", "27/032018"), or a year whose 0 was read as 3, 5,
// 6, 8 or 9 ("03/08/2815" is 2015). The same validity and year rules as find_dates(); a
// reading is a guess, to be kept below the confidence that auto-accepts.
std::vector<DateMatch> find_garbled_dates(std::string_view line);

// Parses a string that is one date, in the given order for numeric day/month;
// nullopt when it is not exactly one valid date.
std::optional<CivilDate> parse_date(std::string_view text, DateOrder order);

}  // namespace receiptocr
