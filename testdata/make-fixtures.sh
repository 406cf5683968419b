#!/usr/bin/env bash
# Rebuilds receiptocr's test fixtures in testdata/ from the receipt texts in testdata/src/.
#
# The generated files are committed, so neither CI nor the tests run this script. Run it after
# editing a text in src/ or this script, then run tests/update-goldens.sh and review the JSON diff.
# Every receipt, shop, address and number in src/ is made up.
#
# Usage: testdata/make-fixtures.sh [--install]
#   --install  apt-get install the tools below when missing (Debian 12, as root)
#
# Needs: text2image (tesseract-ocr-eng's training tools, package tesseract-ocr), DejaVu fonts
# (fonts-dejavu-core), ImageMagick 6 (imagemagick), qpdf, python3. The output is byte-for-byte
# reproducible with the same tool versions (no timestamps are written), so re-running it without
# edits leaves `git status` clean and the goldens' sha256 values valid.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$here/src
fonts=/usr/share/fonts/truetype/dejavu

need=()
command -v text2image >/dev/null || need+=(tesseract-ocr)
[ -f "$fonts/DejaVuSansMono.ttf" ] || need+=(fonts-dejavu-core)
# Not plain `convert`: another program of that name may come first on PATH.
command -v convert-im6.q16 >/dev/null || need+=(imagemagick)
command -v qpdf >/dev/null || need+=(qpdf)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  if [ "${1:-}" = --install ]; then
    apt-get update && apt-get install -y --no-install-recommends "${need[@]}"
  else
    echo "make-fixtures.sh: missing ${need[*]}; install them or re-run with --install" >&2
    exit 1
  fi
fi
im=convert-im6.q16

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# text2image writes a fonts.conf into the current directory; keep it out of testdata/.
cd "$tmp"

# render NAME: src/NAME.txt -> $tmp/NAME.tif, a 1-bit 300 dpi page, 80 mm receipt-paper wide and
# as long as the text (a 10 pt line is about 60 pixels high).
render() {
  local height=$(( $(wc -l < "$src/$1.txt") * 62 + 200 ))
  text2image --text="$src/$1.txt" --outputbase="$tmp/$1" --font='DejaVu Sans Mono' \
    --fonts_dir="$fonts" --ptsize 10 --xsize 1150 --ysize "$height" --margin 60 \
    --char_spacing 0.0 --exposure 0 >/dev/null 2>&1
  # A text too long for one page would silently become a two-page TIFF.
  [ "$(identify-im6.q16 "$tmp/$1.tif" | wc -l)" -eq 1 ] || { echo "$1.txt does not fit one page" >&2; exit 1; }
}
# Shared ImageMagick output options: no timestamps or other metadata, so output is reproducible.
strip=(-strip -define png:exclude-chunks=date,time +set date:create +set date:modify)

# US receipt, clean 1-bit PNG as a flatbed scan would give.
render receipt-us
$im "$tmp/receipt-us.tif" "${strip[@]}" "$here/receipt-us.png"

# European receipt (1.234,56, dd.mm.yyyy, EUR, cash tendered larger than the total), grey JPEG
# with a little blur like a phone photo.
render receipt-eu
$im "$tmp/receipt-eu.tif" -colorspace Gray -depth 8 -blur 0x0.7 "${strip[@]}" -quality 75 "$here/receipt-eu.jpg"

# The US receipt photographed sideways: rotated 90 degrees clockwise.
$im "$tmp/receipt-us.tif" -rotate 90 -colorspace Gray -depth 8 -blur 0x0.7 "${strip[@]}" -quality 75 \
  "$here/receipt-us-rotated90.jpg"

# Small print turned over: the European receipt upside down and the US one a quarter turn
# anticlockwise, both at 40% (glyphs 10-14 px, as in a low-resolution phone photo), where
# Tesseract's orientation detector sees almost nothing at the page's own size.
$im "$tmp/receipt-eu.tif" -rotate 180 -resize 40% -colorspace Gray -depth 8 -blur 0x0.5 "${strip[@]}" -quality 75 \
  "$here/receipt-eu-small-rotated180.jpg"
$im "$tmp/receipt-us.tif" -rotate 270 -resize 40% -colorspace Gray -depth 8 "${strip[@]}" -quality 75 \
  "$here/receipt-us-small-rotated270.jpg"

# Vietnamese cafe receipt in dong: whole-unit amounts in thousands groups (140,800), no
# currency printed. Grey JPEG like receipt-eu.
render receipt-vn
$im "$tmp/receipt-vn.tif" -colorspace Gray -depth 8 -blur 0x0.7 "${strip[@]}" -quality 75 "$here/receipt-vn.jpg"

# UK cafe receipt on two pages (items, then totals) as one multi-page Group 4 TIFF.
render receipt-uk-page1
render receipt-uk-page2
$im "$tmp/receipt-uk-page1.tif" "$tmp/receipt-uk-page2.tif" "${strip[@]}" -compress Group4 "$here/receipt-uk.tif"

# Restaurant receipt with a tip, scanned slightly crooked (1.5 degrees) into a PDF that has no
# text layer: one /DCTDecode JPEG image per page.
render receipt-restaurant
$im "$tmp/receipt-restaurant.tif" -colorspace Gray -depth 8 -background white -rotate 1.5 \
  "${strip[@]}" -quality 75 "$tmp/receipt-restaurant.jpg"
python3 "$src/make_pdf.py" image "$here/receipt-restaurant-scanned.pdf" "$tmp/receipt-restaurant.jpg"

# Hardware store receipt over two PDF pages with a text layer (totals on page 2).
python3 "$src/make_pdf.py" text "$here/receipt-multipage.pdf" "$src/receipt-multipage-1.txt" "$src/receipt-multipage-2.txt"

# Vendor invoice PDF with a text layer: invoice number, dates in words, due date, line items
# with quantity and unit price, subtotal/tax/total.
python3 "$src/make_pdf.py" text "$here/invoice.pdf" "$src/invoice.txt"

# The same invoice encrypted with a user password ("user"): it cannot be opened without one.
# AES-128 rather than 256 because 256-bit keys carry random salts; with --static-id and
# --static-aes-iv (qpdf's testing options; fine here, nothing is secret) AES-128 output is reproducible.
qpdf --static-id --static-aes-iv --encrypt user owner 128 --use-aes=y -- "$here/invoice.pdf" "$here/invoice-encrypted.pdf"

# Receipts and invoices of 24 + 30 countries and 24 + 20 + 20 vendor invoices with text layers,
# labelled for `receiptocr eval` (intl/, intl2/ and inv3/ to inv12/README.md): the texts are in
# src/<set>/, the truth files beside the PDFs.
for set in intl intl2 inv3 inv4 inv5 inv6 inv7 inv8 inv9 inv10 inv11 inv12; do
  for text in "$src/$set"/*.txt; do
    python3 "$src/make_pdf.py" text "$here/$set/$(basename "$text" .txt).pdf" "$text"
  done
done

ls -l "$here"/*.png "$here"/*.jpg "$here"/*.tif "$here"/*.pdf
