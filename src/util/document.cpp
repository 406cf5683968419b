#include "receiptocr/document.hpp"

#include <algorithm>

#include "receiptocr/text.hpp"

namespace receiptocr {

BoundingBox BoundingBox::united(const BoundingBox& other) const {
  if (other.empty()) return *this;
  if (empty()) return other;
  return {std::min(left, other.left), std::min(top, other.top), std::max(right, other.right),
          std::max(bottom, other.bottom)};
}

std::string Line::text() const {
  std::string out;
  for (const Word& w : words) {
    if (!out.empty()) out += ' ';
    out += w.text;
  }
  return out;
}

double Line::confidence() const {
  double sum = 0, weight = 0;
  for (const Word& w : words) {
    sum += w.confidence * static_cast<double>(w.text.size());
    weight += static_cast<double>(w.text.size());
  }
  return weight > 0 ? sum / weight : 1.0;
}

std::vector<size_t> Line::word_offsets() const {
  std::vector<size_t> offsets;
  size_t pos = 0;
  for (const Word& w : words) {
    offsets.push_back(pos);
    pos += w.text.size() + 1;
  }
  return offsets;
}

size_t Line::word_at(size_t offset) const {
  auto offsets = word_offsets();
  for (size_t i = 0; i < words.size(); ++i)
    if (offset >= offsets[i] && offset < offsets[i] + words[i].text.size()) return i;
  return words.size();
}

BoundingBox Line::box_of(size_t begin, size_t end) const {
  BoundingBox box;
  auto offsets = word_offsets();
  for (size_t i = 0; i < words.size(); ++i) {
    size_t wb = offsets[i], we = wb + words[i].text.size();
    if (wb < end && begin < we) box = box.united(words[i].box);
  }
  return box;
}

double Line::confidence_of(size_t begin, size_t end) const {
  auto offsets = word_offsets();
  double sum = 0;
  int n = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    size_t wb = offsets[i], we = wb + words[i].text.size();
    if (wb < end && begin < we) sum += words[i].confidence, ++n;
  }
  return n ? sum / n : confidence();
}

double Line::min_confidence_of(size_t begin, size_t end) const {
  auto offsets = word_offsets();
  double lowest = 1.0;
  for (size_t i = 0; i < words.size(); ++i) {
    size_t wb = offsets[i], we = wb + words[i].text.size();
    if (wb < end && begin < we) lowest = std::min(lowest, words[i].confidence);
  }
  return lowest;
}

double DocumentText::mean_word_confidence() const {
  double sum = 0;
  int words = 0;
  for (const Line& l : lines)
    for (const Word& w : l.words) sum += w.confidence, ++words;
  return words ? sum / words : 0;
}

std::string DocumentText::plain_text() const {
  std::string out;
  int page = lines.empty() ? 1 : lines.front().page;
  for (const Line& l : lines) {
    if (l.page != page) {
      out += '\f';
      page = l.page;
    }
    out += l.text();
    out += '\n';
  }
  return out;
}

int confident_word_count(const std::vector<Line>& lines) {
  int count = 0;
  for (const Line& l : lines)
    for (const Word& w : l.words)
      if (w.confidence >= 0.9 && count_letters(w.text) + count_digits(w.text) >= 3) ++count;
  return count;
}

std::vector<Line> lines_from_text(std::string_view text, int page) {
  std::vector<Line> lines;
  for (const std::string& raw : split(text, '\n')) {
    std::string collapsed = collapse_spaces(raw);
    if (collapsed.empty()) continue;
    Line line;
    line.page = page;
    for (const std::string& w : split(collapsed, ' ')) line.words.push_back(Word{w, {}, 1.0});
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace receiptocr
