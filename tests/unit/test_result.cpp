#include <doctest/doctest.h>

#include <string>

#include "receiptocr/result.hpp"

using namespace receiptocr;

namespace {
// A result object in the shape result_to_json produces (only what CSV reads).
ordered_json sample_result() {
  ordered_json fields = ordered_json::object();
  fields["merchant"] = {{"value", "Book Ta.K, \"Taman\" Sdn Bhd"}, {"confidence", 0.9}};
  fields["date"] = {{"value", "2018-12-25"}, {"confidence", 0.8}};
  fields["subtotal"] = nullptr;
  fields["tax"] = {{"value", "0.54"}, {"confidence", 0.7}};
  fields["total"] = {{"value", "9.00"}, {"confidence", 0.95}};
  fields["currency"] = {{"value", "MYR"}, {"confidence", 0.6}};
  fields["invoice_number"] = nullptr;
  ordered_json r;
  r["schema_version"] = 1;
  r["file"] = "receipts/000.jpg";
  r["sha256"] = "ab12";
  r["status"] = "NEEDS_REVIEW";
  r["document_type"] = "receipt";
  r["confidence"] = 0.5;
  r["review_reasons"] = {"total_low_confidence", "date_ambiguous"};
  r["fields"] = fields;
  return r;
}
}  // namespace

TEST_CASE("csv_escape quotes only when RFC 4180 requires it") {
  CHECK(csv_escape("plain") == "plain");
  CHECK(csv_escape("") == "");
  CHECK(csv_escape(" spaced ") == " spaced ");
  CHECK(csv_escape("a,b") == "\"a,b\"");
  CHECK(csv_escape("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_escape("\"") == "\"\"\"\"");
  CHECK(csv_escape("line1\nline2") == "\"line1\nline2\"");
  CHECK(csv_escape("a\rb") == "\"a\rb\"");
  CHECK(csv_escape("caf\xC3\xA9") == "caf\xC3\xA9");
}

TEST_CASE("csv_columns and csv_header") {
  CHECK(csv_columns().size() == 13);
  CHECK(csv_columns().front() == "file");
  CHECK(csv_columns().back() == "review_reasons");
  CHECK(csv_header() ==
        "file,sha256,status,document_type,merchant,date,subtotal,tax,total,currency,invoice_number,confidence,"
        "review_reasons\r\n");
}

TEST_CASE("csv_row flattens a result object in column order") {
  CHECK(csv_row(sample_result()) ==
        "receipts/000.jpg,ab12,NEEDS_REVIEW,receipt,\"Book Ta.K, \"\"Taman\"\" Sdn Bhd\",2018-12-25,,0.54,9.00,MYR,,"
        "0.5,total_low_confidence;date_ambiguous\r\n");
}

TEST_CASE("csv_row: missing fields, nulls and a failed result") {
  ordered_json r;
  r["file"] = "bad.pdf";
  r["sha256"] = nullptr;
  r["status"] = "FAILED";
  r["document_type"] = nullptr;
  r["confidence"] = 0;
  r["review_reasons"] = ordered_json::array();
  CHECK(csv_row(r) == "bad.pdf,,FAILED,,,,,,,,,0,\r\n");
  CHECK(csv_row(ordered_json::object()) == ",,,,,,,,,,,,\r\n");
}

TEST_CASE("csv_row replaces invalid UTF-8 and keeps one record per line") {
  ordered_json r = sample_result();
  r["file"] = "odd\xFFname.jpg";
  std::string row = csv_row(r);
  CHECK(row.rfind("odd\xEF\xBF\xBDname.jpg,", 0) == 0);
}

TEST_CASE("dump_json is deterministic and keeps insertion order") {
  ordered_json a = sample_result();
  ordered_json b = sample_result();
  CHECK(dump_json(a, -1) == dump_json(b, -1));
  CHECK(dump_json(a, 2) == dump_json(b, 2));
  ordered_json small;
  small["z"] = 1;
  small["a"] = "x";
  small["m"] = nullptr;
  CHECK(dump_json(small, -1) == R"({"z":1,"a":"x","m":null})");
  CHECK(dump_json(small, 2) == "{\n  \"z\": 1,\n  \"a\": \"x\",\n  \"m\": null\n}");
}

TEST_CASE("dump_json never fails on invalid UTF-8 and keeps valid text as is") {
  ordered_json j;
  j["text"] = std::string("bad\xFF");
  CHECK(dump_json(j, -1) == "{\"text\":\"bad\xEF\xBF\xBD\"}");
  j["text"] = "caf\xC3\xA9 \xE2\x82\xAC";
  CHECK(dump_json(j, -1) == "{\"text\":\"caf\xC3\xA9 \xE2\x82\xAC\"}");
  j["text"] = "tab\tquote\"";
  CHECK(dump_json(j, -1) == R"({"text":"tab\tquote\""})");
}

TEST_CASE("result_to_json: a failed document has the schema's shape") {
  DocumentResult r;
  r.file = "missing.jpg";
  r.status = "FAILED";
  r.error = "no such file";
  r.error_reason = "not_found";
  ordered_json j = result_to_json(r, OutputSettings{});
  CHECK(j["schema_version"] == result_schema_version);
  CHECK(j["file"] == "missing.jpg");
  CHECK(j["sha256"].is_null());
  CHECK(j["error"] == ordered_json{{"reason", "not_found"}, {"message", "no such file"}});
  CHECK(j["document_type"].is_null());
  CHECK(j["fields"]["total"].is_null());
  CHECK(j["pages"]["count"] == 0);
  CHECK(dump_json(j, -1) == dump_json(result_to_json(r, OutputSettings{}), -1));
  CHECK(csv_row(j).rfind("missing.jpg,,FAILED,,", 0) == 0);
  ordered_json flat = result_to_flat_json(r);
  CHECK(dump_json(flat, -1) ==
        R"({"file":"missing.jpg","merchant":null,"date":null,"subtotal":null,"tax":null,"total":null})");
}

TEST_CASE("result_to_json: field confidences are printed at three decimals") {
  // A late step (a close-up's word-by-word confidence) may leave float noise behind.
  DocumentResult r;
  r.file = "receipt.jpg";
  r.status = "NEEDS_REVIEW";
  Field merchant;
  merchant.value = "RESTAURANT JIAWEI";
  merchant.confidence = 0.7051841735839843;
  r.extraction.fields["merchant"] = merchant;
  ordered_json j = result_to_json(r, OutputSettings{});
  CHECK(dump_json(j["fields"]["merchant"]["confidence"], -1) == "0.705");
}
