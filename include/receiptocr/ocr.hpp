#pragma once
// OCR behind a small interface, so the pipeline can be tested with canned text and the
// real engine (Tesseract) is tested on real images.
#include <memory>
#include <string>
#include <vector>

#include "receiptocr/document.hpp"

struct Pix;

namespace receiptocr {

struct OcrSettings {
  std::string language = "eng";
  std::string tessdata_dir;  // empty: Tesseract's compiled-in default / TESSDATA_PREFIX
  int page_segmentation_mode = 6;  // 6 = one uniform block: best on receipts (measured)
  int timeout_ms = 0;              // per page; 0 = none
  bool invert_lines = false;       // also try low-confidence lines as white-on-black text
};

// Outcome of recognising one image.
struct OcrPage {
  std::vector<Line> lines;
  double mean_confidence = 0;  // over words, 0..1
  int words = 0;
  bool timed_out = false;
};

class OcrEngine {
public:
  virtual ~OcrEngine() = default;
  // Recognises one page image. `page_number` is stored on the lines. `dpi` is the image's
  // effective resolution (helps the engine size its layout analysis).
  // `psm` overrides the page segmentation mode of the settings for this call (-1: keep).
  virtual OcrPage recognize(const Pix* image, int page_number, int dpi, int psm = -1) = 0;
  // Orientation of the text, in degrees clockwise the image must be rotated to be upright
  // (0, 90, 180, 270), and a confidence; {0, 0} when it cannot tell.
  virtual std::pair<int, double> detect_orientation(const Pix* image) = 0;
  // "tesseract 5.3.0" or similar.
  virtual std::string version() const = 0;
};

// "tesseract 5.3.0": the linked library's version (no engine needed).
std::string tesseract_version();

// Creates a Tesseract engine. Throws Fatal(missing_dependency) when the language data is
// not installed, naming the Debian package to install.
std::unique_ptr<OcrEngine> make_tesseract_engine(const OcrSettings& settings);

}  // namespace receiptocr
