// The pure half of review: normalising corrections, applying a decision to a result object,
// reading decision lines. No database, no files.
#include <fmt/format.h>

#include <set>

#include "receiptocr/amount.hpp"
#include "receiptocr/currency.hpp"
#include "receiptocr/extract.hpp"
#include "receiptocr/review.hpp"
#include "receiptocr/text.hpp"

namespace receiptocr {

std::optional<std::string> normalize_field_input(const std::string& field, std::string_view input, DateOrder order,
                                                 std::string& error) {
  static const std::set<std::string> amounts = {"subtotal", "tax", "tip", "total"};
  static const std::set<std::string> dates = {"date", "due_date"};
  const auto& names = field_names();
  if (std::find(names.begin(), names.end(), field) == names.end()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    error = fmt::format("unknown field '{}' (fields: {})", field, known);
    return std::nullopt;
  }
  std::string text = trim(input);
  if (text.empty()) {
    error = fmt::format("{}: empty value", field);
    return std::nullopt;
  }
  if (amounts.count(field)) {
    auto value = parse_amount(text);
    if (!value) {
      error = fmt::format("{}: '{}' is not an amount", field, text);
      return std::nullopt;
    }
    return value->to_string(2);
  }
  if (dates.count(field)) {
    auto value = parse_date(text, order);
    if (!value) {
      error = fmt::format("{}: '{}' is not a date", field, text);
      return std::nullopt;
    }
    return value->iso();
  }
  if (field == "currency") {
    auto value = parse_currency(text);
    if (!value) {
      error = fmt::format("currency: '{}' is not a known currency", text);
      return std::nullopt;
    }
    return *value;
  }
  return collapse_spaces(text);
}

ordered_json apply_decision_to_result(const ordered_json& result, ReviewAction action,
                                      const std::map<std::string, std::string>& corrected, const std::string& reviewer,
                                      const std::string& at, const std::string& reason) {
  ordered_json j = result;
  j["status"] = action == ReviewAction::approve ? "APPROVED" : "REJECTED";
  if (!j.contains("fields") || !j["fields"].is_object()) j["fields"] = ordered_json::object();
  for (const auto& [name, value] : corrected) {
    ordered_json& f = j["fields"][name];
    if (f.is_null()) {
      f = ordered_json{{"value", value},           {"confidence", 1.0}, {"page", nullptr},
                       {"bbox", nullptr},          {"text", nullptr},   {"candidates", ordered_json::array()},
                       {"original_value", nullptr}};
    } else {
      if (!f.contains("original_value")) f["original_value"] = f.value("value", ordered_json());
      f["value"] = value;
      f["confidence"] = 1.0;
    }
    f["corrected"] = true;
  }
  j["review"] = {{"decision", action == ReviewAction::approve ? "APPROVE" : "REJECT"},
                 {"reviewer", reviewer},
                 {"at", at},
                 {"reason", reason.empty() ? ordered_json(nullptr) : ordered_json(reason)}};
  return j;
}

std::optional<ReviewDecision> parse_decision_line(std::string_view line, std::string& error) {
  ordered_json j;
  try {
    j = ordered_json::parse(line);
  } catch (const std::exception& e) {
    error = fmt::format("not JSON: {}", e.what());
    return std::nullopt;
  }
  if (!j.is_object()) {
    error = "expected a JSON object";
    return std::nullopt;
  }
  ReviewDecision d;
  for (const char* key : {"job_id", "file"}) {
    if (j.contains(key) && !j[key].is_null()) {
      if (!j[key].is_string() || j[key].get<std::string>().empty()) {
        error = fmt::format("\"{}\" must be a non-empty string", key);
        return std::nullopt;
      }
      if (!d.id.empty()) {
        error = "give \"job_id\" or \"file\", not both";
        return std::nullopt;
      }
      d.id = j[key].get<std::string>();
    }
  }
  if (d.id.empty()) {
    error = "missing \"job_id\" or \"file\"";
    return std::nullopt;
  }
  std::string decision =
      j.value("decision", ordered_json()).is_string() ? to_upper(j["decision"].get<std::string>()) : "";
  if (decision == "APPROVE")
    d.action = ReviewAction::approve;
  else if (decision == "REJECT")
    d.action = ReviewAction::reject;
  else {
    error = "\"decision\" must be \"APPROVE\" or \"REJECT\"";
    return std::nullopt;
  }
  if (j.contains("reviewer") && !j["reviewer"].is_null()) {
    if (!j["reviewer"].is_string()) {
      error = "\"reviewer\" must be a string";
      return std::nullopt;
    }
    d.reviewer = j["reviewer"].get<std::string>();
  }
  if (j.contains("reason") && j["reason"].is_string()) d.reason = j["reason"].get<std::string>();
  if (j.contains("duplicate_of") && j["duplicate_of"].is_string())
    d.duplicate_of = j["duplicate_of"].get<std::string>();
  if (j.contains("corrected_fields") && !j["corrected_fields"].is_null()) {
    if (!j["corrected_fields"].is_object()) {
      error = "\"corrected_fields\" must be an object";
      return std::nullopt;
    }
    for (const auto& [name, value] : j["corrected_fields"].items()) {
      if (value.is_string())
        d.corrected_fields[name] = value.get<std::string>();
      else if (value.is_number())
        d.corrected_fields[name] = value.dump();
      else {
        error = fmt::format("corrected_fields.{}: expected a string or number", name);
        return std::nullopt;
      }
    }
  }
  return d;
}

namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
long days_from_civil(const CivilDate& date) {
  int y = date.year - (date.month <= 2);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string value_of(const ordered_json& result, const char* name) {
  if (!result.contains("fields") || !result["fields"].contains(name) || !result["fields"][name].is_object()) return "";
  const auto& v = result["fields"][name]["value"];
  return v.is_string() ? v.get<std::string>() : "";
}

}  // namespace

bool results_look_duplicate(const ordered_json& a, const ordered_json& b, int max_days) {
  auto total_a = Decimal::from_string(value_of(a, "total"));
  auto total_b = Decimal::from_string(value_of(b, "total"));
  if (!total_a || !total_b || !(*total_a == *total_b)) return false;
  std::string currency_a = value_of(a, "currency"), currency_b = value_of(b, "currency");
  if (!currency_a.empty() && !currency_b.empty() && currency_a != currency_b) return false;
  auto date_a = parse_date(value_of(a, "date"), DateOrder::unknown);
  auto date_b = parse_date(value_of(b, "date"), DateOrder::unknown);
  if (!date_a || !date_b || std::labs(days_from_civil(*date_a) - days_from_civil(*date_b)) > max_days) return false;
  std::string merchant_a = alnum_key(value_of(a, "merchant")), merchant_b = alnum_key(value_of(b, "merchant"));
  if (!merchant_a.empty() && !merchant_b.empty() && similarity(merchant_a, merchant_b) < 0.8) {
    // "TESCO STORES" and "Tesco Stores Ltd": one name inside the other is the same merchant.
    const std::string& shorter = merchant_a.size() < merchant_b.size() ? merchant_a : merchant_b;
    const std::string& longer = merchant_a.size() < merchant_b.size() ? merchant_b : merchant_a;
    if (shorter.size() < 4 || longer.find(shorter) == std::string::npos) return false;
  }
  return true;
}

}  // namespace receiptocr
