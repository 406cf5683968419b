// Fuzz target: postcodes checked against the state an address names (untrusted OCR text).
// Invariants: only a checked address can be inconsistent; a correction is the address with
// exactly one digit (or a letter read for one) changed to a digit, and is itself consistent.
#include <cctype>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "receiptocr/postcode.hpp"

using namespace receiptocr;
using receiptocr::fuzz::shown;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  PostcodeCheck c = check_postcode(text);
  FUZZ_CHECK(c.checked || c.consistent, shown(text));
  FUZZ_CHECK(c.consistent == c.postcode.empty(), shown(text));
  if (!c.corrected.empty()) {
    FUZZ_CHECK(!c.consistent, shown(text));
    FUZZ_CHECK(c.corrected.size() == text.size(), shown(text));
    int changed = 0;
    for (size_t i = 0; i < text.size(); ++i)
      if (c.corrected[i] != text[i]) {
        ++changed;
        // A digit for a misread digit, or for the letter OCR read it as ("S1100").
        FUZZ_CHECK(std::isdigit(static_cast<unsigned char>(c.corrected[i])) && std::isalnum(static_cast<unsigned char>(text[i])),
                   shown(text));
      }
    FUZZ_CHECK(changed == 1, shown(text));
    PostcodeCheck again = check_postcode(c.corrected);
    FUZZ_CHECK(again.checked && again.consistent, shown(text) + " -> " + shown(c.corrected));
  }
  return 0;
}
