#pragma once
// Raster images: decoding with Leptonica and the preprocessing steps before OCR.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "receiptocr/document.hpp"
#include "receiptocr/input.hpp"

struct Pix;

namespace receiptocr {

struct PixDeleter {
  void operator()(Pix* pix) const;
};
// Owning pointer to a Leptonica image.
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Silences Leptonica's messages on stderr (they would interleave with ours). Call once.
void quiet_leptonica();

// Number of pages (frames) in an image file: TIFF pages, 1 for other formats.
// Throws DocumentError("corrupt") when the header cannot be read.
int count_image_pages(std::string_view bytes, InputFormat format);

// Decodes page `index` (0-based) of an image file to a Pix. Dimensions are read from the
// header first and pages over `max_pixels` are refused with DocumentError("too_large")
// before any decoding. Throws DocumentError("corrupt") on undecodable data.
PixPtr decode_image_page(std::string_view bytes, InputFormat format, int index, std::uint64_t max_pixels);

// A small, deterministic change to an image before it is read: the robustness check of
// `eval --perturb`. A scanner at another resolution, a phone that compresses harder or a page
// fed a little askew should not change what is extracted; a rule that only works on the exact
// pixels of the labelled files will not hold on the next scanner's.
struct Perturbation {
  double scale = 1.0;           // resample by this factor (0.25..4)
  double rotate_degrees = 0.0;  // turn by this many degrees (-10..10), white brought in
  int jpeg_quality = 0;         // re-encode as JPEG at this quality (1..100); 0: lossless PNG
  bool active() const { return scale != 1.0 || rotate_degrees != 0.0 || jpeg_quality > 0; }
};

// Parses a comma-separated list of `scale=F`, `rotate=DEG` and `jpeg=Q` ("jpeg=90,scale=0.9").
// Throws std::invalid_argument with a one-line reason on an unknown key, a value that is not a
// number, or one out of range.
Perturbation parse_perturbation(std::string_view spec);

// The perturbation in the form parse_perturbation() reads, keys in a fixed order ("" when
// inactive).
std::string describe_perturbation(const Perturbation& p);

// The image file `bytes` with `p` applied: decoded, scaled, rotated, and encoded again (JPEG at
// p.jpeg_quality, else PNG). std::nullopt for what it does not change: PDFs (their text
// layers are not pixels) and multi-page TIFFs. Throws DocumentError as decode_image_page() does.
std::optional<std::string> perturb_image(std::string_view bytes, InputFormat format, const Perturbation& p,
                                         std::uint64_t max_pixels);

struct PreprocessOptions {
  bool grayscale = true;
  bool normalize_resolution = true;
  bool deskew = true;
  bool remove_lines = true;        // whiten ruled lines (rows of dashes, bars) before OCR
  bool binarize = false;           // Tesseract binarises internally (Otsu); Sauvola here when on
  int target_text_height = 30;     // pixels: the median glyph height we scale to
  // false: only text taller than the target is scaled (down). Upscaling small print costs
  // up to 9x the pixels; the pipeline does it in the second reading, where it pays.
  bool upscale = false;
  double max_upscale = 3.0;
  double max_downscale = 0.33;
};

struct PreprocessReport {
  double scale = 1.0;
  double skew_degrees = 0.0;
  int text_height = 0;  // estimated median glyph height before scaling (0 = unknown)
  int components = 0;   // connected components seen by that estimate (0: not estimated)
  int glyphs = 0;       // of them, glyph-sized ones
};

// True for a page of speckle rather than print: more than 20000 connected components, under 1%
// of them glyph-sized (the scans and photos of the datasets: at most 50000, at least 1.5%
// glyphs). Tesseract's page layout analysis takes minutes on such a page where it takes a
// second on a receipt, so the pipeline does not read it a second time.
bool speckled(int components, int glyphs);

// Whitens, in an 8 bpp image whose glyphs are about `text_height` px tall, the ruled lines
// printed across receipts: rows of dashes or equals signs and solid bars ("-------", "=====",
// "_____"). A rule is a chain of components at most a third of the text height tall and at
// least twice as wide as high, each within three text heights of the last and at about its
// height (so a curled page's sloping rule is followed), spanning at least 30% of the page
// width, as six or more dashes or one or two bars, with no component of a glyph's height
// within a text height of any of its parts. Returns how many rules were whitened.
int remove_ruled_lines(Pix* gray, int text_height);

// Applies the enabled steps in order: grayscale, resolution normalisation (scale so the
// median glyph height becomes target_text_height), deskew, binarisation. Never fails:
// a step that cannot run is skipped.
PixPtr preprocess(const Pix* source, const PreprocessOptions& options, PreprocessReport* report);

// The factor resolution normalisation applies to a page whose median glyph height is
// `text_height` pixels: 1 when it is off, the height is unknown, or the change is too small
// to be worth the resampling blur.
double normalisation_scale(int text_height, const PreprocessOptions& options);

// A copy of `pix` scaled by `factor` (a shared reference when the factor is 1).
PixPtr scale_pix(const Pix* pix, double factor);

// Tesseract's orientation detector skips connected components under 10 px tall
// (kMinAcceptableBlobHeight in its osdetect.cpp), which is most of a small-print receipt read
// at its own size, and classifies large print slowly. It gets the page scaled so that the
// median glyph height is about this many pixels (lowercase letters then clear 10 px).
constexpr double kOrientationProbeTextHeight = 20.0;

// The factor for the orientation detector's copy of a page whose median glyph height is
// `text_height` pixels: 1 when unknown or already close, else within [0.25, 3] (at most 9
// times the pixels: the detector's own layout analysis grows with them).
double orientation_probe_scale(double text_height);


// Rotates by a multiple of 90 degrees clockwise.
PixPtr rotate_orthogonal(const Pix* source, int degrees);

// Builds an 8-bit grey Pix from raw rows (for rendered PDF pages).
PixPtr pix_from_gray8(const unsigned char* data, int width, int height, int bytes_per_row);

// A shared reference to the same image (Leptonica reference counting).
std::shared_ptr<Pix> share_pix(const Pix* pix);
// The rectangle of `pix` (clipped to it) scaled by `factor`; nullptr when empty.
PixPtr crop_and_scale(const Pix* pix, int left, int top, int right, int bottom, double factor);
// The words of one line cut out of `pix` (each box grown by `margin`, clipped to the image)
// and set side by side on white, half a word height apart, each moved up or down by the
// line's slant so they sit on one straight line; scaled by `factor`. A slanted or crowded
// line's bounding box also holds parts of the lines above and below it; this strip does not.
// nullptr when no box has an area inside the image.
PixPtr word_strip(const Pix* pix, const std::vector<BoundingBox>& boxes, int margin, double factor);

// True when the last letter of the word OCR boxed at `box` in `pix` has the shape of a capital
// I with serifs: a narrow letter (under 0.4 of its height wide) with a bar on top and one at
// the bottom, each across most of its width, joined by a stem in the middle. Fixed-pitch receipt fonts print I so, and OCR reads it as T at the end
// of a word ("MALURT"); a T has no bottom bar, an L no top bar and its stem at the left. OCR's
// box often stops inside the last letter, so half a height past it is looked at too; a full
// stop or comma after the letter is skipped, and so are `closers` tall marks after it (the
// closing bracket of "(KUCHAI)"). False when unsure (touching letters, too small, cut by the
// image's edge).
bool word_ends_in_serif_i(const Pix* pix, const BoundingBox& box, int closers = 0);
// The same for the word's first letter, which OCR reads as T before capitals ("TKANO" for
// IKANO): half a height before the box is looked at too, a quotation mark before the letter is
// skipped, and so are `openers` tall marks before it (the opening bracket of "(IKEA)").
bool word_starts_with_serif_i(const Pix* pix, const BoundingBox& box, int openers = 0);

int pix_width(const Pix* pix);
int pix_height(const Pix* pix);
// Horizontal resolution recorded in the file (pixels per inch), 0 when unknown.
int pix_resolution(const Pix* pix);

}  // namespace receiptocr
