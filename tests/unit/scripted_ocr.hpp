#pragma once
// Building blocks for tests that drive the pipeline (process_bytes) with a scripted OcrEngine:
// canned lines with word boxes and confidences, and a blank in-memory PNG to "read".
#include <doctest/doctest.h>

#include <leptonica/allheaders.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "receiptocr/ocr.hpp"

namespace receiptocr::testing {

// One line of words 20 px tall at `top`, 12 px per character, 10 px apart.
inline Line line_of(std::initializer_list<std::pair<const char*, double>> words, int top) {
  Line l;
  int left = 10;
  for (const auto& [text, confidence] : words) {
    int width = 12 * static_cast<int>(std::string(text).size());
    l.words.push_back({text, {left, top, left + width, top + 20}, confidence});
    left += width + 10;
  }
  l.box = {10, top, left, top + 20};
  return l;
}

inline OcrPage page_of(std::vector<Line> lines) {
  OcrPage p;
  double sum = 0;
  for (const Line& l : lines)
    for (const Word& w : l.words) sum += w.confidence, ++p.words;
  p.mean_confidence = p.words ? sum / p.words : 0;
  p.lines = std::move(lines);
  return p;
}

// `pix` as PNG file bytes; destroys it.
inline std::string png_of(Pix* pix) {
  l_uint8* data = nullptr;
  size_t size = 0;
  REQUIRE(pixWriteMem(&data, &size, pix, IFF_PNG) == 0);
  std::string bytes(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  pixDestroy(&pix);
  return bytes;
}

inline std::string blank_png(int width, int height) {
  Pix* pix = pixCreate(width, height, 8);
  pixSetAllArbitrary(pix, 255);
  return png_of(pix);
}

}  // namespace receiptocr::testing
