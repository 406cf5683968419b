#!/usr/bin/env bash
# `receiptocr eval` on a small labelled set built from the bundled samples (no shared datasets
# needed): the report's numbers, --json, --sweep (with the default threshold's row), --errors,
# and the exit 9 of --min and --min-precision when a label disagrees with the output.
. "$(dirname "$0")/lib.sh"

SET=$WORK/labelled
mkdir -p "$SET"
cp "$TESTDATA/invoice.pdf" "$TESTDATA/receipt-us.png" "$TESTDATA/receipt-uk.tif" "$SET/"
# Truth files in the datasets' format (../shared/datasets/README.md): text compares after
# upper-casing and keeping letters and digits, so the case differs on purpose.
cat >"$SET/invoice.truth.json" <<'EOF'
{"fields": {"merchant": "Northwind Design Studio LLC", "date": "2024-02-05", "total": "2500.58", "invoice_number": "INV-2024-0117"}}
EOF
cat >"$SET/receipt-us.truth.json" <<'EOF'
{"fields": {"merchant": "MAPLE STREET GROCERY", "date": "2024-03-14", "total": "33.67"}}
EOF
cat >"$SET/receipt-uk.truth.json" <<'EOF'
{"fields": {"merchant": "The Copper Kettle Cafe", "date": "2024-06-05", "total": "31.80"}}
EOF

# Every label right.
"$RECEIPTOCR" eval "$SET" --sweep --min total=1.0 --min-precision 1.0 >"$WORK/report.txt" 2>"$WORK/err.txt" ||
  fail "eval exit $? on a set whose labels are right: $(cat "$WORK/err.txt")"
grep -q "labelled: 3 documents (0 failed)" "$WORK/report.txt" || fail "no document count: $(head -3 "$WORK/report.txt")"
grep -Eq "^  total +3 +3 +100\.0% +1\.000$" "$WORK/report.txt" || fail "total row: $(grep total "$WORK/report.txt")"
grep -Eq "^  invoice_number +1 +1 +100\.0%" "$WORK/report.txt" || fail "invoice_number row missing"
grep -q "documents with every field right: 3/3" "$WORK/report.txt" || fail "fully right count"
# The sweep lists the default document threshold (0.65) among its rows.
grep -Eq "^ +0\.65 +[0-9.]+% +[0-9.]+%$" "$WORK/report.txt" || fail "no 0.65 row in --sweep: $(cat "$WORK/report.txt")"
grep -Eq "^ +0\.30 " "$WORK/report.txt" && grep -Eq "^ +0\.95 " "$WORK/report.txt" || fail "sweep range"
pass "report of a labelled set, with --sweep"

"$RECEIPTOCR" eval "$SET" --json >"$WORK/report.json" || fail "eval --json exit $?"
[ "$(json_get "$WORK/report.json" 'd["datasets"][0]["fields"]["merchant"]["correct"]')" = 3 ] || fail "json merchant correct"
[ "$(json_get "$WORK/report.json" 'd["datasets"][0]["all_fields_correct"]')" = 3 ] || fail "json all_fields_correct"
pass "--json"

# One label disagrees: the total of the UK receipt, which the extractor reads as 31.80.
cat >"$SET/receipt-uk.truth.json" <<'EOF'
{"fields": {"merchant": "The Copper Kettle Cafe", "date": "2024-06-05", "total": "31.81"}}
EOF
expect_exit 9 "$RECEIPTOCR" eval "$SET" --min total=1.0 >"$WORK/below.txt" 2>"$WORK/below.err"
grep -Eq "^  total +3 +2 +66\.7%" "$WORK/below.txt" || fail "total row after the change: $(grep total "$WORK/below.txt")"
grep -q "total" "$WORK/below.err" || fail "no reason on stderr for exit 9: $(cat "$WORK/below.err")"
expect_exit 0 "$RECEIPTOCR" eval "$SET" --min total=0.6 >/dev/null 2>&1
# All three are auto-accepted (as their goldens say), so the precision falls to 2/3.
[ "$(json_get "$WORK/report.json" 'd["datasets"][0]["auto_accepted"]')" = 3 ] || fail "expected 3 auto-accepted"
expect_exit 9 "$RECEIPTOCR" eval "$SET" --min-precision 0.9 >"$WORK/prec.txt" 2>&1
grep -q "precision 66.7% (2/3 fully right)" "$WORK/prec.txt" || fail "precision line: $(grep precision "$WORK/prec.txt")"
expect_exit 0 "$RECEIPTOCR" eval "$SET" --min-precision 0.6 >/dev/null 2>&1
"$RECEIPTOCR" eval "$SET" --errors >"$WORK/errors.txt" || fail "eval --errors exit $?"
grep -q 'receipt-uk.tif total: expected \["31.81"\] got "31.80"' "$WORK/errors.txt" ||
  fail "--errors does not list the wrong total: $(grep -A3 errors: "$WORK/errors.txt")"
[ "$(grep -c ' expected ' "$WORK/errors.txt")" = 1 ] || fail "--errors lists more than the one wrong field"
pass "--min, --min-precision and --errors on a wrong label"

# --perturb: every image changed a little before it is read, PDFs as they are.
"$RECEIPTOCR" eval "$SET" --perturb jpeg=85,scale=0.8 --save-results "$WORK/perturbed" >"$WORK/perturbed.txt" 2>&1 ||
  fail "eval --perturb exit $?: $(cat "$WORK/perturbed.txt")"
grep -q "labelled: 3 documents (0 failed), images perturbed: scale=0.8,jpeg=85" "$WORK/perturbed.txt" ||
  fail "no perturbation in the report: $(head -1 "$WORK/perturbed.txt")"
"$RECEIPTOCR" eval "$SET" --save-results "$WORK/plain" --save-text "$WORK/text" >/dev/null 2>&1 || fail "eval --save-results exit $?"
grep -q "MAPLE STREET GROCERY" "$WORK/text/receipt-us.png.txt" || fail "--save-text: no OCR text kept"
head -1 "$WORK/text/receipt-us.png.tsv" | grep -q "^page	line	word" || fail "--save-text: no word table"
width() { json_get "$1" 'd["pages"]["items"][0]["width"] / d["pages"]["items"][0]["scale"]'; }
plain=$(width "$WORK/plain/receipt-us.png.json") changed=$(width "$WORK/perturbed/receipt-us.png.json")
python3 -c "import sys; p, c = float(sys.argv[1]), float(sys.argv[2]); sys.exit(0 if abs(c - 0.8 * p) <= 2 else 1)" "$plain" "$changed" ||
  fail "the perturbed receipt is not 0.8 times as wide: $plain -> $changed"
cmp -s "$WORK/plain/invoice.pdf.json" "$WORK/perturbed/invoice.pdf.json" || fail "--perturb changed a PDF's result"
"$RECEIPTOCR" eval "$SET" --perturb rotate=1 --json >"$WORK/rotated.json" 2>/dev/null || fail "eval --perturb --json exit $?"
[ "$(json_get "$WORK/rotated.json" 'd["datasets"][0]["perturbation"]')" = "rotate=1" ] || fail "json perturbation"
expect_exit 2 "$RECEIPTOCR" eval "$SET" --perturb blur=2 >/dev/null 2>"$WORK/perturb.err"
grep -qx "receiptocr: error: --perturb blur=2: unknown key 'blur' (scale, rotate, jpeg)" "$WORK/perturb.err" ||
  fail "bad --perturb message: $(cat "$WORK/perturb.err")"
pass "--perturb"
