#pragma once
// Serialising results: the JSON document schema, JSON Lines, CSV (RFC 4180) and the flat
// seed-API shape. Deterministic: the same result gives the same bytes.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "receiptocr/pipeline.hpp"

namespace receiptocr {

using ordered_json = nlohmann::ordered_json;

// Schema version written into every result object.
inline constexpr int result_schema_version = 1;

struct OutputSettings {
  std::string language = "eng";
  int page_segmentation_mode = 6;
};

// The full result object (README "Output").
ordered_json result_to_json(const DocumentResult& result, const OutputSettings& settings);
// {"file","merchant","date","subtotal","tax","total"} with null for missing values (the seed API shape).
ordered_json result_to_flat_json(const DocumentResult& result);

// The CSV columns, in order (also used by `export --format csv`).
const std::vector<std::string>& csv_columns();
// One CSV record (with CRLF line ending as RFC 4180 asks) from a result object as produced by
// result_to_json (so exports of stored results and extract agree byte for byte).
std::string csv_header();
std::string csv_row(const ordered_json& result);
// Quotes a CSV field when it contains a comma, quote, CR or LF.
std::string csv_escape(const std::string& field);

// Dumps JSON deterministically (UTF-8, invalid bytes replaced). indent < 0: one line.
std::string dump_json(const ordered_json& value, int indent);

}  // namespace receiptocr
