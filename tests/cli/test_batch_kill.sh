#!/usr/bin/env bash
# A batch killed with SIGKILL part-way, then run again, ends with exactly one result per
# document: nothing lost, nothing processed twice after it was stored, the database intact.
. "$(dirname "$0")/lib.sh"
for f in receipt-us.png receipt-eu.jpg; do
  [ -f "$TESTDATA/$f" ] || skip "testdata/$f missing"
done
command -v sqlite3 >/dev/null || skip "sqlite3 (the command-line tool) is not installed"

IN=$WORK/in OUT=$WORK/out
mkdir -p "$IN/a" "$IN/b"
# Distinct documents: bytes after the end of a PNG/JPEG change the hash, not the picture.
n=16
for i in $(seq 1 $((n / 2))); do
  { cat "$TESTDATA/receipt-us.png"; printf 'copy %d' "$i"; } > "$IN/a/us-$i.png"
  { cat "$TESTDATA/receipt-eu.jpg"; printf 'copy %d' "$i"; } > "$IN/b/eu-$i.jpg"
done
db() { sqlite3 "$OUT/receiptocr.db" "$1"; }

"$RECEIPTOCR" -q batch "$IN" --out "$OUT" -j 2 &
pid=$!
# Kill it once some documents are stored and others are not.
for _ in $(seq 1 600); do
  done_count=$(sqlite3 "$OUT/receiptocr.db" "select count(*) from documents where status != 'PROCESSING'" 2>/dev/null || echo 0)
  [ "${done_count:-0}" -ge 3 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
before=$(db "select count(*) from documents where status != 'PROCESSING'")
echo "killed after $before of $n documents"
[ "$before" -lt "$n" ] || skip "the machine finished all $n documents before the kill; nothing to test"
[ "$(db 'pragma integrity_check')" = ok ] || fail "integrity_check after kill"
# What was stored before the kill keeps its output.
for p in $(db "select path from documents where status != 'PROCESSING'"); do
  [ -f "$OUT/$p.json" ] || fail "$p: stored but its output is missing"
done
stored_before=$(db "select sha256 from documents where status != 'PROCESSING' order by sha256")

"$RECEIPTOCR" batch "$IN" --out "$OUT" -j 2 2> "$WORK/err"; rc=$?
cat "$WORK/err"
case $rc in 0|3) ;; *) fail "re-run: exit $rc" ;; esac
[ "$(db 'pragma integrity_check')" = ok ] || fail "integrity_check after re-run"
[ "$(db 'select count(*) from documents')" = "$n" ] || fail "expected $n documents, got $(db 'select count(*) from documents')"
[ "$(db "select count(*) from documents where status in ('COMPLETED', 'NEEDS_REVIEW')")" = "$n" ] || fail "not every document has a result"
# Exactly one stored result per document: those stored before the kill were not redone.
[ "$(db "select count(*) from (select sha256 from audit where action = 'result' group by sha256 having count(*) != 1)")" = 0 ] \
  || fail "a document has more than one result"
for sha in $stored_before; do
  [ "$(db "select attempts from documents where sha256 = '$sha'")" = 1 ] || fail "$sha was processed again after being stored"
done
[ "$(db "select count(*) from runs where state = 'crashed'")" = 1 ] || fail "the killed run is not marked crashed"
[ "$(db "select count(*) from documents where interrupted_runs != 0")" = 0 ] || fail "interrupted_runs not reset"
# Every input has exactly one output, and it is complete JSON.
[ "$(find "$OUT" -name '*.json' | wc -l)" -eq "$n" ] || fail "expected $n outputs"
[ -z "$(find "$OUT" -name '.*.tmp.*')" ] || true  # a temporary file from the kill may remain; harmless
for f in $(cd "$OUT" && find . -name '*.json'); do
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$OUT/$f" || fail "$f: not valid JSON"
done

# A document that was in flight when two runs in a row died is a poison pill: FAILED crashed.
sha=$(db "select sha256 from documents order by path limit 1")
db "insert into runs (started_at, state) values ('2024-01-01T00:00:00.000Z', 'running')"
db "update documents set status = 'PROCESSING', interrupted_runs = 1, claimed_from = 'COMPLETED', run_id = (select max(id) from runs) where sha256 = '$sha'"
"$RECEIPTOCR" batch "$IN" --out "$OUT" 2> "$WORK/err3"; rc=$?
cat "$WORK/err3"
[ "$rc" -eq 5 ] || fail "poison-pill run: expected exit 5 (its only document failed), got $rc"
[ "$(db "select status || ' ' || error_reason from documents where sha256 = '$sha'")" = "FAILED crashed" ] || fail "not marked crashed"
grep -q "stopped while reading this document 2 times" "$WORK/err3" || fail "crash not reported"
# A run that died after storing its results but before its end-of-run duplicate check: the
# next run, with nothing left to process, still routes the second copy to review, as one
# uninterrupted run would have. (The death is simulated: the run is left marked running.)
IN2=$WORK/in2 OUT2=$WORK/out2
mkdir -p "$IN2"
for i in 1 2; do { cat "$TESTDATA/receipt-us.png"; printf 'scan %d' "$i"; } > "$IN2/us-$i.png"; done
"$RECEIPTOCR" -q batch "$IN2" --out "$OUT2" --no-duplicate-check; rc=$?
[ "$rc" -eq 0 ] || fail "--no-duplicate-check run: expected exit 0, got $rc"
sqlite3 "$OUT2/receiptocr.db" "update runs set state = 'running', finished_at = null"
"$RECEIPTOCR" -q batch "$IN2" --out "$OUT2"; rc=$?
# Exit 0: the exit code describes this run's documents, and it processed none.
[ "$rc" -eq 0 ] || fail "run after the death: expected exit 0, got $rc"
flagged=$(sqlite3 "$OUT2/receiptocr.db" "select path from documents where review_reasons like '%possible_duplicate:%'")
[ "$flagged" = us-2.png ] || fail "expected us-2.png flagged as a possible duplicate, got '$flagged'"
[ "$(json_get "$OUT2/us-2.png.json" "d['status']")" = NEEDS_REVIEW ] || fail "us-2.png.json not rewritten"
pass "batch kill -9 and resume"
