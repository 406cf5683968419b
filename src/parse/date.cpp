#include "receiptocr/date.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

#include "receiptocr/amount.hpp"
#include "receiptocr/text.hpp"

namespace receiptocr {
namespace {

const std::map<std::string, int>& month_names() {
  static const std::map<std::string, int> names = [] {
    std::map<std::string, int> m;
    auto add = [&](int month, std::initializer_list<const char*> words) {
      for (const char* w : words) m[w] = month;
    };
    add(1, {"jan", "january", "januar", "janvier", "janv", "enero", "ene", "gennaio", "gen", "januari", "janeiro"});
    add(2, {"feb", "february", "februar", "fevrier", "février", "févr", "fevr", "febrero", "febbraio", "februari",
            "fev", "fevereiro"});
    add(3, {"mar", "march", "marz", "märz", "maerz", "mär", "mars", "marzo", "maart", "mrt", "mac", "marco", "março"});
    add(4, {"apr", "april", "avril", "avr", "abril", "abr", "aprile"});
    add(5, {"may", "mai", "mayo", "maggio", "mag", "mei", "maio"});
    add(6, {"jun", "june", "juni", "juin", "junio", "giugno", "giu", "junho"});
    add(7, {"jul", "july", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"});
    add(8, {"aug", "august", "août", "aout", "agosto", "ago", "augustus", "ogos"});
    add(9, {"sep", "sept", "september", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro"});
    add(10, {"oct", "october", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out"});
    add(11, {"nov", "november", "novembre", "noviembre", "novembro"});
    add(12, {"dec", "december", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre",
             "dis", "dezembro"});
    return m;
  }();
  return names;
}

std::string month_alternation() {
  std::vector<std::string> names;
  for (const auto& [name, month] : month_names()) names.push_back(name);
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  std::string alt;
  for (const auto& n : names) alt += (alt.empty() ? "" : "|") + n;
  return alt;
}

int expand_year(int year, size_t digits) {
  if (digits == 4) return year;
  return year <= 79 ? 2000 + year : 1900 + year;
}

bool plausible_year(int year) { return year >= 1990 && year <= 2099; }

// Lower-cases ASCII and the two-byte UTF-8 capitals of Latin-1 (À..Þ, not ×), keeping the
// length, so upper-case receipts ("15 AOÛT", "3 MÄRZ", "1 DÉC.") match the month names.
std::string lower_latin(std::string_view text) {
  std::string out = to_lower(text);
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    auto lead = static_cast<unsigned char>(out[i]), next = static_cast<unsigned char>(out[i + 1]);
    if (lead == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
  }
  return out;
}

// "Time: 11.14.00": a time written like a two-digit-year date with dots. True when the word
// just before `begin` is a time label ("time", "zeit", "heure", ...; not "date/time", whose
// value is the date) and the three parts read as hours, minutes and seconds.
bool labelled_time(std::string_view line, size_t begin, int a, int b, int c) {
  if (a > 23 || b > 59 || c > 59) return false;
  size_t end = begin;
  while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == ':' || line[end - 1] == '.' || line[end - 1] == '-'))
    --end;
  size_t start = end;
  while (start > 0 && std::isalpha(static_cast<unsigned char>(line[start - 1]))) --start;
  if (start > 0 && line[start - 1] != ' ') return false;  // "date/time", "datum&zeit"
  static const std::set<std::string_view> words = {"time", "zeit", "uhrzeit", "heure", "hora", "ora",
                                                   "masa", "jam", "tijd", "tid", "aika"};
  return words.count(line.substr(start, end - start)) > 0;
}

}  // namespace

std::string CivilDate::iso() const { return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day); }

std::optional<DateOrder> parse_date_order(std::string_view text) {
  std::string t = to_lower(trim(text));
  if (t == "dmy" || t == "day-first" || t == "day_first") return DateOrder::day_first;
  if (t == "mdy" || t == "month-first" || t == "month_first") return DateOrder::month_first;
  if (t == "auto" || t.empty()) return DateOrder::unknown;
  return std::nullopt;
}

bool is_valid_date(const CivilDate& d) {
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  int max_day = days[d.month - 1] + (d.month == 2 && leap ? 1 : 0);
  return d.day <= max_day;
}

namespace {

// Both find_dates() and find_garbled_dates(): `garbled` selects the patterns.
std::vector<DateMatch> scan_dates(std::string_view raw_line, bool garbled) {
  // OCR look-alikes inside numbers ("2O18") are read as digits, offsets unchanged.
  std::string line = lower_latin(digitize_ocr_number_text(raw_line));
  static const std::string months = month_alternation();
  static const std::regex ymd(R"((?:^|[^0-9])((\d{4})\s?([-/.])\s?(\d{1,2})\s?\3\s?(\d{1,2}))(?![0-9]|[-/.]\d))");
  static const std::regex numeric(
      R"((?:^|[^0-9.,])((\d{1,2})\s?([-/.])\s?(\d{1,2})\s?\3\s?(\d{4}|\d{2}))(?![0-9]|[-/.]\d))");
  // "5 de enero de 2020" (Spanish, Portuguese) reads like "5 enero 2020". A year is not
  // followed by ':' so "Sep 12 18:30" is not 2018.
  // Separator runs are bounded ({0,6}, not *): std::regex matches by recursion, one stack frame
  // per character, so a long run of dots or spaces ("1 . . . . ") cost quadratic time and
  // overflowed the stack. No date spreads its parts further apart.
  static const std::regex day_name(R"((?:^|[^0-9a-z])((\d{1,2})(?:st|nd|rd|th|er|\.)?[\s\-./]{0,6}(?:de\s{1,3})?()" +
                                   months + R"()\.?(?:\s{1,3}de)?[\s\-./,]{0,6}(\d{4}|\d{2}))(?![0-9:]))");
  static const std::regex name_day(R"((?:^|[^a-z])(()" + months + R"()\.?[\s\-./]{0,6}(\d{1,2}))" +
                                   R"((?:st|nd|rd|th)?[\s,.\-/]{1,6}(\d{4}|\d{2}))(?![0-9:]))");
  // "12:30", "12:30:45", and "12.30" only with seconds or am/pm: a bare "12.50" is an amount.
  // A time starts the rest of the line after a date, or follows a character that is not part
  // of a number.
  static const std::regex time_re(R"(\d{1,2}(?:\s?:\s?\d{2}|\.\d{2}(?:\.\d{2}|\s{0,3}(?:am|pm|a\.m|p\.m))))");

  // time_at[k]: a time starts at k. time_after[k]: one starts at some k' >= k behind a
  // non-number character. Computed once per line (when it holds a date), so a line of
  // thousands of dates costs linear time, not a search of the rest of the line per date.
  std::vector<char> time_at, time_after;
  auto time_follows = [&](size_t end) {
    if (time_at.empty()) {
      time_at.assign(line.size() + 1, 0);
      time_after.assign(line.size() + 2, 0);
      for (size_t k = line.size(); k-- > 0;) {
        if (line[k] >= '0' && line[k] <= '9')
          time_at[k] = std::regex_search(line.cbegin() + static_cast<std::ptrdiff_t>(k), line.cend(), time_re,
                                         std::regex_constants::match_continuous);
        bool behind_non_number = k > 0 && std::string_view("0123456789.,").find(line[k - 1]) == std::string_view::npos;
        time_after[k] = time_after[k + 1] || (time_at[k] && behind_non_number);
      }
    }
    return time_at[end] || time_after[end + 1];
  };

  std::vector<DateMatch> out;
  std::vector<std::pair<size_t, size_t>> taken;
  auto overlaps = [&](size_t b, size_t e) {
    return std::any_of(taken.begin(), taken.end(), [&](auto& t) { return b < t.second && t.first < e; });
  };
  auto push = [&](DateMatch m) {
    if (overlaps(m.begin, m.end)) return;
    if (!is_valid_date(m.day_first) && !is_valid_date(m.month_first)) return;
    if (!is_valid_date(m.day_first)) m.day_first = m.month_first;
    if (!is_valid_date(m.month_first)) m.month_first = m.day_first;
    if (!plausible_year(m.day_first.year)) return;
    m.has_time_nearby = time_follows(m.end);
    taken.emplace_back(m.begin, m.end);
    out.push_back(m);
  };
  auto each = [&](const std::regex& re, auto&& handle) {
    for (auto it = std::sregex_iterator(line.begin(), line.end(), re); it != std::sregex_iterator(); ++it) {
      const std::smatch& sm = *it;
      DateMatch m;
      m.begin = static_cast<size_t>(sm.position(1));
      m.end = m.begin + static_cast<size_t>(sm.length(1));
      handle(sm, m);
      push(m);
    }
  };
  if (garbled) {
    // Eight digits run together: year first when it reads as one ("20180327"), else day and
    // month first in either order ("27032018", "03272018").
    static const std::regex compact(R"((?:^|[^0-9.,])((\d{2})(\d{2})(\d{4}))(?![0-9]|[-/.]\d))");
    // The first separator lost ("1102/17", "2705/2018") or the second ("27/032018"); not with
    // '.', which "1205.18" writes as an amount.
    static const std::regex first_lost(R"((?:^|[^0-9.,])((\d{2})(\d{2})[-/](\d{4}|\d{2}))(?![0-9]|[-/.]\d))");
    static const std::regex second_lost(R"((?:^|[^0-9.,])((\d{1,2})[-/](\d{2})(\d{4}))(?![0-9]|[-/.]\d))");
    // A year's 0 read as one of the digits it looks like: "03/08/2815", "12/05/2916".
    static const std::regex year_slip(
        R"((?:^|[^0-9.,])((\d{1,2})\s?([-/.])\s?(\d{1,2})\s?\3\s?2[35689](\d{2}))(?![0-9]|[-/.]\d))");
    auto day_month = [](DateMatch& m, int a, int b, int year) {
      m.day_first = CivilDate{year, b, a};
      m.month_first = CivilDate{year, a, b};
      m.numeric = true;
    };
    each(compact, [&](const std::smatch& sm, DateMatch& m) {
      int head = std::stoi(sm[2].str() + sm[3].str());
      CivilDate year_first{head, std::stoi(sm[4].str().substr(0, 2)), std::stoi(sm[4].str().substr(2))};
      if (plausible_year(head) && is_valid_date(year_first)) {
        m.day_first = m.month_first = year_first;
        m.numeric = true;
      } else {
        day_month(m, std::stoi(sm[2]), std::stoi(sm[3]), std::stoi(sm[4]));
      }
    });
    each(first_lost, [&](const std::smatch& sm, DateMatch& m) {
      day_month(m, std::stoi(sm[2]), std::stoi(sm[3]), expand_year(std::stoi(sm[4]), sm[4].length()));
    });
    each(second_lost, [&](const std::smatch& sm, DateMatch& m) {
      day_month(m, std::stoi(sm[2]), std::stoi(sm[3]), std::stoi(sm[4]));
    });
    each(year_slip, [&](const std::smatch& sm, DateMatch& m) {
      day_month(m, std::stoi(sm[2]), std::stoi(sm[4]), 2000 + std::stoi(sm[5]));
    });
    std::sort(out.begin(), out.end(), [](const DateMatch& a, const DateMatch& b) { return a.begin < b.begin; });
    return out;
  }
  // Vietnamese invoices write the day, month and year as words ("Ngày 18 tháng 06 năm 2025",
  // without accents "Ngay 18 thang 06 nam 2025", often with a gloss: "Ngay (Date) 18 thang
  // (month) 06 nam (year) 2025").
  static const std::regex vietnamese(
      R"((?:^|[^a-z])(ng(?:a|à)y\s{0,3}(?:\(date\)\s{0,3})?(\d{1,2})\s{1,3}th(?:a|á)ng\s{0,3}(?:\(month\)\s{0,3})?(\d{1,2})\s{1,3}n(?:a|ă)m\s{0,3}(?:\(year\)\s{0,3})?(\d{4})))");
  each(vietnamese, [](const std::smatch& sm, DateMatch& m) {
    CivilDate d{std::stoi(sm[4]), std::stoi(sm[3]), std::stoi(sm[2])};
    m.day_first = m.month_first = d;
  });
  each(ymd, [](const std::smatch& sm, DateMatch& m) {
    CivilDate d{std::stoi(sm[2]), std::stoi(sm[4]), std::stoi(sm[5])};
    m.day_first = m.month_first = d;
    m.numeric = true;
  });
  each(day_name, [](const std::smatch& sm, DateMatch& m) {
    int year = expand_year(std::stoi(sm[4]), sm[4].length());
    CivilDate d{year, month_names().at(sm[3]), std::stoi(sm[2])};
    m.day_first = m.month_first = d;
  });
  each(name_day, [](const std::smatch& sm, DateMatch& m) {
    int year = expand_year(std::stoi(sm[4]), sm[4].length());
    CivilDate d{year, month_names().at(sm[2]), std::stoi(sm[3])};
    m.day_first = m.month_first = d;
  });
  // Both separators must be the same ("19- 10/03/2018" is not 2003-10-19), which also keeps
  // amount ranges such as "1.10-10.00" from reading as dates.
  each(numeric, [&line](const std::smatch& sm, DateMatch& m) {
    int a = std::stoi(sm[2]), b = std::stoi(sm[4]);
    int year = expand_year(std::stoi(sm[5]), sm[5].length());
    // "Time: 11.14.00" is no date (both readings left invalid, so push() drops it).
    if (sm[3] == "." && sm[5].length() == 2 && labelled_time(line, m.begin, a, b, std::stoi(sm[5]))) return;
    m.day_first = CivilDate{year, b, a};
    m.month_first = CivilDate{year, a, b};
    m.numeric = true;
  });
  std::sort(out.begin(), out.end(), [](const DateMatch& a, const DateMatch& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace

std::vector<DateMatch> find_dates(std::string_view line) { return scan_dates(line, false); }

std::vector<DateMatch> find_garbled_dates(std::string_view line) { return scan_dates(line, true); }

std::optional<CivilDate> parse_date(std::string_view text, DateOrder order) {
  auto matches = find_dates(text);
  if (matches.size() != 1) return std::nullopt;
  const DateMatch& m = matches[0];
  // The date must be the whole string, apart from words such as "Date:".
  if (count_digits(text) != count_digits(text.substr(m.begin, m.end - m.begin))) return std::nullopt;
  return m.resolve(order);
}

}  // namespace receiptocr
