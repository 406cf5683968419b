#include "receiptocr/export.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "receiptocr/text.hpp"

namespace receiptocr {

namespace {

std::string json_text(const ordered_json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// The value of a field of a result object ("" when absent or null).
std::string field_value(const ordered_json& result, const std::string& name) {
  if (!result.contains("fields") || !result["fields"].is_object()) return "";
  const auto& fields = result["fields"];
  if (!fields.contains(name) || fields[name].is_null() || !fields[name].contains("value")) return "";
  return json_text(fields[name]["value"]);
}

std::string csv_line(const std::vector<std::string>& values) {
  std::string line;
  for (size_t i = 0; i < values.size(); ++i) line += (i ? "," : "") + csv_escape(sanitize_utf8(values[i]));
  return line + "\r\n";
}

// Case-insensitive glob with * and ?.
bool glob_match(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || lower(pattern[p]) == lower(text[t]))) {
      ++p, ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++, mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1, t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// Journal text must stay on one line and not open a comment early.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : sanitize_utf8(text)) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return collapse_spaces(trim(out));
}

std::string beancount_string(std::string_view text) {
  std::string out = "\"";
  for (char c : one_line(text)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string posting(std::string_view account, const Decimal& amount, std::string_view currency, int indent) {
  // At least two spaces between account and amount (both formats need them); amounts aligned.
  std::string line = fmt::format("{}{:<40}  {:>12}", std::string(indent, ' '), account, amount.to_string(2));
  if (!currency.empty()) line += " " + std::string(currency);
  return line + "\n";
}

}  // namespace

const std::vector<std::string>& line_item_csv_columns() {
  static const std::vector<std::string> columns = {"file",     "sha256",     "status", "document_type", "merchant",
                                                   "date",     "currency",   "total",  "item_number",   "description",
                                                   "quantity", "unit_price", "amount", "page"};
  return columns;
}

std::string line_item_csv_header() { return csv_line(line_item_csv_columns()); }

std::string line_item_csv_rows(const ordered_json& r) {
  std::vector<std::string> head = {json_text(r.value("file", ordered_json())),
                                   json_text(r.value("sha256", ordered_json())),
                                   json_text(r.value("status", ordered_json())),
                                   json_text(r.value("document_type", ordered_json())),
                                   field_value(r, "merchant"),
                                   field_value(r, "date"),
                                   field_value(r, "currency"),
                                   field_value(r, "total")};
  std::string out;
  const ordered_json items = r.value("line_items", ordered_json::array());
  if (!items.is_array() || items.empty()) {
    auto row = head;
    row.resize(line_item_csv_columns().size());
    return csv_line(row);
  }
  int number = 0;
  for (const auto& item : items) {
    auto row = head;
    row.push_back(std::to_string(++number));
    for (const char* key : {"description", "quantity", "unit_price", "amount", "page"})
      row.push_back(json_text(item.value(key, ordered_json())));
    out += csv_line(row);
  }
  return out;
}

bool is_valid_account(std::string_view account) {
  auto parts = split(account, ':');
  if (parts.size() < 2) return false;
  static const std::set<std::string> roots = {"Assets", "Liabilities", "Equity", "Income", "Expenses"};
  if (!roots.count(parts[0])) return false;
  for (const auto& part : parts) {
    if (part.empty() ||
        !(std::isupper(static_cast<unsigned char>(part[0])) || std::isdigit(static_cast<unsigned char>(part[0]))))
      return false;
    for (char c : part)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

std::optional<AccountRules> parse_account_rules(std::string_view text, std::string& error) {
  AccountRules rules;
  bool default_payments = true;
  int number = 0;
  for (const std::string& raw : split(text, '\n')) {
    ++number;
    std::string line = raw;
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    line = trim(line);
    if (line.empty()) continue;
    size_t last_space = line.find_last_of(" \t");
    if (last_space == std::string::npos) {
      error = fmt::format("line {}: expected 'PATTERN ACCOUNT', got '{}'", number, line);
      return std::nullopt;
    }
    std::string account = line.substr(last_space + 1);
    std::string key = trim(line.substr(0, last_space));
    if (!is_valid_account(account)) {
      error = fmt::format("line {}: '{}' is not an account name (Assets|Liabilities|Equity|Income|Expenses:Name...)",
                          number, account);
      return std::nullopt;
    }
    if (key == "@default") {
      rules.default_expense = account;
    } else if (key == "@tax") {
      rules.tax = account;
    } else if (key == "@payment") {
      rules.default_payment = account;
    } else if (starts_with(key, "@payment ") || starts_with(key, "@payment\t")) {
      if (default_payments) rules.payments.clear(), default_payments = false;
      rules.payments.push_back({to_lower(trim(key.substr(9))), account});
    } else if (key[0] == '@') {
      error = fmt::format("line {}: unknown directive '{}' (expected @default, @tax or @payment)", number,
                          split(key, ' ')[0]);
      return std::nullopt;
    } else {
      rules.merchants.push_back({key, account});
    }
  }
  return rules;
}

std::string expense_account_for(const AccountRules& rules, std::string_view merchant) {
  std::string lower = to_lower(merchant);
  for (const auto& rule : rules.merchants) {
    bool glob = rule.pattern.find_first_of("*?") != std::string::npos;
    if (glob ? glob_match(rule.pattern, merchant) : lower.find(to_lower(rule.pattern)) != std::string::npos)
      return rule.account;
  }
  return rules.default_expense;
}

std::string payment_account_for(const AccountRules& rules, std::string_view method) {
  std::string lower = to_lower(trim(method));
  for (const auto& rule : rules.payments)
    if (!lower.empty() && rule.method == lower) return rule.account;
  return rules.default_payment;
}

std::optional<LedgerEntry> ledger_entry(const ordered_json& r, const AccountRules& rules,
                                        const std::string& default_currency, std::string& why_not) {
  LedgerEntry e;
  e.date = field_value(r, "date");
  if (e.date.size() != 10) {
    why_not = "no date";
    return std::nullopt;
  }
  auto total = Decimal::from_string(field_value(r, "total"));
  if (!total) {
    why_not = "no total";
    return std::nullopt;
  }
  e.total = *total;
  if (auto tax = Decimal::from_string(field_value(r, "tax")); tax && !tax->is_zero()) e.tax = tax;
  e.payee = one_line(field_value(r, "merchant"));
  if (e.payee.empty()) e.payee = "Unknown";
  std::replace(e.payee.begin(), e.payee.end(), ';', ',');  // ';' would start an hledger comment
  std::replace(e.payee.begin(), e.payee.end(), '|', '/');  // '|' splits payee and note in hledger
  e.currency = field_value(r, "currency");
  if (e.currency.empty()) e.currency = default_currency;
  e.needs_review = r.value("status", std::string()) == "NEEDS_REVIEW";
  e.sha256 = json_text(r.value("sha256", ordered_json()));
  e.file = one_line(json_text(r.value("file", ordered_json())));
  e.expense_account = expense_account_for(rules, e.payee);
  e.tax_account = rules.tax;
  e.payment_account = payment_account_for(rules, field_value(r, "payment_method"));
  return e;
}

std::string render_hledger(const std::vector<LedgerEntry>& entries) {
  std::string out;
  for (const LedgerEntry& e : entries) {
    if (!out.empty()) out += "\n";
    out += fmt::format("{} {} {}\n", e.date, e.needs_review ? '!' : '*', e.payee);
    out += fmt::format("    ; sha256: {}\n", e.sha256);
    out += fmt::format("    ; file: {}\n", e.file);
    Decimal expense = e.tax ? e.total - *e.tax : e.total;
    out += posting(e.expense_account, expense, e.currency, 4);
    if (e.tax) out += posting(e.tax_account, *e.tax, e.currency, 4);
    out += posting(e.payment_account, -e.total, e.currency, 4);
  }
  return out;
}

std::string render_beancount(const std::vector<LedgerEntry>& entries, const std::set<std::string>& already_open,
                             const std::string& fallback_currency) {
  std::set<std::string> accounts;
  for (const LedgerEntry& e : entries) {
    accounts.insert(e.expense_account);
    accounts.insert(e.payment_account);
    if (e.tax) accounts.insert(e.tax_account);
  }
  std::string out;
  for (const auto& account : accounts)
    if (!already_open.count(account)) out += fmt::format("1970-01-01 open {}\n", account);
  for (const LedgerEntry& e : entries) {
    std::string currency = e.currency.empty() ? fallback_currency : e.currency;
    if (!out.empty()) out += "\n";
    out += fmt::format("{} {} {} \"\"\n", e.date, e.needs_review ? '!' : '*', beancount_string(e.payee));
    out += fmt::format("  sha256: \"{}\"\n", e.sha256);
    out += fmt::format("  file: {}\n", beancount_string(e.file));
    Decimal expense = e.tax ? e.total - *e.tax : e.total;
    out += posting(e.expense_account, expense, currency, 2);
    if (e.tax) out += posting(e.tax_account, *e.tax, currency, 2);
    out += posting(e.payment_account, -e.total, currency, 2);
  }
  return out;
}

std::set<std::string> journal_hashes(std::string_view journal) {
  std::set<std::string> out;
  for (size_t at = journal.find("sha256:"); at != std::string_view::npos; at = journal.find("sha256:", at + 1)) {
    size_t i = at + 7;
    while (i < journal.size() && (journal[i] == ' ' || journal[i] == '\t' || journal[i] == '"')) ++i;
    size_t start = i;
    while (i < journal.size() && std::isxdigit(static_cast<unsigned char>(journal[i]))) ++i;
    if (i - start == 64) out.insert(to_lower(journal.substr(start, 64)));
  }
  return out;
}

std::set<std::string> beancount_open_accounts(std::string_view journal) {
  std::set<std::string> out;
  for (const std::string& line : split(journal, '\n')) {
    auto words = split(collapse_spaces(trim(line)), ' ');
    if (words.size() >= 3 && words[0].size() == 10 && words[1] == "open") out.insert(words[2]);
  }
  return out;
}

}  // namespace receiptocr
