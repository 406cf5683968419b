#include "receiptocr/scoring.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace receiptocr {
namespace {

void adjust(Extraction& ex, const char* name, double delta) {
  auto it = ex.fields.find(name);
  if (it != ex.fields.end()) it->second.confidence = std::clamp(it->second.confidence + delta, 0.0, 1.0);
}

double round3(double v) { return std::round(v * 1000) / 1000; }

Decimal items_sum(const Extraction& ex) {
  Decimal sum{};
  for (const LineItem& item : ex.line_items)
    if (auto v = Decimal::from_string(item.amount)) sum = sum + *v;
  return sum;
}

}  // namespace

int build_year() {
  // __DATE__ is "Mmm dd yyyy".
  static const int year = std::atoi(__DATE__ + 7);
  return year;
}

const std::vector<std::string>& review_reason_vocabulary() {
  static const std::vector<std::string> reasons = {
      "no_text",          "missing_merchant", "missing_date",       "missing_total",    "low_confidence:<field>",
      "sum_mismatch",     "ambiguous_date",   "future_date",        "low_ocr_quality",
      "unconfirmed_total", "postcode_mismatch", "low_document_confidence", "possible_duplicate",
      "missing_invoice_number"};
  return reasons;
}

Assessment assess(Extraction& ex, const RoutingPolicy& policy, double ocr_confidence, bool has_text) {
  Assessment a;
  if (!has_text) {
    a.status = "NEEDS_REVIEW";
    a.review_reasons.push_back("no_text");
    return a;
  }
  auto total = ex.amount("total");
  auto subtotal = ex.amount("subtotal");
  auto tax = ex.amount("tax");
  auto tip = ex.amount("tip");
  auto discount = Decimal::from_string(ex.discount);
  auto rounding = Decimal::from_string(ex.rounding);
  auto service = Decimal::from_string(ex.service_charge);
  auto tendered = Decimal::from_string(ex.tendered);
  auto change = Decimal::from_string(ex.change);

  // A total inferred from these very amounts (no source line) cannot be checked against them.
  const Field* total_field = ex.get("total");
  bool inferred_total = total_field && total_field->line < 0;
  // Nor a subtotal inferred from the total (total - tax, or the items adding up to it).
  const Field* subtotal_field = ex.get("subtotal");
  bool inferred_subtotal = subtotal_field && subtotal_field->line < 0;
  // subtotal + tax (+ service charge + tip - discount +/- rounding) = total: amounts_add_up.
  if (total && subtotal && !inferred_total && !inferred_subtotal) {
    bool match = amounts_add_up({total, subtotal, tax, tip, discount, rounding, service});
    if (match) {
      a.checks_passed.push_back("sum");
      adjust(ex, "total", 0.2);
      adjust(ex, "subtotal", 0.2);
      adjust(ex, "tax", 0.2);
    } else {
      a.checks_failed.push_back("sum");
      adjust(ex, "total", -0.15);
      adjust(ex, "subtotal", -0.2);
      adjust(ex, "tax", -0.2);
    }
  }
  if (total && tendered && change && !tendered->is_zero() && !inferred_total) {
    if (*tendered - *change == *total) {
      a.checks_passed.push_back("tendered_change");
      adjust(ex, "total", 0.2);
    } else if (*tendered < *total) {
      a.checks_failed.push_back("tendered_change");
      adjust(ex, "total", -0.1);
    }
  }
  if (!ex.line_items.empty()) {
    Decimal sum = items_sum(ex);
    auto target = subtotal ? subtotal : total;
    // Prices with the tax in them add up to the total, not the net subtotal.
    if (target && sum != *target && total && sum == *total && !inferred_total) target = total;
    if (target && sum == *target) {
      a.checks_passed.push_back("line_items");
      adjust(ex, "total", 0.1);
      adjust(ex, "subtotal", 0.1);
    } else if (target) {
      a.checks_failed.push_back("line_items");
    }
  }

  route(ex, policy, ocr_confidence, a);
  for (auto& [name, f] : ex.fields) f.confidence = round3(f.confidence);
  return a;
}

bool confirmed_by_checks(const Assessment& assessment, std::string_view field) {
  auto passed = [&assessment](std::string_view check) {
    const auto& p = assessment.checks_passed;
    return std::find(p.begin(), p.end(), check) != p.end();
  };
  if (field == "total") return passed("sum") || passed("tendered_change");
  if (field == "subtotal" || field == "tax") return passed("sum");
  return false;
}

void route(const Extraction& ex, const RoutingPolicy& policy, double ocr_confidence, Assessment& a) {
  a.review_reasons.clear();
  double doc = 1.0;
  // Compared as printed (three decimals): a field shown at 0.6 passes a 0.6 threshold.
  bool address_weighed = false;  // the document has an address and the policy checks it
  auto weigh = [&](const std::string& name, const Field& f) {
    address_weighed = address_weighed || name == "vendor_address";
    double confidence = round3(f.confidence);
    doc = std::min(doc, confidence);
    if (confidence < policy.field_threshold) a.review_reasons.push_back("low_confidence:" + name);
  };
  for (const std::string& name : policy.required) {
    if (const Field* f = ex.get(name)) {
      weigh(name, *f);
    } else {
      a.review_reasons.push_back("missing_" + name);
      doc = 0;
    }
  }
  // The other fields a finance user reads, when the document has them: one misread character
  // in an address is as wrong as a misread total.
  for (const std::string& name : policy.checked)
    if (const Field* f = ex.get(name); f && std::find(policy.required.begin(), policy.required.end(), name) == policy.required.end())
      weigh(name, *f);
  if (std::find(a.checks_failed.begin(), a.checks_failed.end(), "sum") != a.checks_failed.end())
    a.review_reasons.push_back("sum_mismatch");
  if (ex.date_ambiguous) {
    a.review_reasons.push_back("ambiguous_date");
    doc = std::min(doc, 0.5);
  }
  // A receipt from years ahead is a misread year ("19/03/2078" for 2018): 7 for 1 is a common
  // OCR confusion, and nothing else in the document can tell which digit it was.
  if (const Field* date = ex.get("date"); date && date->value.size() >= 4 && policy.latest_year > 0) {
    int year = 0;
    for (size_t i = 0; i < 4 && std::isdigit(static_cast<unsigned char>(date->value[i])); ++i)
      year = year * 10 + (date->value[i] - '0');
    if (year > policy.latest_year) {
      a.review_reasons.push_back("future_date");
      doc = std::min(doc, 0.4);
    }
  }
  if (ocr_confidence < policy.min_ocr_confidence) a.review_reasons.push_back("low_ocr_quality");
  // An address whose postcode is another state's has a misread digit (or name), whatever the
  // confidence OCR gave it; checked whenever the address is (--check, --require).
  if (ex.postcode_mismatch && address_weighed)
    a.review_reasons.push_back("postcode_mismatch");
  // An invoice without its number cannot be booked or matched to a purchase order; on the
  // blind invoice batches (docs/accuracy.md, session 27) most of those auto-accepted without
  // one were wrong in another field too.
  if (policy.require_invoice_number && ex.document_type == "invoice" && !ex.get("invoice_number"))
    a.review_reasons.push_back("missing_invoice_number");
  // A total read by OCR (its words below certainty; a text layer's are certain) that nothing
  // else on the document confirms rests on OCR alone, and OCR reads a misread digit as surely
  // as a right one ("TOTAL 48.00" for 18.00 at 0.95). Confirmations: the sum and
  // tendered-change checks, line items adding up to it, a payment without change (a card pays
  // the total exactly) read on another line. A total inferred from those sums has no source
  // line, and its low evidence routes it already.
  if (const Field* total = ex.get("total"); policy.confirm_total && total && total->line >= 0 &&
                                            total->ocr_confidence < 1.0 && !confirmed_by_checks(a, "total")) {
    auto value = Decimal::from_string(total->value);
    auto tendered = Decimal::from_string(ex.tendered);
    bool items = value && !ex.line_items.empty() && items_sum(ex) == *value;
    bool paid = value && tendered && ex.change.empty() && *tendered == *value && ex.tendered_line != total->line;
    if (!items && !paid) a.review_reasons.push_back("unconfirmed_total");
  }
  a.confidence = round3(std::clamp(doc, 0.0, 1.0));
  if (a.review_reasons.empty() && a.confidence < policy.document_threshold)
    a.review_reasons.push_back("low_document_confidence");
  a.status = a.review_reasons.empty() ? "COMPLETED" : "NEEDS_REVIEW";
}

}  // namespace receiptocr
