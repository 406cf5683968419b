#include <doctest/doctest.h>

#include "receiptocr/decimal.hpp"

using receiptocr::Decimal;

namespace {
std::string parsed(std::string_view text) {
  auto d = Decimal::from_string(text);
  return d ? d->to_string() : "<none>";
}
}  // namespace

TEST_CASE("Decimal::from_string reads plain decimals exactly") {
  auto d = Decimal::from_string("-12.50");
  REQUIRE(d);
  CHECK(d->mantissa == -1250);
  CHECK(d->scale == 2);
  CHECK(parsed("3") == "3.00");
  CHECK(parsed("+7.1") == "7.10");
  CHECK(parsed("0.005") == "0.005");
  CHECK(parsed(".5") == "0.50");
  CHECK(parsed("007") == "7.00");
  CHECK(parsed("123456.789012") == "123456.789012");
  CHECK(Decimal::from_string("1.5")->scale == 1);
}

TEST_CASE("Decimal::from_string rejects what is not one plain decimal") {
  for (const std::string bad : {"", "-", "+", ".", "1.2.3", "1,50", " 1", "1 ", "12a", "--1", "1e5", "0.1234567",
                          "123456789012345678"}) {
    CAPTURE(bad);
    CHECK_FALSE(Decimal::from_string(bad));
  }
}

TEST_CASE("Decimal::to_string pads to min_scale and keeps longer scales") {
  CHECK(Decimal{2316, 2}.to_string() == "23.16");
  CHECK(Decimal{9, 0}.to_string() == "9.00");
  CHECK(Decimal{9, 0}.to_string(0) == "9");
  CHECK(Decimal{5, 2}.to_string() == "0.05");
  CHECK(Decimal{-5, 2}.to_string() == "-0.05");
  CHECK(Decimal{-1250, 2}.to_string() == "-12.50");
  CHECK(Decimal{12345, 3}.to_string() == "12.345");
  CHECK(Decimal{1, 3}.to_string() == "0.001");
  CHECK(Decimal{0, 0}.to_string() == "0.00");
  CHECK(Decimal{7, 1}.to_string(3) == "0.700");
}

TEST_CASE("Decimal::rescaled rounds half away from zero") {
  CHECK(Decimal{12345, 3}.rescaled(2) == Decimal{1235, 2});
  CHECK(Decimal{12345, 3}.rescaled(2).mantissa == 1235);
  CHECK(Decimal{-12345, 3}.rescaled(2).mantissa == -1235);
  CHECK(Decimal{12344, 3}.rescaled(2).mantissa == 1234);
  CHECK(Decimal{-12344, 3}.rescaled(2).mantissa == -1234);
  CHECK(Decimal{149, 2}.rescaled(0).mantissa == 1);
  CHECK(Decimal{150, 2}.rescaled(0).mantissa == 2);
  CHECK(Decimal{-150, 2}.rescaled(0).mantissa == -2);
  CHECK(Decimal{5, 1}.rescaled(3).mantissa == 500);
  CHECK(Decimal{5, 1}.rescaled(3).scale == 3);
  CHECK(Decimal{5, 1}.rescaled(1).mantissa == 5);
}

TEST_CASE("Decimal arithmetic aligns scales exactly") {
  CHECK((Decimal{110, 2} + Decimal{22, 1}).to_string() == "3.30");
  CHECK((Decimal{1, 1} + Decimal{2, 1}) == Decimal{3, 1});
  CHECK((Decimal{1000, 2} - Decimal{1, 3}).to_string() == "9.999");
  CHECK((Decimal{500, 2} - Decimal{750, 2}).to_string() == "-2.50");
  CHECK((-Decimal{500, 2}).to_string() == "-5.00");
  CHECK(Decimal{-500, 2}.abs().to_string() == "5.00");
  CHECK(Decimal{0, 3}.is_zero());
  CHECK_FALSE(Decimal{1, 3}.is_zero());
  CHECK(Decimal{-1, 3}.is_negative());
  CHECK_FALSE(Decimal{0, 0}.is_negative());
}

TEST_CASE("Decimal comparison is by value, not representation") {
  CHECK(Decimal{5, 0} == Decimal{500, 2});
  CHECK(Decimal{50, 1} == Decimal{5000, 3});
  CHECK_FALSE(Decimal{501, 2} == Decimal{5, 0});
  CHECK(Decimal{499, 2} < Decimal{5, 0});
  CHECK(Decimal{-1, 0} < Decimal{1, 3});
  CHECK(Decimal{1001, 3} > Decimal{100, 2});
  CHECK((Decimal{12, 1} <=> Decimal{120, 2}) == std::strong_ordering::equal);
}

TEST_CASE("Decimal::approx is the value as a double") {
  CHECK(Decimal{2316, 2}.approx() == doctest::Approx(23.16));
  CHECK(Decimal{-5, 3}.approx() == doctest::Approx(-0.005));
  CHECK(Decimal{42, 0}.approx() == 42.0);
}
