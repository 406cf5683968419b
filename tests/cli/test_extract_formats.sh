#!/usr/bin/env bash
# Output shapes and options of `receiptocr extract`: json object/array, jsonl, csv columns,
# --flat, -o (atomic, nothing on stdout), '-' for stdin, --save-text, --ocr never/always, and the
# exit codes for COMPLETED vs NEEDS_REVIEW. Uses the text-layer PDFs where it can: they are fast
# and do not depend on OCR quality.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/extract_lib.sh"
require_tesseract_eng
cd "$TESTDATA" || fail "cannot cd to $TESTDATA"
X() { "$RECEIPTOCR" extract -j 2 "$@"; }

# json: one file gives an object, several give an array in input order.
X invoice.pdf >"$WORK/one.json" || fail "extract invoice.pdf: exit $?"
[ "$(json_get "$WORK/one.json" 'type(d).__name__')" = dict ] || fail "one file: not a JSON object"
[ "$(json_get "$WORK/one.json" 'd["file"], d["status"], d["document_type"], d["fields"]["invoice_number"]["value"]')" = \
  "('invoice.pdf', 'COMPLETED', 'invoice', 'INV-2024-0117')" ] || fail "one file: unexpected content"
for key in sha256 confidence review_reasons fields line_items pages engine; do
  [ "$(json_get "$WORK/one.json" "'$key' in d")" = True ] || fail "one file: no '$key'"
done
[ "$(json_get "$WORK/one.json" 'sorted(d["fields"]["total"])')" = "['bbox', 'candidates', 'confidence', 'page', 'text', 'value']" ] ||
  fail "a field lacks value/confidence/page/bbox/text"
[ "$(json_get "$WORK/one.json" 'd["sha256"]')" = "$(sha256sum invoice.pdf | cut -d' ' -f1)" ] || fail "sha256 is not the file's"
X invoice.pdf receipt-multipage.pdf >"$WORK/two.json"
[ "$(json_get "$WORK/two.json" '[o["file"] for o in d]')" = "['invoice.pdf', 'receipt-multipage.pdf']" ] || fail "two files: not an array in order"
pass "json object / array"

# jsonl: one compact object per line, the same objects as json.
X -f jsonl invoice.pdf receipt-multipage.pdf >"$WORK/two.jsonl"
[ "$(wc -l <"$WORK/two.jsonl")" -eq 2 ] || fail "jsonl: expected 2 lines"
python3 - "$WORK/two.jsonl" "$WORK/two.json" <<'PY' || fail "jsonl lines differ from the json array"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert [json.loads(l) for l in lines] == json.load(open(sys.argv[2]))
PY
pass "jsonl"

# csv: the documented header, one row per document, values equal to the json fields.
X -f csv invoice.pdf receipt-multipage.pdf >"$WORK/two.csv"
python3 - "$WORK/two.csv" "$WORK/two.json" <<'PY' || fail "csv does not match the documented columns or the json"
import csv, json, sys
raw = open(sys.argv[1], newline="").read()
rows = list(csv.reader(raw.splitlines()))
assert rows[0] == "file,sha256,status,document_type,merchant,date,subtotal,tax,total,currency,invoice_number,confidence,review_reasons".split(","), rows[0]
docs = json.load(open(sys.argv[2]))
assert len(rows) == 1 + len(docs), len(rows)
for row, d in zip(rows[1:], docs):
    r = dict(zip(rows[0], row))
    assert r["file"] == d["file"] and r["sha256"] == d["sha256"] and r["status"] == d["status"], r
    assert r["document_type"] == d["document_type"], r
    for f in ("merchant", "date", "subtotal", "tax", "total", "currency", "invoice_number"):
        want = d["fields"][f]["value"] if d["fields"][f] else ""
        assert r[f] == want, (f, r[f], want)
    assert float(r["confidence"]) == d["confidence"], r["confidence"]
    assert r["review_reasons"] == ";".join(d["review_reasons"])
PY
pass "csv"

# --flat: exactly the seed API's keys (plus file), in json and csv.
X --flat invoice.pdf >"$WORK/flat.json"
[ "$(json_get "$WORK/flat.json" 'list(d)')" = "['file', 'merchant', 'date', 'subtotal', 'tax', 'total']" ] || fail "--flat keys: $(cat "$WORK/flat.json")"
[ "$(json_get "$WORK/flat.json" 'd["total"]')" = 2500.58 ] || fail "--flat total"
X --flat -f csv invoice.pdf >"$WORK/flat.csv"
[ "$(head -1 "$WORK/flat.csv" | tr -d '\r')" = "file,merchant,date,subtotal,tax,total" ] || fail "--flat csv header: $(head -1 "$WORK/flat.csv")"
[ "$(sed -n 2p "$WORK/flat.csv" | tr -d '\r')" = "invoice.pdf,NORTHWIND DESIGN STUDIO LLC,2024-02-05,2310.00,190.58,2500.58" ] ||
  fail "--flat csv row: $(sed -n 2p "$WORK/flat.csv")"
pass "--flat"

# -o FILE: the same bytes as stdout, nothing printed, no temporary file left beside it.
mkdir "$WORK/out"
X -o "$WORK/out/result.json" invoice.pdf >"$WORK/o.stdout" || fail "-o: exit $?"
[ -s "$WORK/o.stdout" ] && fail "-o: printed on stdout: $(head -3 "$WORK/o.stdout")"
cmp -s "$WORK/out/result.json" "$WORK/one.json" || fail "-o: file differs from stdout output"
[ "$(ls -A "$WORK/out")" = result.json ] || fail "-o: left files behind: $(ls -A "$WORK/out")"
# An unwritable destination is an output error (8), not a crash.
: >"$WORK/not-a-dir"
X -o "$WORK/not-a-dir/result.json" invoice.pdf >/dev/null 2>"$WORK/o.err"
code=$?
[ "$code" -eq 8 ] || fail "-o into a regular file's path: expected exit 8, got $code"
grep -q '^receiptocr: error: ' "$WORK/o.err" || fail "-o unwritable: no error line"
pass "-o"

# '-' reads standard input: same result as the file, reported as file "-".
X - <invoice.pdf >"$WORK/stdin.json" || fail "stdin: exit $?"
python3 - "$WORK/stdin.json" "$WORK/one.json" <<'PY' || fail "stdin result differs from the file's"
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a["file"] == "-", a["file"]
a["file"] = b["file"]
assert a == b
PY
X - - <invoice.pdf >/dev/null 2>&1
[ $? -eq 2 ] || fail "'-' twice must be a usage error (2)"
pass "stdin"

# --save-text DIR: NAME.txt (the text) and NAME.tsv (word boxes) for each document.
X --save-text "$WORK/text" receipt-multipage.pdf receipt-us.png >/dev/null
for f in receipt-multipage.pdf receipt-us.png; do
  [ -s "$WORK/text/$f.txt" ] && [ -s "$WORK/text/$f.tsv" ] || fail "--save-text: no $f.txt/.tsv: $(ls "$WORK/text")"
done
grep -q 'BOLT & BEAM HARDWARE' "$WORK/text/receipt-multipage.pdf.txt" || fail "--save-text: text layer not saved"
grep -q 'Utility Knife' "$WORK/text/receipt-multipage.pdf.txt" || fail "--save-text: page 2 missing"
grep -q 'SUBTOTAL' "$WORK/text/receipt-us.png.txt" || fail "--save-text: OCR text not saved"
[ "$(head -1 "$WORK/text/receipt-us.png.tsv")" = "$(printf 'page\tline\tword\tleft\ttop\tright\tbottom\tconfidence\ttext')" ] ||
  fail "--save-text: tsv header: $(head -1 "$WORK/text/receipt-us.png.tsv")"
pass "--save-text"

# --ocr never on a PDF without a text layer: nothing to read, NEEDS_REVIEW with no_text (exit 3).
X --ocr never receipt-restaurant-scanned.pdf >"$WORK/never.json"
code=$?
[ "$code" -eq 3 ] || fail "--ocr never on a scanned PDF: expected exit 3, got $code"
[ "$(json_get "$WORK/never.json" 'd["status"], "no_text" in d["review_reasons"], d["pages"]["items"][0]["source"], d["pages"]["items"][0]["words"]')" = \
  "('NEEDS_REVIEW', True, 'text_layer', 0)" ] || fail "--ocr never: $(json_get "$WORK/never.json" 'd["review_reasons"], d["pages"]')"
# --ocr auto (default) OCRs the same pages; --ocr always OCRs a PDF that has a text layer.
X receipt-restaurant-scanned.pdf >"$WORK/auto.json"
[ "$(json_get "$WORK/auto.json" '[p["source"] for p in d["pages"]["items"]]')" = "['ocr']" ] || fail "--ocr auto on a scanned PDF did not OCR"
[ "$(json_get "$WORK/one.json" '[p["source"] for p in d["pages"]["items"]]')" = "['text_layer']" ] || fail "--ocr auto on a text PDF did not use the text layer"
X --ocr always receipt-multipage.pdf >"$WORK/always.json"
[ "$(json_get "$WORK/always.json" '[p["source"] for p in d["pages"]["items"]], d["pages"]["count"]')" = "(['ocr', 'ocr'], 2)" ] ||
  fail "--ocr always: $(json_get "$WORK/always.json" 'd["pages"]')"
pass "--ocr never/auto/always"

# A photo taken sideways reads like the upright scan (orientation detection).
X --flat receipt-us.png >"$WORK/upright.json"
X --flat receipt-us-rotated90.jpg >"$WORK/rotated.json"
python3 - "$WORK/upright.json" "$WORK/rotated.json" <<'PY' || fail "rotated receipt: fields differ from the upright one"
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
del a["file"], b["file"]
if a != b:
    sys.exit(f"upright {a}\nrotated {b}")
PY
pass "rotated 90 = upright"

# Small print turned over (glyphs 10-14 px): the orientation detector gets an enlarged copy,
# and the page is read the right way up with the true values (testdata/README.md).
for case in "receipt-eu-small-rotated180.jpg|(180, 'ELEKTRO KRAUSE GmbH', '2023-11-21', '1234.56')" \
            "receipt-us-small-rotated270.jpg|(90, 'MAPLE STREET GROCERY', '2024-03-14', '33.67')"; do
  fixture=${case%%|*}
  X "$fixture" >"$WORK/small-rotated.json"
  got=$(json_get "$WORK/small-rotated.json" 'd["pages"]["items"][0]["rotation"], d["fields"]["merchant"]["value"], d["fields"]["date"]["value"], d["fields"]["total"]["value"]')
  [ "$got" = "${case#*|}" ] || fail "$fixture: (rotation, merchant, date, total) = $got, expected ${case#*|}"
done
pass "small rotated print: 180 and 270 read the right way up"

# A currency priced in whole units, with no currency printed: "140,800" is 140800, and the
# amounts add up (testdata/README.md).
X receipt-vn.jpg >"$WORK/vn.json"
got=$(json_get "$WORK/vn.json" 'd["fields"]["subtotal"]["value"], d["fields"]["tax"]["value"], d["fields"]["total"]["value"], d["fields"]["date"]["value"], "sum" in d["checks"]["passed"]')
[ "$got" = "('128000.00', '12800.00', '140800.00', '2019-12-25', True)" ] || fail "receipt-vn.jpg: (subtotal, tax, total, date, sum passed) = $got"
pass "whole-unit amounts (VND)"

# Exit codes: 0 when everything COMPLETED, 3 when something NEEDS_REVIEW (thresholds forced so the
# test does not depend on the extractor's current scores).
X --field-threshold 0 --document-threshold 0 invoice.pdf >/dev/null
[ $? -eq 0 ] || fail "all COMPLETED: expected exit 0"
X --document-threshold 1 invoice.pdf receipt-multipage.pdf >"$WORK/review.json"
code=$?
[ "$code" -eq 3 ] || fail "NEEDS_REVIEW: expected exit 3, got $code"
[ "$(json_get "$WORK/review.json" '[o["status"] for o in d]')" = "['NEEDS_REVIEW', 'NEEDS_REVIEW']" ] || fail "NEEDS_REVIEW statuses"
X --format xml invoice.pdf >/dev/null 2>&1
[ $? -eq 2 ] || fail "bad --format: expected usage exit 2"
pass "exit codes 0/3/2"
