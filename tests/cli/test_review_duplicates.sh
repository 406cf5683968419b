#!/usr/bin/env bash
# Possible duplicates: the same receipt scanned twice (an upright PNG and a sideways JPEG photo)
# is routed to review with reason possible_duplicate naming the other; a different receipt is
# not; the reviewer rejects it as a duplicate, linked to the original.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 (the command-line tool) is not installed"
for f in receipt-us.png receipt-us-rotated90.jpg receipt-eu.jpg; do
  [ -f "$TESTDATA/$f" ] || skip "testdata/$f missing"
done
"$RECEIPTOCR" extract "$TESTDATA/receipt-eu.jpg" >/dev/null 2>&1; rc=$?
[ $rc = 6 ] && skip "Tesseract language data missing"
IN=$WORK/in OUT=$WORK/out
mkdir -p "$IN"
cp "$TESTDATA/receipt-us.png" "$TESTDATA/receipt-us-rotated90.jpg" "$TESTDATA/receipt-eu.jpg" "$IN/"
# batch would flag the rescan itself (tested in test_batch_duplicates.sh); here the review command must.
"$RECEIPTOCR" -q batch "$IN" --out "$OUT" --jobs 1 --no-duplicate-check >/dev/null 2>&1
[ $? -le 3 ] || fail "batch failed"
db() { sqlite3 "$OUT/receiptocr.db" "$1"; }
# Both scans must have read the same total and date for this test to mean anything.
[ "$(db "SELECT count(DISTINCT json_extract(result_json, '$.fields.total.value') || json_extract(result_json, '$.fields.date.value'))
         FROM documents WHERE path LIKE 'receipt-us%'")" = 1 ] || skip "the two scans were read differently (extraction changed)"

"$RECEIPTOCR" review "$OUT" find-duplicates > "$WORK/found" 2>/dev/null || fail "find-duplicates exited $?"
[ "$(wc -l < "$WORK/found")" = 1 ] || fail "expected one duplicate: $(cat "$WORK/found")"
later=$(db "SELECT path FROM documents WHERE path LIKE 'receipt-us%' ORDER BY created_at DESC, path DESC LIMIT 1")
earlier=$(db "SELECT path FROM documents WHERE path LIKE 'receipt-us%' AND path != '$later'")
grep -qx "$later  possible duplicate of $earlier" "$WORK/found" || fail "find-duplicates: $(cat "$WORK/found")"
[ "$(db "SELECT status FROM documents WHERE path = '$later'")" = NEEDS_REVIEW ] || fail "duplicate not routed to review"
json_get "$OUT/$later.json" 'd["review_reasons"]' | grep -qF "possible_duplicate:$earlier" || fail "reason not in the JSON file"
db "SELECT review_reasons FROM documents WHERE path = '$later'" | grep -qF "possible_duplicate:$earlier" || fail "reason not in the DB"
db "SELECT review_reasons FROM documents WHERE path = 'receipt-eu.jpg'" | grep -q possible_duplicate && fail "EU receipt flagged"
# Running it again flags nothing new.
"$RECEIPTOCR" review "$OUT" find-duplicates > "$WORK/again" 2>/dev/null
[ ! -s "$WORK/again" ] || fail "flagged twice: $(cat "$WORK/again")"
pass "flagged"

"$RECEIPTOCR" review "$OUT" --reviewer dora reject "$later" --duplicate-of "$earlier" 2>/dev/null || fail "reject --duplicate-of"
[ "$(json_get "$OUT/$later.json" 'd["review"]["duplicate_of"]["file"]')" = "$earlier" ] || fail "link missing"
[ "$(db "SELECT note FROM audit WHERE actor = 'dora' AND action = 'set_status'")" = "reject: duplicate of $earlier" ] || fail "audit note"
expect_exit 2 "$RECEIPTOCR" review "$OUT" reject "$earlier" --duplicate-of "$earlier" 2>/dev/null
pass "rejected as a duplicate"
