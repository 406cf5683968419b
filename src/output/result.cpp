#include "receiptocr/result.hpp"

#include <cmath>

#include "receiptocr/text.hpp"

namespace receiptocr {

std::string dump_json(const ordered_json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

ordered_json field_to_json(const Field& f) {
  ordered_json j;
  j["value"] = f.value;
  // Three decimals, however late a step changed it (a close-up, a restored name): the same
  // precision routing compares at, and no float noise in golden files.
  j["confidence"] = std::round(f.confidence * 1000) / 1000;
  if (f.page > 0) j["page"] = f.page;
  else j["page"] = nullptr;
  if (!f.box.empty()) j["bbox"] = {f.box.left, f.box.top, f.box.right, f.box.bottom};
  else j["bbox"] = nullptr;
  j["text"] = f.text.empty() ? ordered_json(nullptr) : ordered_json(f.text);
  ordered_json candidates = ordered_json::array();
  for (const Candidate& c : f.candidates) candidates.push_back({{"value", c.value}, {"score", c.score}});
  j["candidates"] = candidates;
  return j;
}

std::string_view source_name(TextSource s) { return s == TextSource::text_layer ? "text_layer" : "ocr"; }

}  // namespace

ordered_json result_to_json(const DocumentResult& r, const OutputSettings& settings) {
  ordered_json j;
  j["schema_version"] = result_schema_version;
  j["file"] = r.file;
  j["sha256"] = r.sha256.empty() ? ordered_json(nullptr) : ordered_json(r.sha256);
  j["status"] = r.status;
  if (r.status == "FAILED") {
    j["error"] = {{"reason", r.error_reason}, {"message", r.error}};
  }
  j["document_type"] = r.status == "FAILED" ? ordered_json(nullptr) : ordered_json(r.extraction.document_type);
  j["confidence"] = r.assessment.confidence;
  j["review_reasons"] = r.assessment.review_reasons;
  ordered_json fields = ordered_json::object();
  for (const std::string& name : field_names()) {
    const Field* f = r.extraction.get(name);
    fields[name] = f ? field_to_json(*f) : ordered_json(nullptr);
  }
  j["fields"] = fields;
  if (r.extraction.date_ambiguous) j["date_alternative"] = r.extraction.date_alternative;
  ordered_json items = ordered_json::array();
  for (const LineItem& item : r.extraction.line_items) {
    ordered_json it;
    it["description"] = item.description;
    it["quantity"] = item.quantity.empty() ? ordered_json(nullptr) : ordered_json(item.quantity);
    it["unit_price"] = item.unit_price.empty() ? ordered_json(nullptr) : ordered_json(item.unit_price);
    it["amount"] = item.amount;
    it["page"] = item.page;
    items.push_back(it);
  }
  j["line_items"] = items;
  j["checks"] = {{"passed", r.assessment.checks_passed}, {"failed", r.assessment.checks_failed}};
  ordered_json pages = ordered_json::array();
  for (const PageInfo& p : r.text.pages) {
    ordered_json pj;
    pj["page"] = p.number;
    pj["source"] = source_name(p.source);
    pj["width"] = p.width;
    pj["height"] = p.height;
    pj["ocr_confidence"] = p.mean_confidence;
    pj["words"] = p.words;
    if (p.source == TextSource::ocr) {
      pj["rotation"] = p.rotation;
      pj["skew_degrees"] = p.skew_degrees;
      pj["scale"] = p.scale;
      pj["psm"] = p.psm;
    }
    pages.push_back(pj);
  }
  j["pages"] = {{"count", r.text.pages.size()}, {"items", pages}};
  j["engine"] = {{"name", "receiptocr"}, {"version", RECEIPTOCR_VERSION}, {"ocr", r.engine},
                 {"language", settings.language}, {"psm", settings.page_segmentation_mode}};
  return j;
}

ordered_json result_to_flat_json(const DocumentResult& r) {
  ordered_json j;
  j["file"] = r.file;
  for (const char* name : {"merchant", "date", "subtotal", "tax", "total"}) {
    const Field* f = r.extraction.get(name);
    j[name] = f ? ordered_json(f->value) : ordered_json(nullptr);
  }
  return j;
}

const std::vector<std::string>& csv_columns() {
  static const std::vector<std::string> columns = {
      "file",     "sha256",   "status", "document_type", "merchant", "date",       "subtotal",
      "tax",      "total",    "currency", "invoice_number", "confidence", "review_reasons"};
  return columns;
}

std::string csv_escape(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_header() {
  std::string out;
  for (const auto& c : csv_columns()) out += (out.empty() ? "" : ",") + c;
  return out + "\r\n";
}

std::string csv_row(const ordered_json& r) {
  std::vector<std::string> values;
  auto text = [](const ordered_json& v) -> std::string {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
  };
  for (const auto& column : csv_columns()) {
    if (column == "review_reasons") {
      std::string joined;
      for (const auto& reason : r.value("review_reasons", ordered_json::array()))
        joined += (joined.empty() ? "" : ";") + reason.get<std::string>();
      values.push_back(joined);
    } else if (r.contains("fields") && r["fields"].contains(column)) {
      const auto& f = r["fields"][column];
      values.push_back(f.is_null() ? "" : text(f["value"]));
    } else {
      values.push_back(r.contains(column) ? text(r[column]) : "");
    }
  }
  std::string line;
  for (size_t i = 0; i < values.size(); ++i) line += (i ? "," : "") + csv_escape(sanitize_utf8(values[i]));
  return line + "\r\n";
}

}  // namespace receiptocr
