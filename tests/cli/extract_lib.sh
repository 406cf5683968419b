# Helpers for the tests/cli/test_extract_*.sh scripts. Source it after lib.sh.

# The fixtures the golden tests cover, in a fixed order (testdata/README.md describes each).
EXTRACT_FIXTURES=(
  receipt-us.png
  receipt-eu.jpg
  receipt-vn.jpg
  receipt-us-rotated90.jpg
  receipt-uk.tif
  receipt-restaurant-scanned.pdf
  receipt-multipage.pdf
  invoice.pdf
  invoice-encrypted.pdf
)

# require_tesseract_eng: skips the test (exit 77) when receiptocr cannot load Tesseract's `eng`
# data, with receiptocr's own message as the reason. Every extract run starts the OCR engine,
# even for text-layer PDFs, so without the data nothing here can run.
require_tesseract_eng() {
  "$RECEIPTOCR" extract "$TESTDATA/invoice.pdf" >/dev/null 2>"$WORK/probe.err"
  local code=$?
  [ "$code" -eq 6 ] && skip "Tesseract 'eng' data is missing: $(grep 'receiptocr: error' "$WORK/probe.err")"
  [ "$code" -lt 128 ] || fail "receiptocr crashed (exit $code) on invoice.pdf: $(cat "$WORK/probe.err")"
}

# no_crash CODE WHAT: fails when an exit code means a crash (signal) or an internal error.
no_crash() {
  [ "$1" -lt 128 ] && [ "$1" -ne 70 ] || fail "$2: exit $1 (crash or internal error)"
}
