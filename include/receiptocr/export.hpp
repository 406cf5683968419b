#pragma once
// Rendering stored results for other tools (`receiptocr export`): CSV (the same columns as
// `extract --format csv`), JSON Lines, JSON, and hledger/beancount journals with accounts
// chosen by a small rules file. Pure functions from result objects to text: no I/O.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "receiptocr/decimal.hpp"
#include "receiptocr/result.hpp"

namespace receiptocr {

// The columns of `export --format csv --line-items`, in order: the document's identity and
// header fields, then one line item.
const std::vector<std::string>& line_item_csv_columns();
// The header and one CSV record (CRLF) per line item of `result`; a document without line items
// gives one record with empty item columns, so no document disappears from a spreadsheet.
std::string line_item_csv_header();
std::string line_item_csv_rows(const ordered_json& result);

// Which accounts a journal entry uses. Read from an accounts file (parse_account_rules).
struct AccountRules {
  struct MerchantRule {
    std::string pattern;  // case-insensitive; with * or ? a glob over the whole name, else a substring
    std::string account;
  };
  std::vector<MerchantRule> merchants;  // first match wins
  std::string default_expense = "Expenses:Unknown";
  std::string tax = "Expenses:Tax";
  struct PaymentRule {
    std::string method;  // as extracted: "cash", "card", "visa", ... (case-insensitive)
    std::string account;
  };
  std::vector<PaymentRule> payments = {{"cash", "Assets:Cash"}};
  std::string default_payment = "Assets:Unknown";  // no payment method, or one without a rule
};

// Parses an accounts file: one rule a line, '#' starts a comment, the last word is the account:
//   PATTERN ACCOUNT            merchant pattern -> expense account
//   @default ACCOUNT           expense account when no pattern matches (Expenses:Unknown)
//   @tax ACCOUNT               account of the tax posting (Expenses:Tax)
//   @payment METHOD ACCOUNT    paying account for a payment method (cash: Assets:Cash)
//   @payment ACCOUNT           paying account otherwise (Assets:Unknown)
// Accounts must be valid in both hledger and beancount: Assets|Liabilities|Equity|Income|Expenses
// then ':'-separated parts starting with a capital letter or digit. nullopt with `error` set to
// "line N: reason" on a bad line.
std::optional<AccountRules> parse_account_rules(std::string_view text, std::string& error);
// True when `account` is a valid account name as described above.
bool is_valid_account(std::string_view account);
// The expense account for a merchant name.
std::string expense_account_for(const AccountRules& rules, std::string_view merchant);
// The paying account for a payment method ("" when unknown).
std::string payment_account_for(const AccountRules& rules, std::string_view method);

// One journal transaction, built from a result object.
struct LedgerEntry {
  std::string date;  // YYYY-MM-DD
  std::string payee;
  std::string currency;  // ISO code; empty when unknown
  Decimal total;
  std::optional<Decimal> tax;  // a separate posting when known and not zero
  bool needs_review = false;   // flagged: '!' in both journals
  std::string sha256;
  std::string file;
  std::string expense_account;
  std::string tax_account;
  std::string payment_account;
};

// The entry for a result object, or nullopt with `why_not` set ("no total", "no date") when
// it cannot be one. `default_currency` is used when the document names none.
std::optional<LedgerEntry> ledger_entry(const ordered_json& result, const AccountRules& rules,
                                        const std::string& default_currency, std::string& why_not);
// An hledger journal: one transaction per entry, in the given order, with "; sha256:" and
// "; file:" tags.
std::string render_hledger(const std::vector<LedgerEntry>& entries);
// A beancount file: "open" directives (dated 1970-01-01) for the accounts used that are not in
// `already_open`, then one transaction per entry with sha256/file metadata. Entries without a
// currency use `fallback_currency`.
std::string render_beancount(const std::vector<LedgerEntry>& entries, const std::set<std::string>& already_open,
                             const std::string& fallback_currency);
// The document hashes a journal already holds: 64-hex values of "sha256:" tags or metadata.
std::set<std::string> journal_hashes(std::string_view journal);
// The accounts a beancount file opens ("YYYY-MM-DD open ACCOUNT").
std::set<std::string> beancount_open_accounts(std::string_view journal);

}  // namespace receiptocr
