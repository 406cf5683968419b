#include <doctest/doctest.h>
#include <leptonica/allheaders.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "receiptocr/error.hpp"
#include "receiptocr/image.hpp"
#include "receiptocr/input.hpp"

using namespace receiptocr;

TEST_CASE("normalisation_scale: the factor that brings the text to the target height") {
  PreprocessOptions first;  // target 30, downscale only
  CHECK(normalisation_scale(60, first) == doctest::Approx(0.5));
  CHECK(normalisation_scale(45, first) == doctest::Approx(30.0 / 45));
  // Small corrections are not worth the blur; upscaling is off in the first reading.
  CHECK(normalisation_scale(36, first) == 1.0);
  CHECK(normalisation_scale(12, first) == 1.0);
  // Unknown height, or normalisation off.
  CHECK(normalisation_scale(0, first) == 1.0);
  PreprocessOptions off;
  off.normalize_resolution = false;
  CHECK(normalisation_scale(60, off) == 1.0);
  // Limits.
  CHECK(normalisation_scale(300, first) == doctest::Approx(0.33));

  PreprocessOptions second = first;  // the second reading: upscale to 30, at most 2x
  second.upscale = true;
  second.max_upscale = 2.0;
  CHECK(normalisation_scale(20, second) == doctest::Approx(1.5));
  CHECK(normalisation_scale(8, second) == doctest::Approx(2.0));
  CHECK(normalisation_scale(26, second) == 1.0);  // 1.15: too small a change
  CHECK(normalisation_scale(60, second) == doctest::Approx(0.5));
}

TEST_CASE("preprocess applies normalisation_scale") {
  // Dark 40-pixel-tall glyph-like blocks on white: the estimate sees ~40 px text.
  Pix* pix = pixCreate(600, 400, 8);
  pixSetAllArbitrary(pix, 255);
  for (int row = 0; row < 4; ++row)
    for (int col = 0; col < 12; ++col) {
      Box* b = boxCreate(20 + col * 45, 30 + row * 90, 25, 40);
      pixSetInRectArbitrary(pix, b, 0);
      boxDestroy(&b);
    }
  PreprocessOptions options;
  options.deskew = false;
  PreprocessReport report;
  PixPtr out = preprocess(pix, options, &report);
  REQUIRE(report.text_height > 0);
  CHECK(report.scale == doctest::Approx(normalisation_scale(report.text_height, options)));
  CHECK(pix_width(out.get()) == static_cast<int>(600 * report.scale + 0.5));
  pixDestroy(&pix);
}

TEST_CASE("scale_pix: a shared reference at 1, a resized copy otherwise") {
  Pix* pix = pixCreate(100, 50, 8);
  PixPtr same = scale_pix(pix, 1.0);
  CHECK(same.get() == pix);  // pixClone: the same image, one more reference
  PixPtr twice = scale_pix(pix, 2.0);
  CHECK(pix_width(twice.get()) == 200);
  CHECK(pix_height(twice.get()) == 100);
  same.reset();
  pixDestroy(&pix);
}

TEST_CASE("orientation_probe_scale: glyphs about 20 px tall for the orientation detector") {
  CHECK(orientation_probe_scale(0) == 1.0);       // height unknown: as it is
  CHECK(orientation_probe_scale(8) == doctest::Approx(2.5));   // small print: enlarged
  CHECK(orientation_probe_scale(5) == doctest::Approx(3.0));   // at most 3x (9x the pixels)
  CHECK(orientation_probe_scale(20) == 1.0);
  CHECK(orientation_probe_scale(24) == 1.0);      // close enough: no resampling
  CHECK(orientation_probe_scale(17) == 1.0);
  CHECK(orientation_probe_scale(15) == doctest::Approx(20.0 / 15));
  CHECK(orientation_probe_scale(40) == doctest::Approx(0.5));  // large print: reduced
  CHECK(orientation_probe_scale(200) == doctest::Approx(0.25));
}

TEST_CASE("word_strip: a slanted line's words set straight in a row, without the lines around them") {
  // Two 20x10 "words" on a line that climbs 20 px, and a third line's ink between them.
  Pix* page = pixCreate(200, 100, 8);
  pixSetAll(page);  // white
  auto ink = [&](int left, int top, int width, int height) {
    pixRasterop(page, left, top, width, height, PIX_CLR, nullptr, 0, 0);  // black
  };
  ink(10, 50, 20, 10);
  ink(110, 30, 20, 10);
  ink(60, 5, 30, 10);  // the line above
  std::vector<BoundingBox> words{{10, 50, 30, 60}, {110, 30, 130, 40}};
  PixPtr strip = word_strip(page, words, 2, 1.0);
  REQUIRE(strip);
  // Gap: half the median height (14 / 2 = 7, at least 4) before, between and after the words.
  CHECK(pix_width(strip.get()) == 7 + 24 + 7 + 24 + 7);
  // Straightened: both words at the same height, so one word's height plus a gap above and below.
  CHECK(pix_height(strip.get()) == 14 + 2 * 7);
  // Both words' ink is in, the other line's is not.
  l_int32 black = 0;
  PixPtr binary(pixThresholdToBinary(strip.get(), 128));
  pixCountPixels(binary.get(), &black, nullptr);
  CHECK(black == 2 * 20 * 10);
  // Scaled, and nothing to cut.
  PixPtr twice = word_strip(page, words, 2, 2.0);
  CHECK(pix_width(twice.get()) == 2 * pix_width(strip.get()));
  CHECK_FALSE(word_strip(page, {{300, 300, 320, 310}}, 2, 1.0));
  pixDestroy(&page);
}

namespace {

// A line of block letters 30 px tall and 12 px wide, 6 px apart, drawn from x = 10 at y = 20:
// 'I' a serif I 10 px wide (bars on top and at the bottom, a stem in the middle), 'W' the same
// 12 px wide (a photo's T with a foot as wide as its top bar), 'T' (top bar and stem),
// 'L' (stem at the left and foot), 'H', ',' (a comma: a short mark on the baseline), 'i' (a
// narrow serif I, 7 px wide: bars two pixels past each side of its stem; 'k' the same with the
// stem a pixel left of the middle, as print rounds it) and ')' or '(' (a bracket: a bare
// stroke 3 px wide and 34 px tall).
Pix* draw_word(const std::string& letters, int* right = nullptr) {
  Pix* page = pixCreate(200, 70, 8);
  pixSetAll(page);
  auto ink = [&](int left, int top, int width, int height) { pixRasterop(page, left, top, width, height, PIX_CLR, nullptr, 0, 0); };
  int x = 10;
  for (char c : letters) {
    if (c == ',' || c == ')' || c == '(') {
      if (c == ',') ink(x, 44, 3, 8);
      else ink(x, 18, 3, 34);
      x += 3 + 6;
      continue;
    }
    if (c == 'i' || c == 'k') {
      ink(x, 20, 7, 3), ink(x + (c == 'i' ? 2 : 1), 20, 3, 30), ink(x, 47, 7, 3);
      x += 7 + 6;
      continue;
    }
    if (c == 'I') {
      ink(x, 20, 10, 3), ink(x + 3, 20, 3, 30), ink(x, 47, 10, 3);
      x += 10 + 6;
      continue;
    }
    if (c == 'W') ink(x, 20, 12, 3), ink(x + 5, 20, 3, 30), ink(x, 47, 12, 3);
    if (c == 'T') ink(x, 20, 12, 3), ink(x + 5, 20, 3, 30);
    if (c == 'L') ink(x, 20, 3, 30), ink(x, 47, 12, 3);
    if (c == 'H') ink(x, 20, 3, 30), ink(x + 9, 20, 3, 30), ink(x, 34, 12, 3);
    x += 12 + 6;
  }
  if (right) *right = x - 6;
  return page;
}

}  // namespace

TEST_CASE("word_ends_in_serif_i: a capital I with bars on top and at the bottom, not a T or an L") {
  auto check = [](const std::string& letters, int box_right_offset = 0, int closers = 0) {
    int right = 0;
    Pix* page = draw_word(letters, &right);
    bool found = word_ends_in_serif_i(page, BoundingBox{10, 20, right + box_right_offset, 50}, closers);
    pixDestroy(&page);
    return found;
  };
  CHECK(check("HHI"));
  CHECK_FALSE(check("HHT"));
  CHECK_FALSE(check("HHL"));
  CHECK_FALSE(check("HHH"));
  // An I is narrow: the same bars across a letter 0.4 of its height wide make no I.
  CHECK_FALSE(check("HHW"));
  // OCR's box stopping inside the last letter, and a comma after it.
  CHECK(check("HHI", -6));
  CHECK(check("HHI,"));
  CHECK_FALSE(check("HHT,"));
  // A narrow serif I (bars 7 px wide on a 30 px letter) is still an I.
  CHECK(check("HHi"));
  CHECK(check("HHk"));
  // A closing bracket after the letter ("(KUCHAI)"), inside OCR's box or past it: skipped
  // when the word's text ends in one; a bracket is no I either way.
  CHECK(check("HHI)", 0, 1));
  CHECK(check("HHI)", -(3 + 6), 1));
  CHECK_FALSE(check("HHI)"));
  CHECK_FALSE(check("HHT)", 0, 1));
  CHECK_FALSE(check("HH)", 0, 0));
  // The next word's first letter just past the box is not this word's last.
  CHECK_FALSE(check("HHT I", -(12 + 6) * 2 + 6));
  // Too small to tell, or an empty box.
  Pix* page = draw_word("HHI");
  CHECK_FALSE(word_ends_in_serif_i(page, BoundingBox{10, 20, 60, 27}));
  CHECK_FALSE(word_ends_in_serif_i(page, BoundingBox{}));
  pixDestroy(&page);
  // Blank paper.
  Pix* blank = pixCreate(200, 70, 8);
  pixSetAll(blank);
  CHECK_FALSE(word_ends_in_serif_i(blank, BoundingBox{10, 20, 60, 50}));
  pixDestroy(&blank);
}

TEST_CASE("word_starts_with_serif_i: the same test on a word's first letter") {
  auto check = [](const std::string& letters, int box_left_offset = 0, int openers = 0) {
    int right = 0;
    Pix* page = draw_word(letters, &right);
    bool found = word_starts_with_serif_i(page, BoundingBox{10 + box_left_offset, 20, right, 50}, openers);
    pixDestroy(&page);
    return found;
  };
  CHECK(check("IHH"));
  CHECK_FALSE(check("THH"));
  CHECK_FALSE(check("LHH"));
  CHECK_FALSE(check("HHH"));
  CHECK_FALSE(check("WHH"));  // too wide for an I
  CHECK(check("iHH"));
  // OCR's box starting inside the first letter.
  CHECK(check("IHH", 4));
  // An opening bracket before it, when the word's text starts with one.
  CHECK(check("(IHH", 0, 1));
  CHECK_FALSE(check("(IHH"));
  CHECK_FALSE(check("(THH", 0, 1));
  // The word before's last letter, just left of the box, is not this word's first.
  CHECK_FALSE(check("I HH", 16));
  Pix* page = draw_word("IHH");
  CHECK_FALSE(word_starts_with_serif_i(page, BoundingBox{10, 20, 60, 27}));
  CHECK_FALSE(word_starts_with_serif_i(page, BoundingBox{}));
  pixDestroy(&page);
}

namespace {

// A 400 x 230 page with 20 px glyphs (12 px wide blocks): two rows of text, a sloping row of
// dashes, a solid bar, dashes around a word ("-----TOTAL-----") and a short row of dashes.
Pix* draw_ruled_page() {
  Pix* page = pixCreate(400, 230, 8);
  pixSetAll(page);
  auto ink = [&](int left, int top, int width, int height) { pixRasterop(page, left, top, width, height, PIX_CLR, nullptr, 0, 0); };
  for (int col = 0; col < 14; ++col) {
    ink(20 + col * 18, 10, 12, 20);
    ink(20 + col * 18, 40, 12, 20);
  }
  for (int k = 0; k < 20; ++k) ink(20 + k * 15, 75 + k / 5, 10, 3);  // curled: drops 1 px every 5 dashes
  ink(50, 105, 300, 4);
  for (int k = 0; k < 18; ++k) ink(20 + k * 15 + (k >= 9 ? 45 : 0), 148, 10, 3);
  ink(160, 140, 12, 20);  // the word between the dashes
  ink(176, 140, 12, 20);
  for (int k = 0; k < 4; ++k) ink(20 + k * 15, 195, 10, 3);
  return page;
}

bool dark(Pix* pix, int x, int y) {
  l_uint32 v = 255;
  pixGetPixel(pix, x, y, &v);
  return v < 128;
}

}  // namespace

TEST_CASE("remove_ruled_lines: rows of dashes and bars across the page, not dashes beside words") {
  Pix* page = draw_ruled_page();
  CHECK(remove_ruled_lines(page, 20) == 2);
  for (int k = 0; k < 20; ++k) CHECK_FALSE(dark(page, 25 + k * 15, 76 + k / 5));  // the sloping dashes
  CHECK_FALSE(dark(page, 200, 106));                                               // the bar
  CHECK(dark(page, 25, 20));                                                       // text stays
  CHECK(dark(page, 25, 149));   // dashes beside a word stay
  CHECK(dark(page, 325, 149));  // on both sides
  CHECK(dark(page, 165, 150));  // and the word
  CHECK(dark(page, 25, 196));   // a rule under 30% of the page width stays
  CHECK(remove_ruled_lines(page, 20) == 0);  // nothing left to remove
  // Glyphs too small to tell a rule from text: nothing is touched.
  Pix* tiny = draw_ruled_page();
  CHECK(remove_ruled_lines(tiny, 5) == 0);
  CHECK(dark(tiny, 200, 106));
  pixDestroy(&tiny);
  pixDestroy(&page);
}

TEST_CASE("preprocess removes ruled lines from its own copy, unless told not to") {
  Pix* page = draw_ruled_page();
  PreprocessOptions options;
  options.deskew = false;
  PreprocessReport report;
  PixPtr out = preprocess(page, options, &report);
  CHECK(report.text_height == 20);
  CHECK_FALSE(dark(out.get(), 200, 106));
  CHECK(dark(page, 200, 106));  // the caller's image is left alone
  options.remove_lines = false;
  PixPtr kept = preprocess(page, options, nullptr);
  CHECK(dark(kept.get(), 200, 106));
  pixDestroy(&page);
}

TEST_CASE("parse_perturbation: scale, rotate and jpeg, checked") {
  Perturbation p = parse_perturbation("jpeg=90,scale=0.9");
  CHECK(p.jpeg_quality == 90);
  CHECK(p.scale == doctest::Approx(0.9));
  CHECK(p.rotate_degrees == 0.0);
  CHECK(p.active());
  CHECK(describe_perturbation(p) == "scale=0.9,jpeg=90");
  CHECK(describe_perturbation(parse_perturbation("rotate=-0.5")) == "rotate=-0.5");
  CHECK_FALSE(parse_perturbation("").active());
  CHECK(describe_perturbation(parse_perturbation("")) == "");
  CHECK_FALSE(parse_perturbation("scale=1").active());
  auto reason = [](const char* spec) {
    try {
      parse_perturbation(spec);
      return std::string("<accepted>");
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
  };
  CHECK(reason("blur=2") == "unknown key 'blur' (scale, rotate, jpeg)");
  CHECK(reason("jpeg") == "'jpeg' is not KEY=VALUE");
  CHECK(reason("jpeg=0") == "jpeg 0 is not a quality 1..100");
  CHECK(reason("jpeg=85.5") == "jpeg 85.5 is not a quality 1..100");
  CHECK(reason("scale=5") == "scale 5 is outside 0.25..4");
  CHECK(reason("scale=0.9x") == "scale: '0.9x' is not a number");
  CHECK(reason("rotate=11") == "rotate 11 is outside -10..10 degrees");
  CHECK(reason("jpeg=90,,scale=2") == "empty item in the list");
}

TEST_CASE("perturb_image: the same picture, changed a little, in a file the pipeline reads") {
  Pix* pix = pixCreate(200, 100, 8);
  pixSetAllArbitrary(pix, 255);
  Box* b = boxCreate(50, 30, 100, 40);
  pixSetInRectArbitrary(pix, b, 0);
  boxDestroy(&b);
  pixSetResolution(pix, 200, 200);
  l_uint8* data = nullptr;
  size_t size = 0;
  REQUIRE(pixWriteMemPng(&data, &size, pix, 0.0f) == 0);
  std::string png(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  pixDestroy(&pix);

  auto decoded = [](const std::string& bytes) { return decode_image_page(bytes, detect_format(bytes), 0, 1u << 30); };
  std::optional<std::string> out = perturb_image(png, InputFormat::png, parse_perturbation("scale=0.5,jpeg=80"), 1u << 30);
  REQUIRE(out);
  CHECK(detect_format(*out) == InputFormat::jpeg);
  PixPtr half = decoded(*out);
  CHECK(pix_width(half.get()) == 100);
  CHECK(pix_height(half.get()) == 50);
  CHECK(pix_resolution(half.get()) == 100);  // the same paper scanned at half the resolution
  // Lossless without a JPEG quality; a turn brings white in at the corners.
  out = perturb_image(png, InputFormat::png, parse_perturbation("rotate=3"), 1u << 30);
  REQUIRE(out);
  CHECK(detect_format(*out) == InputFormat::png);
  PixPtr turned = decoded(*out);
  l_uint32 corner = 0;
  pixGetPixel(turned.get(), 0, 0, &corner);
  CHECK(corner == 255);
  // Deterministic: the same bytes every time.
  CHECK(perturb_image(png, InputFormat::png, parse_perturbation("rotate=3"), 1u << 30) == out);
  // PDFs and inactive perturbations are left alone; a too-large image is refused as on reading.
  CHECK_FALSE(perturb_image("%PDF-1.4", InputFormat::pdf, parse_perturbation("jpeg=90"), 1u << 30));
  CHECK_FALSE(perturb_image(png, InputFormat::png, Perturbation{}, 1u << 30));
  CHECK_THROWS_AS(perturb_image(png, InputFormat::png, parse_perturbation("jpeg=90"), 100), DocumentError);
}
