# A state folder with canned results for export/review tests, so their goldens do not move
# when extraction changes: batch runs on four copies of the text-layer invoice (fast, real
# schema), then each row's stored result and status are replaced by tests/cli/export-fixtures/.
#   a.pdf  COMPLETED     US receipt, merchant with a comma and quotes, paid by visa, 5 items
#   b.pdf  APPROVED      EU receipt (EUR), 4 items
#   c.pdf  NEEDS_REVIEW  invoice (USD), 3 items
#   d.pdf  REJECTED      EU receipt renamed "Rejected Shop"
# Usage: make_export_folder DIR   (needs sqlite3; the caller skips without it)
FIXTURES=$(dirname "${BASH_SOURCE[0]}")/export-fixtures
make_export_folder() {
  local out=$1 in=$WORK/export-in name
  mkdir -p "$in"
  for name in a b c d; do { cat "$TESTDATA/invoice.pdf"; printf '%% %s\n' "$name"; } > "$in/$name.pdf"; done
  "$RECEIPTOCR" -q batch "$in" --out "$out" --jobs 1 --no-duplicate-check >/dev/null 2>&1; local rc=$?
  [ "$rc" -le 3 ] || fail "batch for the export fixture exited $rc"
  for name in a b c d; do
    local status
    status=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["status"])' "$FIXTURES/$name.json")
    sqlite3 "$out/receiptocr.db" "UPDATE documents SET result_json = CAST(readfile('$FIXTURES/$name.json') AS TEXT), status = '$status' WHERE path = '$name.pdf'" \
      || fail "cannot load fixture $name"
  done
}
