#pragma once
// Consistency checks, confidence and routing (pure functions, no I/O).
#include <string>
#include <string_view>
#include <vector>

#include "receiptocr/extract.hpp"

namespace receiptocr {

// The year this binary was compiled in (from __DATE__, which honours SOURCE_DATE_EPOCH).
int build_year();

// When a document may be auto-accepted (status COMPLETED).
struct RoutingPolicy {
  double field_threshold = 0.6;     // every required (and checked) field at least this confident
  double document_threshold = 0.65;  // and the document as a whole (docs/accuracy.md: chosen on the dev sets)
  double min_ocr_confidence = 0.5;  // mean OCR word confidence below this: low_ocr_quality
  std::vector<std::string> required = {"merchant", "date", "total"};
  // Fields that, when the document has them, must be as confident as the required ones.
  std::vector<std::string> checked = {"vendor_address"};
  // A total OCR read (not a text layer's) goes to review unless a sum confirms it
  // (unconfirmed_total): OCR's own confidence lets a misread digit through.
  bool confirm_total = true;
  // An invoice (document_type "invoice") whose number was not found goes to review
  // (missing_invoice_number): accounts payable cannot book or match it without one.
  bool require_invoice_number = true;
  // A date after this year routes with future_date (0: no limit). The default is the year after
  // the one receiptocr was built in, so the same binary routes the same input the same way.
  int latest_year = build_year() + 1;
};

struct Assessment {
  double confidence = 0;                    // document confidence, 0..1
  std::string status;                       // "COMPLETED" or "NEEDS_REVIEW"
  std::vector<std::string> review_reasons;  // documented vocabulary (README "Review reasons")
  std::vector<std::string> checks_passed;   // e.g. "sum", "tendered_change", "line_items"
  std::vector<std::string> checks_failed;
};

// Runs the consistency checks (subtotal + tax + tip - discount + rounding = total; line
// items sum to the subtotal; tendered - change = total), adjusts the field confidences in
// `extraction` accordingly, and routes the document. `ocr_confidence` is the mean word
// confidence of the document (1 for text layers); `has_text` false routes with `no_text`.
Assessment assess(Extraction& extraction, const RoutingPolicy& policy, double ocr_confidence, bool has_text);

// The routing half of assess(): recomputes confidence, status and review reasons from the
// fields as they are now and the checks already recorded in `assessment` (used after a field
// was re-read). Does not change any field.
void route(const Extraction& extraction, const RoutingPolicy& policy, double ocr_confidence, Assessment& assessment);

// True when a passed consistency check vouches for the field's value: the sum check for the
// total, subtotal and tax; tendered - change for the total.
bool confirmed_by_checks(const Assessment& assessment, std::string_view field);

// Every review reason the tool can emit, for docs and validation.
const std::vector<std::string>& review_reason_vocabulary();

}  // namespace receiptocr
