#!/usr/bin/env bash
# export: csv, csv --line-items, jsonl and json against golden files; status and date filters;
# -o writes the same bytes; bad options are usage errors.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/export_lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 (the command-line tool) is not installed"
[ -f "$TESTDATA/invoice.pdf" ] || skip "testdata/invoice.pdf missing"
GOLDEN=$SOURCE_DIR/tests/golden/export
make_export_folder "$WORK/out"

check() {  # check GOLDEN-NAME ARGS...
  local name=$1; shift
  "$RECEIPTOCR" export "$WORK/out" "$@" > "$WORK/$name" || fail "export $* exited $?"
  if [ -n "${UPDATE_GOLDENS:-}" ]; then cp "$WORK/$name" "$GOLDEN/$name"; return; fi
  cmp -s "$WORK/$name" "$GOLDEN/$name" || { diff "$GOLDEN/$name" "$WORK/$name" | head -20; fail "export $* differs from $name"; }
}
check default.csv
check all.csv --status all
check line-items.csv --line-items --status approved,completed,needs_review
check default.jsonl --format jsonl
check review.json --format json --status needs_review
check since.csv --status all --since 2024-01-01 --until 2024-03-01
pass "goldens"

# The CSV header is extract's.
"$RECEIPTOCR" export "$WORK/out" | head -1 | tr -d '\r' > "$WORK/head"
[ "$(cat "$WORK/head")" = "file,sha256,status,document_type,merchant,date,subtotal,tax,total,currency,invoice_number,confidence,review_reasons" ] \
  || fail "csv header: $(cat "$WORK/head")"
# Status from the database wins over the stored result's.
[ "$(grep -c ',APPROVED,' "$WORK/default.csv")" = 1 ] || fail "approved row missing"

# -o is atomic and writes what stdout would.
"$RECEIPTOCR" export "$WORK/out" --format jsonl -o "$WORK/sub/o.jsonl" || fail "-o"
cmp -s "$WORK/sub/o.jsonl" "$WORK/default.jsonl" || fail "-o differs from stdout"
ls "$WORK/sub" | grep -v '^o.jsonl$' && fail "temporary files left next to -o"

expect_exit 2 "$RECEIPTOCR" export "$WORK/out" --status bogus 2>/dev/null
expect_exit 2 "$RECEIPTOCR" export "$WORK/out" --since 2024-13-01 2>/dev/null
expect_exit 2 "$RECEIPTOCR" export "$WORK/out" --line-items --format json 2>/dev/null
expect_exit 2 "$RECEIPTOCR" export 2>/dev/null
expect_exit 7 "$RECEIPTOCR" export "$WORK/nowhere" 2>/dev/null
[ ! -e "$WORK/nowhere/receiptocr.db" ] || fail "export created a database"
pass "options"
