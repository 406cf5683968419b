#include "receiptocr/decimal.hpp"

#include <algorithm>
#include <cmath>

namespace receiptocr {
namespace {
constexpr int max_scale = 6;
std::int64_t pow10(int n) {
  std::int64_t r = 1;
  while (n-- > 0) r *= 10;
  return r;
}
}  // namespace

std::optional<Decimal> Decimal::from_string(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  std::int64_t mantissa = 0;
  int scale = -1;
  int digits = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.') {
      if (scale >= 0) return std::nullopt;
      scale = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (++digits > 17) return std::nullopt;
    if (scale >= 0 && ++scale > max_scale) return std::nullopt;
    mantissa = mantissa * 10 + (c - '0');
  }
  if (digits == 0) return std::nullopt;
  return Decimal{negative ? -mantissa : mantissa, std::max(scale, 0)};
}

std::string Decimal::to_string(int min_scale) const {
  Decimal d = scale < min_scale ? rescaled(min_scale) : *this;
  std::int64_t m = d.mantissa < 0 ? -d.mantissa : d.mantissa;
  std::string digits = std::to_string(m);
  if (d.scale > 0) {
    if (static_cast<int>(digits.size()) <= d.scale) digits.insert(0, d.scale + 1 - digits.size(), '0');
    digits.insert(digits.size() - d.scale, ".");
  }
  return (d.mantissa < 0 ? "-" : "") + digits;
}

Decimal Decimal::rescaled(int new_scale) const {
  if (new_scale == scale) return *this;
  if (new_scale > scale) return Decimal{mantissa * pow10(new_scale - scale), new_scale};
  std::int64_t div = pow10(scale - new_scale);
  std::int64_t q = mantissa / div;
  std::int64_t r = mantissa % div;
  if (2 * (r < 0 ? -r : r) >= div) q += mantissa < 0 ? -1 : 1;
  return Decimal{q, new_scale};
}

Decimal Decimal::operator+(const Decimal& other) const {
  int s = std::max(scale, other.scale);
  return Decimal{rescaled(s).mantissa + other.rescaled(s).mantissa, s};
}

Decimal Decimal::operator-(const Decimal& other) const { return *this + (-other); }

double Decimal::approx() const { return static_cast<double>(mantissa) / static_cast<double>(pow10(scale)); }

std::strong_ordering Decimal::operator<=>(const Decimal& other) const {
  int s = std::max(scale, other.scale);
  return rescaled(s).mantissa <=> other.rescaled(s).mantissa;
}

}  // namespace receiptocr
