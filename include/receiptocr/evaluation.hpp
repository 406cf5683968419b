#pragma once
// Accuracy measurement against labelled truth files (X.truth.json beside X.jpg/X.pdf).
// Pure functions: parsing truth, scoring one field, aggregating tables.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace receiptocr {

// A parsed truth file. Each field maps to the accepted values (several = any is right).
struct Truth {
  std::string dataset;
  std::string file;  // the document's file name, relative to the truth file's folder
  std::map<std::string, std::vector<std::string>> fields;  // truth names: merchant, address, date, ...
};

// Parses the truth format (README of the datasets / man page). A value is a string, a number
// (kept as its JSON text), a list of those, or null/[] (not labelled). Throws
// std::runtime_error with a one-line reason on malformed input.
Truth parse_truth(std::string_view json_text);

// The receiptocr field a truth field is compared with ("address" -> "vendor_address").
std::string extractor_field_for(std::string_view truth_field);

struct FieldScore {
  bool correct = false;
  double similarity = 0;  // 1 - normalised edit distance of the comparison keys (text fields)
};

// Scores one field by the dataset rules: amounts equal to the cent, dates equal, text equal
// after upper-casing and keeping letters and digits, currency codes equal. A missing value
// (nullopt) is wrong with similarity 0.
FieldScore score_field(std::string_view truth_field, const std::vector<std::string>& accepted,
                       const std::optional<std::string>& got);

// Totals for one field of one dataset.
struct FieldTally {
  int labelled = 0;
  int correct = 0;
  double similarity_sum = 0;
  double accuracy() const { return labelled ? static_cast<double>(correct) / labelled : 0; }
  double mean_similarity() const { return labelled ? similarity_sum / labelled : 0; }
};

// Totals for one dataset.
struct DatasetTally {
  std::map<std::string, FieldTally> fields;
  int documents = 0;
  int failed = 0;
  int auto_accepted = 0;          // routed COMPLETED
  int auto_accepted_correct = 0;  // ... with every labelled field correct
  int all_correct = 0;            // documents with every labelled field correct
  double precision() const { return auto_accepted ? static_cast<double>(auto_accepted_correct) / auto_accepted : 1.0; }
  double automation() const { return documents ? static_cast<double>(auto_accepted) / documents : 0; }
};

// Parses "total=0.9" or "total=90%" (a --min bar). Throws std::runtime_error on bad input
// (no field name, or a ratio that is not a number in [0,1]).
std::pair<std::string, double> parse_min_bar(std::string_view text);

}  // namespace receiptocr
