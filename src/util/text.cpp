#include "receiptocr/text.hpp"

#include <algorithm>
#include <cctype>

namespace receiptocr {

std::string to_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string trim(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && is_space(text[b])) ++b;
  while (e > b && is_space(text[e - 1])) --e;
  return std::string(text.substr(b, e - b));
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool pending = false;
  for (char c : text) {
    if (is_space(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      out.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

namespace {

// The capital of a lower-case letter of the Latin-1, Latin Extended-A, Greek and Cyrillic
// blocks; any other code point as it is.
unsigned upper_code_point(unsigned cp) {
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 0x20;
  if (cp == 0xFF) return 0x178;
  if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) return cp & ~1u;
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return (cp % 2 == 0) ? cp - 1 : cp;
  if (cp == 0x3C2) return 0x3A3;
  if (cp >= 0x3B1 && cp <= 0x3CB) return cp - 0x20;
  if (cp >= 0x430 && cp <= 0x44F) return cp - 0x20;
  if (cp >= 0x450 && cp <= 0x45F) return cp - 0x50;
  return cp;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::string alnum_key(std::string_view text) {
  // ASCII letters and digits, plus non-ASCII letters (Latin-1 letters and anything above
  // U+00FF outside the punctuation/symbol blocks U+2000-U+2BFF and U+3000-U+303F).
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      ++i;
      continue;
    }
    size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + len > text.size()) len = 1;
    unsigned cp = 0;
    if (len == 2) cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
    else if (len == 3)
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
    else if (len == 4) cp = 0x10000;
    bool letter = (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && !(cp >= 0x2000 && cp <= 0x2BFF) &&
                   !(cp >= 0x3000 && cp <= 0x303F));
    if (letter) {
      unsigned up = upper_code_point(cp);
      if (up == 0xDF) out += "SS";  // ß, upper-cased as Unicode does
      else if (up != cp) append_utf8(out, up);
      else out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string ascii_fold(std::string_view key) {
  // Latin-1's capitals U+00C0-U+00DE and Latin Extended-A U+0100-U+017F: their base letters.
  static const char* const latin1[] = {"A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
                                       "D", "N", "O", "O", "O", "O", "O", "",   "O", "U", "U", "U", "U", "Y", "TH"};
  static const char* const extended_a[] = {
      "A", "A", "A", "A", "A", "A", "C", "C", "C", "C", "C", "C", "C", "C", "D", "D",
      "D", "D", "E", "E", "E", "E", "E", "E", "E", "E", "E", "E", "G", "G", "G", "G",
      "G", "G", "G", "G", "H", "H", "H", "H", "I", "I", "I", "I", "I", "I", "I", "I",
      "I", "I", "IJ", "IJ", "J", "J", "K", "K", "K", "L", "L", "L", "L", "L", "L", "L",
      "L", "L", "L", "N", "N", "N", "N", "N", "N", "N", "N", "N", "O", "O", "O", "O",
      "O", "O", "OE", "OE", "R", "R", "R", "R", "R", "R", "S", "S", "S", "S", "S", "S",
      "S", "S", "T", "T", "T", "T", "T", "T", "U", "U", "U", "U", "U", "U", "U", "U",
      "U", "U", "U", "U", "W", "W", "Y", "Y", "Y", "Z", "Z", "Z", "Z", "Z", "Z", "S"};
  std::string out;
  size_t i = 0;
  while (i < key.size()) {
    unsigned char c = static_cast<unsigned char>(key[i]);
    if (c < 0x80 || i + 1 >= key.size() || (c >> 5) != 0x6) {
      out += key[i++];
      continue;
    }
    unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(key[i + 1]) & 0x3Fu);
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) out += latin1[cp - 0xC0];
    else if (cp >= 0x100 && cp <= 0x17F) out += extended_a[cp - 0x100];
    else out.append(key.substr(i, 2));
    i += 2;
  }
  return out;
}

double similarity(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return 1.0 - static_cast<double>(prev[b.size()]) / static_cast<double>(std::max(a.size(), b.size()));
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    // Lead bytes C0/C1 and F5..FF never occur in UTF-8 (overlong or past U+10FFFF).
    int len = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >> 4) == 0xE ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    bool ok = len > 0 && i + len <= text.size();
    for (int k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (ok && len > 2) {
      // The second byte's range rules out overlong forms, UTF-16 surrogates and > U+10FFFF
      // (RFC 3629 section 4), which strict decoders such as nlohmann::json's reject.
      auto second = static_cast<unsigned char>(text[i + 1]);
      if (c == 0xE0) ok = second >= 0xA0;
      else if (c == 0xED) ok = second <= 0x9F;
      else if (c == 0xF0) ok = second >= 0x90;
      else if (c == 0xF4) ok = second <= 0x8F;
    }
    if (ok && c < 0x20 && c != '\n' && c != '\t') ok = false;
    if (ok) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string_view regex_subject(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

int count_letters(std::string_view text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](unsigned char c) { return std::isalpha(c); }));
}

int longest_digit_run(std::string_view text) {
  int best = 0;
  int run = 0;
  for (char c : text) {
    run = c >= '0' && c <= '9' ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

int count_digits(std::string_view text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }));
}

std::string replace_word(std::string_view text, std::string_view word, std::string_view replacement) {
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (!letter(text[i])) {
      out += text[i++];
      continue;
    }
    size_t j = i;
    while (j < text.size() && letter(text[j])) ++j;
    std::string_view run = text.substr(i, j - i);
    if (run == word) out += replacement;
    else out += run;
    i = j;
  }
  return out;
}

}  // namespace receiptocr
