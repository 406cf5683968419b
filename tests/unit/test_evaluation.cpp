#include <doctest/doctest.h>

#include "print_helpers.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "receiptocr/evaluation.hpp"

using namespace receiptocr;

namespace {
using Strings = std::vector<std::string>;
std::string error_of(std::string_view json) {
  try {
    parse_truth(json);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "<no error>";
}
std::string min_bar_error(std::string_view text) {
  try {
    parse_min_bar(text);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "<no error>";
}
}  // namespace

TEST_CASE("parse_truth reads the dataset truth format") {
  Truth t = parse_truth(R"({"dataset": "sroie", "file": "000.jpg",
    "fields": {"merchant": "BOOK TA .K (TAMAN DAYA) SDN BHD", "date": ["2018-12-25", "2018-25-12"],
               "total": "9.00"},
    "raw": {"anything": [1, 2, {"x": null}]}})");
  CHECK(t.dataset == "sroie");
  CHECK(t.file == "000.jpg");
  REQUIRE(t.fields.size() == 3);
  CHECK(t.fields.at("merchant") == Strings{"BOOK TA .K (TAMAN DAYA) SDN BHD"});
  CHECK(t.fields.at("date") == Strings{"2018-12-25", "2018-25-12"});
  CHECK(t.fields.at("total") == Strings{"9.00"});
}

TEST_CASE("parse_truth: null, empty lists and absent keys are not labelled") {
  Truth t = parse_truth(R"({"fields": {"total": null, "tax": [], "date": "2020-01-02"}})");
  CHECK(t.dataset.empty());
  CHECK(t.file.empty());
  CHECK(t.fields.size() == 1);
  CHECK(t.fields.count("total") == 0);
  CHECK(t.fields.count("tax") == 0);
}

TEST_CASE("parse_truth: numbers are accepted as their JSON text") {
  Truth t = parse_truth(R"({"fields": {"total": 9.5, "tax": 2, "tip": ["1.00", 0.5]}})");
  CHECK(t.fields.at("total") == Strings{"9.5"});
  CHECK(t.fields.at("tax") == Strings{"2"});
  CHECK(t.fields.at("tip") == Strings{"1.00", "0.5"});
}

TEST_CASE("parse_truth: malformed input throws runtime_error with a one-line reason") {
  CHECK(error_of("") == "not a JSON object");
  CHECK(error_of("{not json") == "not a JSON object");
  CHECK(error_of("[1, 2]") == "not a JSON object");
  CHECK(error_of(R"({"dataset": "x"})") == "missing \"fields\" object");
  CHECK(error_of(R"({"fields": ["total"]})") == "missing \"fields\" object");
  CHECK(error_of(R"({"file": 3, "fields": {}})") == "\"file\" must be a string");
  CHECK(error_of(R"({"dataset": 3, "fields": {}})") == "\"dataset\" must be a string");
  CHECK(error_of(R"({"fields": {"total": true}})") == "field \"total\": value must be a string or a list of strings");
  CHECK(error_of(R"({"fields": {"total": {"v": "1"}}})") ==
        "field \"total\": value must be a string or a list of strings");
  CHECK(error_of(R"({"fields": {"date": ["2020-01-01", null]}})") ==
        "field \"date\": alternatives must be strings");
}

// Found by tests/fuzz/fuzz_truth.cpp (tests/fuzz/regressions/truth/): an empty field name was
// accepted and scored as a field no document has; a name holding a newline split the reason.
TEST_CASE("parse_truth: field names are not empty and errors name them on one line") {
  CHECK(error_of(R"({"dataset": "x", "fields": {"total": "4.11", "": "42183017"}})") == "a field name is empty");
  CHECK(error_of(R"({"fields": {"": null}})") == "a field name is empty");
  CHECK(error_of(R"({"fields": {"to\ntal": true}})") ==
        "field \"to\\ntal\": value must be a string or a list of strings");
  CHECK(error_of(R"({"fields": {"da\u0001te": [null]}})") == "field \"da\\u0001te\": alternatives must be strings");
}

TEST_CASE("extractor_field_for maps truth names to receiptocr fields") {
  CHECK(extractor_field_for("address") == "vendor_address");
  CHECK(extractor_field_for("phone") == "vendor_phone");
  CHECK(extractor_field_for("email") == "vendor_email");
  CHECK(extractor_field_for("tax_id") == "vendor_tax_id");
  CHECK(extractor_field_for("total") == "total");
  CHECK(extractor_field_for("merchant") == "merchant");
}

TEST_CASE("score_field: amounts are equal to the cent") {
  CHECK(score_field("total", {"9.00"}, "9.00").correct);
  CHECK(score_field("total", {"9.00"}, "9").correct);
  CHECK(score_field("total", {"9.00"}, "9.0").correct);
  CHECK(score_field("total", {"1234.50"}, "1,234.50").correct);
  CHECK(score_field("subtotal", {"9.00"}, "RM 9.00").correct);
  CHECK(score_field("tax", {"0.54"}, "0.54").correct);
  CHECK(score_field("tip", {"2.00"}, "2").correct);
  CHECK_FALSE(score_field("total", {"9.00"}, "9.01").correct);
  CHECK_FALSE(score_field("total", {"9.00"}, "90.0").correct);
  CHECK_FALSE(score_field("total", {"9.00"}, "-9.00").correct);
  CHECK_FALSE(score_field("total", {"9.00"}, "nine").correct);
  CHECK(score_field("total", {"9.00"}, "9.00").similarity == 1.0);
  CHECK(score_field("total", {"9.00"}, "9.01").similarity == doctest::Approx(0.75));
}

TEST_CASE("score_field: dates are ISO-equal to the truth or an alternative") {
  CHECK(score_field("date", {"2018-12-25"}, "2018-12-25").correct);
  CHECK(score_field("date", {"2018-12-25"}, " 2018-12-25 ").correct);
  CHECK(score_field("date", {"2018-03-04", "2018-04-03"}, "2018-04-03").correct);
  CHECK_FALSE(score_field("date", {"2018-12-25"}, "2018-12-24").correct);
  CHECK_FALSE(score_field("date", {"2018-12-25"}, "25/12/2018").correct);
  CHECK(score_field("date", {"2018-12-25"}, "2018-12-24").similarity == doctest::Approx(0.9));
  CHECK(score_field("due_date", {"2019-01-31"}, "2019-01-31").correct);
}

TEST_CASE("score_field: text is compared upper-cased, letters and digits only") {
  auto s = score_field("merchant", {"BOOK TA .K (TAMAN DAYA) SDN BHD"}, "Book Ta.K (Taman Daya) Sdn. Bhd.");
  CHECK(s.correct);
  CHECK(s.similarity == 1.0);
  CHECK(score_field("invoice_number", {"INV-001"}, "inv 001").correct);
  CHECK(score_field("address", {"NO.53, JALAN 1"}, "No 53 Jalan 1").correct);
  auto near = score_field("merchant", {"ABCD"}, "ABCE");
  CHECK_FALSE(near.correct);
  CHECK(near.similarity == doctest::Approx(0.75));
  CHECK_FALSE(score_field("merchant", {"SHOP A"}, "SHOP B").correct);
}

TEST_CASE("score_field: currency codes are equal ISO codes") {
  CHECK(score_field("currency", {"EUR"}, "EUR").correct);
  CHECK(score_field("currency", {"EUR"}, "€").correct);
  CHECK(score_field("currency", {"MYR"}, "RM").correct);
  CHECK_FALSE(score_field("currency", {"EUR"}, "USD").correct);
  CHECK(score_field("currency", {"EUR"}, "USD").similarity == 0.0);
  CHECK_FALSE(score_field("currency", {"EUR"}, "EUROPE").correct);
}

TEST_CASE("score_field: a missing value is wrong with similarity 0") {
  auto s = score_field("total", {"9.00"}, std::nullopt);
  CHECK_FALSE(s.correct);
  CHECK(s.similarity == 0.0);
  CHECK_FALSE(score_field("merchant", {"A"}, std::nullopt).correct);
}

TEST_CASE("score_field: any alternative may match; otherwise the best similarity is kept") {
  CHECK(score_field("merchant", {"FOO", "BAR MART"}, "Bar Mart").correct);
  auto s = score_field("merchant", {"XXXXXX", "ABCDEF"}, "ABCDEX");
  CHECK_FALSE(s.correct);
  CHECK(s.similarity == doctest::Approx(5.0 / 6.0));
  // A correct alternative wins even after a closer-looking wrong one.
  CHECK(score_field("total", {"9.01", "9.00"}, "9.00").correct);
}

TEST_CASE("FieldTally and DatasetTally ratios") {
  FieldTally f;
  CHECK(f.accuracy() == 0.0);
  f.labelled = 4;
  f.correct = 3;
  f.similarity_sum = 3.5;
  CHECK(f.accuracy() == doctest::Approx(0.75));
  CHECK(f.mean_similarity() == doctest::Approx(0.875));
  DatasetTally d;
  CHECK(d.precision() == 1.0);
  CHECK(d.automation() == 0.0);
  d.documents = 10;
  d.auto_accepted = 4;
  d.auto_accepted_correct = 3;
  CHECK(d.precision() == doctest::Approx(0.75));
  CHECK(d.automation() == doctest::Approx(0.4));
}

TEST_CASE("parse_min_bar reads FIELD=RATIO") {
  CHECK(parse_min_bar("total=0.9") == std::pair<std::string, double>{"total", 0.9});
  CHECK(parse_min_bar(" date = 1 ") == std::pair<std::string, double>{"date", 1.0});
  CHECK(parse_min_bar("tax=0") == std::pair<std::string, double>{"tax", 0.0});
  CHECK(parse_min_bar("total=90%").second == doctest::Approx(0.9));
  CHECK(parse_min_bar("total=100%").second == 1.0);
}

TEST_CASE("parse_min_bar rejects bad bars with exact messages") {
  CHECK(min_bar_error("total") == "expected FIELD=RATIO, e.g. total=0.9");
  CHECK(min_bar_error("=0.9") == "expected FIELD=RATIO, e.g. total=0.9");
  CHECK(min_bar_error(" =0.9") == "expected FIELD=RATIO, e.g. total=0.9");
  CHECK(min_bar_error("total=") == "'' is not a number between 0 and 1");
  CHECK(min_bar_error("total=abc") == "'abc' is not a number between 0 and 1");
  CHECK(min_bar_error("total=0.9x") == "'0.9x' is not a number between 0 and 1");
  CHECK(min_bar_error("total=1.5") == "'1.5' is not a number between 0 and 1");
  CHECK(min_bar_error("total=-0.1") == "'-0.1' is not a number between 0 and 1");
  CHECK(min_bar_error("total=150%") == "'150%' is not a number between 0 and 1");
  CHECK(min_bar_error("total=nan") == "'nan' is not a number between 0 and 1");
  CHECK(min_bar_error("total=inf") == "'inf' is not a number between 0 and 1");
  CHECK(min_bar_error("total=%") == "'%' is not a number between 0 and 1");
}
