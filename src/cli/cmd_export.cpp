#include "cmd_export.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "receiptocr/currency.hpp"
#include "receiptocr/date.hpp"
#include "receiptocr/export.hpp"
#include "receiptocr/fsutil.hpp"
#include "receiptocr/log.hpp"
#include "receiptocr/result.hpp"
#include "receiptocr/state.hpp"
#include "receiptocr/text.hpp"
#include "state_folder.hpp"

namespace receiptocr::cli {

void setup_export(CLI::App& app, ExportFlags& f) {
  app.add_option("dir", f.dir, "Batch output folder (holds receiptocr.db)");
  app.add_option("--db", f.db, "State database (default: DIR/receiptocr.db)");
  app.add_option("-f,--format", f.format, "csv, jsonl, json, hledger or beancount")
      ->check(CLI::IsMember({"csv", "jsonl", "json", "hledger", "beancount"}));
  app.add_option("--status", f.statuses,
                 "Statuses to export, comma-separated or repeated: approved, completed, needs_review, rejected, "
                 "failed, all (default: approved,completed)")
      ->delimiter(',')
      ->allow_extra_args(false);  // "--status all DIR": DIR is not a status
  app.add_option("--since", f.since, "Only documents dated on or after YYYY-MM-DD");
  app.add_option("--until", f.until, "Only documents dated on or before YYYY-MM-DD");
  app.add_option("-o,--output", f.output, "Write to FILE atomically (default: standard output)");
  app.add_flag("--line-items", f.line_items, "CSV: one row per line item instead of one per document");
  app.add_option("--accounts", f.accounts,
                 "hledger/beancount: rules file mapping merchants and payment methods to accounts");
  app.add_option("--existing", f.existing, "hledger/beancount: skip documents already in this journal (by sha256)");
  app.add_option("--currency", f.currency, "hledger/beancount: currency for documents that name none");
}

namespace {

std::string read_text_file(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Fatal(ExitCode::usage, fmt::format("{} {}: cannot read the file", what, path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::optional<CivilDate> date_option(const std::string& text, const char* name) {
  if (text.empty()) return std::nullopt;
  auto date = parse_date(text, DateOrder::unknown);
  if (!date || text.size() != 10 || text[4] != '-')
    throw Fatal(ExitCode::usage, fmt::format("{} {}: expected a date as YYYY-MM-DD", name, text));
  return date;
}

std::set<DocumentStatus> status_filter(const std::vector<std::string>& names) {
  if (names.empty()) return {DocumentStatus::approved, DocumentStatus::completed};
  std::set<DocumentStatus> out;
  for (const std::string& raw : names) {
    std::string name = to_upper(trim(raw));
    if (name == "ALL") {
      for (auto s : {DocumentStatus::completed, DocumentStatus::needs_review, DocumentStatus::failed,
                     DocumentStatus::approved, DocumentStatus::rejected})
        out.insert(s);
      continue;
    }
    auto status = parse_document_status(name);
    if (!status || *status == DocumentStatus::processing)
      throw Fatal(ExitCode::usage,
                  fmt::format("--status {}: expected approved, completed, needs_review, rejected, failed or all", raw));
    out.insert(*status);
  }
  return out;
}

std::string field_value(const ordered_json& r, const char* name) {
  if (!r.contains("fields") || !r["fields"].contains(name) || r["fields"][name].is_null()) return "";
  const auto& v = r["fields"][name]["value"];
  return v.is_string() ? v.get<std::string>() : "";
}

}  // namespace

ExitCode run_export(const ExportFlags& f) {
  StateFolder folder = locate_state_folder("export", f.dir, f.db);
  std::set<DocumentStatus> statuses = status_filter(f.statuses);
  auto since = date_option(f.since, "--since");
  auto until = date_option(f.until, "--until");
  bool ledger = f.format == "hledger" || f.format == "beancount";
  if (f.line_items && f.format != "csv") throw Fatal(ExitCode::usage, "--line-items needs --format csv");
  if (!ledger && (!f.accounts.empty() || !f.existing.empty() || !f.currency.empty()))
    throw Fatal(ExitCode::usage, "--accounts, --existing and --currency need --format hledger or beancount");
  AccountRules rules;
  if (!f.accounts.empty()) {
    std::string error;
    auto parsed = parse_account_rules(read_text_file(f.accounts, "--accounts"), error);
    if (!parsed) throw Fatal(ExitCode::usage, fmt::format("--accounts {}: {}", f.accounts, error));
    rules = *parsed;
  }
  std::string currency;
  if (!f.currency.empty()) {
    auto code = parse_currency(f.currency);
    if (!code) throw Fatal(ExitCode::usage, fmt::format("--currency {}: not a known currency", f.currency));
    currency = *code;
  }
  std::string existing_text = f.existing.empty() ? "" : read_text_file(f.existing, "--existing");

  auto store = StateStore::open(folder.db, StateStore::Mode::read_only);
  std::vector<ordered_json> results;
  for (const DocumentRecord& record : store->list()) {
    if (!statuses.count(record.status) || record.result_json.empty()) continue;
    ordered_json j = ordered_json::parse(record.result_json);
    // The database is the authority on identity and status (a review changes the status).
    j["file"] = record.path;
    j["sha256"] = record.sha256;
    j["status"] = std::string(to_string(record.status));
    if (since || until) {
      auto date = parse_date(field_value(j, "date"), DateOrder::unknown);
      if (!date || (since && *date < *since) || (until && *date > *until)) continue;
    }
    results.push_back(std::move(j));
  }

  std::string text;
  if (f.format == "csv") {
    text = f.line_items ? line_item_csv_header() : csv_header();
    for (const auto& j : results) text += f.line_items ? line_item_csv_rows(j) : csv_row(j);
  } else if (f.format == "jsonl") {
    for (const auto& j : results) text += dump_json(j, -1) + "\n";
  } else if (f.format == "json") {
    ordered_json array = ordered_json::array();
    for (auto& j : results) array.push_back(j);
    text = dump_json(array, 2) + "\n";
  } else {
    std::set<std::string> known = journal_hashes(existing_text);
    std::vector<LedgerEntry> entries;
    int skipped_existing = 0;
    for (const auto& j : results) {
      // A rejected or failed document is no expense.
      if (j["status"] == "REJECTED" || j["status"] == "FAILED") continue;
      if (known.count(j["sha256"].get<std::string>())) {
        ++skipped_existing;
        continue;
      }
      std::string why_not;
      if (auto entry = ledger_entry(j, rules, currency, why_not))
        entries.push_back(std::move(*entry));
      else
        log::warning(fmt::format("{}: not exported to {}: {}", j["file"].get<std::string>(), f.format, why_not));
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const LedgerEntry& a, const LedgerEntry& b) { return a.date < b.date; });
    if (skipped_existing) log::info(fmt::format("{} document(s) already in {}", skipped_existing, f.existing));
    text = f.format == "hledger"
               ? render_hledger(entries)
               : render_beancount(entries, beancount_open_accounts(existing_text), currency.empty() ? "XXX" : currency);
  }

  if (f.output.empty() || f.output == "-") {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
      throw Fatal(ExitCode::output_error, "standard output: write failed");
  } else {
    write_file_atomically(f.output, text);
  }
  log::verbose(fmt::format("exported {} document(s)", results.size()));
  return ExitCode::ok;
}

}  // namespace receiptocr::cli
