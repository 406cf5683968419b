#include <doctest/doctest.h>

#include <string>

#include "receiptocr/review.hpp"

using namespace receiptocr;

TEST_CASE("normalize_field_input uses the extraction parsers") {
  std::string error;
  CHECK(normalize_field_input("total", "12,50", DateOrder::unknown, error) == std::optional<std::string>("12.50"));
  CHECK(normalize_field_input("tax", "$1,234.5", DateOrder::unknown, error) == std::optional<std::string>("1234.50"));
  CHECK(normalize_field_input("date", "3/4/24", DateOrder::day_first, error) ==
        std::optional<std::string>("2024-04-03"));
  CHECK(normalize_field_input("date", "3/4/24", DateOrder::month_first, error) ==
        std::optional<std::string>("2024-03-04"));
  CHECK(normalize_field_input("currency", "€", DateOrder::unknown, error) == std::optional<std::string>("EUR"));
  CHECK(normalize_field_input("merchant", "  Corner   Shop ", DateOrder::unknown, error) ==
        std::optional<std::string>("Corner Shop"));
  CHECK_FALSE(normalize_field_input("total", "12,5x", DateOrder::unknown, error));
  CHECK(error == "total: '12,5x' is not an amount");
  CHECK_FALSE(normalize_field_input("date", "31/02/2024", DateOrder::day_first, error));
  CHECK(error == "date: '31/02/2024' is not a date");
  CHECK_FALSE(normalize_field_input("currency", "dollars", DateOrder::unknown, error));
  CHECK(error == "currency: 'dollars' is not a known currency");
  CHECK_FALSE(normalize_field_input("totl", "1", DateOrder::unknown, error));
  CHECK(error.rfind("unknown field 'totl' (fields: merchant,", 0) == 0);
}

TEST_CASE("apply_decision_to_result keeps originals") {
  ordered_json r;
  r["status"] = "NEEDS_REVIEW";
  r["fields"] = {{"total", {{"value", "2500.58"}, {"confidence", 0.4}}}, {"tax", nullptr}};
  ordered_json once = apply_decision_to_result(r, ReviewAction::approve, {{"total", "12.50"}, {"tax", "1.00"}}, "ann",
                                               "2024-01-01T00:00:00.000Z", "");
  CHECK(once["status"] == "APPROVED");
  CHECK(once["fields"]["total"]["value"] == "12.50");
  CHECK(once["fields"]["total"]["original_value"] == "2500.58");
  CHECK(once["fields"]["total"]["confidence"] == 1.0);
  CHECK(once["fields"]["tax"]["value"] == "1.00");
  CHECK(once["fields"]["tax"]["original_value"].is_null());
  CHECK(once["review"]["reviewer"] == "ann");
  ordered_json twice = apply_decision_to_result(once, ReviewAction::reject, {{"total", "13.00"}}, "bob", "t", "dup");
  CHECK(twice["fields"]["total"]["original_value"] == "2500.58");
  CHECK(twice["status"] == "REJECTED");
  CHECK(twice["review"]["reason"] == "dup");
}

TEST_CASE("parse_decision_line reads the seed shape") {
  std::string error;
  auto d = parse_decision_line(
      R"({"job_id":"abcd","decision":"APPROVE","reviewer":"ann","corrected_fields":{"total":"12,50","tip":3}})", error);
  REQUIRE(d);
  CHECK(d->id == "abcd");
  CHECK(d->action == ReviewAction::approve);
  CHECK(d->reviewer == "ann");
  CHECK(d->corrected_fields.at("total") == "12,50");
  CHECK(d->corrected_fields.at("tip") == "3");
  d = parse_decision_line(R"({"file":"a/b.jpg","decision":"reject","reason":"blurry"})", error);
  REQUIRE(d);
  CHECK(d->action == ReviewAction::reject);
  CHECK(d->reason == "blurry");
  CHECK_FALSE(parse_decision_line(R"({"decision":"APPROVE"})", error));
  CHECK(error == "missing \"job_id\" or \"file\"");
  CHECK_FALSE(parse_decision_line(R"({"job_id":"a","file":"b","decision":"APPROVE"})", error));
  CHECK(error == "give \"job_id\" or \"file\", not both");
  CHECK_FALSE(parse_decision_line(R"({"job_id":"a","decision":"MAYBE"})", error));
  CHECK(error == "\"decision\" must be \"APPROVE\" or \"REJECT\"");
  CHECK_FALSE(parse_decision_line(R"({"job_id":"a","decision":"APPROVE","corrected_fields":[1]})", error));
  CHECK(error == "\"corrected_fields\" must be an object");
  CHECK_FALSE(parse_decision_line("{nope", error));
  CHECK(error.rfind("not JSON: ", 0) == 0);
}

TEST_CASE("results_look_duplicate: total, currency, dates within days, similar merchants") {
  auto make = [](const char* merchant, const char* date, const char* total, const char* currency) {
    ordered_json r;
    r["fields"] = ordered_json::object();
    if (merchant) r["fields"]["merchant"] = {{"value", merchant}};
    if (date) r["fields"]["date"] = {{"value", date}};
    if (total) r["fields"]["total"] = {{"value", total}};
    if (currency) r["fields"]["currency"] = {{"value", currency}};
    return r;
  };
  auto a = make("TESCO STORES", "2024-03-01", "12.50", "GBP");
  CHECK(results_look_duplicate(a, make("Tesco Stores Ltd", "2024-03-03", "12.50", "GBP")));
  CHECK(results_look_duplicate(a, make(nullptr, "2024-02-28", "12.5", nullptr)));
  CHECK_FALSE(results_look_duplicate(a, make("TESCO STORES", "2024-03-05", "12.50", "GBP")));  // 4 days
  CHECK_FALSE(results_look_duplicate(a, make("TESCO STORES", "2024-03-01", "12.51", "GBP")));
  CHECK_FALSE(results_look_duplicate(a, make("TESCO STORES", "2024-03-01", "12.50", "EUR")));
  CHECK_FALSE(results_look_duplicate(a, make("Shell Garage", "2024-03-01", "12.50", "GBP")));
  CHECK_FALSE(results_look_duplicate(make("X", nullptr, "1.00", nullptr), make("X", nullptr, "1.00", nullptr)));
  CHECK(results_look_duplicate(make(nullptr, "2023-12-31", "1.00", nullptr),
                               make(nullptr, "2024-01-02", "1.00", nullptr)));
}
