// Fuzz target: truth files of `eval` (X.truth.json) and the `--min FIELD=RATIO` bars.
// parse_truth may only fail with std::runtime_error; a parsed truth has no empty field lists,
// and every accepted value scores as correct against itself when it is a valid value of its
// field (an amount, a currency; text and dates always).
#include <cstdint>
#include <stdexcept>
#include <string>

#include "fuzz_support.hpp"
#include "receiptocr/amount.hpp"
#include "receiptocr/currency.hpp"
#include "receiptocr/evaluation.hpp"

using namespace receiptocr;
using receiptocr::fuzz::shown;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  Truth truth;
  try {
    truth = parse_truth(text);
  } catch (const std::runtime_error& e) {
    FUZZ_CHECK(std::string(e.what()).find('\n') == std::string::npos, "reason spans lines: " + shown(e.what()));
    truth = Truth{};
  }
  for (const auto& [name, accepted] : truth.fields) {
    FUZZ_CHECK(!accepted.empty(), name + " in " + shown(text));
    std::string field = extractor_field_for(name);
    FUZZ_CHECK(!field.empty(), name);
    for (const std::string& value : accepted) {
      FieldScore score = score_field(name, accepted, value);
      FUZZ_CHECK(score.similarity >= 0 && score.similarity <= 1, name + " = " + shown(value));
      bool amount = name == "total" || name == "subtotal" || name == "tax" || name == "tip";
      bool valid = amount               ? parse_amount(value).has_value()
                   : name == "currency" ? parse_currency(value).has_value()
                                        : true;
      FUZZ_CHECK(!valid || score.correct, name + " = " + shown(value) + " does not match itself");
      FieldScore missing = score_field(name, accepted, std::nullopt);
      FUZZ_CHECK(!missing.correct && missing.similarity == 0, name);
    }
  }

  // The same bytes as a --min bar.
  try {
    auto [field, ratio] = parse_min_bar(text);
    FUZZ_CHECK(!field.empty() && ratio >= 0 && ratio <= 1, shown(text));
  } catch (const std::runtime_error&) {
  }
  return 0;
}
