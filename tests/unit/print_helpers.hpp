#pragma once
// Lets doctest print the values the unit tests compare most, so a failing CHECK shows
// {"2018-12-25", "2019-01-05"} instead of {?}.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

namespace doctest {

template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& values) {
    std::string out = "{";
    for (size_t i = 0; i < values.size(); ++i) out += (i ? ", \"" : "\"") + values[i] + "\"";
    return (out + "}").c_str();
  }
};

template <>
struct StringMaker<std::optional<std::string>> {
  static String convert(const std::optional<std::string>& value) {
    return value ? ("\"" + *value + "\"").c_str() : "nullopt";
  }
};

}  // namespace doctest
