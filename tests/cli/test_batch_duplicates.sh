#!/usr/bin/env bash
# batch routes a rescanned receipt (a different file of the same purchase) to review with
# reason possible_duplicate:<first file>, and leaves unrelated receipts alone.
. "$(dirname "$0")/lib.sh"
"$RECEIPTOCR" extract "$TESTDATA/receipt-us.png" > /dev/null 2>&1
[ $? -ne 6 ] || skip "Tesseract language data (eng) is not installed"
mkdir -p "$WORK/in"
cp "$TESTDATA/receipt-us.png" "$TESTDATA/receipt-us-rotated90.jpg" "$TESTDATA/receipt-eu.jpg" "$WORK/in/"
"$RECEIPTOCR" -q batch "$WORK/in" --out "$WORK/out" -j 2; rc=$?
[ "$rc" -eq 3 ] || fail "expected exit 3 (needs review), got $rc"
db="$WORK/out/receiptocr.db"
flagged=$(sqlite3 "$db" "select path from documents where review_reasons like '%possible_duplicate:%'")
[ "$(echo "$flagged" | grep -c .)" -eq 1 ] || fail "expected exactly one document flagged, got: $flagged"
case "$flagged" in receipt-us.png|receipt-us-rotated90.jpg) ;; *) fail "wrong document flagged: $flagged" ;; esac
other=$(sqlite3 "$db" "select review_reasons from documents where path = '$flagged'")
echo "$other" | grep -Eq 'possible_duplicate:receipt-us(-rotated90\.jpg|\.png)' || fail "reason does not name the other scan: $other"
[ "$(json_get "$WORK/out/$flagged.json" "d['status']")" = NEEDS_REVIEW ] || fail "JSON file not rewritten"
[ "$(sqlite3 "$db" "select status from documents where path = 'receipt-eu.jpg'")" != NEEDS_REVIEW ] ||
  [ "$(sqlite3 "$db" "select review_reasons from documents where path = 'receipt-eu.jpg'")" != *possible_duplicate* ] ||
  fail "unrelated receipt flagged"
sqlite3 "$db" "select count(*) from audit where note = 'possible_duplicate'" | grep -qv '^0$' || fail "no audit row"
pass "rescanned receipt flagged possible_duplicate by batch"
