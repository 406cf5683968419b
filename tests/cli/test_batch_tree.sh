#!/usr/bin/env bash
# batch over a nested tree with a duplicate, a corrupt JPEG, a text file posing as a JPEG, a
# PDF and files that are not documents: outputs mirror the tree, the duplicate is processed
# once, the bad ones are FAILED with a reason, exit 4; a second run does nothing and says so.
. "$(dirname "$0")/lib.sh"
for f in receipt-us.png receipt-eu.jpg invoice.pdf; do
  [ -f "$TESTDATA/$f" ] || skip "testdata/$f missing"
done
command -v sqlite3 >/dev/null || skip "sqlite3 (the command-line tool) is not installed"

IN=$WORK/in OUT=$WORK/out
mkdir -p "$IN/2024/april" "$IN/2024/may" "$IN/2024/june/scans" "$IN/empty"
cp "$TESTDATA/receipt-us.png" "$IN/2024/april/receipt.png"
cp "$TESTDATA/receipt-us.png" "$IN/2024/june/scans/same receipt, renamed.png"  # duplicate
cp "$TESTDATA/receipt-eu.jpg" "$IN/2024/june/eu.jpg"
cp "$TESTDATA/invoice.pdf" "$IN/2024/invoice.pdf"
head -c 100 "$TESTDATA/receipt-eu.jpg" > "$IN/2024/may/truncated.jpg"
echo "not a picture" > "$IN/2024/june/text.jpg"
echo "notes" > "$IN/notes.txt"
echo '{}' > "$IN/2024/meta.json"

db() { sqlite3 "$OUT/receiptocr.db" "$1"; }

"$RECEIPTOCR" batch "$IN" --out "$OUT" -j 2 2> "$WORK/err1"; rc=$?
cat "$WORK/err1"
[ "$rc" -eq 4 ] || fail "first run: expected exit 4 (partial failure), got $rc"

# Outputs mirror the tree; files that are not documents get none.
(cd "$OUT" && find . -name '*.json' | sort) > "$WORK/outputs"
cat > "$WORK/expected" <<'LIST'
./2024/april/receipt.png.json
./2024/invoice.pdf.json
./2024/june/eu.jpg.json
./2024/june/scans/same receipt, renamed.png.json
./2024/june/text.jpg.json
./2024/may/truncated.jpg.json
LIST
diff -u "$WORK/expected" "$WORK/outputs" || fail "outputs do not mirror the input tree"

# Every output is the extract schema and names its own file.
for f in "2024/invoice.pdf" "2024/june/eu.jpg" "2024/april/receipt.png"; do
  [ "$(json_get "$OUT/$f.json" 'd["file"]')" = "$f" ] || fail "$f.json: wrong file"
  [ "$(json_get "$OUT/$f.json" 'd["schema_version"]')" = 1 ] || fail "$f.json: no schema_version"
done
[ "$(json_get "$OUT/2024/invoice.pdf.json" 'd["pages"]["items"][0]["source"]')" = text_layer ] || fail "PDF not read from its text layer"

# The duplicate: one row, one attempt, two paths; its output points at the first copy.
sha=$(json_get "$OUT/2024/april/receipt.png.json" 'd["sha256"]')
[ "$(db "select count(*) from documents where sha256='$sha'")" = 1 ] || fail "duplicate stored twice"
[ "$(db "select attempts from documents where sha256='$sha'")" = 1 ] || fail "duplicate processed twice"
[ "$(db "select count(*) from paths where sha256='$sha'")" = 2 ] || fail "duplicate path not recorded"
[ "$(db "select count(*) from audit where sha256='$sha' and action='claim'")" = 1 ] || fail "duplicate claimed twice"
[ "$(json_get "$OUT/2024/june/scans/same receipt, renamed.png.json" 'd["duplicate_of"]')" = "2024/april/receipt.png" ] \
  || fail "copy does not say duplicate_of"

# The bad ones are FAILED with a reason, in the database and in their output.
[ "$(db "select count(*) from documents")" = 5 ] || fail "expected 5 distinct documents"
for f in 2024/may/truncated.jpg 2024/june/text.jpg; do
  [ "$(db "select status from documents where path='$f'")" = FAILED ] || fail "$f is not FAILED"
  reason=$(db "select error_reason from documents where path='$f'")
  [ -n "$reason" ] || fail "$f: FAILED without a reason"
  [ "$(json_get "$OUT/$f.json" 'd["error"]["reason"]')" = "$reason" ] || fail "$f.json: reason differs from the database"
done
[ "$(db "select error_reason from documents where path='2024/june/text.jpg'")" = unsupported_format ] || fail "text.jpg: wrong reason"
grep -q "truncated.jpg" "$WORK/err1" || fail "the failure was not reported on stderr"
grep -q "5 processed, 1 skipped, .* 2 failed" "$WORK/err1" || fail "summary line missing or wrong"
[ "$(db 'pragma journal_mode')" = wal ] || fail "database not in WAL mode"
[ "$(db 'pragma user_version')" = 1 ] || fail "schema version not set"
# Every status change is audited: a claim and a result per document.
[ "$(db "select count(*) from audit where action='result'")" = 5 ] || fail "audit: expected 5 results"

# A second run has nothing to do, says so, and succeeds.
"$RECEIPTOCR" batch "$IN" --out "$OUT" -j 2 2> "$WORK/err2"; rc=$?
cat "$WORK/err2"
[ "$rc" -eq 0 ] || fail "second run: expected exit 0, got $rc"
grep -q "nothing to do" "$WORK/err2" || fail "second run did not say there was nothing to do"
[ "$(db "select count(*) from audit where action='claim'")" = 5 ] || fail "second run processed something"
[ "$(db "select count(*) from runs where state='finished'")" = 2 ] || fail "runs not recorded"

# A renamed copy added later is not processed either, but gets its output.
cp "$TESTDATA/receipt-eu.jpg" "$IN/eu-again.jpg"
expect_exit 0 "$RECEIPTOCR" -q batch "$IN" --out "$OUT" -j 2
[ "$(db "select count(*) from audit where action='claim'")" = 5 ] || fail "a renamed copy was processed again"
[ "$(json_get "$OUT/eu-again.jpg.json" 'd["duplicate_of"]')" = "2024/june/eu.jpg" ] || fail "renamed copy has no output"

# --retry-failed tries the failures again (and they fail again: exit 5, all failed).
expect_exit 5 "$RECEIPTOCR" -q batch "$IN" --out "$OUT" -j 2 --retry-failed 2>/dev/null
[ "$(db "select attempts from documents where path='2024/june/text.jpg'")" = 2 ] || fail "--retry-failed did not retry"

# --force redoes everything except human decisions.
db "update documents set status='APPROVED' where path='2024/june/eu.jpg'"
"$RECEIPTOCR" -q batch "$IN" --out "$OUT" -j 2 --force 2>/dev/null
[ "$(db "select attempts from documents where path='2024/april/receipt.png'")" = 2 ] || fail "--force did not redo"
[ "$(db "select status from documents where path='2024/june/eu.jpg'")" = APPROVED ] || fail "--force overwrote a decision"

# --csv: one row per document.
"$RECEIPTOCR" -q batch "$IN" --out "$OUT" --csv
[ "$(wc -l < "$OUT/results.csv")" -eq 6 ] || fail "results.csv: expected a header and 5 rows"
[ "$(db 'pragma integrity_check')" = ok ] || fail "integrity_check"
pass "batch tree"
