#pragma once
// Shared helpers for the fuzz targets: turning the fuzzer's bytes into strings and lines, and
// checking invariants. A broken invariant prints what broke and aborts, which libFuzzer (and
// the replay driver) report as a crash with the input that caused it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "receiptocr/document.hpp"
#include "receiptocr/text.hpp"

namespace receiptocr::fuzz {

[[noreturn]] inline void fail(const char* file, int line, const char* condition, const std::string& detail) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s\n  %s\n", file, line, condition, detail.c_str());
  std::fflush(stderr);
  std::abort();
}

// FUZZ_CHECK(condition, detail): `detail` (a std::string) is only built when the check fails.
#define FUZZ_CHECK(condition, detail)                                                     \
  do {                                                                                    \
    if (!(condition)) ::receiptocr::fuzz::fail(__FILE__, __LINE__, #condition, (detail)); \
  } while (0)

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// True when `text` is valid UTF-8 (RFC 3629: no overlong forms, surrogates or code points
// past U+10FFFF). Written independently of sanitize_utf8 so each checks the other.
inline bool is_valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len = 0;
    std::uint32_t code = 0;
    if ((c & 0xE0) == 0xC0)
      len = 2, code = c & 0x1F;
    else if ((c & 0xF0) == 0xE0)
      len = 3, code = c & 0x0F;
    else if ((c & 0xF8) == 0xF0)
      len = 4, code = c & 0x07;
    else
      return false;
    if (i + len > text.size()) return false;
    for (int k = 1; k < len; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    static const std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[len] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

// A printable rendering of `text` for failure messages.
inline std::string shown(std::string_view text) {
  std::string out = "\"";
  for (char ch : text.substr(0, 300)) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\')
      out += '\\', out += ch;
    else if (c >= 0x20 && c < 0x7F)
      out += ch;
    else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
  }
  return out + (text.size() > 300 ? "\"..." : "\"");
}

// OCR-like lines from text: one Line per input line, words split on spaces, each word passed
// through sanitize_utf8 and trimmed as the Tesseract engine does, with boxes laid out on a
// grid (so box arithmetic runs) and a confidence taken from `confidence_seed`.
inline std::vector<Line> ocr_like_lines(std::string_view text, unsigned confidence_seed) {
  std::vector<Line> lines;
  int page = 1;
  int row = 0;
  for (const std::string& raw : split(text, '\n')) {
    // A form feed starts a new page, as in DocumentText::plain_text().
    if (!raw.empty() && raw[0] == '\f') ++page, row = 0;
    Line line;
    line.page = page;
    int left = 10;
    for (const std::string& piece : split(raw, ' ')) {
      std::string word = trim(sanitize_utf8(piece));
      if (word.empty()) continue;
      int width = 8 * static_cast<int>(word.size());
      Word w{word, {left, 20 + 30 * row, left + width, 44 + 30 * row}, 0.3 + 0.07 * ((confidence_seed + left) % 11)};
      left += width + 8;
      line.box = line.box.united(w.box);
      line.words.push_back(std::move(w));
    }
    ++row;
    if (!line.words.empty()) lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace receiptocr::fuzz
