#pragma once
// Review decisions on stored results (`receiptocr review`): validating and normalising a
// reviewer's corrections with the extraction parsers, applying a decision to a result object,
// reading seed-shaped JSON Lines decisions, and storing decisions in the state database (one
// transaction each: status, corrected result, audit rows, result files rewritten atomically).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "receiptocr/date.hpp"
#include "receiptocr/result.hpp"
#include "receiptocr/state.hpp"

namespace receiptocr {

enum class ReviewAction { approve, reject };

struct ReviewDecision {
  std::string id;  // content hash, hash prefix or relative path
  ReviewAction action = ReviewAction::approve;
  std::string reviewer;
  std::map<std::string, std::string> corrected_fields;  // field name -> value as typed
  std::string reason;                                   // why (rejections)
  std::string duplicate_of;                             // reject as a duplicate of this document (hash, prefix or path)
};

// The normalised value of a reviewer's input for a field: amounts (subtotal, tax, tip, total)
// through parse_amount ("12,50" -> "12.50"), dates (date, due_date) through parse_date in
// `order` ("3/4/24" -> "2024-04-03" day-first), currency through parse_currency ("€" -> "EUR"),
// other fields trimmed. nullopt with `error` set ("'12,5x' is not an amount") when invalid or
// the field is unknown.
std::optional<std::string> normalize_field_input(const std::string& field, std::string_view input, DateOrder order,
                                                 std::string& error);

// The result object after a decision: status APPROVED/REJECTED, each corrected field's value
// replaced (its first original kept as "original_value", confidence 1, "corrected": true), and a
// "review" object {decision, reviewer, at, reason}. `corrected` must hold normalised values.
ordered_json apply_decision_to_result(const ordered_json& result, ReviewAction action,
                                      const std::map<std::string, std::string>& corrected, const std::string& reviewer,
                                      const std::string& at, const std::string& reason);

// Parses one JSON Lines decision {"job_id"|"file", "decision": "APPROVE"|"REJECT", "reviewer",
// "corrected_fields": {...}, "reason"}. nullopt with `error` set when malformed. Values are not
// normalised here.
std::optional<ReviewDecision> parse_decision_line(std::string_view line, std::string& error);

// The document an ID names: the full hash, a unique hash prefix (4+ hex digits) or a relative
// path. nullopt with `error` ("no document 'x'", "'ab12' matches 3 documents") otherwise.
std::optional<DocumentRecord> resolve_document(StateStore& store, const std::string& id, std::string& error);

// Checks a decision against the database and normalises its corrections: the document
// exists and is NEEDS_REVIEW or COMPLETED, the fields are valid. Returns the document, with
// `decision.corrected_fields` normalised; nullopt with `error` otherwise. With DateOrder::unknown,
// numeric dates follow the document's currency (corrected or stored): month first for USD.
std::optional<DocumentRecord> validate_decision(StateStore& store, ReviewDecision& decision, DateOrder order,
                                                std::string& error);

// Stores validated decisions in one transaction: per document a corrected result ("edit" audit
// row with before/after JSON) and the new status ("set_status" audit row naming the reviewer
// and reason), then rewrites <out>/<path>.json of each (and of its copies) atomically. All or
// nothing: throws Fatal(state_error) and rolls back when a document changed since validation.
void store_decisions(StateStore& store, const std::string& out,
                     const std::vector<std::pair<DocumentRecord, ReviewDecision>>& decisions);

// Puts a decided document back as it was before (`previous`: its record before the decision),
// as one transaction with audit rows (note "undo"), and rewrites its result files. False when
// the document changed since (someone else decided again).
bool undo_decision(StateStore& store, const std::string& out, const DocumentRecord& previous,
                   const std::string& reviewer);

// Rewrites <out>/<path>.json of a document and of every copy (paths table) from its stored result.
void write_result_files(StateStore& store, const std::string& out, const DocumentRecord& record);

// ---- Possible duplicates ----

// True when two result objects look like the same purchase: equal totals in the same currency
// (or one currency unknown), dates at most `max_days` apart, and merchants similar (alnum_key
// similarity >= 0.8, or one inside the other) when both are known. Results without a total or
// a date never match.
bool results_look_duplicate(const ordered_json& a, const ordered_json& b, int max_days = 3);

// The earliest-created other document (COMPLETED, NEEDS_REVIEW or APPROVED) that `record`
// looks like a duplicate of, or nullopt.
std::optional<DocumentRecord> find_possible_duplicate(StateStore& store, const DocumentRecord& record);

// Routes `record` to review with reason "possible_duplicate:<other path>" and
// "possible_duplicate_of": {sha256, file} in its result, as one transaction with audit rows
// (note "possible_duplicate"), and rewrites its result files. False when it is not COMPLETED or
// NEEDS_REVIEW, or already carries that reason.
bool flag_possible_duplicate(StateStore& store, const std::string& out, const DocumentRecord& record,
                             const DocumentRecord& other, const std::string& actor);

}  // namespace receiptocr
