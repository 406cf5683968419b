#include "receiptocr/currency.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include "receiptocr/text.hpp"

namespace receiptocr {
namespace {

const std::set<std::string>& iso_codes() {
  static const std::set<std::string> codes = {
      "AED", "ARS", "AUD", "BGN", "BHD", "BRL", "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DKK", "EGP", "EUR", "GBP",
      "HKD", "HUF", "IDR", "ILS", "INR", "ISK", "JOD", "JPY", "KES", "KRW", "KWD", "LKR", "MAD", "MXN", "MYR", "NGN",
      "NOK", "NZD", "OMR", "PEN", "PHP", "PKR", "PLN", "QAR", "RON", "RUB", "SAR", "SEK", "SGD", "THB", "TND", "TRY",
      "TWD", "UAH", "USD", "VND", "ZAR",
      // Not words of any language receipts are printed in (unlike ALL, BOB, GEL, MOP).
      "HRK", "RSD", "BAM", "MKD", "KZT", "UZS", "BDT", "NPR", "MMK", "KHR", "ETB", "GHS", "TZS", "UGX", "XOF",
      "XAF", "DZD", "IQD", "LBP", "UYU", "PYG", "DOP", "GTQ", "HNL", "NIO", "JMD", "TTD", "BYN", "MDL", "AMD",
      "AZN", "MNT", "BND", "FJD"};
  return codes;
}

struct Marker {
  const char* text;
  const char* code;
  double strength;
  bool word;  // must stand as a whole word (letters on neither side)
};

// Longer markers first so "US$" wins over "$".
const std::vector<Marker>& markers() {
  static const std::vector<Marker> list = {
      // Letter-dollar prefixes stand as words so "CA$" is not read as "A$" (AUD).
      {"US$", "USD", 0.95, true},  {"HK$", "HKD", 0.95, true},  {"NT$", "TWD", 0.95, true},
      {"CA$", "CAD", 0.95, true},  {"AU$", "AUD", 0.95, true},
      {"S$", "SGD", 0.9, true},    {"A$", "AUD", 0.9, true},    {"C$", "CAD", 0.9, true},
      {"R$", "BRL", 0.9, true},   {"€", "EUR", 0.95, false},   {"£", "GBP", 0.95, false},
      {"₹", "INR", 0.95, false},   {"₩", "KRW", 0.95, false},   {"฿", "THB", 0.9, false},
      {"₱", "PHP", 0.95, false},   {"₫", "VND", 0.95, false},   {"₺", "TRY", 0.95, false},
      {"¥", "JPY", 0.6, false},    {"zł", "PLN", 0.95, false},  {"Kč", "CZK", 0.9, false},
      {"Kc", "CZK", 0.6, true},    // Kč on printers without the háček
      {"lei", "RON", 0.7, true},   {"LEI", "RON", 0.7, true},   {"NIS", "ILS", 0.9, true},
      {"₪", "ILS", 0.95, false},   {"S/", "PEN", 0.8, false},   {"Kn", "HRK", 0.6, true},
      {"RM", "MYR", 0.85, true},   {"Rs.", "INR", 0.7, false},  {"Rs", "INR", 0.7, true},
      {"Rp", "IDR", 0.8, true},    {"RMB", "CNY", 0.9, true},   {"Fr.", "CHF", 0.5, false},
      {"$", "USD", 0.6, false},    {"Euro", "EUR", 0.9, true},  {"EURO", "EUR", 0.9, true},
      {"円", "JPY", 0.95, false},  {"원", "KRW", 0.95, false},  {"đ", "VND", 0.7, false},
      {"Ft", "HUF", 0.6, true},    {"Dhs", "AED", 0.7, true},   {"SR", "SAR", 0.5, true},    {"kr", "SEK", 0.4, true},
      // Morocco's dirham ("26 619,00 DH"), Serbia's dinar ("din."), Bulgaria's lev ("lv.").
      {"DH", "MAD", 0.6, true},    {"din.", "RSD", 0.6, true},  {"lv.", "BGN", 0.7, true},
      {"Baht", "THB", 0.9, true},  {"BAHT", "THB", 0.9, true},

  };
  return list;
}

bool is_alpha_byte(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::vector<CurrencyMatch> find_currencies(std::string_view line) {
  std::vector<CurrencyMatch> out;
  std::vector<bool> used(line.size(), false);
  // ISO codes: three capital letters standing alone (digits may touch: "EUR12.50").
  for (size_t i = 0; i + 3 <= line.size(); ++i) {
    if (i > 0 && is_alpha_byte(line[i - 1])) continue;
    if (i + 3 < line.size() && is_alpha_byte(line[i + 3])) continue;
    // An abbreviation with its point before a word ("ATATURK CAD. NO:112", Turkish for street).
    if (i + 5 < line.size() && line[i + 3] == '.' && line[i + 4] == ' ' && is_alpha_byte(line[i + 5])) continue;
    std::string code(line.substr(i, 3));
    if (iso_codes().count(code)) {
      out.push_back({code, i, i + 3, 1.0});
      std::fill(used.begin() + i, used.begin() + i + 3, true);
    }
  }
  for (const Marker& m : markers()) {
    std::string_view needle(m.text);
    size_t pos = 0;
    while ((pos = line.find(needle, pos)) != std::string_view::npos) {
      size_t end = pos + needle.size();
      bool free = std::none_of(used.begin() + pos, used.begin() + end, [](bool b) { return b; });
      bool word_ok = !m.word || ((pos == 0 || !is_alpha_byte(line[pos - 1])) &&
                                 (end >= line.size() || !is_alpha_byte(line[end])));
      if (free && word_ok) {
        out.push_back({m.code, pos, end, m.strength});
        std::fill(used.begin() + pos, used.begin() + end, true);
      }
      pos = end;
    }
  }
  // South Africa's rand: a capital R standing alone right before an amount ("R 4 152.67",
  // "R150.00"), weakly (it is also a tax code or an OCR fragment of RM).
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != 'R' || used[i] || (i > 0 && line[i - 1] != ' ' && line[i - 1] != '(' && line[i - 1] != '@')) continue;
    size_t k = i + 1;
    if (k < line.size() && line[k] == ' ') ++k;
    // Money: cents after a point or comma, the thousands grouped ("R 4 152.67", "R20.90"), not
    // a tax number ("HST R105619688") or a code ("R6 Bulgogi").
    static const std::regex money(R"(^\d{1,3}(?:[ ,]\d{3})*[.,]\d{2}(?!\d))");
    if (k < line.size() && std::isdigit(static_cast<unsigned char>(line[k])) &&
        std::regex_search(std::string(line.substr(k, 24)), money))
      out.push_back({"ZAR", i, i + 1, 0.3});
  }
  std::sort(out.begin(), out.end(), [](const CurrencyMatch& a, const CurrencyMatch& b) { return a.begin < b.begin; });
  return out;
}

std::optional<std::string> parse_currency(std::string_view text) {
  std::string t = trim(text);
  std::string upper = to_upper(t);
  if (iso_codes().count(upper)) return upper;
  // Markers as written ("Rs.", "zł"), then upper-cased so "rm" and "us$" work too.
  for (const std::string& form : {t, upper}) {
    auto found = find_currencies(form);
    if (found.size() == 1 && found[0].end - found[0].begin == form.size()) return found[0].code;
  }
  return std::nullopt;
}

int currency_minor_units(std::string_view iso_code) {
  // IDR, COP, HUF and TWD have minor units in ISO 4217, but receipts price them in whole units.
  static const std::set<std::string_view> whole = {"JPY", "KRW", "VND", "IDR", "CLP", "COP",
                                                   "HUF", "ISK", "TWD"};
  static const std::set<std::string_view> three = {"BHD", "KWD", "OMR", "JOD", "TND"};
  if (whole.count(iso_code)) return 0;
  if (three.count(iso_code)) return 3;
  return 2;
}

std::optional<bool> currency_prefers_month_first(std::string_view iso_code) {
  if (iso_code == "USD" || iso_code == "PHP") return true;
  if (iso_code == "CAD" || iso_code.empty()) return std::nullopt;
  return false;
}

}  // namespace receiptocr
