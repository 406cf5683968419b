// The database half of review: finding documents by ID, validating and storing decisions.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <tuple>

#include "receiptocr/currency.hpp"
#include "receiptocr/error.hpp"
#include "receiptocr/fsutil.hpp"
#include "receiptocr/review.hpp"
#include "receiptocr/text.hpp"

namespace receiptocr {

namespace {

std::string utc_now() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, ms % 1000);
}

bool is_hex(std::string_view text) {
  for (char c : text)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return !text.empty();
}

bool is_safe_relative(const std::string& rel) {
  if (rel.empty() || rel.front() == '/') return false;
  for (const auto& part : std::filesystem::path(rel))
    if (part == ".." || part == ".") return false;
  return true;
}

}  // namespace

std::optional<DocumentRecord> resolve_document(StateStore& store, const std::string& id, std::string& error) {
  if (auto by_path = store.find_by_path(id)) return by_path;
  std::string lower = to_lower(id);
  if (is_hex(lower) && lower.size() >= 4) {
    auto matches = store.find_by_prefix(lower, 10);
    if (matches.size() == 1) return matches[0];
    if (matches.size() > 1) {
      error = fmt::format("'{}' matches {}{} documents; give more of the hash", id, matches.size(),
                          matches.size() == 10 ? " or more" : "");
      return std::nullopt;
    }
  }
  error = fmt::format("no document '{}' (give a hash prefix of 4+ hex digits or a path as in 'review list')", id);
  return std::nullopt;
}

std::optional<DocumentRecord> validate_decision(StateStore& store, ReviewDecision& decision, DateOrder order,
                                                std::string& error) {
  auto record = resolve_document(store, decision.id, error);
  if (!record) return std::nullopt;
  if (record->status != DocumentStatus::needs_review && record->status != DocumentStatus::completed) {
    error = fmt::format("{}: is {}; only NEEDS_REVIEW or COMPLETED documents can be decided", record->path,
                        to_string(record->status));
    return std::nullopt;
  }
  if (record->result_json.empty()) {
    error = fmt::format("{}: has no stored result", record->path);
    return std::nullopt;
  }
  if (!decision.duplicate_of.empty()) {
    std::string why;
    auto original = resolve_document(store, decision.duplicate_of, why);
    if (!original) {
      error = fmt::format("{}: duplicate of: {}", record->path, why);
      return std::nullopt;
    }
    if (original->sha256 == record->sha256) {
      error = fmt::format("{}: cannot be a duplicate of itself", record->path);
      return std::nullopt;
    }
    if (decision.action != ReviewAction::reject) {
      error = fmt::format("{}: only a rejection can name the document it duplicates", record->path);
      return std::nullopt;
    }
    decision.duplicate_of = original->sha256;
    if (decision.reason.empty()) decision.reason = "duplicate of " + original->path;
  }
  if (decision.action == ReviewAction::reject && !decision.corrected_fields.empty()) {
    error = fmt::format("{}: a rejection takes no corrected fields", record->path);
    return std::nullopt;
  }
  if (order == DateOrder::unknown) {
    // Numeric dates read as the document's currency suggests (3/4/24 is March 4th on a USD receipt).
    std::string currency;
    if (auto it = decision.corrected_fields.find("currency"); it != decision.corrected_fields.end())
      currency = parse_currency(it->second).value_or("");
    if (currency.empty()) {
      ordered_json result = ordered_json::parse(record->result_json);
      if (result.contains("fields") && result["fields"].contains("currency") &&
          result["fields"]["currency"].is_object())
        currency = result["fields"]["currency"].value("value", std::string());
    }
    if (currency_prefers_month_first(currency).value_or(false)) order = DateOrder::month_first;
  }
  for (auto& [name, value] : decision.corrected_fields) {
    std::string why;
    auto normalized = normalize_field_input(name, value, order, why);
    if (!normalized) {
      error = fmt::format("{}: {}", record->path, why);
      return std::nullopt;
    }
    value = *normalized;
  }
  return record;
}

void write_result_files(StateStore& store, const std::string& out, const DocumentRecord& record) {
  if (record.result_json.empty()) return;
  ordered_json j = ordered_json::parse(record.result_json);
  for (const PathRecord& p : store.paths_of(record.sha256)) {
    if (!is_safe_relative(p.path)) continue;
    // Only results batch wrote: a path seen but never written (another shard's) stays absent.
    std::string file = out + "/" + p.path + ".json";
    if (p.path != record.path && !std::filesystem::exists(file)) continue;
    ordered_json copy = j;
    if (p.path != record.path) {
      copy["file"] = p.path;
      copy["duplicate_of"] = record.path;
    }
    write_file_atomically(file, dump_json(copy, 2) + "\n");
  }
  if (is_safe_relative(record.path) && store.paths_of(record.sha256).empty())
    write_file_atomically(out + "/" + record.path + ".json", dump_json(j, 2) + "\n");
}

void store_decisions(StateStore& store, const std::string& out,
                     const std::vector<std::pair<DocumentRecord, ReviewDecision>>& decisions) {
  StateStore::Transaction tx(store);
  std::string at = utc_now();
  std::vector<DocumentRecord> written;
  for (const auto& [before, decision] : decisions) {
    auto current = store.find(before.sha256);
    if (!current || current->status != before.status || current->result_json != before.result_json)
      throw Fatal(
          ExitCode::state_error,
          fmt::format("{}: changed while deciding (another reviewer or batch); nothing was applied", before.path));
    ordered_json result = apply_decision_to_result(ordered_json::parse(before.result_json), decision.action,
                                                   decision.corrected_fields, decision.reviewer, at, decision.reason);
    if (!decision.duplicate_of.empty()) {
      auto original = store.find(decision.duplicate_of);
      result["review"]["duplicate_of"] = {{"sha256", decision.duplicate_of},
                                          {"file", original ? ordered_json(original->path) : ordered_json(nullptr)}};
    }
    std::string text = dump_json(result, -1);
    std::string verb = decision.action == ReviewAction::approve ? "approve" : "reject";
    std::string note = decision.reason.empty() ? verb : verb + ": " + decision.reason;
    store.update_result(before.sha256, text, decision.reviewer, note);
    DocumentStatus status =
        decision.action == ReviewAction::approve ? DocumentStatus::approved : DocumentStatus::rejected;
    if (!store.set_status(before.sha256, status, decision.reviewer, note, before.status))
      throw Fatal(ExitCode::state_error,
                  fmt::format("{}: status changed while deciding; nothing was applied", before.path));
    DocumentRecord after = before;
    after.result_json = text;
    written.push_back(after);
  }
  // Files before the commit: a failed write (disk full) rolls the database back too.
  for (const DocumentRecord& record : written) write_result_files(store, out, record);
  tx.commit();
}

std::optional<DocumentRecord> find_possible_duplicate(StateStore& store, const DocumentRecord& record) {
  if (record.result_json.empty()) return std::nullopt;
  ordered_json mine = ordered_json::parse(record.result_json);
  std::optional<DocumentRecord> best;
  for (auto status : {DocumentStatus::completed, DocumentStatus::needs_review, DocumentStatus::approved}) {
    for (DocumentRecord& other : store.list(status)) {
      if (other.sha256 == record.sha256 || other.result_json.empty()) continue;
      // Only earlier documents: the later copy is the one a reviewer should look at.
      if (std::tie(other.created_at, other.path) > std::tie(record.created_at, record.path)) continue;
      if (!results_look_duplicate(mine, ordered_json::parse(other.result_json))) continue;
      if (!best || std::tie(other.created_at, other.path) < std::tie(best->created_at, best->path)) best = other;
    }
  }
  return best;
}

bool flag_possible_duplicate(StateStore& store, const std::string& out, const DocumentRecord& record,
                             const DocumentRecord& other, const std::string& actor) {
  StateStore::Transaction tx(store);
  auto current = store.find(record.sha256);
  if (!current || current->result_json.empty() ||
      (current->status != DocumentStatus::completed && current->status != DocumentStatus::needs_review))
    return false;
  ordered_json j = ordered_json::parse(current->result_json);
  std::string reason = "possible_duplicate:" + other.path;
  ordered_json reasons = j.value("review_reasons", ordered_json::array());
  for (const auto& r : reasons)
    if (r.is_string() && starts_with(r.get<std::string>(), "possible_duplicate:")) return false;
  reasons.push_back(reason);
  j["review_reasons"] = reasons;
  j["status"] = "NEEDS_REVIEW";
  j["possible_duplicate_of"] = {{"sha256", other.sha256}, {"file", other.path}};
  std::string text = dump_json(j, -1);
  store.update_result(record.sha256, text, actor, "possible_duplicate");
  if (current->status != DocumentStatus::needs_review)
    store.set_status(record.sha256, DocumentStatus::needs_review, actor, "possible_duplicate", current->status);
  DocumentRecord after = *current;
  after.result_json = text;
  write_result_files(store, out, after);
  tx.commit();
  return true;
}

bool undo_decision(StateStore& store, const std::string& out, const DocumentRecord& previous,
                   const std::string& reviewer) {
  StateStore::Transaction tx(store);
  auto current = store.find(previous.sha256);
  if (!current || is_human_decision(previous.status) || !is_human_decision(current->status)) return false;
  store.update_result(previous.sha256, previous.result_json, reviewer, "undo");
  if (!store.set_status(previous.sha256, previous.status, reviewer, "undo", current->status)) return false;
  write_result_files(store, out, previous);
  tx.commit();
  return true;
}

}  // namespace receiptocr
