// Fuzz target: amounts and currencies in untrusted text (OCR lines, reviewer corrections).
// Invariants: offsets stay inside the line, a parsed amount formatted and parsed again gives
// the same value (also behind a currency marker), and parsed currencies are ISO codes that
// parse to themselves.
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "receiptocr/amount.hpp"
#include "receiptocr/currency.hpp"

using namespace receiptocr;
using receiptocr::fuzz::shown;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);

  std::string digitized = digitize_ocr_number_text(text);
  FUZZ_CHECK(digitized.size() == text.size(), shown(text));

  size_t previous_end = 0;
  for (const AmountMatch& m : find_amounts(text)) {
    FUZZ_CHECK(m.begin < m.end && m.end <= text.size(), shown(text));
    FUZZ_CHECK(m.begin >= previous_end, "amounts overlap or are out of order in " + shown(text));
    previous_end = m.end;
    FUZZ_CHECK(m.value.scale >= 0 && m.value.scale <= 3, m.value.to_string() + " in " + shown(text));
  }

  for (const CurrencyMatch& c : find_currencies(text)) {
    FUZZ_CHECK(c.begin < c.end && c.end <= text.size(), shown(text));
    FUZZ_CHECK(c.code.size() == 3 && parse_currency(c.code) == c.code, c.code + " in " + shown(text));
    FUZZ_CHECK(c.strength > 0 && c.strength <= 1, shown(text));
  }

  if (auto code = parse_currency(text)) {
    FUZZ_CHECK(parse_currency(*code) == *code, *code + " from " + shown(text));
    currency_prefers_month_first(*code);
  }

  if (auto value = parse_amount(text)) {
    std::string formatted = value->to_string(2);
    auto again = parse_amount(formatted);
    FUZZ_CHECK(again && *again == *value,
               shown(text) + " -> " + formatted + " -> " + (again ? again->to_string() : "none"));
    auto marked = parse_amount("EUR " + formatted);
    FUZZ_CHECK(marked && *marked == *value, shown(text) + " -> EUR " + formatted);
    // The value is one of the amounts found in the (trimmed) text.
    bool found = false;
    for (const AmountMatch& m : find_amounts(trim(text))) found = found || m.value == *value;
    FUZZ_CHECK(found, shown(text));
  }
  return 0;
}
