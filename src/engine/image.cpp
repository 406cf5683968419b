#include "receiptocr/image.hpp"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <map>
#include <optional>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <fmt/format.h>
#include <vector>

#include "receiptocr/error.hpp"

namespace receiptocr {

void PixDeleter::operator()(Pix* pix) const {
  if (pix) pixDestroy(&pix);
}

static void drop_message(const char*) {}

void quiet_leptonica() {
  setMsgSeverity(L_SEVERITY_NONE);
  leptSetStderrHandler(drop_message);
}

int pix_width(const Pix* pix) { return static_cast<int>(pixGetWidth(const_cast<Pix*>(pix))); }
int pix_height(const Pix* pix) { return static_cast<int>(pixGetHeight(const_cast<Pix*>(pix))); }

int pix_resolution(const Pix* pix) { return static_cast<int>(pixGetXRes(const_cast<Pix*>(pix))); }

int count_image_pages(std::string_view bytes, InputFormat format) {
  if (format != InputFormat::tiff) return 1;
  FILE* fp = fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "rb");
  if (!fp) throw DocumentError("corrupt", "cannot read TIFF header");
  l_int32 n = 0;
  l_ok rc = tiffGetCount(fp, &n);
  fclose(fp);
  if (rc != 0 || n <= 0) throw DocumentError("corrupt", "cannot read TIFF directory (truncated or corrupt)");
  return n;
}

PixPtr decode_image_page(std::string_view bytes, InputFormat format, int index, std::uint64_t max_pixels) {
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  l_int32 w = 0, h = 0, bps = 0, spp = 0, iscmap = 0, fmt_code = 0;
  if (format == InputFormat::tiff) {
    l_int32 res = 1;
    if (readHeaderMemTiff(data, bytes.size(), index, &w, &h, &bps, &spp, &res, &iscmap, &fmt_code) != 0)
      throw DocumentError("corrupt", fmt::format("cannot read TIFF page {} header", index + 1));
  } else if (pixReadHeaderMem(data, bytes.size(), &fmt_code, &w, &h, &bps, &spp, &iscmap) != 0) {
    throw DocumentError("corrupt", fmt::format("cannot read {} header (truncated or corrupt)", to_string(format)));
  }
  if (w <= 0 || h <= 0) throw DocumentError("corrupt", "image has no pixels");
  std::uint64_t pixels = static_cast<std::uint64_t>(w) * static_cast<std::uint64_t>(h);
  if (pixels > max_pixels)
    throw DocumentError("too_large", fmt::format("page is {}x{} pixels, over the limit of {} (--max-pixels)", w, h, max_pixels));
  Pix* pix = format == InputFormat::tiff ? pixReadMemTiff(data, bytes.size(), index) : pixReadMem(data, bytes.size());
  if (!pix) throw DocumentError("corrupt", fmt::format("cannot decode {} image (truncated or corrupt)", to_string(format)));
  PixPtr out(pix);
  // A decoder that read less than the header promised (truncated JPEG) still returns an
  // image; Leptonica fills the rest. Accept it: the OCR confidence will tell.
  return out;
}

Perturbation parse_perturbation(std::string_view spec) {
  Perturbation p;
  std::string text(spec);
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    start = end + 1;
    if (item.empty()) {
      if (end == text.size()) break;
      throw std::invalid_argument("empty item in the list");
    }
    size_t eq = item.find('=');
    if (eq == std::string::npos) throw std::invalid_argument(fmt::format("'{}' is not KEY=VALUE", item));
    std::string key = item.substr(0, eq), value = item.substr(eq + 1);
    char* rest = nullptr;
    double v = std::strtod(value.c_str(), &rest);
    if (value.empty() || !rest || *rest != '\0' || !std::isfinite(v))
      throw std::invalid_argument(fmt::format("{}: '{}' is not a number", key, value));
    if (key == "scale") {
      if (v < 0.25 || v > 4) throw std::invalid_argument(fmt::format("scale {} is outside 0.25..4", value));
      p.scale = v;
    } else if (key == "rotate") {
      if (v < -10 || v > 10) throw std::invalid_argument(fmt::format("rotate {} is outside -10..10 degrees", value));
      p.rotate_degrees = v;
    } else if (key == "jpeg") {
      if (v < 1 || v > 100 || v != std::floor(v)) throw std::invalid_argument(fmt::format("jpeg {} is not a quality 1..100", value));
      p.jpeg_quality = static_cast<int>(v);
    } else {
      throw std::invalid_argument(fmt::format("unknown key '{}' (scale, rotate, jpeg)", key));
    }
    if (end == text.size()) break;
  }
  return p;
}

std::string describe_perturbation(const Perturbation& p) {
  std::vector<std::string> parts;
  if (p.scale != 1.0) parts.push_back(fmt::format("scale={:g}", p.scale));
  if (p.rotate_degrees != 0.0) parts.push_back(fmt::format("rotate={:g}", p.rotate_degrees));
  if (p.jpeg_quality > 0) parts.push_back(fmt::format("jpeg={}", p.jpeg_quality));
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ",") + part;
  return out;
}

std::optional<std::string> perturb_image(std::string_view bytes, InputFormat format, const Perturbation& p,
                                         std::uint64_t max_pixels) {
  if (format == InputFormat::pdf || format == InputFormat::unknown || !p.active()) return std::nullopt;
  if (count_image_pages(bytes, format) != 1) return std::nullopt;
  PixPtr pix = decode_image_page(bytes, format, 0, max_pixels);
  if (pixGetColormap(pix.get())) pix.reset(pixRemoveColormap(pix.get(), REMOVE_CMAP_BASED_ON_SRC));
  // JPEG holds 8 bpp grey or 32 bpp colour; PNG anything, but keep one path for both.
  if (pix && pixGetDepth(pix.get()) != 8 && pixGetDepth(pix.get()) != 32) pix.reset(pixConvertTo32(pix.get()));
  if (!pix) throw DocumentError("corrupt", "cannot convert the image for --perturb");
  int resolution = pixGetXRes(pix.get());
  if (p.scale != 1.0) {
    PixPtr scaled(pixScale(pix.get(), static_cast<float>(p.scale), static_cast<float>(p.scale)));
    if (!scaled) throw std::bad_alloc();
    pix = std::move(scaled);
    // The same paper at another resolution.
    if (resolution > 0) pixSetResolution(pix.get(), std::lround(resolution * p.scale), std::lround(resolution * p.scale));
  }
  if (p.rotate_degrees != 0.0) {
    PixPtr rotated(pixRotate(pix.get(), static_cast<float>(p.rotate_degrees * M_PI / 180.0), L_ROTATE_AREA_MAP,
                             L_BRING_IN_WHITE, 0, 0));
    if (!rotated) throw std::bad_alloc();
    pix = std::move(rotated);
  }
  l_uint8* data = nullptr;
  size_t size = 0;
  l_ok rc = p.jpeg_quality > 0 ? pixWriteMemJpeg(&data, &size, pix.get(), p.jpeg_quality, 0)
                               : pixWriteMemPng(&data, &size, pix.get(), 0.0f);
  if (rc != 0 || !data) {
    if (data) lept_free(data);
    throw DocumentError("corrupt", "cannot encode the perturbed image");
  }
  std::string out(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return out;
}

namespace {

// Median height of glyph-sized connected components of a binarised copy, or 0.
// `components` and `glyphs` (when given) receive how many connected components it saw and how
// many of them were glyph-sized.
int estimate_text_height(Pix* gray, int* components = nullptr, int* glyphs = nullptr) {
  PixPtr binary(pixConvertTo1(gray, 128));
  if (!binary) return 0;
  // Work on at most ~2000 px tall images for speed: reduce by 2 when larger, scale back.
  int factor = 1;
  while (pixGetHeight(binary.get()) / factor > 2400) factor *= 2;
  PixPtr reduced;
  Pix* work = binary.get();
  if (factor > 1) {
    reduced.reset(pixScaleToGray(binary.get(), 1.0f / static_cast<float>(factor)));
    if (!reduced) return 0;
    PixPtr rebin(pixConvertTo1(reduced.get(), 160));
    reduced = std::move(rebin);
    work = reduced.get();
  }
  Boxa* boxes = pixConnComp(work, nullptr, 8);
  if (!boxes) return 0;
  std::vector<int> heights;
  l_int32 n = boxaGetCount(boxes);
  if (components) *components = static_cast<int>(n);
  for (l_int32 i = 0; i < n; ++i) {
    l_int32 x, y, bw, bh;
    boxaGetBoxGeometry(boxes, i, &x, &y, &bw, &bh);
    // Glyphs: taller than a speck, not a rule line or a picture.
    if (bh >= 4 && bh <= 200 && bw <= bh * 3 && bw >= 2) heights.push_back(bh * factor);
  }
  boxaDestroy(&boxes);
  if (glyphs) *glyphs = static_cast<int>(heights.size());
  if (heights.size() < 20) return 0;
  std::sort(heights.begin(), heights.end());
  return heights[heights.size() / 2];
}

}  // namespace

int remove_ruled_lines(Pix* gray, int text_height) {
  if (!gray || pixGetDepth(gray) != 8 || text_height < 6) return 0;
  PixPtr binary(pixConvertTo1(gray, 128));
  if (!binary) return 0;
  Boxa* boxes = pixConnComp(binary.get(), nullptr, 8);
  if (!boxes) return 0;
  struct Comp {
    int x, y, w, h;
    int middle() const { return y + h / 2; }
  };
  std::vector<Comp> flat, other;
  l_int32 n = boxaGetCount(boxes);
  int flat_max = std::max(2, text_height / 3);
  int speck = std::max(3, text_height / 4);
  for (l_int32 i = 0; i < n; ++i) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
    if (h <= flat_max && w >= 2 * h && w >= 3) flat.push_back({x, y, w, h});
    else if (h >= speck) other.push_back({x, y, w, h});
  }
  boxaDestroy(&boxes);
  // A page of speckle has no rules worth finding, and would cost time for nothing.
  if (flat.size() > 100000 || other.size() > 200000) return 0;
  std::sort(flat.begin(), flat.end(), [](const Comp& a, const Comp& b) { return a.x < b.x; });
  // Chains left to right: a component joins the chain whose last member ends at most three
  // text heights before it, at about the same height (a third of the text height). Chains
  // still open are indexed by their last member's middle; one left more than three text heights
  // behind is closed for good (the components come in order of x).
  int reach = 3 * text_height, tolerance = std::max(2, text_height / 3);
  std::vector<std::vector<Comp>> chains;
  std::multimap<int, size_t> open;  // last member's middle -> chain
  for (const Comp& c : flat) {
    auto best = open.end();
    for (auto it = open.lower_bound(c.middle() - tolerance); it != open.end() && it->first <= c.middle() + tolerance;) {
      const Comp& last = chains[it->second].back();
      int gap = c.x - (last.x + last.w);
      if (gap > reach) {
        it = open.erase(it);
        continue;
      }
      // The chain reaching furthest right; of equals, the oldest.
      if (gap >= -2) {
        if (best == open.end()) {
          best = it;
        } else {
          const Comp& b = chains[best->second].back();
          if (b.x + b.w < last.x + last.w || (b.x + b.w == last.x + last.w && it->second < best->second)) best = it;
        }
      }
      ++it;
    }
    size_t index = chains.size();
    if (best != open.end()) {
      index = best->second;
      open.erase(best);
      chains[index].push_back(c);
    } else {
      chains.push_back({c});
    }
    open.emplace(c.middle(), index);
  }
  // Components of a glyph's height, by cells of four text heights, for the test below.
  int cell = 4 * text_height;
  int page_width = static_cast<int>(pixGetWidth(gray));
  int columns = page_width / cell + 1, rows = static_cast<int>(pixGetHeight(gray)) / cell + 1;
  std::vector<std::vector<size_t>> cells(static_cast<size_t>(columns) * static_cast<size_t>(rows));
  for (size_t k = 0; k < other.size(); ++k) {
    const Comp& o = other[k];
    for (int cy = o.y / cell; cy <= std::min(rows - 1, (o.y + o.h) / cell); ++cy)
      for (int cx = o.x / cell; cx <= std::min(columns - 1, (o.x + o.w) / cell); ++cx)
        cells[static_cast<size_t>(cy) * static_cast<size_t>(columns) + static_cast<size_t>(cx)].push_back(k);
  }
  int erased = 0;
  for (const auto& chain : chains) {
    int left = chain.front().x, right = chain.back().x + chain.back().w, ink = 0;
    for (const Comp& c : chain) ink += c.w;
    int span = right - left;
    bool dashes = chain.size() >= 6 && ink >= span / 7;
    bool bar = chain.size() <= 2 && ink >= span * 9 / 10;
    if (span < page_width * 3 / 10 || !(dashes || bar)) continue;
    // Nothing of the text's size beside any of its parts (a row of text with dashes in it).
    bool alone = std::none_of(chain.begin(), chain.end(), [&](const Comp& c) {
      int x0 = c.x - text_height, x1 = c.x + c.w + text_height;
      int y0 = c.y - text_height / 4, y1 = c.y + c.h + text_height / 4;
      for (int cy = std::max(0, y0 / cell); cy <= std::min(rows - 1, y1 / cell); ++cy)
        for (int cx = std::max(0, x0 / cell); cx <= std::min(columns - 1, x1 / cell); ++cx)
          for (size_t k : cells[static_cast<size_t>(cy) * static_cast<size_t>(columns) + static_cast<size_t>(cx)]) {
            const Comp& o = other[k];
            if (o.x < x1 && o.x + o.w > x0 && o.y < y1 && o.y + o.h > y0) return true;
          }
      return false;
    });
    if (!alone) continue;
    for (const Comp& c : chain) {
      Box* b = boxCreate(std::max(0, c.x - 1), std::max(0, c.y - 1), c.w + 2, c.h + 2);
      pixSetInRect(gray, b);
      boxDestroy(&b);
    }
    ++erased;
  }
  return erased;
}

PixPtr preprocess(const Pix* source, const PreprocessOptions& options, PreprocessReport* report) {
  PreprocessReport local;
  PreprocessReport& r = report ? *report : local;
  Pix* src = const_cast<Pix*>(source);
  PixPtr current(pixClone(src));
  // Colour maps and alpha confuse later steps: always go to plain 8/32 bpp first.
  if (pixGetColormap(current.get())) current.reset(pixRemoveColormap(current.get(), REMOVE_CMAP_BASED_ON_SRC));
  if (options.grayscale || options.normalize_resolution || options.deskew || options.binarize) {
    if (pixGetDepth(current.get()) != 8) {
      PixPtr gray(pixConvertTo8(current.get(), 0));
      if (gray) current = std::move(gray);
    }
  }
  if (options.normalize_resolution && pixGetDepth(current.get()) == 8) {
    int height = estimate_text_height(current.get(), &r.components, &r.glyphs);
    r.text_height = height;
    double scale = normalisation_scale(height, options);
    if (scale != 1.0) {
      PixPtr scaled(pixScale(current.get(), static_cast<float>(scale), static_cast<float>(scale)));
      if (scaled) {
        current = std::move(scaled);
        r.scale = scale;
      }
    }
  }
  if (options.deskew && pixGetDepth(current.get()) == 8) {
    PixPtr binary(pixConvertTo1(current.get(), 128));
    l_float32 angle = 0, conf = 0;
    if (binary && pixFindSkew(binary.get(), &angle, &conf) == 0 && conf > 2.5 && std::fabs(angle) > 0.3 &&
        std::fabs(angle) < 15) {
      PixPtr rotated(pixRotate(current.get(), static_cast<float>(angle * M_PI / 180.0), L_ROTATE_AREA_MAP,
                               L_BRING_IN_WHITE, 0, 0));
      if (rotated) {
        current = std::move(rotated);
        r.skew_degrees = std::round(angle * 100) / 100;
      }
    }
  }
  // A ruled line is read as a line of its own or merges into the text line next to it
  // (whitened: SROIE totals 136 -> 138, the other fields within one document either way, CPU
  // unchanged; docs/accuracy.md).
  if (options.remove_lines && pixGetDepth(current.get()) == 8) {
    if (r.text_height <= 0 && !options.normalize_resolution)
      r.text_height = estimate_text_height(current.get(), &r.components, &r.glyphs);
    // Only this function's own copy is painted, never the caller's image.
    if (pixGetRefcount(current.get()) > 1) current.reset(pixCopy(nullptr, current.get()));
    if (r.text_height > 0)
      remove_ruled_lines(current.get(), static_cast<int>(std::lround(r.text_height * r.scale)));
  }
  if (options.binarize && pixGetDepth(current.get()) == 8) {
    Pix* binary = nullptr;
    if (pixSauvolaBinarize(current.get(), 25, 0.35f, 1, nullptr, nullptr, nullptr, &binary) == 0 && binary)
      current.reset(binary);
  }
  return current;
}

bool speckled(int components, int glyphs) { return components > 20000 && glyphs * 100 < components; }

double normalisation_scale(int text_height, const PreprocessOptions& options) {
  if (!options.normalize_resolution || text_height <= 0) return 1.0;
  double scale = static_cast<double>(options.target_text_height) / text_height;
  scale = std::clamp(scale, options.max_downscale, options.max_upscale);
  // Small corrections are not worth the resampling blur.
  return (scale > 1.25 && options.upscale) || scale < 0.8 ? scale : 1.0;
}

double orientation_probe_scale(double text_height) {
  if (text_height <= 0) return 1.0;
  double scale = std::clamp(kOrientationProbeTextHeight / text_height, 0.25, 3.0);
  return scale > 1.25 || scale < 0.8 ? scale : 1.0;
}

PixPtr scale_pix(const Pix* pix, double factor) {
  if (factor == 1.0) return PixPtr(pixClone(const_cast<Pix*>(pix)));
  return PixPtr(pixScale(const_cast<Pix*>(pix), static_cast<float>(factor), static_cast<float>(factor)));
}

PixPtr rotate_orthogonal(const Pix* source, int degrees) {
  int quads = ((degrees / 90) % 4 + 4) % 4;
  if (quads == 0) return PixPtr(pixClone(const_cast<Pix*>(source)));
  return PixPtr(pixRotateOrth(const_cast<Pix*>(source), quads));
}

std::shared_ptr<Pix> share_pix(const Pix* pix) {
  return std::shared_ptr<Pix>(pixClone(const_cast<Pix*>(pix)), PixDeleter());
}

PixPtr crop_and_scale(const Pix* pix, int left, int top, int right, int bottom, double factor) {
  int w = pix_width(pix), h = pix_height(pix);
  left = std::clamp(left, 0, w), right = std::clamp(right, 0, w);
  top = std::clamp(top, 0, h), bottom = std::clamp(bottom, 0, h);
  if (right - left < 4 || bottom - top < 4) return nullptr;
  Box* box = boxCreate(left, top, right - left, bottom - top);
  PixPtr cropped(pixClipRectangle(const_cast<Pix*>(pix), box, nullptr));
  boxDestroy(&box);
  if (!cropped) return nullptr;
  if (std::fabs(factor - 1.0) < 0.05) return cropped;
  return PixPtr(pixScale(cropped.get(), static_cast<float>(factor), static_cast<float>(factor)));
}

PixPtr word_strip(const Pix* pix, const std::vector<BoundingBox>& boxes, int margin, double factor) {
  int w = pix_width(pix), h = pix_height(pix);
  std::vector<BoundingBox> parts;
  for (const BoundingBox& b : boxes) {
    BoundingBox c{std::clamp(b.left - margin, 0, w), std::clamp(b.top - margin, 0, h), std::clamp(b.right + margin, 0, w),
                  std::clamp(b.bottom + margin, 0, h)};
    if (!c.empty()) parts.push_back(c);
  }
  if (parts.empty()) return nullptr;
  // The slant: least-squares line through the boxes' centres.
  double n = static_cast<double>(parts.size()), sx = 0, sy = 0, sxx = 0, sxy = 0;
  std::vector<int> heights;
  for (const BoundingBox& c : parts) {
    double x = (c.left + c.right) / 2.0, y = (c.top + c.bottom) / 2.0;
    sx += x, sy += y, sxx += x * x, sxy += x * y;
    heights.push_back(c.height());
  }
  double denominator = n * sxx - sx * sx;
  double slope = parts.size() > 1 && std::fabs(denominator) > 1e-9 ? (n * sxy - sx * sy) / denominator : 0.0;
  double intercept = (sy - slope * sx) / n;
  std::sort(heights.begin(), heights.end());
  int gap = std::max(4, heights[heights.size() / 2] / 2);
  // Each part's top relative to the line through the centres at its own centre.
  std::vector<int> offsets;
  int lowest_offset = 0, canvas_height = 1, canvas_width = gap;
  for (const BoundingBox& c : parts) {
    double centre = intercept + slope * (c.left + c.right) / 2.0;
    int offset = static_cast<int>(std::lround(c.top - centre));
    offsets.push_back(offset);
    lowest_offset = std::min(lowest_offset, offset);
    canvas_width += c.width() + gap;
  }
  for (size_t i = 0; i < parts.size(); ++i)
    canvas_height = std::max(canvas_height, offsets[i] - lowest_offset + parts[i].height());
  canvas_height += 2 * gap;
  PixPtr canvas(pixCreate(canvas_width, canvas_height, 8));
  if (!canvas) return nullptr;
  pixSetAll(canvas.get());
  int x = gap;
  for (size_t i = 0; i < parts.size(); ++i) {
    const BoundingBox& c = parts[i];
    // Each word cut out and made 8-bit gray on its own: no copy of the whole page.
    Box* box = boxCreate(c.left, c.top, c.width(), c.height());
    PixPtr piece(pixClipRectangle(const_cast<Pix*>(pix), box, nullptr));
    boxDestroy(&box);
    if (!piece) return nullptr;
    PixPtr gray(pixConvertTo8(piece.get(), 0));
    if (!gray) return nullptr;
    pixRasterop(canvas.get(), x, gap + offsets[i] - lowest_offset, c.width(), c.height(), PIX_SRC, gray.get(), 0, 0);
    x += c.width() + gap;
  }
  if (std::fabs(factor - 1.0) < 0.05) return canvas;
  return PixPtr(pixScale(canvas.get(), static_cast<float>(factor), static_cast<float>(factor)));
}

namespace {

// A letter of the word OCR boxed at `box`: its columns [a, z] and rows [t, d] in
// `gray`, a crop of the page around the box (enlarged when the print is small), where ink is
// darker than `threshold`.
struct Glyph {
  PixPtr gray;
  int threshold = 0;
  int a = 0, z = 0, t = 0, d = 0;
  bool ink(int x, int y) const {
    return static_cast<int>(GET_DATA_BYTE(pixGetData(gray.get()) + y * pixGetWpl(gray.get()), x)) < threshold;
  }
};

// The first or last letter of the word OCR boxed at `box`. Null when unsure: no contrast, too
// small, touching letters (wider than tall), or cut by the crop's edge. Marks beside the letter
// lower than 60% of the box (a full stop, a comma, a quotation mark) are skipped, and so are up
// to `marks` bare strokes of a letter's height (brackets).
std::optional<Glyph> edge_glyph(const Pix* pix, const BoundingBox& box, int marks, bool last) {
  int h = box.height();
  if (box.empty() || h < 10) return std::nullopt;
  // OCR's box often stops inside a word's edge letter: look a little past it.
  int margin = std::max(2, h / 6);
  int left = std::max(0, last ? box.left : box.left - h / 2), top = std::max(0, box.top - margin);
  int right = std::min(pix_width(pix), last ? box.right + h / 2 : box.right);
  int bottom = std::min(pix_height(pix), box.bottom + margin);
  if (right - left < 4 || bottom - top < 4) return std::nullopt;
  Box* b = boxCreate(left, top, right - left, bottom - top);
  PixPtr crop(pixClipRectangle(const_cast<Pix*>(pix), b, nullptr));
  boxDestroy(&b);
  if (!crop) return std::nullopt;
  Glyph g;
  g.gray = PixPtr(pixConvertTo8(crop.get(), 0));
  if (!g.gray) return std::nullopt;
  // Small print is looked at enlarged: the bars of a letter 12 px tall are a pixel thick.
  double factor = h < 24 ? 24.0 / h : 1.0;
  if (factor > 1.0) {
    g.gray = PixPtr(pixScale(g.gray.get(), static_cast<float>(factor), static_cast<float>(factor)));
    if (!g.gray) return std::nullopt;
    h = static_cast<int>(std::lround(h * factor));
  }
  int w = pix_width(g.gray.get()), ht = pix_height(g.gray.get());
  l_uint32* data = pixGetData(g.gray.get());
  int wpl = pixGetWpl(g.gray.get());
  int lo = 255, hi = 0;
  for (int y = 0; y < ht; ++y)
    for (int x = 0; x < w; ++x) {
      int v = static_cast<int>(GET_DATA_BYTE(data + y * wpl, x));
      lo = std::min(lo, v), hi = std::max(hi, v);
    }
  if (hi - lo < 64) return std::nullopt;  // no contrast: nothing printed
  g.threshold = (lo + hi) / 2;
  // Runs of columns with ink: the glyphs (or groups of touching glyphs).
  std::vector<std::pair<int, int>> runs;
  for (int x = 0; x < w; ++x) {
    bool any = false;
    for (int y = 0; y < ht && !any; ++y) any = g.ink(x, y);
    if (any && (runs.empty() || runs.back().second != x - 1)) runs.push_back({x, x});
    else if (any) runs.back().second = x;
  }
  if (!last) std::reverse(runs.begin(), runs.end());
  int box_right = static_cast<int>(std::lround((box.right - left) * factor));
  int box_left = static_cast<int>(std::lround((box.left - left) * factor));
  // The word's edge letter: the last run starting inside OCR's box (the first ending inside
  // it) that is a letter's height, and not cut by the edge of the crop.
  for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
    auto [a, z] = *it;
    if (last ? a >= box_right : z < box_left) continue;  // the next word, the word before
    int t = ht, d = -1;
    for (int x = a; x <= z; ++x)
      for (int y = 0; y < ht; ++y)
        if (g.ink(x, y)) t = std::min(t, y), d = std::max(d, y);
    int gh = d - t + 1, gw = z - a + 1;
    if (gh * 10 < h * 6) continue;  // punctuation beside the letter
    if (marks > 0 && gw * 5 < gh) {  // a bracket: a bare stroke (OCR's box may stop before it)
      --marks;
      continue;
    }
    if ((last ? z >= w - 1 : a == 0) || t == 0 || d == ht - 1 || gh < 16 || gw > gh) return std::nullopt;
    g.a = a, g.z = z, g.t = t, g.d = d;
    return g;
  }
  return std::nullopt;
}

// A capital I with serifs: a narrow letter with a bar on top and one at the bottom, joined by
// a stem in the middle.
bool serif_i_shape(const Glyph& g) {
  int a = g.a, z = g.z, t = g.t, d = g.d;
  int gh = d - t + 1, gw = z - a + 1;
  if (gw * 5 < gh) return false;  // a bare stroke: no serifs to see
  // An I is a narrow letter: its bars are serifs, not a T's top bar across a letter's width
  // (the serif I's read as T on SROIE are 0.24-0.35 of their height wide; the T's of photos
  // that passed the bar tests, 0.40-0.78).
  if (gw * 10 >= gh * 4) return false;
  // Horizontal extent of the ink in a band of rows.
  auto extent = [&](int y0, int y1, int* centre) {
    int first = z + 1, last = -1;
    for (int y = y0; y <= y1; ++y)
      for (int x = a; x <= z; ++x)
        if (g.ink(x, y)) first = std::min(first, x), last = std::max(last, x);
    if (centre) *centre = (first + last) / 2;
    return last < first ? 0 : last - first + 1;
  };
  int band = std::max(1, gh / 8);
  int centre = 0;
  int stem = extent(t + gh / 3, t + 2 * gh / 3, &centre);
  // Each bar across more than half the letter and at least twice as wide as the stem (a T's
  // foot is the stem itself).
  auto bar = [&](int y0, int y1) {
    int e = extent(y0, y1, nullptr);
    return e * 20 >= gw * 11 && e >= 2 * stem;
  };
  bool top_bar = bar(t, t + band - 1), bottom_bar = bar(d - band + 1, d);
  // Where the stem's middle pixel's centre lies across the letter, in tenths (pixel centres).
  int offset = (centre - a) * 10 + 5;
  bool centred_stem = stem > 0 && stem * 2 <= gw && offset >= gw * 3 && offset <= gw * 7;
  return top_bar && bottom_bar && centred_stem;
}

}  // namespace

bool word_ends_in_serif_i(const Pix* pix, const BoundingBox& box, int closers) {
  std::optional<Glyph> g = edge_glyph(pix, box, closers, true);
  return g && serif_i_shape(*g);
}

bool word_starts_with_serif_i(const Pix* pix, const BoundingBox& box, int openers) {
  std::optional<Glyph> g = edge_glyph(pix, box, openers, false);
  return g && serif_i_shape(*g);
}

PixPtr pix_from_gray8(const unsigned char* data, int width, int height, int bytes_per_row) {
  Pix* pix = pixCreate(width, height, 8);
  if (!pix) return nullptr;
  for (int y = 0; y < height; ++y) {
    const unsigned char* row = data + static_cast<size_t>(y) * static_cast<size_t>(bytes_per_row);
    l_uint32* line = pixGetData(pix) + static_cast<size_t>(y) * pixGetWpl(pix);
    for (int x = 0; x < width; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  return PixPtr(pix);
}

}  // namespace receiptocr
