#!/usr/bin/env bash
# The same `receiptocr extract` command must give the same bytes every time, whatever the number
# of OCR workers and in every output format (no state carried between documents or runs).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/extract_lib.sh"
require_tesseract_eng
cd "$TESTDATA" || fail "cannot cd to $TESTDATA"

# run NAME ARGS...: runs extract on all fixtures into $WORK/NAME.
run() {
  local name=$1; shift
  "$RECEIPTOCR" extract "$@" "${EXTRACT_FIXTURES[@]}" >"$WORK/$name" 2>/dev/null
  no_crash $? "extract $*"
}
same() {
  cmp -s "$WORK/$1" "$WORK/$2" || { diff -u "$WORK/$1" "$WORK/$2" >&2; fail "$1 and $2 differ"; }
  pass "$1 = $2"
}

run json-j2-a -j 2
run json-j2-b -j 2
same json-j2-a json-j2-b
run json-j1 -j 1
same json-j1 json-j2-a
run jsonl-a -j 2 -f jsonl
run jsonl-b -j 1 -f jsonl
same jsonl-a jsonl-b
run csv-a -j 2 -f csv
run csv-b -j 1 -f csv
same csv-a csv-b

# One document alone gives the same object as inside a batch: nothing leaks between documents.
"$RECEIPTOCR" extract -j 1 -f jsonl receipt-eu.jpg >"$WORK/alone" 2>/dev/null
grep -F '"file":"receipt-eu.jpg"' "$WORK/jsonl-a" >"$WORK/in-batch"
same alone in-batch
