#include <doctest/doctest.h>
#include <leptonica/allheaders.h>

#include <cstdlib>

#include "receiptocr/fast_png.hpp"

using namespace receiptocr;

namespace {

// A compressible 8-bit image: horizontal bands.
Pix* banded_image() {
  Pix* pix = pixCreate(300, 120, 8);
  for (int y = 0; y < 120; ++y)
    for (int x = 0; x < 300; ++x) pixSetPixel(pix, x, y, (y / 10) % 2 ? 30 : 220);
  return pix;
}

size_t png_size(Pix* pix, Pix** decoded) {
  l_uint8* data = nullptr;
  size_t size = 0;
  REQUIRE(pixWriteMem(&data, &size, pix, IFF_PNG) == 0);
  *decoded = pixReadMem(data, size);
  lept_free(data);
  return size;
}

}  // namespace

TEST_CASE("libraries get this program's pixWriteMem") {
  // The dynamic linker must bind libtesseract's pixWriteMem calls to fast_png.cpp.
  CHECK(fast_png_interposed());
}

TEST_CASE("inside a FastPngScope PNGs are stored, with the same pixels") {
  Pix* pix = banded_image();
  Pix* normal = nullptr;
  Pix* stored = nullptr;
  size_t normal_size = png_size(pix, &normal);
  size_t stored_size = 0;
  {
    FastPngScope scope;
    stored_size = png_size(pix, &stored);
  }
  Pix* after = nullptr;
  size_t after_size = png_size(pix, &after);
  // Deflated, the bands take a few hundred bytes; stored, at least one byte per pixel.
  CHECK(normal_size < 2000);
  CHECK(stored_size >= 300u * 120u);
  CHECK(after_size == normal_size);  // the scope ended: compressed again
  l_int32 same = 0;
  REQUIRE(stored);
  REQUIRE(normal);
  pixEqual(pix, stored, &same);
  CHECK(same == 1);
  pixEqual(pix, normal, &same);
  CHECK(same == 1);
  CHECK(pix->special == 0);  // the caller's image is left as it was
  pixDestroy(&after);
  pixDestroy(&stored);
  pixDestroy(&normal);
  pixDestroy(&pix);
}

TEST_CASE("other formats go to Leptonica unchanged") {
  Pix* pix = banded_image();
  l_uint8* data = nullptr;
  size_t size = 0;
  {
    FastPngScope scope;
    REQUIRE(pixWriteMem(&data, &size, pix, IFF_PNM) == 0);
  }
  // A short "P5" header and one byte per pixel.
  CHECK(size > 300u * 120u);
  CHECK(size < 300u * 120u + 200u);
  REQUIRE(data);
  CHECK(data[0] == 'P');
  CHECK(data[1] == '5');
  lept_free(data);
  pixDestroy(&pix);
}
