#include "receiptocr/pdf.hpp"

#include <fmt/format.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>

#include "receiptocr/error.hpp"
#include "receiptocr/text.hpp"

namespace receiptocr {

static void drop_poppler_message(const std::string&, void*) {}

void quiet_poppler() { poppler::set_debug_error_function(drop_poppler_message, nullptr); }

PdfDocument::PdfDocument(std::unique_ptr<poppler::document> doc) : doc_(std::move(doc)) {}
PdfDocument::~PdfDocument() = default;

std::unique_ptr<PdfDocument> PdfDocument::open(std::string_view bytes) {
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) throw DocumentError("too_large", "PDF over 2 GiB");
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) {
    // poppler returns null both for garbage and for encryption it cannot open without a
    // password; tell them apart by the trailer's /Encrypt entry.
    if (bytes.find("/Encrypt") != std::string_view::npos)
      throw DocumentError("encrypted", "PDF is encrypted (password required)");
    throw DocumentError("corrupt", "cannot parse PDF (truncated or corrupt)");
  }
  if (doc->is_locked()) throw DocumentError("encrypted", "PDF is encrypted (password required)");
  if (doc->pages() <= 0) throw DocumentError("corrupt", "PDF has no pages");
  return std::unique_ptr<PdfDocument>(new PdfDocument(std::move(doc)));
}

int PdfDocument::page_count() const { return doc_->pages(); }

std::pair<double, double> PdfDocument::page_size(int index) const {
  std::unique_ptr<poppler::page> page(doc_->create_page(index));
  if (!page) return {0, 0};
  poppler::rectf r = page->page_rect(poppler::media_box);
  double w = r.width(), h = r.height();
  if (page->orientation() == poppler::page::landscape || page->orientation() == poppler::page::seascape)
    std::swap(w, h);
  return {w, h};
}

std::vector<Line> group_words_into_lines(std::vector<Word> words, int page_number) {
  std::stable_sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return a.box.top + a.box.bottom < b.box.top + b.box.bottom;
  });
  std::vector<Line> lines;
  // Membership is decided by the band of the word that started the line, not by the line's
  // growing box: one tall word must not widen the band until it swallows the next line.
  std::vector<std::pair<int, int>> bands;
  for (Word& w : words) {
    int centre2 = w.box.top + w.box.bottom;
    Line* target = nullptr;
    // Only the most recent lines can take the word (sorted by centre).
    for (size_t k = lines.size(); k-- > 0 && k + 3 >= lines.size();) {
      if (centre2 >= 2 * bands[k].first && centre2 <= 2 * bands[k].second) {
        target = &lines[k];
        break;
      }
    }
    if (!target) {
      lines.emplace_back();
      bands.emplace_back(w.box.top, w.box.bottom);
      target = &lines.back();
      target->page = page_number;
      target->box = w.box;
    } else {
      target->box = target->box.united(w.box);
    }
    target->words.push_back(std::move(w));
  }
  for (Line& l : lines)
    std::stable_sort(l.words.begin(), l.words.end(), [](const Word& a, const Word& b) { return a.box.left < b.box.left; });
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.box.top < b.box.top; });
  return lines;
}

std::vector<Line> PdfDocument::text_lines(int index, int page_number) const {
  std::unique_ptr<poppler::page> page(doc_->create_page(index));
  if (!page) return {};
  std::vector<Word> words;
  for (const poppler::text_box& tb : page->text_list()) {
    poppler::byte_array utf8 = tb.text().to_utf8();
    std::string text = sanitize_utf8(std::string(utf8.begin(), utf8.end()));
    text = trim(text);
    if (text.empty()) continue;
    poppler::rectf r = tb.bbox();
    Word w;
    w.text = text;
    w.box = {static_cast<int>(std::floor(r.left())), static_cast<int>(std::floor(r.top())),
             static_cast<int>(std::ceil(r.right())), static_cast<int>(std::ceil(r.bottom()))};
    w.confidence = 1.0;
    words.push_back(std::move(w));
  }
  return group_words_into_lines(std::move(words), page_number);
}

PixPtr PdfDocument::render(int index, int dpi, std::uint64_t max_pixels) const {
  std::unique_ptr<poppler::page> page(doc_->create_page(index));
  if (!page) throw DocumentError("corrupt", fmt::format("cannot read page {}", index + 1));
  auto [w_pt, h_pt] = page_size(index);
  double w_px = w_pt * dpi / 72.0, h_px = h_pt * dpi / 72.0;
  if (!(w_px > 0 && h_px > 0)) throw DocumentError("corrupt", fmt::format("page {} has no size", index + 1));
  if (w_px * h_px > static_cast<double>(max_pixels))
    throw DocumentError("too_large", fmt::format("page {} would be {:.0f}x{:.0f} pixels at {} dpi, over the limit of {} (--max-pixels)",
                                                 index + 1, w_px, h_px, dpi, max_pixels));
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_gray8);
  poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid()) throw DocumentError("corrupt", fmt::format("cannot render page {}", index + 1));
  return pix_from_gray8(reinterpret_cast<const unsigned char*>(image.const_data()), image.width(), image.height(),
                        image.bytes_per_row());
}

}  // namespace receiptocr
