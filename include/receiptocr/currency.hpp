#pragma once
// Recognising currencies from symbols and codes (pure functions, no I/O).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace receiptocr {

// One currency marker found in a line.
struct CurrencyMatch {
  std::string code;      // ISO 4217, e.g. "EUR"
  size_t begin = 0, end = 0;
  double strength = 0;   // 1.0 for an ISO code, less for a symbol shared by several currencies ("$")
  bool operator==(const CurrencyMatch&) const = default;
};

// Finds currency markers in a line: ISO codes as whole words ("EUR", "MYR"), symbols
// ("€", "£", "₹", "zł"), and local abbreviations ("RM", "Rs.", "S$", "US$", "CA$"). Letter
// markers must not touch other letters ("EUROPE" holds no "EUR"); digits may touch ("EUR12.50").
std::vector<CurrencyMatch> find_currencies(std::string_view line);

// Normalises a user-supplied currency ("eur", "€", "RM", "rm") to its ISO code; nullopt if
// unknown or if the text holds anything besides one marker.
std::optional<std::string> parse_currency(std::string_view text);

// Digits after the decimal point that prices in this currency are printed with: 0 for
// currencies priced in whole units on receipts (JPY, KRW, VND, IDR, CLP, COP, HUF, ISK, TWD,
// PYG, UGX: "48,000", "Rp 224.400"), 3 for BHD, KWD, OMR, JOD and TND, 2 otherwise.
int currency_minor_units(std::string_view iso_code);

// Whether dates in documents of this currency are usually written month-first (USD) or
// day-first (most others); nullopt when the currency does not settle it (e.g. CAD).
std::optional<bool> currency_prefers_month_first(std::string_view iso_code);

}  // namespace receiptocr
