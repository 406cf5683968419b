#!/usr/bin/env bash
# The labelled receipts and invoices of 54 countries in testdata/intl and testdata/intl2
# (text-layer PDFs, so no OCR and no dependence on the machine): tax analysis tables, decimal
# commas with thousands grouped by spaces, local words for total, tax, cash and change, invoice
# numbers, currencies. The floors are the measured numbers (the two README.md files say which
# documents miss and why).
. "$(dirname "$0")/lib.sh"
out=$("$RECEIPTOCR" eval "$TESTDATA/intl" --errors \
  --min total=0.96 --min date=0.96 --min merchant=0.96 --min subtotal=0.95 --min tax=0.93 \
  --min currency=0.96 --min invoice_number=0.87 --min-precision 0.92 2>&1); rc=$?
printf '%s\n' "$out"
[ "$rc" -eq 0 ] || fail "eval exit $rc: testdata/intl below its floors"
printf '%s\n' "$out" | grep -q "intl: 30 documents (0 failed)" || fail "not all 30 documents were read"
out=$("$RECEIPTOCR" eval "$TESTDATA/intl2" --errors \
  --min total=0.86 --min date=0.96 --min merchant=0.93 --min subtotal=0.8 --min tax=0.8 \
  --min currency=0.93 --min invoice_number=0.76 2>&1); rc=$?
printf '%s\n' "$out"
[ "$rc" -eq 0 ] || fail "eval exit $rc: testdata/intl2 below its floors"
printf '%s\n' "$out" | grep -q "intl2: 30 documents (0 failed)" || fail "not all 30 documents were read"
pass "testdata/intl and testdata/intl2: every floor met"
