// pixWriteMem interposer: see include/receiptocr/fast_png.hpp.
#include "receiptocr/fast_png.hpp"

#include <dlfcn.h>
#include <leptonica/allheaders.h>

namespace receiptocr {
namespace {
thread_local bool store_png = false;
bool fast_png_scope_active() { return store_png; }
}  // namespace

FastPngScope::FastPngScope() : previous_(store_png) { store_png = true; }
FastPngScope::~FastPngScope() { store_png = previous_; }

}  // namespace receiptocr

extern "C" l_ok pixWriteMem(l_uint8** pdata, size_t* psize, PIX* pix, l_int32 format) {
  if (format == IFF_PNG && pix && receiptocr::fast_png_scope_active()) {
    // Leptonica reads the zlib level from pix->special (10 + level, pixSetZlibCompression).
    l_int32 special = pix->special;
    pix->special = 10;  // level 0: stored
    l_ok rc = pixWriteMemPng(pdata, psize, pix, 0.0f);
    pix->special = special;
    return rc;
  }
  using WriteMem = l_ok (*)(l_uint8**, size_t*, PIX*, l_int32);
  static WriteMem leptonica = reinterpret_cast<WriteMem>(dlsym(RTLD_NEXT, "pixWriteMem"));
  if (!leptonica) return 1;  // Leptonica's convention for failure
  return leptonica(pdata, psize, pix, format);
}

namespace receiptocr {
bool fast_png_interposed() {
  return dlsym(RTLD_DEFAULT, "pixWriteMem") == reinterpret_cast<void*>(&::pixWriteMem);
}
}  // namespace receiptocr
