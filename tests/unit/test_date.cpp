#include <doctest/doctest.h>

#include "print_helpers.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "receiptocr/date.hpp"

using namespace receiptocr;

namespace {
// ISO form of every date found, day-first reading, in order.
std::vector<std::string> dates(std::string_view line) {
  std::vector<std::string> out;
  for (const DateMatch& m : find_dates(line)) out.push_back(m.day_first.iso());
  return out;
}
std::string parsed(std::string_view text, DateOrder order = DateOrder::unknown) {
  auto d = parse_date(text, order);
  return d ? d->iso() : "<none>";
}
using Strings = std::vector<std::string>;
}  // namespace

TEST_CASE("CivilDate::iso pads") {
  CHECK(CivilDate{2018, 12, 25}.iso() == "2018-12-25");
  CHECK(CivilDate{2020, 1, 5}.iso() == "2020-01-05");
  CHECK(CivilDate{2020, 1, 5} < CivilDate{2020, 2, 1});
}

TEST_CASE("parse_date_order") {
  CHECK(parse_date_order("dmy") == DateOrder::day_first);
  CHECK(parse_date_order("Day-First") == DateOrder::day_first);
  CHECK(parse_date_order("day_first") == DateOrder::day_first);
  CHECK(parse_date_order("MDY") == DateOrder::month_first);
  CHECK(parse_date_order("month-first") == DateOrder::month_first);
  CHECK(parse_date_order(" auto ") == DateOrder::unknown);
  CHECK_FALSE(parse_date_order("ymd"));
  CHECK_FALSE(parse_date_order("dm"));
}

TEST_CASE("is_valid_date knows month lengths and leap years") {
  CHECK(is_valid_date({2020, 2, 29}));
  CHECK_FALSE(is_valid_date({2019, 2, 29}));
  CHECK(is_valid_date({2000, 2, 29}));
  CHECK_FALSE(is_valid_date({1900, 2, 29}));
  CHECK_FALSE(is_valid_date({2020, 2, 31}));
  CHECK_FALSE(is_valid_date({2020, 4, 31}));
  CHECK(is_valid_date({2020, 12, 31}));
  CHECK_FALSE(is_valid_date({2020, 13, 1}));
  CHECK_FALSE(is_valid_date({2020, 0, 1}));
  CHECK_FALSE(is_valid_date({2020, 1, 0}));
}

TEST_CASE("find_dates: numeric day-month-year forms") {
  CHECK(dates("25/12/2018") == Strings{"2018-12-25"});
  CHECK(dates("25-12-18") == Strings{"2018-12-25"});
  CHECK(dates("25.12.2018") == Strings{"2018-12-25"});
  CHECK(dates("Date: 5/1/2019 10:30") == Strings{"2019-01-05"});
  CHECK(dates("25 / 12 / 2018") == Strings{"2018-12-25"});
}

TEST_CASE("find_dates: year-first forms") {
  CHECK(dates("2018-12-25") == Strings{"2018-12-25"});
  CHECK(dates("2018/1/5") == Strings{"2018-01-05"});
  CHECK(dates("2018.12.25") == Strings{"2018-12-25"});
  auto m = find_dates("2018-03-04");
  REQUIRE(m.size() == 1);
  CHECK_FALSE(m[0].order_ambiguous());
  CHECK(m[0].numeric);
}

TEST_CASE("find_dates: month-first US dates") {
  auto m = find_dates("12/25/2018");
  REQUIRE(m.size() == 1);
  CHECK(m[0].month_first.iso() == "2018-12-25");
  CHECK(m[0].day_first.iso() == "2018-12-25");  // the day-first reading is impossible
  CHECK_FALSE(m[0].order_ambiguous());
}

TEST_CASE("find_dates: ambiguous day/month carries both readings") {
  auto m = find_dates("03/04/2024");
  REQUIRE(m.size() == 1);
  CHECK(m[0].order_ambiguous());
  CHECK(m[0].day_first.iso() == "2024-04-03");
  CHECK(m[0].month_first.iso() == "2024-03-04");
  CHECK(m[0].resolve(DateOrder::day_first).iso() == "2024-04-03");
  CHECK(m[0].resolve(DateOrder::month_first).iso() == "2024-03-04");
  CHECK(m[0].resolve(DateOrder::unknown).iso() == "2024-04-03");
  auto same = find_dates("04/04/2024");
  REQUIRE(same.size() == 1);
  CHECK_FALSE(same[0].order_ambiguous());
  auto day13 = find_dates("13/04/2024");
  REQUIRE(day13.size() == 1);
  CHECK_FALSE(day13[0].order_ambiguous());
  CHECK(day13[0].resolve(DateOrder::month_first).iso() == "2024-04-13");
}

TEST_CASE("find_dates: two-digit years") {
  CHECK(dates("01/02/19") == Strings{"2019-02-01"});
  CHECK(dates("01/02/79") == Strings{"2079-02-01"});
  CHECK(dates("01/02/95") == Strings{"1995-02-01"});
  CHECK(dates("25-DEC-18") == Strings{"2018-12-25"});
}

TEST_CASE("find_dates: invalid and implausible dates are rejected") {
  CHECK(dates("31/02/2020").empty());
  CHECK(dates("32/01/2020").empty());
  CHECK(dates("00/01/2020").empty());
  CHECK(dates("13/13/2020").empty());
  CHECK(dates("29/02/2019").empty());
  CHECK(dates("29/02/2020") == Strings{"2020-02-29"});
  CHECK(dates("01/01/1985").empty());   // before 1990
  CHECK(dates("01/01/2150").empty());
  CHECK(dates("01/01/85").empty());     // 1985
  CHECK(dates("2018-13-01").empty());
}

TEST_CASE("find_dates: month names in English") {
  CHECK(dates("25 Dec 2018") == Strings{"2018-12-25"});
  CHECK(dates("Dec 25, 2018") == Strings{"2018-12-25"});
  CHECK(dates("19 april 2014") == Strings{"2014-04-19"});
  CHECK(dates("April 19th, 2014") == Strings{"2014-04-19"});
  CHECK(dates("1st Sept 2019") == Strings{"2019-09-01"});
  CHECK(dates("DATE: 05-JAN-2020 14:02") == Strings{"2020-01-05"});
  CHECK(dates("December 3 2021") == Strings{"2021-12-03"});
  auto m = find_dates("25 Dec 2018");
  REQUIRE(m.size() == 1);
  CHECK_FALSE(m[0].numeric);
  CHECK_FALSE(m[0].order_ambiguous());
  CHECK(m[0].begin == 0);
  CHECK(m[0].end == 11);
}

TEST_CASE("find_dates: month names in other languages") {
  CHECK(dates("3. März 2021") == Strings{"2021-03-03"});        // German
  CHECK(dates("3. Maerz 2021") == Strings{"2021-03-03"});
  CHECK(dates("24. Dezember 2020") == Strings{"2020-12-24"});
  CHECK(dates("12 février 2020") == Strings{"2020-02-12"});     // French
  CHECK(dates("1er mai 2019") == Strings{"2019-05-01"});
  CHECK(dates("15 août 2019") == Strings{"2019-08-15"});
  CHECK(dates("5 de enero de 2020") == Strings{"2020-01-05"});
  CHECK(dates("15 de março de 2021") == Strings{"2021-03-15"}); // Portuguese
  CHECK(dates("3 del 2020").empty());
  CHECK(dates("5 enero 2020") == Strings{"2020-01-05"});        // Spanish
  CHECK(dates("10 dic 2019") == Strings{"2019-12-10"});
  CHECK(dates("7 giugno 2018") == Strings{"2018-06-07"});       // Italian
  CHECK(dates("9 mei 2022") == Strings{"2022-05-09"});          // Dutch
  CHECK(dates("2 okt 2022") == Strings{"2022-10-02"});
  CHECK(dates("30 setembro 2021") == Strings{"2021-09-30"});    // Portuguese
  CHECK(dates("8 Ogos 2018") == Strings{"2018-08-08"});         // Malay
  CHECK(dates("8 Mac 2018") == Strings{"2018-03-08"});
}

TEST_CASE("find_dates: upper-case accented month names (receipts are often upper case)") {
  CHECK(dates("12 FÉVRIER 2020") == Strings{"2020-02-12"});
  CHECK(dates("15 AOÛT 2019") == Strings{"2019-08-15"});
  CHECK(dates("3 MÄRZ 2021") == Strings{"2021-03-03"});
  CHECK(dates("1 DÉC. 2019") == Strings{"2019-12-01"});
}

TEST_CASE("find_dates: OCR look-alikes in the year") {
  CHECK(dates("25/12/2O18") == Strings{"2018-12-25"});
}

TEST_CASE("find_dates: amounts and times are not dates") {
  CHECK(dates("TOTAL 12.50").empty());
  CHECK(dates("12.50 3.00").empty());
  CHECK(dates("10:30:45").empty());
  CHECK(dates("Qty 2 x 1.10-10.00").empty());
  CHECK(dates("Tel 03-7845 1234").empty());
}

TEST_CASE("find_dates: a time labelled as one is not a dotted two-digit-year date") {
  CHECK(dates("Castuer _ USER Time: 11.14.00").empty());
  CHECK(dates("TIME 09.05.30").empty());
  CHECK(dates("Uhrzeit: 11.12.18").empty());
  // Not a time: the label also names the date, the parts cannot be a time, the year has four
  // digits, or the separator is not a dot.
  CHECK(dates("Date/Time: 11.12.18") == Strings{"2018-12-11"});
  CHECK(dates("Time: 25.12.18") == Strings{"2018-12-25"});
  CHECK(dates("Time: 11.12.2018") == Strings{"2018-12-11"});
  CHECK(dates("Time: 11/12/18") == Strings{"2018-12-11"});
  CHECK(dates("Overtime 11.12.18") == Strings{"2018-12-11"});
}

TEST_CASE("find_dates: has_time_nearby") {
  auto m = find_dates("25/12/2018 8:13 PM");
  REQUIRE(m.size() == 1);
  CHECK(m[0].has_time_nearby);
  m = find_dates("25/12/2018 14:02:11");
  REQUIRE(m.size() == 1);
  CHECK(m[0].has_time_nearby);
  m = find_dates("25/12/2018 CASHIER 3");
  REQUIRE(m.size() == 1);
  CHECK_FALSE(m[0].has_time_nearby);
  m = find_dates("25/12/2018 TOTAL 12.50");
  REQUIRE(m.size() == 1);
  CHECK_FALSE(m[0].has_time_nearby);  // an amount is not a time
}

TEST_CASE("find_dates: several dates in a line come in order") {
  CHECK(dates("From 01/02/2020 to 2020-03-04") == Strings{"2020-02-01", "2020-03-04"});
  CHECK(dates("Due Mar 5, 2021 Issued 1 Feb 2021") == Strings{"2021-03-05", "2021-02-01"});
}

TEST_CASE("parse_date reads one whole date") {
  CHECK(parsed("25/12/2018") == "2018-12-25");
  CHECK(parsed("Date: 25/12/2018") == "2018-12-25");
  CHECK(parsed("2018-12-25") == "2018-12-25");
  CHECK(parsed("03/04/2024", DateOrder::month_first) == "2024-03-04");
  CHECK(parsed("03/04/2024", DateOrder::day_first) == "2024-04-03");
  CHECK(parsed("03/04/2024") == "2024-04-03");
  CHECK(parsed("19 April 2014", DateOrder::month_first) == "2014-04-19");
}

TEST_CASE("parse_date rejects invalid, partial or several dates") {
  for (const std::string bad : {"", "31/02/2020", "25/12/2018 10:30", "01/02/2020 03/04/2020", "12.50", "no date",
                          "Invoice 123 25/12/2018"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_date(bad, DateOrder::unknown));
  }
}

TEST_CASE("find_dates: a time after a month name is not a two-digit year") {
  CHECK(dates("Sep 12 18:30").empty());
  CHECK(dates("25 Dec 18:30").empty());
  CHECK(dates("Sep 12 2018 18:30") == Strings{"2018-09-12"});
  CHECK(dates("25 Dec 18 18:30") == Strings{"2018-12-25"});
}

// Found while writing tests/fuzz/fuzz_date.cpp: an unbounded separator run in the month-name
// patterns made std::regex recurse once per character, so "1" followed by 40,000 " ." took
// seconds and then overflowed the stack (tests/fuzz/regressions/date/).
TEST_CASE("find_dates survives long separator runs and bounds the gap between parts") {
  std::string dots = "1";
  for (int i = 0; i < 20000; ++i) dots += " .";
  CHECK(find_dates(dots).empty());
  CHECK(find_dates("1" + std::string(40000, ' ') + "dec 2018").empty());
  std::string after = std::string(40000, '-') + " 25 Dec 2018";
  auto found = find_dates(after);
  REQUIRE(found.size() == 1);
  CHECK(found[0].day_first.iso() == "2018-12-25");
  CHECK(found[0].begin == 40001);
  CHECK(found[0].end == after.size());
  // Up to six separator characters between the parts, as before; a seventh is no date.
  CHECK(dates("25 . - Dec . - 2018") == Strings{"2018-12-25"});
  CHECK(dates("Dec . - 25 . - 2018") == Strings{"2018-12-25"});
  CHECK(dates("25 . - . Dec 2018").empty());
  CHECK(dates("5 de   enero   de 2020") == Strings{"2020-01-05"});
}

// Found by the same review: has_time_nearby searched the whole rest of the line once per date,
// so a line of 5,700 dates ("1/1/20 1/1/20 ...", 40,000 bytes) took 14 s; now one pass.
TEST_CASE("find_dates on a line of thousands of dates is linear and keeps has_time_nearby") {
  std::string many;
  while (many.size() < 40000) many += "1/1/20 ";
  auto found = find_dates(many);
  CHECK(found.size() == 5715);
  CHECK(std::none_of(found.begin(), found.end(), [](const DateMatch& m) { return m.has_time_nearby; }));
  std::string timed = many + "12:30";
  auto with_time = find_dates(timed);
  REQUIRE(with_time.size() == 5715);
  CHECK(std::all_of(with_time.begin(), with_time.end(), [](const DateMatch& m) { return m.has_time_nearby; }));
  // The time may start right after the date, or behind any character that is not a number.
  CHECK(find_dates("25.12.2018 8:13")[0].has_time_nearby);
  CHECK(find_dates("25/12/2018 at 8:13")[0].has_time_nearby);
  CHECK_FALSE(find_dates("25.12.2018 1.8:13")[0].has_time_nearby);
  CHECK_FALSE(find_dates("25.12.2018 12.50")[0].has_time_nearby);
}

TEST_CASE("find_garbled_dates: dates OCR garbled in ways that can be undone") {
  auto garbled = [](std::string_view line) {
    std::vector<std::string> out;
    for (const DateMatch& m : find_garbled_dates(line)) out.push_back(m.day_first.iso() + "|" + m.month_first.iso());
    return out;
  };
  // Eight digits run together: day and month first, or year first when it reads as one.
  CHECK(garbled("27032018 No CS-20243") == Strings{"2018-03-27|2018-03-27"});
  CHECK(garbled("03042018") == Strings{"2018-04-03|2018-03-04"});
  CHECK(garbled("Receipt 20180327") == Strings{"2018-03-27|2018-03-27"});
  // The first separator lost, with a four- or two-digit year; or the second.
  CHECK(garbled("_ 2705/2018 pce") == Strings{"2018-05-27|2018-05-27"});
  CHECK(garbled("1102/17 14:03 Num. 1") == Strings{"2017-02-11|2017-11-02"});
  CHECK(garbled("27/032018") == Strings{"2018-03-27|2018-03-27"});
  // A year's 0 read as 8 (or 3, 5, 6, 9).
  CHECK(garbled("03/08/2815") == Strings{"2015-08-03|2015-03-08"});
  CHECK(garbled("DATE 21-03-2918 10:22") == Strings{"2018-03-21|2018-03-21"});
  // The time after it counts as for find_dates().
  REQUIRE(find_garbled_dates("1102/17 14:03").size() == 1);
  CHECK(find_garbled_dates("1102/17 14:03")[0].has_time_nearby);
  // Not dates: amounts, phone numbers, longer digit runs, impossible calendars, dates that
  // read as printed (find_dates() has those).
  CHECK(garbled("TOTAL 1205.18").empty());
  CHECK(garbled("Tel 91334364").empty());
  CHECK(garbled("955693040116").empty());
  CHECK(garbled("12345678").empty());
  CHECK(garbled("3113/2018").empty());
  CHECK(garbled("03/08/2015").empty());
  CHECK(garbled("03/08/2115").empty());
}

TEST_CASE("find_dates: Vietnamese day, month and year words, and Peru's setiembre") {
  CHECK(dates("Ngay (Date) 18 thang (month) 06 nam (year) 2025") == Strings{"2025-06-18"});
  CHECK(dates("Ngày 18 tháng 06 năm 2025") == Strings{"2025-06-18"});
  CHECK(dates("Fecha de emisión : 18 de setiembre de 2023") == Strings{"2023-09-18"});
  // The words without the year are no date.
  CHECK(dates("Ngay 18 thang 06").empty());
}
