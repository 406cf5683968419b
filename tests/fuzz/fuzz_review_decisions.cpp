// Fuzz target: the decisions file of `review apply` (JSON Lines, read line by line as
// run_apply does), the normalisation of each correction, and applying the decision to a
// stored result. Invariants: a parsed decision names a document; normalising a normalised
// value gives it back unchanged (amounts, dates in every order, currencies, text); the
// decided result keeps its shape and dumps to valid UTF-8.
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "receiptocr/result.hpp"
#include "receiptocr/review.hpp"

using namespace receiptocr;
using receiptocr::fuzz::shown;

namespace {

const ordered_json& stored_result() {
  static const ordered_json result = ordered_json::parse(R"({
    "schema_version": 1, "file": "a/receipt.jpg", "status": "NEEDS_REVIEW",
    "fields": {
      "merchant": {"value": "TESCO STORES", "confidence": 0.5},
      "date": {"value": "2024-03-04", "confidence": 0.9},
      "currency": {"value": "GBP", "confidence": 0.9},
      "total": {"value": "12.50", "confidence": 0.4}
    },
    "review_reasons": ["low_confidence:total"]
  })");
  return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  for (const std::string& line : split(text, '\n')) {
    if (trim(line).empty()) continue;
    std::string error;
    auto decision = parse_decision_line(line, error);
    if (!decision) {
      FUZZ_CHECK(!error.empty(), "no error for " + shown(line));
      continue;
    }
    FUZZ_CHECK(!decision->id.empty(), shown(line));

    std::map<std::string, std::string> corrected;
    for (const auto& [field, value] : decision->corrected_fields) {
      for (DateOrder order : {DateOrder::unknown, DateOrder::day_first, DateOrder::month_first}) {
        std::string field_error;
        auto normalized = normalize_field_input(field, value, order, field_error);
        if (!normalized) {
          FUZZ_CHECK(!field_error.empty(), "no error for " + field + " = " + shown(value));
          continue;
        }
        std::string again_error;
        auto again = normalize_field_input(field, *normalized, order, again_error);
        FUZZ_CHECK(again && *again == *normalized, field + ": " + shown(value) + " -> " + shown(*normalized) + " -> " +
                                                       (again ? shown(*again) : again_error));
        corrected[field] = *normalized;
      }
    }

    ordered_json decided = apply_decision_to_result(stored_result(), decision->action, corrected, decision->reviewer,
                                                    "2024-05-01T10:00:00Z", decision->reason);
    FUZZ_CHECK(decided["status"] == (decision->action == ReviewAction::approve ? "APPROVED" : "REJECTED"), shown(line));
    for (const auto& [field, value] : corrected)
      FUZZ_CHECK(decided["fields"][field]["value"] == value && decided["fields"][field]["corrected"] == true,
                 field + " in " + shown(line));
    FUZZ_CHECK(fuzz::is_valid_utf8(dump_json(decided, 2)), shown(line));
    results_look_duplicate(decided, stored_result());
  }
  return 0;
}
