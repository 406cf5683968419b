#!/usr/bin/env bash
# A full disk (ENOSPC) under batch and extract (issue 6): one clear error line naming the
# reason, exit 8 (output_error) whether the outputs or the state database ran out of room,
# no crash, an intact database, no half-written or leftover files, no document marked FAILED
# for it; once space is freed the same command continues and every document ends with
# exactly one result. Needs root to mount a small tmpfs; skipped otherwise.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/batch_lib.sh"
[ -f "$TESTDATA/invoice.pdf" ] && [ -f "$TESTDATA/receipt-us.png" ] || skip "testdata fixtures missing"
command -v sqlite3 >/dev/null || skip "sqlite3 (the command-line tool) is not installed"
command -v python3 >/dev/null || skip "python3 is not installed"
[ "$(id -u)" = 0 ] || skip "not root: mounting a small tmpfs to fill up needs root"

FULL=$WORK/full
mkdir -p "$FULL"
mount -t tmpfs -o size=16m,mode=0755 receiptocr-test "$FULL" 2>"$WORK/mount.err" \
  || skip "cannot mount a tmpfs at $FULL: $(cat "$WORK/mount.err")"
trap 'umount "$FULL" 2>/dev/null || umount -l "$FULL" 2>/dev/null; rm -rf "$WORK"' EXIT

# fill_leaving KB: fills the tmpfs with FULL/filler until only KB kilobytes are free.
fill_leaving() {
  rm -f "$FULL/filler"
  dd if=/dev/zero of="$FULL/filler" bs=4k status=none 2>/dev/null
  local free_kb
  free_kb=$(df -k --output=avail "$FULL" | tail -1 | tr -d ' ')
  truncate -s "-$(( $1 - free_kb ))K" "$FULL/filler"
}

# Documents: text-layer PDFs are quick, so many fit in a few seconds; two images too.
IN=$WORK/in
mkdir -p "$IN"
n=0
for i in $(seq 1 40); do
  { cat "$TESTDATA/invoice.pdf"; printf '%% copy %d\n' "$i"; } > "$IN/invoice-$i.pdf"
  n=$((n + 1))
done
for i in 1 2; do
  { cat "$TESTDATA/receipt-us.png"; printf 'copy %d' "$i"; } > "$IN/receipt-$i.png"
  n=$((n + 1))
done

# check_full_run NAME DB OUT: the run that hit the full disk stopped as it should.
check_full_run() {
  local name=$1 db=$2 out=$3 rc=$4
  cat "$WORK/$name.err"
  [ "$rc" -eq 8 ] || fail "$name: expected exit 8 (output_error) on a full disk, got $rc"
  [ "$(grep -c 'receiptocr: error:' "$WORK/$name.err")" -eq 1 ] || fail "$name: expected exactly one error line"
  grep 'receiptocr: error:' "$WORK/$name.err" | grep -qi 'no space left on device' \
    || fail "$name: the error does not say 'no space left on device'"
  ! grep -qi 'internal error\|AddressSanitizer\|runtime error' "$WORK/$name.err" || fail "$name: crashed"
  [ -f "$db" ] || fail "$name: no database"
  check_batch_state "$db" "$out" "$name, disk full"
  # The disk is to blame, not the documents: nothing is quarantined as FAILED.
  [ "$(sqlite3 "$db" "select count(*) from documents where status = 'FAILED'")" = 0 ] \
    || fail "$name: documents marked FAILED for a full disk: $(sqlite3 "$db" "select path, error_reason from documents where status = 'FAILED'")"
  local stored
  stored=$(sqlite3 "$db" "select count(*) from documents where status != 'PROCESSING'")
  echo "$name: stopped after $stored of $n documents"
  [ "$stored" -lt "$n" ] || fail "$name: the disk never filled up; the test needs a smaller tmpfs"
  [ -z "$(find "$out" -name '.*.tmp.*')" ] || fail "$name: temporary files left: $(find "$out" -name '.*.tmp.*')"
}

# no_crash_counted DB NAME: runs stopped by a full disk are 'failed', not crashes: none is
# left 'running' or recovered as 'crashed', and no document counts an interrupted run (two
# of those make it a poison pill, FAILED crashed).
no_crash_counted() {
  [ "$(sqlite3 "$1" "select count(*) from runs where state in ('running', 'crashed')")" = 0 ] \
    || fail "$2: runs stopped by a full disk recorded as crashes: $(sqlite3 "$1" 'select id, state from runs')"
  [ "$(sqlite3 "$1" "select count(*) from audit where action = 'recover'")" = 0 ] \
    || fail "$2: documents counted as interrupted by a crash"
}

# 1. Outputs and state database on the full disk; twice in a row, the second time with
# less room, as when someone runs the command again without freeing enough space.
OUT=$FULL/out
fill_leaving 300
"$RECEIPTOCR" batch "$IN" --out "$OUT" -j 2 2> "$WORK/both.err"; rc=$?
check_full_run both "$OUT/receiptocr.db" "$OUT" "$rc"
fill_leaving 150
"$RECEIPTOCR" batch "$IN" --out "$OUT" -j 2 2> "$WORK/both-again.err"; rc=$?
check_full_run both-again "$OUT/receiptocr.db" "$OUT" "$rc"
rm -f "$FULL/filler"
"$RECEIPTOCR" batch "$IN" --out "$OUT" -j 2 2> "$WORK/both-rerun.err"; rc=$?
case $rc in 0|3) ;; *) cat "$WORK/both-rerun.err"; fail "both: re-run after freeing space: exit $rc" ;; esac
check_batch_done "$OUT/receiptocr.db" "$OUT" "$n"
no_crash_counted "$OUT/receiptocr.db" both
pass "outputs and database on a full disk (twice): exit 8, then the re-run finished"
rm -rf "$OUT"

# full_on NAME OUT DB LEAVE_KB WHAT: batch with OUT and DB where only one of them is on the
# full disk (LEAVE_KB left free): exit 8 with nothing lost, then a re-run after freeing space
# finishes every document.
full_on() {
  local name=$1 out=$2 db=$3 leave=$4 what=$5 rc
  fill_leaving "$leave"
  "$RECEIPTOCR" batch "$IN" --out "$out" --db "$db" -j 2 2> "$WORK/$name.err"; rc=$?
  check_full_run "$name" "$db" "$out" "$rc"
  rm -f "$FULL/filler"
  "$RECEIPTOCR" batch "$IN" --out "$out" --db "$db" -j 2 2> "$WORK/$name-rerun.err"; rc=$?
  case $rc in 0|3) ;; *) cat "$WORK/$name-rerun.err"; fail "$name: re-run after freeing space: exit $rc" ;; esac
  check_batch_done "$db" "$out" "$n"
  no_crash_counted "$db" "$name"
  pass "$what on a full disk: exit 8, then the re-run finished"
}

# 2. Only the outputs on the full disk (--db elsewhere).
full_on outputs "$FULL/out" "$WORK/state.db" 48 "outputs"
rm -rf "$FULL/out" "$WORK/state.db" "$WORK/state.db"-* "$WORK/state.db.lock"

# 3. Only the state database on the full disk (outputs elsewhere).
full_on database "$WORK/out2" "$FULL/state.db" 400 "state database"

# 4. extract -o and extract > file on a full disk: exit 8, one error line, no partial file.
fill_leaving 0
"$RECEIPTOCR" extract "$TESTDATA/invoice.pdf" -o "$FULL/result.json" 2> "$WORK/extract.err"; rc=$?
cat "$WORK/extract.err"
[ "$rc" -eq 8 ] || fail "extract -o: expected exit 8, got $rc"
[ "$(grep -c 'receiptocr: error:' "$WORK/extract.err")" -eq 1 ] || fail "extract -o: expected one error line"
grep -qi 'no space left on device' "$WORK/extract.err" || fail "extract -o: the error does not name the reason"
[ ! -e "$FULL/result.json" ] || fail "extract -o: a partial result.json was left"
[ -z "$(find "$FULL" -name '.*.tmp.*')" ] || fail "extract -o: temporary file left"
"$RECEIPTOCR" extract "$TESTDATA/invoice.pdf" > "$FULL/stdout.json" 2> "$WORK/stdout.err"; rc=$?
cat "$WORK/stdout.err"
[ "$rc" -eq 8 ] || fail "extract > full disk: expected exit 8, got $rc"
[ "$(grep -c 'receiptocr: error:' "$WORK/stdout.err")" -eq 1 ] || fail "extract > full disk: expected one error line"
grep -qi 'no space left on device' "$WORK/stdout.err" || fail "extract > full disk: the error does not name the reason"
rm -f "$FULL/filler"
pass "extract to a full disk: exit 8 with the reason"
