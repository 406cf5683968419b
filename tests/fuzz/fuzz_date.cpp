// Fuzz target: dates in untrusted text (OCR lines, reviewer corrections, --date-order), read as
// printed and undone from garbled forms.
// Invariants: offsets stay inside the line, every reading is a valid calendar date in the
// documented year range, and a parsed date written as ISO parses back to itself.
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "receiptocr/date.hpp"

using namespace receiptocr;
using receiptocr::fuzz::shown;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);

  // The same invariants for the dates read as printed and for those undone from garbled forms.
  for (bool garbled : {false, true}) {
    size_t previous_begin = 0;
    for (const DateMatch& m : garbled ? find_garbled_dates(text) : find_dates(text)) {
      FUZZ_CHECK(m.begin < m.end && m.end <= text.size(), shown(text));
      FUZZ_CHECK(m.begin >= previous_begin, "dates out of order in " + shown(text));
      previous_begin = m.begin;
      for (const CivilDate& d : {m.day_first, m.month_first}) {
        FUZZ_CHECK(is_valid_date(d), d.iso() + " in " + shown(text));
        FUZZ_CHECK(d.year >= 1990 && d.year <= 2099, d.iso() + " in " + shown(text));
      }
      FUZZ_CHECK(m.numeric || !m.order_ambiguous(), "a month name left the order open in " + shown(text));
    }
  }

  for (DateOrder order : {DateOrder::unknown, DateOrder::day_first, DateOrder::month_first}) {
    auto date = parse_date(text, order);
    if (!date) continue;
    FUZZ_CHECK(is_valid_date(*date), date->iso() + " from " + shown(text));
    std::string iso = date->iso();
    FUZZ_CHECK(iso.size() == 10, iso);
    auto again = parse_date(iso, order);
    FUZZ_CHECK(again && *again == *date, shown(text) + " -> " + iso + " -> " + (again ? again->iso() : "none"));
  }

  parse_date_order(text);
  return 0;
}
