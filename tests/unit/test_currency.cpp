#include <doctest/doctest.h>

#include "print_helpers.hpp"

#include <string>
#include <vector>

#include "receiptocr/currency.hpp"

using namespace receiptocr;

namespace {
// ISO codes of every marker in the line, in order.
std::vector<std::string> codes(std::string_view line) {
  std::vector<std::string> out;
  for (const CurrencyMatch& m : find_currencies(line)) out.push_back(m.code);
  return out;
}
using Strings = std::vector<std::string>;
}  // namespace

TEST_CASE("find_currencies: ISO codes as whole words") {
  CHECK(codes("TOTAL EUR 12,50") == Strings{"EUR"});
  CHECK(codes("USD 5.00") == Strings{"USD"});
  CHECK(codes("INR 450") == Strings{"INR"});
  CHECK(codes("PLN 12,50") == Strings{"PLN"});
  CHECK(codes("EUR12.50") == Strings{"EUR"});   // digits may touch
  CHECK(codes("12.50EUR") == Strings{"EUR"});
  CHECK(codes("MYR 9.00") == Strings{"MYR"});
  auto m = find_currencies("Total EUR 12,50");
  REQUIRE(m.size() == 1);
  CHECK(m[0].begin == 6);
  CHECK(m[0].end == 9);
  CHECK(m[0].strength == 1.0);
}

TEST_CASE("find_currencies: codes inside words are not currencies") {
  CHECK(codes("EUROPE").empty());
  CHECK(codes("EUROPEAN FOODS").empty());
  CHECK(codes("SEUR").empty());
  CHECK(codes("USDA BEEF").empty());
  CHECK(codes("CHFX").empty());
  CHECK(codes("eur").empty());  // codes in running text are upper case
  CHECK(codes("FARM FRESH").empty());
  CHECK(codes("RMX").empty());
  CHECK(codes("PRICES").empty());
  CHECK(codes("TOTAL").empty());
}

TEST_CASE("find_currencies: symbols") {
  CHECK(codes("$12.00") == Strings{"USD"});
  CHECK(codes("€ 4,70") == Strings{"EUR"});
  CHECK(codes("£3.99") == Strings{"GBP"});
  CHECK(codes("₹ 450") == Strings{"INR"});
  CHECK(codes("12,50 zł") == Strings{"PLN"});
  CHECK(codes("12,50zł") == Strings{"PLN"});
  CHECK(codes("¥500") == Strings{"JPY"});
  auto m = find_currencies("€ 4,70");
  REQUIRE(m.size() == 1);
  CHECK(m[0].begin == 0);
  CHECK(m[0].end == 3);  // the euro sign is three UTF-8 bytes
}

TEST_CASE("find_currencies: local abbreviations") {
  CHECK(codes("RM 9.00") == Strings{"MYR"});
  CHECK(codes("RM9.00") == Strings{"MYR"});
  CHECK(codes("Rs. 450") == Strings{"INR"});
  CHECK(codes("Rs 450") == Strings{"INR"});
  CHECK(codes("RMB 88") == Strings{"CNY"});
  CHECK(codes("Rp 15.000") == Strings{"IDR"});
  CHECK(codes("Total Euro 5") == Strings{"EUR"});
}

TEST_CASE("find_currencies: dollar prefixes win over the bare $") {
  CHECK(codes("US$ 10.00") == Strings{"USD"});
  CHECK(codes("S$10.00") == Strings{"SGD"});
  CHECK(codes("HK$ 20") == Strings{"HKD"});
  CHECK(codes("A$5") == Strings{"AUD"});
  CHECK(codes("CA$ 5.00") == Strings{"CAD"});
  CHECK(codes("NT$100") == Strings{"TWD"});
  auto us = find_currencies("US$ 10.00");
  REQUIRE(us.size() == 1);
  CHECK(us[0].begin == 0);
  CHECK(us[0].end == 3);
  auto bare = find_currencies("$ 10.00");
  REQUIRE(bare.size() == 1);
  CHECK(bare[0].strength < 1.0);  // "$" is shared by many currencies
  CHECK(find_currencies("S$10.00")[0].strength > bare[0].strength);
}

TEST_CASE("find_currencies: several markers come in order") {
  CHECK(codes("€ 10,00 = USD 11.00") == Strings{"EUR", "USD"});
  CHECK(codes("USD 11.00 / RM 50.00") == Strings{"USD", "MYR"});
}

TEST_CASE("parse_currency normalises user input") {
  CHECK(parse_currency("EUR") == "EUR");
  CHECK(parse_currency("eur") == "EUR");
  CHECK(parse_currency(" usd ") == "USD");
  CHECK(parse_currency("€") == "EUR");
  CHECK(parse_currency("£") == "GBP");
  CHECK(parse_currency("$") == "USD");
  CHECK(parse_currency("US$") == "USD");
  CHECK(parse_currency("S$") == "SGD");
  CHECK(parse_currency("RM") == "MYR");
  CHECK(parse_currency("rm") == "MYR");
  CHECK(parse_currency("zł") == "PLN");
  CHECK(parse_currency("PLN") == "PLN");
  CHECK(parse_currency("inr") == "INR");
  CHECK(parse_currency("₹") == "INR");
}

TEST_CASE("parse_currency rejects unknown or extra text") {
  for (const std::string bad : {"", "XYZ", "EUROPE", "EUR 5", "dollars", "€€", "EU"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_currency(bad));
  }
}

TEST_CASE("currency_minor_units") {
  CHECK(currency_minor_units("JPY") == 0);
  CHECK(currency_minor_units("VND") == 0);
  CHECK(currency_minor_units("IDR") == 0);  // two in ISO 4217, whole rupiah on receipts
  CHECK(currency_minor_units("KRW") == 0);
  CHECK(currency_minor_units("KWD") == 3);
  CHECK(currency_minor_units("EUR") == 2);
  CHECK(currency_minor_units("USD") == 2);
  CHECK(currency_minor_units("") == 2);
}

TEST_CASE("find_currencies: whole-unit currencies' signs") {
  auto yen = find_currencies("1,280\xE5\x86\x86");  // 円
  REQUIRE(yen.size() == 1);
  CHECK(yen[0].code == "JPY");
  auto forint = find_currencies("OSSZESEN 1 290 Ft");
  REQUIRE(forint.size() == 1);
  CHECK(forint[0].code == "HUF");
  CHECK(find_currencies("Fta").empty());
}

TEST_CASE("currency_prefers_month_first") {
  CHECK(currency_prefers_month_first("USD") == true);
  CHECK(currency_prefers_month_first("PHP") == true);
  CHECK(currency_prefers_month_first("EUR") == false);
  CHECK(currency_prefers_month_first("MYR") == false);
  CHECK(currency_prefers_month_first("GBP") == false);
  CHECK_FALSE(currency_prefers_month_first("CAD"));
  CHECK_FALSE(currency_prefers_month_first(""));
}

TEST_CASE("find_currencies: the rand's R, weakly, only right before an amount") {
  auto found = find_currencies("Total incl. VAT R 4 152.67");
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == "ZAR");
  CHECK(found[0].strength == doctest::Approx(0.3));
  CHECK(codes("(R150.00 admin fee)") == Strings{"ZAR"});
  // Not the R of RM, R$ or a word, not an R after a digit or before a letter.
  CHECK(codes("RM 9.00") == Strings{"MYR"});
  CHECK(codes("R$ 12,00") == Strings{"BRL"});
  CHECK(codes("ROAD 12") == Strings{});
  CHECK(codes("12.50 R") == Strings{});
  CHECK(codes("4R 12") == Strings{});
}

TEST_CASE("find_currencies: no rand in a tax number or a code") {
  CHECK(codes("P Vat No.: HST R105619688 8") == Strings{});
  CHECK(codes("1 R6 Bulgogi Deopbap 18.00") == Strings{});
  CHECK(codes("Table: R10") == Strings{});
  CHECK(codes("te tian @R19.90 a R39.80") == Strings{"ZAR", "ZAR"});
}

TEST_CASE("find_currencies: the dirham's DH, the dinar's din. and the lev's lv.") {
  CHECK(codes("TOTAL TTC (DH)   26 619,00") == Strings{"MAD"});
  CHECK(codes("Ukupno bez PDV 809.970,00 din.") == Strings{"RSD"});
  CHECK(codes("VAT 20%  2,756.07 lv.") == Strings{"BGN"});
  // Inside words they are none ("ADHESIVE", "Ordin.", "solv.").
  CHECK(codes("ADHESIVE TAPE").empty());
  CHECK(codes("Ordin. 4").empty());
}

TEST_CASE("find_currencies: Thailand's Baht") {
  CHECK(codes("TOTAL 304,828.02 Baht") == Strings{"THB"});
}
