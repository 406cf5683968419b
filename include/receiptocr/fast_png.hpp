#pragma once
// Tesseract 5 keeps the image of every line it recognises as an in-memory PNG
// (ImageData::SetPixInternal calls pixWriteMem(..., IFF_PNG)) and decodes it again at once.
// At zlib's default level that deflate is about 5% of the CPU of reading a receipt, for
// bytes nobody keeps. src/engine/fast_png.cpp defines pixWriteMem in the executable, so the
// dynamic linker binds libtesseract's calls to it (ELF symbol interposition): inside a
// FastPngScope it writes PNG without compression (zlib level 0: the same pixels, no
// deflate); everywhere else, and for every other format, it calls Leptonica's own.

namespace receiptocr {

// While alive, PNGs written by pixWriteMem on this thread are stored uncompressed.
class FastPngScope {
public:
  FastPngScope();
  ~FastPngScope();
  FastPngScope(const FastPngScope&) = delete;
  FastPngScope& operator=(const FastPngScope&) = delete;

private:
  bool previous_;
};

// True when the pixWriteMem the dynamic linker hands to libraries is this program's
// (false in a static or unusual link: then only speed suffers).
bool fast_png_interposed();

}  // namespace receiptocr
