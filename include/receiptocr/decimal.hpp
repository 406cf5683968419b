#pragma once
// Exact decimal numbers for money: never binary floating point.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace receiptocr {

// A decimal value mantissa * 10^-scale (scale 0..6). Arithmetic aligns scales exactly.
struct Decimal {
  std::int64_t mantissa = 0;
  int scale = 0;

  // Parses a plain decimal string such as "-12.50" or "3"; nullopt when it is not one.
  static std::optional<Decimal> from_string(std::string_view text);
  // Formats with at least `min_scale` decimals: Decimal{2316,2} -> "23.16", Decimal{9,0} -> "9.00".
  std::string to_string(int min_scale = 2) const;
  // The same value at exactly `new_scale` decimals (rounding half away from zero when reducing).
  Decimal rescaled(int new_scale) const;
  Decimal operator+(const Decimal& other) const;
  Decimal operator-(const Decimal& other) const;
  Decimal operator-() const { return Decimal{-mantissa, scale}; }
  bool is_zero() const { return mantissa == 0; }
  bool is_negative() const { return mantissa < 0; }
  Decimal abs() const { return mantissa < 0 ? -*this : *this; }
  // Value as double for ranking heuristics only (never for output).
  double approx() const;
  std::strong_ordering operator<=>(const Decimal& other) const;
  bool operator==(const Decimal& other) const { return (*this <=> other) == 0; }
};

}  // namespace receiptocr
