#include "cmd_review.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "receiptocr/log.hpp"
#include "receiptocr/review.hpp"
#include "receiptocr/text.hpp"
#include "state_folder.hpp"

namespace receiptocr::cli {

void setup_review(CLI::App& app, ReviewFlags& f) {
  app.fallthrough();
  app.add_option("dir", f.dir, "Batch output folder (holds receiptocr.db)");
  app.add_option("--db", f.db, "State database (default: DIR/receiptocr.db)");
  app.add_option("--reviewer", f.reviewer, "Name recorded in the audit trail (default: $USER)");
  app.add_option("--sort", f.sort, "Queue order: oldest (default) or confidence (lowest first)")
      ->check(CLI::IsMember({"oldest", "confidence"}));
  app.add_option(
      "--date-order", f.date_order,
      "How corrected numeric dates read: dmy, mdy, or auto (default: month first for USD documents, else day first)");
  f.list = app.add_subcommand("list", "List the documents needing review");
  f.list->add_flag("--json", f.json, "A JSON array instead of a table");
  f.list->add_flag("--all", f.all, "Every document, not only NEEDS_REVIEW");
  f.show = app.add_subcommand("show", "Show one document: fields, confidence, candidates, history");
  f.show->add_option("id", f.id, "Hash prefix or path")->required();
  f.show->add_flag("--json", f.json, "The stored result object");
  f.approve = app.add_subcommand("approve", "Approve a document, optionally correcting fields");
  f.approve->add_option("id", f.id, "Hash prefix or path")->required();
  f.approve->add_option("--set", f.sets, "Correct a field: FIELD=VALUE (repeatable; validated like extraction)")
      ->allow_extra_args(false);
  f.reject = app.add_subcommand("reject", "Reject a document");
  f.reject->add_option("id", f.id, "Hash prefix or path")->required();
  auto* reason = f.reject->add_option("--reason", f.reason, "Why (kept in the audit trail)");
  auto* duplicate =
      f.reject->add_option("--duplicate-of", f.duplicate_of,
                           "Reject as a duplicate of this document (hash prefix or path); linked in the result");
  f.reject->callback([reason, duplicate] {
    if (reason->count() == 0 && duplicate->count() == 0) throw CLI::RequiredError("--reason or --duplicate-of");
  });
  f.find_duplicates = app.add_subcommand(
      "find-duplicates", "Route documents matching an earlier one (merchant, date within 3 days, total) to review");
  f.apply = app.add_subcommand("apply", "Apply JSON Lines decisions from FILE or - (all or nothing)");
  f.apply->add_option("file", f.decisions_file, "Decisions file, or - for standard input")->required();
}

namespace {

std::string reviewer_of(const ReviewFlags& f) {
  if (!f.reviewer.empty()) return f.reviewer;
  const char* user = std::getenv("USER");
  return user && *user ? user : "unknown";
}

DateOrder date_order_of(const ReviewFlags& f) {
  auto order = parse_date_order(f.date_order);
  if (!order) throw Fatal(ExitCode::usage, fmt::format("--date-order {}: expected dmy, mdy or auto", f.date_order));
  return *order;
}

std::vector<DocumentRecord> queue(StateStore& store, const ReviewFlags& f, bool all) {
  auto records = all ? store.list() : store.list(DocumentStatus::needs_review);
  if (f.sort == "confidence")
    std::stable_sort(records.begin(), records.end(),
                     [](const auto& a, const auto& b) { return a.confidence < b.confidence; });
  else
    std::stable_sort(records.begin(), records.end(),
                     [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
  return records;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

ordered_json summary_json(const DocumentRecord& r) {
  ordered_json j;
  j["job_id"] = r.sha256;
  j["file"] = r.path;
  j["status"] = std::string(to_string(r.status));
  j["document_type"] = r.document_type.empty() ? ordered_json(nullptr) : ordered_json(r.document_type);
  j["confidence"] = r.confidence;
  j["review_reasons"] = r.review_reasons;
  ordered_json fields = ordered_json::object();
  if (!r.result_json.empty()) {
    ordered_json result = ordered_json::parse(r.result_json);
    const ordered_json stored = result.value("fields", ordered_json::object());
    for (const auto& [name, field] : stored.items())
      fields[name] = field.is_null() ? ordered_json(nullptr) : field.value("value", ordered_json());
  }
  j["fields"] = fields;
  j["created_at"] = r.created_at;
  return j;
}

void print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

ExitCode run_list(StateStore& store, const ReviewFlags& f) {
  auto records = queue(store, f, f.all);
  if (f.json) {
    ordered_json array = ordered_json::array();
    for (const auto& r : records) array.push_back(summary_json(r));
    print(dump_json(array, 2) + "\n");
    return ExitCode::ok;
  }
  std::string out;
  for (const auto& r : records)
    out += fmt::format("{}  {:<12}  {:.3f}  {}  {}\n", r.sha256.substr(0, 12), to_string(r.status), r.confidence,
                       r.path, join(r.review_reasons, ","));
  print(out);
  if (records.empty()) log::info("nothing to review");
  return ExitCode::ok;
}

std::string show_text(StateStore& store, const DocumentRecord& r) {
  std::string out = fmt::format("{}\n  id: {}\n  status: {}\n  confidence: {:.3f}\n  reasons: {}\n", r.path, r.sha256,
                                to_string(r.status), r.confidence, join(r.review_reasons, ", "));
  if (!r.result_json.empty()) {
    ordered_json result = ordered_json::parse(r.result_json);
    out += "  fields:\n";
    const ordered_json stored = result.value("fields", ordered_json::object());
    for (const auto& [name, field] : stored.items()) {
      if (field.is_null()) continue;
      auto value = field.value("value", ordered_json());
      out +=
          fmt::format("    {:<15} {:<30} {:.2f}{}", name, value.is_string() ? value.get<std::string>() : value.dump(),
                      field.value("confidence", 0.0), field.value("confidence", 0.0) < 0.6 ? "  LOW" : "");
      if (field.contains("text") && field["text"].is_string())
        out += fmt::format("  from \"{}\"", field["text"].get<std::string>());
      out += "\n";
      int n = 0;
      const ordered_json candidates = field.value("candidates", ordered_json::array());
      for (const auto& c : candidates)
        if (c.value("value", ordered_json()) != value)
          out += fmt::format("      [{}] {} ({:.2f})\n", ++n, c.value("value", ordered_json()).dump(),
                             c.value("score", 0.0));
    }
  }
  auto history = store.audit_of(r.sha256);
  if (!history.empty()) out += "  history:\n";
  for (const auto& a : history)
    if (a.action != "edit" && a.action != "result")
      out += fmt::format("    {} {} {} {} -> {}{}\n", a.at, a.actor, a.action, a.before, a.after,
                         a.note.empty() ? "" : "  (" + a.note + ")");
  return out;
}

ExitCode run_show(StateStore& store, const ReviewFlags& f) {
  std::string error;
  auto record = resolve_document(store, f.id, error);
  if (!record) throw Fatal(ExitCode::usage, error);
  if (f.json) {
    ordered_json j = record->result_json.empty() ? ordered_json::object() : ordered_json::parse(record->result_json);
    j["status"] = std::string(to_string(record->status));
    print(dump_json(j, 2) + "\n");
  } else {
    print(show_text(store, *record));
  }
  return ExitCode::ok;
}

// Validates every decision first, then stores them all in one transaction.
ExitCode decide(StateStore& store, const StateFolder& folder, std::vector<ReviewDecision> decisions,
                const ReviewFlags& f, const std::vector<int>& line_numbers) {
  DateOrder order = date_order_of(f);
  std::vector<std::pair<DocumentRecord, ReviewDecision>> valid;
  std::vector<std::string> errors;
  std::set<std::string> seen;
  for (size_t i = 0; i < decisions.size(); ++i) {
    std::string where = line_numbers.empty() ? "" : fmt::format("line {}: ", line_numbers[i]);
    std::string error;
    auto record = validate_decision(store, decisions[i], order, error);
    if (!record) {
      errors.push_back(where + error);
      continue;
    }
    if (!seen.insert(record->sha256).second) {
      errors.push_back(where + fmt::format("{}: decided twice in this file", record->path));
      continue;
    }
    valid.emplace_back(*record, decisions[i]);
  }
  if (errors.size() == 1 && line_numbers.empty()) throw Fatal(ExitCode::usage, errors[0]);
  if (!errors.empty()) {
    for (const auto& e : errors) log::error(e);
    throw Fatal(ExitCode::usage, fmt::format("{} invalid decision(s); nothing was applied", errors.size()));
  }
  store_decisions(store, folder.out, valid);
  for (const auto& [record, decision] : valid)
    log::info(fmt::format("{}: {}", record.path, decision.action == ReviewAction::approve ? "APPROVED" : "REJECTED"));
  return ExitCode::ok;
}

ExitCode run_apply(StateStore& store, const StateFolder& folder, const ReviewFlags& f) {
  std::string text;
  if (f.decisions_file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(f.decisions_file, std::ios::binary);
    if (!in) throw Fatal(ExitCode::usage, fmt::format("{}: cannot read the decisions file", f.decisions_file));
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::vector<ReviewDecision> decisions;
  std::vector<int> numbers;
  std::vector<std::string> errors;
  int number = 0;
  for (const std::string& line : split(text, '\n')) {
    ++number;
    if (trim(line).empty()) continue;
    std::string error;
    auto decision = parse_decision_line(line, error);
    if (!decision) {
      errors.push_back(fmt::format("line {}: {}", number, error));
      continue;
    }
    if (decision->reviewer.empty()) decision->reviewer = reviewer_of(f);
    decisions.push_back(*decision);
    numbers.push_back(number);
  }
  if (!errors.empty()) {
    for (const auto& e : errors) log::error(e);
    throw Fatal(ExitCode::usage, fmt::format("{} invalid decision(s); nothing was applied", errors.size()));
  }
  if (decisions.empty()) throw Fatal(ExitCode::usage, fmt::format("{}: no decisions", f.decisions_file));
  return decide(store, folder, decisions, f, numbers);
}

}  // namespace

ExitCode run_interactive(StateStore& store, const StateFolder& folder, const ReviewFlags& f);

ExitCode run_review(const ReviewFlags& f) {
  StateFolder folder = locate_state_folder("review", f.dir, f.db);
  auto store = StateStore::open(folder.db);
  if (f.list->parsed()) return run_list(*store, f);
  if (f.show->parsed()) return run_show(*store, f);
  if (f.approve->parsed() || f.reject->parsed()) {
    ReviewDecision d;
    d.id = f.id;
    d.reviewer = reviewer_of(f);
    d.action = f.approve->parsed() ? ReviewAction::approve : ReviewAction::reject;
    d.reason = f.reason;
    d.duplicate_of = f.duplicate_of;
    for (const std::string& set : f.sets) {
      auto eq = set.find('=');
      if (eq == std::string::npos || eq == 0)
        throw Fatal(ExitCode::usage, fmt::format("--set {}: expected FIELD=VALUE", set));
      d.corrected_fields[set.substr(0, eq)] = set.substr(eq + 1);
    }
    return decide(*store, folder, {d}, f, {});
  }
  if (f.apply->parsed()) return run_apply(*store, folder, f);
  if (f.find_duplicates->parsed()) {
    int flagged = 0;
    for (auto status : {DocumentStatus::completed, DocumentStatus::needs_review})
      for (const DocumentRecord& record : store->list(status))
        if (auto other = find_possible_duplicate(*store, record))
          if (flag_possible_duplicate(*store, folder.out, record, *other, reviewer_of(f))) {
            print(fmt::format("{}  possible duplicate of {}\n", record.path, other->path));
            ++flagged;
          }
    log::info(fmt::format("{} possible duplicate(s) routed to review", flagged));
    return ExitCode::ok;
  }
  if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
    throw Fatal(ExitCode::usage,
                "review: not a terminal; use 'review list [--json]', 'review show ID', 'review approve ID [--set "
                "FIELD=VALUE]...', 'review reject ID --reason TEXT' or 'review apply FILE|-'");
  return run_interactive(*store, folder, f);
}

}  // namespace receiptocr::cli
