#!/usr/bin/env bash
# --shard 1/2 and --shard 2/2 into two folders, merged with --merge, equal one single run:
# the same documents with the same status and result, and the same output files.
. "$(dirname "$0")/lib.sh"
for f in receipt-us.png receipt-eu.jpg invoice.pdf; do
  [ -f "$TESTDATA/$f" ] || skip "testdata/$f missing"
done
command -v sqlite3 >/dev/null || skip "sqlite3 (the command-line tool) is not installed"

IN=$WORK/in
mkdir -p "$IN/x" "$IN/y/z"
for i in 1 2 3; do
  { cat "$TESTDATA/receipt-us.png"; printf 'copy %d' "$i"; } > "$IN/x/us-$i.png"
  { cat "$TESTDATA/receipt-eu.jpg"; printf 'copy %d' "$i"; } > "$IN/y/eu-$i.jpg"
done
cp "$TESTDATA/invoice.pdf" "$IN/y/z/invoice.pdf"
cp "$TESTDATA/invoice.pdf" "$IN/x/invoice-copy.pdf"   # a duplicate: both land in one shard
echo "garbage" > "$IN/y/z/broken.png"

rows() { sqlite3 "$1/receiptocr.db" "select sha256, status, result_json from documents order by sha256"; }
paths() { sqlite3 "$1/receiptocr.db" "select path, sha256 from paths order by path"; }

"$RECEIPTOCR" -q batch "$IN" --out "$WORK/all" -j 2 2>/dev/null
"$RECEIPTOCR" -q batch "$IN" --out "$WORK/s1" -j 2 --shard 1/2 2>/dev/null
"$RECEIPTOCR" -q batch "$IN" --out "$WORK/s2" -j 2 --shard 2/2 2>/dev/null
n1=$(sqlite3 "$WORK/s1/receiptocr.db" "select count(*) from documents")
n2=$(sqlite3 "$WORK/s2/receiptocr.db" "select count(*) from documents")
n=$(sqlite3 "$WORK/all/receiptocr.db" "select count(*) from documents")
echo "single run: $n documents; shards: $n1 + $n2"
[ "$n" -eq 8 ] || fail "single run: expected 8 documents, got $n"
[ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] || fail "one shard got everything"
[ $((n1 + n2)) -eq "$n" ] || fail "shards overlap or miss documents"

expect_exit 0 "$RECEIPTOCR" -q batch --merge "$WORK/s1" --merge "$WORK/s2" --out "$WORK/merged"
diff <(rows "$WORK/all") <(rows "$WORK/merged") > "$WORK/diff" || { head -c 2000 "$WORK/diff"; fail "merged state differs from a single run"; }
diff <(paths "$WORK/all") <(paths "$WORK/merged") || fail "merged paths differ from a single run"
diff -r -x receiptocr.db -x 'receiptocr.db-*' -x receiptocr.lock "$WORK/all" "$WORK/merged" || fail "merged outputs differ from a single run"
[ "$(sqlite3 "$WORK/merged/receiptocr.db" "select count(*) from audit where action = 'import'")" = "$n" ] || fail "imports not audited"

# Merging again changes nothing, and a batch over the inputs then has nothing to do.
expect_exit 0 "$RECEIPTOCR" -q batch --merge "$WORK/s1" --merge "$WORK/s2" --out "$WORK/merged"
diff <(rows "$WORK/all") <(rows "$WORK/merged") > /dev/null || fail "second merge changed the state"
"$RECEIPTOCR" batch "$IN" --out "$WORK/merged" 2> "$WORK/err"; rc=$?
[ "$rc" -eq 0 ] || fail "batch after merge: exit $rc"
grep -q "nothing to do" "$WORK/err" || fail "batch after merge did work again"

expect_exit 2 "$RECEIPTOCR" -q batch "$IN" --out "$WORK/bad" --shard 3/2 2>/dev/null
pass "batch shards merge to a single run"
