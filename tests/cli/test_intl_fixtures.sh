#!/usr/bin/env bash
# The 30 labelled receipts and invoices of 24 countries in testdata/intl (text-layer PDFs, so
# no OCR and no dependence on the machine): tax analysis tables, decimal commas with thousands
# grouped by spaces, local words for total, tax, cash and change, invoice numbers, currencies.
# The floors are the measured numbers (testdata/intl/README.md): one miss allowed in tax (br-01's
# estimate of the tax burden) and one wrong auto-accept.
. "$(dirname "$0")/lib.sh"
out=$("$RECEIPTOCR" eval "$TESTDATA/intl" --errors \
  --min total=0.96 --min date=0.96 --min merchant=0.96 --min subtotal=0.95 --min tax=0.93 \
  --min currency=0.96 --min invoice_number=0.87 --min-precision 0.92 2>&1); rc=$?
printf '%s\n' "$out"
[ "$rc" -eq 0 ] || fail "eval exit $rc: testdata/intl below its floors"
printf '%s\n' "$out" | grep -q "intl: 30 documents (0 failed)" || fail "not all 30 documents were read"
pass "testdata/intl: every floor met"
