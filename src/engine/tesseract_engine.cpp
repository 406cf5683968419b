#include <fmt/format.h>
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/osdetect.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include "receiptocr/error.hpp"
#include "receiptocr/fast_png.hpp"
#include "receiptocr/ocr.hpp"
#include "receiptocr/serial_openmp.hpp"
#include "receiptocr/text.hpp"

namespace receiptocr {
namespace {

// Tesseract's orientation detector (osd.traineddata, the legacy classifier: about 40 MB once
// loaded). Pages that need it are few (those that read badly), so the engines of a process
// share one, loaded on first use, instead of holding one each.
class OrientationDetector {
public:
  explicit OrientationDetector(std::string tessdata_dir) : tessdata_dir_(std::move(tessdata_dir)) {}

  // Clockwise quarter turns (0, 90, 180, 270) that make the page upright, and the detector's
  // confidence; {0, 0} when it cannot tell or osd.traineddata is not installed.
  std::pair<int, double> detect(const Pix* image) {
    std::lock_guard<std::mutex> lock(mutex_);
    // Without osd.traineddata every attempt would load and fail again: try once.
    if (unavailable_) return {0, 0};
    if (!api_) {
      api_ = std::make_unique<tesseract::TessBaseAPI>();
      const char* datapath = tessdata_dir_.empty() ? nullptr : tessdata_dir_.c_str();
      std::vector<std::string> names = {"debug_file"};
      std::vector<std::string> values = {"/dev/null"};
      if (api_->Init(datapath, "osd", tesseract::OEM_TESSERACT_ONLY, nullptr, 0, &names, &values, false) != 0) {
        api_.reset();
        unavailable_ = true;
        return {0, 0};
      }
      api_->SetPageSegMode(tesseract::PSM_OSD_ONLY);
    }
    api_->SetImage(const_cast<Pix*>(image));
    api_->SetSourceResolution(300);
    int degrees = 0;
    float orientation_conf = 0;
    const char* script = nullptr;
    float script_conf = 0;
    bool ok = api_->DetectOrientationScript(&degrees, &orientation_conf, &script, &script_conf);
    api_->Clear();
    if (!ok) return {0, 0};
    // Tesseract reports the rotation of the text; rotating the image by the same angle
    // counter-clockwise makes it upright, i.e. (360 - degrees) clockwise.
    return {(360 - degrees) % 360, orientation_conf};
  }

private:
  std::string tessdata_dir_;
  std::mutex mutex_;
  std::unique_ptr<tesseract::TessBaseAPI> api_;
  bool unavailable_ = false;
};

// The process's detector for a tessdata folder (engines of one process share their settings,
// so in practice there is one).
OrientationDetector& shared_orientation_detector(const std::string& tessdata_dir) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<OrientationDetector>> detectors;
  std::lock_guard<std::mutex> lock(mutex);
  auto& d = detectors[tessdata_dir];
  if (!d) d = std::make_unique<OrientationDetector>(tessdata_dir);
  return *d;
}

// The certainty of the least certain letter or digit of the word at `word` (0 when it has
// none), from the symbols' own confidences. The word's confidence is the least of these and of
// the certainty of the spaces around it.
double least_certain_glyph(const tesseract::ResultIterator& word) {
  tesseract::LTRResultIterator symbol(word);
  double lowest = 2.0;
  do {
    std::unique_ptr<char[]> text(symbol.GetUTF8Text(tesseract::RIL_SYMBOL));
    if (text && std::isalnum(static_cast<unsigned char>(text[0])))
      lowest = std::min(lowest, symbol.Confidence(tesseract::RIL_SYMBOL) / 100.0);
  } while (!symbol.IsAtFinalElement(tesseract::RIL_WORD, tesseract::RIL_SYMBOL) && symbol.Next(tesseract::RIL_SYMBOL));
  return lowest > 1.0 ? 0.0 : std::clamp(lowest, 0.0, 1.0);
}

class TesseractEngine final : public OcrEngine {
public:
  explicit TesseractEngine(const OcrSettings& settings) : settings_(settings) {
    const char* datapath = settings.tessdata_dir.empty() ? nullptr : settings.tessdata_dir.c_str();
    // Tesseract prints "Estimating resolution..." and similar chatter on stderr; send it away.
    std::vector<std::string> names = {"debug_file"};
    std::vector<std::string> values = {"/dev/null"};
    if (api_.Init(datapath, settings.language.c_str(), tesseract::OEM_DEFAULT, nullptr, 0, &names, &values, false) != 0) {
      throw Fatal(ExitCode::missing_dependency,
                  fmt::format("Tesseract cannot load language '{}'{}: install its data (Debian: apt-get install "
                              "tesseract-ocr-{}) or pass --tessdata-dir",
                              settings.language, datapath ? fmt::format(" from {}", datapath) : "",
                              split(settings.language, '+')[0]));
    }
    api_.SetPageSegMode(static_cast<tesseract::PageSegMode>(settings.page_segmentation_mode));
    // Tesseract 5 re-recognises every low-confidence line as inverted (white on black) text;
    // receipts are dark on light, so that doubles the work on exactly the hard lines for
    // nothing (measured: docs/performance.md).
    if (!settings.invert_lines) api_.SetVariable("tessedit_do_invert", "0");
    // Tesseract drops text lines with an x-height under 10 px as noise. Receipts read at
    // their own size have x-heights of 5-8 px (8-12 px glyphs), and upscaling every page
    // to get past that costs up to 9x the pixels (docs/performance.md).
    api_.SetVariable("textord_min_xheight", "4");
    // The dynamic-programming fixed-pitch test only decides how the old classifier would cut
    // words into characters; the LSTM reads whole lines. Without it the fields read on the
    // SROIE and WildReceipt subsets were the same, for 3% less CPU (docs/performance.md).
    api_.SetVariable("textord_disable_pitch_test", "1");
  }

  OcrPage recognize(const Pix* image, int page_number, int dpi, int psm) override {
    OcrPage out;
    api_.SetPageSegMode(static_cast<tesseract::PageSegMode>(psm >= 0 ? psm : settings_.page_segmentation_mode));
    api_.SetImage(const_cast<Pix*>(image));
    api_.SetSourceResolution(dpi > 0 ? dpi : 300);
    tesseract::ETEXT_DESC monitor;
    if (settings_.timeout_ms > 0) monitor.set_deadline_msecs(settings_.timeout_ms);
    FastPngScope fast_png;  // Tesseract's internal line-image PNGs: no deflate
    SerialOpenMpScope serial_openmp;  // one-thread OpenMP regions without libgomp's team setup
    int rc = api_.Recognize(&monitor);
    if (rc != 0) {
      out.timed_out = settings_.timeout_ms > 0 && monitor.deadline_exceeded();
      api_.Clear();
      return out;
    }
    std::unique_ptr<tesseract::ResultIterator> it(api_.GetIterator());
    double conf_sum = 0;
    if (it) {
      Line* current = nullptr;
      do {
        if (it->Empty(tesseract::RIL_WORD)) continue;
        if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) || !current) {
          out.lines.emplace_back();
          current = &out.lines.back();
          current->page = page_number;
          int l, t, r, b;
          if (it->BoundingBox(tesseract::RIL_TEXTLINE, &l, &t, &r, &b)) current->box = {l, t, r, b};
        }
        std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
        if (!text) continue;
        Word w;
        w.text = trim(sanitize_utf8(text.get()));
        if (w.text.empty()) continue;
        int l, t, r, b;
        if (it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b)) w.box = {l, t, r, b};
        w.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0, 0.0, 1.0);
        w.glyph_confidence = least_certain_glyph(*it);
        conf_sum += w.confidence;
        ++out.words;
        current->words.push_back(std::move(w));
      } while (it->Next(tesseract::RIL_WORD));
    }
    std::erase_if(out.lines, [](const Line& l) { return l.words.empty(); });
    out.mean_confidence = out.words ? conf_sum / out.words : 0;
    // Forget everything about this page: the next document must not depend on it.
    api_.Clear();
    api_.ClearAdaptiveClassifier();
    return out;
  }

  std::pair<int, double> detect_orientation(const Pix* image) override {
    return shared_orientation_detector(settings_.tessdata_dir).detect(image);
  }

  std::string version() const override { return fmt::format("tesseract {}", tesseract::TessBaseAPI::Version()); }

private:
  OcrSettings settings_;
  tesseract::TessBaseAPI api_;
};

}  // namespace

std::string tesseract_version() { return fmt::format("tesseract {}", tesseract::TessBaseAPI::Version()); }

std::unique_ptr<OcrEngine> make_tesseract_engine(const OcrSettings& settings) {
  return std::make_unique<TesseractEngine>(settings);
}

}  // namespace receiptocr
