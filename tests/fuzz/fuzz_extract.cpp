// Fuzz target: field extraction from OCR lines. The input is split into lines and words the
// way the Tesseract engine hands them over (sanitised UTF-8, trimmed, with boxes and
// confidences); the first byte picks the options (date order, default currency).
// Invariants: only known fields, amounts are decimal strings, dates valid ISO dates, currencies
// ISO codes, values valid UTF-8, confidences in [0,1], provenance inside the document; the
// routing gives a known status and reasons from the documented vocabulary.
#include <algorithm>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "receiptocr/amount.hpp"
#include "receiptocr/currency.hpp"
#include "receiptocr/decimal.hpp"
#include "receiptocr/extract.hpp"
#include "receiptocr/result.hpp"
#include "receiptocr/scoring.hpp"

using namespace receiptocr;
using receiptocr::fuzz::shown;

namespace {

void check_decimal(const std::string& value, const std::string& what) {
  if (value.empty()) return;
  FUZZ_CHECK(Decimal::from_string(value).has_value(), what + " = " + shown(value));
}

bool known_reason(const std::string& reason) {
  if (reason.rfind("low_confidence:", 0) == 0) {
    const auto& names = field_names();
    return std::find(names.begin(), names.end(), reason.substr(15)) != names.end();
  }
  const auto& vocabulary = review_reason_vocabulary();
  return std::find(vocabulary.begin(), vocabulary.end(), reason) != vocabulary.end();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  unsigned selector = data[0];
  std::string_view text = fuzz::as_text(data + 1, size - 1);
  ExtractOptions options;
  options.date_order = selector % 3 == 0   ? DateOrder::unknown
                       : selector % 3 == 1 ? DateOrder::day_first
                                           : DateOrder::month_first;
  static const char* const currencies[] = {"", "", "EUR", "USD", "MYR", "GBP"};
  options.default_currency = currencies[(selector / 3) % 6];

  DocumentResult result;
  result.file = "fuzz.txt";
  result.format = "pdf";
  result.text.lines = fuzz::ocr_like_lines(text, selector);
  const auto& lines = result.text.lines;
  int pages = lines.empty() ? 1 : lines.back().page;
  for (int p = 1; p <= pages; ++p) result.text.pages.push_back(PageInfo{p, TextSource::ocr, 600, 800});

  result.extraction = extract_fields(lines, options);
  const Extraction& ex = result.extraction;
  const auto& names = field_names();
  for (const auto& [name, field] : ex.fields) {
    const std::string where = name + " = " + shown(field.value) + " from " + shown(text);
    FUZZ_CHECK(std::find(names.begin(), names.end(), name) != names.end(), where);
    FUZZ_CHECK(!field.value.empty(), where);
    FUZZ_CHECK(fuzz::is_valid_utf8(field.value) && fuzz::is_valid_utf8(field.text), where);
    FUZZ_CHECK(field.confidence >= 0 && field.confidence <= 1, where);
    FUZZ_CHECK(field.evidence >= 0 && field.evidence <= 1, where);
    FUZZ_CHECK(field.line >= -1 && field.line < static_cast<int>(lines.size()), where);
    FUZZ_CHECK(field.candidates.size() <= 5, where);
    if (is_amount_field(name)) {
      auto value = Decimal::from_string(field.value);
      FUZZ_CHECK(value && value->to_string(2) == field.value, where);
    } else if (is_date_field(name)) {
      auto date = parse_date(field.value, DateOrder::unknown);
      FUZZ_CHECK(date && date->iso() == field.value, where);
    } else if (name == "currency") {
      FUZZ_CHECK(parse_currency(field.value) == field.value, where);
    }
  }
  for (const LineItem& item : ex.line_items) {
    const std::string where = "line item " + shown(item.description) + " from " + shown(text);
    FUZZ_CHECK(fuzz::is_valid_utf8(item.description), where);
    FUZZ_CHECK(Decimal::from_string(item.amount).has_value(), where + " amount " + shown(item.amount));
    check_decimal(item.quantity, where + " quantity");
    check_decimal(item.unit_price, where + " unit_price");
    FUZZ_CHECK(item.line >= 0 && item.line < static_cast<int>(lines.size()), where);
  }
  for (const std::string* amount : {&ex.discount, &ex.rounding, &ex.tendered, &ex.change})
    check_decimal(*amount, "an adjustment from " + shown(text));
  FUZZ_CHECK(ex.document_type == "receipt" || ex.document_type == "invoice", ex.document_type);

  bool has_text = !lines.empty();
  result.assessment = assess(result.extraction, RoutingPolicy{}, result.text.mean_word_confidence(), has_text);
  result.status = result.assessment.status;
  FUZZ_CHECK(result.status == "COMPLETED" || result.status == "NEEDS_REVIEW", result.status);
  FUZZ_CHECK(result.assessment.confidence >= 0 && result.assessment.confidence <= 1, shown(text));
  for (const std::string& reason : result.assessment.review_reasons)
    FUZZ_CHECK(known_reason(reason), reason + " from " + shown(text));
  for (const auto& [name, field] : result.extraction.fields)
    FUZZ_CHECK(field.confidence >= 0 && field.confidence <= 1, name + " after assess from " + shown(text));

  // The sinks: JSON and CSV of the result never throw.
  ordered_json json = result_to_json(result, OutputSettings{});
  std::string dumped = dump_json(json, -1);
  FUZZ_CHECK(fuzz::is_valid_utf8(dumped), shown(text));
  csv_row(json);
  return 0;
}
