#include "receiptocr/evaluation.hpp"

#include <stdexcept>

#include "receiptocr/amount.hpp"
#include "receiptocr/currency.hpp"
#include "receiptocr/text.hpp"

namespace receiptocr {

Truth parse_truth(std::string_view json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw std::runtime_error("not a JSON object");
  if (!j.contains("fields") || !j["fields"].is_object()) throw std::runtime_error("missing \"fields\" object");
  Truth t;
  if (j.contains("dataset") && !j["dataset"].is_string()) throw std::runtime_error("\"dataset\" must be a string");
  t.dataset = j.value("dataset", std::string());
  if (j.contains("file") && !j["file"].is_string()) throw std::runtime_error("\"file\" must be a string");
  t.file = j.value("file", std::string());
  for (auto& [name, value] : j["fields"].items()) {
    // An empty name would be scored as a field of its own that no document ever has.
    if (name.empty()) throw std::runtime_error("a field name is empty");
    // The name as JSON (quoted, control characters escaped), so each reason stays one line.
    const std::string shown = nlohmann::json(name).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::vector<std::string> accepted;
    if (value.is_string()) accepted.push_back(value.get<std::string>());
    else if (value.is_array()) {
      // Alternatives may be numbers, like single values.
      for (const auto& v : value) {
        if (v.is_string()) accepted.push_back(v.get<std::string>());
        else if (v.is_number()) accepted.push_back(v.dump());
        else throw std::runtime_error("field " + shown + ": alternatives must be strings");
      }
    } else if (value.is_number()) {
      accepted.push_back(value.dump());
    } else if (value.is_null()) {
      continue;
    } else {
      throw std::runtime_error("field " + shown + ": value must be a string or a list of strings");
    }
    if (!accepted.empty()) t.fields[name] = accepted;
  }
  return t;
}

std::string extractor_field_for(std::string_view truth_field) {
  if (truth_field == "address") return "vendor_address";
  if (truth_field == "phone") return "vendor_phone";
  if (truth_field == "email") return "vendor_email";
  if (truth_field == "tax_id") return "vendor_tax_id";
  return std::string(truth_field);
}

FieldScore score_field(std::string_view field, const std::vector<std::string>& accepted,
                       const std::optional<std::string>& got) {
  FieldScore best;
  if (!got) return best;
  for (const std::string& truth : accepted) {
    FieldScore s;
    if (field == "total" || field == "subtotal" || field == "tax" || field == "tip") {
      auto a = parse_amount(truth), b = parse_amount(*got);
      s.correct = a && b && a->rescaled(2) == b->rescaled(2);
      s.similarity = s.correct ? 1.0 : similarity(truth, *got);
    } else if (field == "date" || field == "due_date") {
      s.correct = trim(truth) == trim(*got);
      s.similarity = similarity(trim(truth), trim(*got));
    } else if (field == "currency") {
      auto a = parse_currency(truth), b = parse_currency(*got);
      s.correct = a && b && *a == *b;
      s.similarity = s.correct ? 1.0 : 0.0;
    } else {
      std::string a = alnum_key(truth), b = alnum_key(*got);
      s.correct = a == b;
      s.similarity = similarity(a, b);
    }
    if (s.correct || s.similarity > best.similarity) {
      if (!best.correct) best = s;
    }
    if (best.correct) break;
  }
  return best;
}

std::pair<std::string, double> parse_min_bar(std::string_view text) {
  size_t eq = text.find('=');
  std::string field = eq == std::string_view::npos ? std::string() : trim(text.substr(0, eq));
  if (field.empty()) throw std::runtime_error("expected FIELD=RATIO, e.g. total=0.9");
  std::string ratio(trim(text.substr(eq + 1)));
  const std::string not_a_ratio = "'" + ratio + "' is not a number between 0 and 1";
  bool percent = !ratio.empty() && ratio.back() == '%';
  std::string number = percent ? ratio.substr(0, ratio.size() - 1) : ratio;
  double value = 0;
  try {
    size_t used = 0;
    value = std::stod(number, &used);
    if (used != number.size()) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    throw std::runtime_error(not_a_ratio);
  }
  if (percent) value /= 100;
  // Written so that NaN fails too.
  if (!(value >= 0 && value <= 1)) throw std::runtime_error(not_a_ratio);
  return {field, value};
}

}  // namespace receiptocr
