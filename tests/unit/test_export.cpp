#include <doctest/doctest.h>

#include <string>

#include "receiptocr/export.hpp"

using namespace receiptocr;

namespace {
ordered_json field(const std::string& value) { return {{"value", value}, {"confidence", 0.9}}; }

ordered_json receipt() {
  ordered_json r;
  r["file"] = "shop/a.jpg";
  r["sha256"] = std::string(64, 'a');
  r["status"] = "COMPLETED";
  r["document_type"] = "receipt";
  ordered_json fields = ordered_json::object();
  fields["merchant"] = field("Café; Ünïcode | Ltd");
  fields["date"] = field("2024-03-14");
  fields["tax"] = field("2.28");
  fields["total"] = field("33.67");
  fields["currency"] = field("USD");
  fields["payment_method"] = field("Cash");
  r["fields"] = fields;
  r["line_items"] = ordered_json::array();
  return r;
}
}  // namespace

TEST_CASE("parse_account_rules reads patterns, defaults and payment methods") {
  std::string error;
  auto rules = parse_account_rules(
      "# comment\n"
      "trader joe*   Expenses:Groceries  # trailing comment\n"
      "Whole Foods Market Expenses:Food\n"
      "@default Expenses:Misc\n@tax Liabilities:VAT\n@payment visa Liabilities:Visa\n@payment Assets:Bank\n",
      error);
  REQUIRE(rules);
  CHECK(rules->merchants.size() == 2);
  CHECK(rules->merchants[1].pattern == "Whole Foods Market");
  CHECK(expense_account_for(*rules, "TRADER JOE'S #123") == "Expenses:Groceries");
  CHECK(expense_account_for(*rules, "at whole foods market inc") == "Expenses:Food");
  CHECK(expense_account_for(*rules, "Trader") == "Expenses:Misc");
  CHECK(payment_account_for(*rules, "VISA") == "Liabilities:Visa");
  CHECK(payment_account_for(*rules, "cash") ==
        "Assets:Bank");  // a @payment METHOD line replaces the built-in cash rule
  CHECK(payment_account_for(*rules, "") == "Assets:Bank");
  CHECK(rules->tax == "Liabilities:VAT");
}

TEST_CASE("parse_account_rules names the bad line") {
  std::string error;
  CHECK_FALSE(parse_account_rules("\nExpenses:Food\n", error));
  CHECK(error == "line 2: expected 'PATTERN ACCOUNT', got 'Expenses:Food'");
  CHECK_FALSE(parse_account_rules("shop Food:Stuff\n", error));
  CHECK(error == "line 1: 'Food:Stuff' is not an account name (Assets|Liabilities|Equity|Income|Expenses:Name...)");
  CHECK_FALSE(parse_account_rules("@paymnt Assets:Cash\n", error));
  CHECK(error == "line 1: unknown directive '@paymnt' (expected @default, @tax or @payment)");
}

TEST_CASE("is_valid_account") {
  CHECK(is_valid_account("Expenses:Food-Drink:2024"));
  CHECK_FALSE(is_valid_account("Expenses"));
  CHECK_FALSE(is_valid_account("Expenses:food"));
  CHECK_FALSE(is_valid_account("Spending:Food"));
  CHECK_FALSE(is_valid_account("Expenses::Food"));
  CHECK_FALSE(is_valid_account("Expenses:Food Court"));
}

TEST_CASE("ledger_entry: expense net of tax, payee cleaned, flags") {
  AccountRules rules;
  std::string why;
  auto e = ledger_entry(receipt(), rules, "", why);
  REQUIRE(e);
  CHECK(e->payee == "Café, Ünïcode / Ltd");
  CHECK(e->total.to_string() == "33.67");
  CHECK(e->tax->to_string() == "2.28");
  CHECK(e->payment_account == "Assets:Cash");
  CHECK(e->expense_account == "Expenses:Unknown");
  CHECK_FALSE(e->needs_review);

  ordered_json r = receipt();
  r["fields"]["total"] = nullptr;
  CHECK_FALSE(ledger_entry(r, rules, "", why));
  CHECK(why == "no total");
  r = receipt();
  r["fields"]["date"] = nullptr;
  CHECK_FALSE(ledger_entry(r, rules, "", why));
  CHECK(why == "no date");
}

TEST_CASE("render_hledger and render_beancount layouts") {
  AccountRules rules;
  std::string why;
  ordered_json r = receipt();
  r["status"] = "NEEDS_REVIEW";
  r["fields"]["currency"] = nullptr;
  auto e = ledger_entry(r, rules, "", why);
  REQUIRE(e);
  CHECK(render_hledger({*e}) ==
        "2024-03-14 ! Café, Ünïcode / Ltd\n"
        "    ; sha256: " +
            std::string(64, 'a') +
            "\n"
            "    ; file: shop/a.jpg\n"
            "    Expenses:Unknown                                 31.39\n"
            "    Expenses:Tax                                      2.28\n"
            "    Assets:Cash                                     -33.67\n");
  CHECK(render_beancount({*e}, {"Assets:Cash"}, "XXX") ==
        "1970-01-01 open Expenses:Tax\n"
        "1970-01-01 open Expenses:Unknown\n"
        "\n"
        "2024-03-14 ! \"Café, Ünïcode / Ltd\" \"\"\n"
        "  sha256: \"" +
            std::string(64, 'a') +
            "\"\n"
            "  file: \"shop/a.jpg\"\n"
            "  Expenses:Unknown                                 31.39 XXX\n"
            "  Expenses:Tax                                      2.28 XXX\n"
            "  Assets:Cash                                     -33.67 XXX\n");
}

TEST_CASE("journal_hashes and beancount_open_accounts") {
  std::string a(64, 'a'), b(64, 'B');
  auto hashes = journal_hashes("    ; sha256: " + a + "\n  sha256: \"" + b + "\"\n  sha256: abc\n");
  CHECK(hashes == std::set<std::string>{a, std::string(64, 'b')});
  CHECK(
      beancount_open_accounts("2020-01-01 open Assets:Cash USD\n; 2020-01-01 open X\n2020-01-01 close Assets:Old\n") ==
      std::set<std::string>{"Assets:Cash"});
}

TEST_CASE("line_item_csv_rows: one row per item, one row without items") {
  ordered_json r = receipt();
  CHECK(line_item_csv_rows(r) ==
        "shop/a.jpg," + std::string(64, 'a') + ",COMPLETED,receipt,Café; Ünïcode | Ltd,2024-03-14,USD,33.67,,,,,,\r\n");
  r["line_items"] = ordered_json::array(
      {{{"description", "Milk, 1 gal"}, {"quantity", "2"}, {"unit_price", nullptr}, {"amount", "4.29"}, {"page", 1}},
       {{"description", "Bread"}, {"quantity", nullptr}, {"unit_price", nullptr}, {"amount", "5.49"}, {"page", 1}}});
  std::string rows = line_item_csv_rows(r);
  CHECK(rows.find(",1,\"Milk, 1 gal\",2,,4.29,1\r\n") != std::string::npos);
  CHECK(rows.find(",2,Bread,,,5.49,1\r\n") != std::string::npos);
  CHECK(line_item_csv_header() ==
        "file,sha256,status,document_type,merchant,date,currency,total,item_number,description,quantity,unit_price,"
        "amount,page\r\n");
}
