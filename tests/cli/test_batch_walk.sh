#!/usr/bin/env bash
# How batch finds documents: --glob/--exclude, symbolic links (never out of the input folder
# unless --follow-symlinks, no loops), an output folder inside the input, and the folder lock.
. "$(dirname "$0")/lib.sh"
[ -f "$TESTDATA/invoice.pdf" ] || skip "testdata/invoice.pdf missing"
command -v sqlite3 >/dev/null || skip "sqlite3 (the command-line tool) is not installed"

# Text-layer PDFs keep this fast: distinct copies by appending a comment after %%EOF.
IN=$WORK/in OUTSIDE=$WORK/outside
mkdir -p "$IN/keep" "$IN/skip" "$OUTSIDE"
pdf() { { cat "$TESTDATA/invoice.pdf"; printf '%% %s\n' "$2"; } > "$1"; }
pdf "$IN/keep/a.pdf" a
pdf "$IN/skip/b.pdf" b
pdf "$IN/c.pdf" c
pdf "$OUTSIDE/secret.pdf" secret
ln -s "$OUTSIDE/secret.pdf" "$IN/link-out.pdf"
ln -s "$OUTSIDE" "$IN/link-dir"
ln -s "$IN" "$IN/keep/loop"
ln -s "$IN/c.pdf" "$IN/link-in.pdf"
outputs() { (cd "$1" && find . -name '*.json' | sort | tr '\n' ' '); }

"$RECEIPTOCR" -q batch "$IN" --out "$WORK/o1"
[ "$(outputs "$WORK/o1")" = "./c.pdf.json ./keep/a.pdf.json ./link-in.pdf.json ./skip/b.pdf.json " ] \
  || fail "default walk: $(outputs "$WORK/o1")"

"$RECEIPTOCR" -q batch "$IN" --out "$WORK/o2" --follow-symlinks
[ "$(outputs "$WORK/o2")" = "./c.pdf.json ./keep/a.pdf.json ./link-dir/secret.pdf.json ./link-in.pdf.json ./link-out.pdf.json ./skip/b.pdf.json " ] \
  || fail "--follow-symlinks: $(outputs "$WORK/o2")"

"$RECEIPTOCR" -q batch "$IN" --out "$WORK/o3" --exclude 'skip' --exclude 'link-*'
[ "$(outputs "$WORK/o3")" = "./c.pdf.json ./keep/a.pdf.json " ] || fail "--exclude: $(outputs "$WORK/o3")"

"$RECEIPTOCR" -q batch "$IN" --out "$WORK/o4" --glob 'keep/*.pdf'
[ "$(outputs "$WORK/o4")" = "./keep/a.pdf.json " ] || fail "--glob with a path: $(outputs "$WORK/o4")"

# An output folder inside the input folder is not walked.
"$RECEIPTOCR" -q batch "$IN" --out "$IN/results"
"$RECEIPTOCR" batch "$IN" --out "$IN/results" 2> "$WORK/err"
grep -q "nothing to do" "$WORK/err" || fail "output folder inside the input was walked"
rm -rf "$IN/results"

# One batch per output folder: a held lock is a clear state_error (7).
if command -v flock >/dev/null; then
  mkdir -p "$WORK/locked"
  # This shell holds the lock (fd 9) while batch tries to take it.
  exec 9> "$WORK/locked/receiptocr.lock"
  flock -n 9 || fail "cannot take the lock for the test"
  "$RECEIPTOCR" batch "$IN" --out "$WORK/locked" 9>&- 2> "$WORK/err"; rc=$?
  exec 9>&-
  [ "$rc" -eq 7 ] || fail "locked folder: expected exit 7, got $rc"
  grep -q "another receiptocr batch .* is using this output folder" "$WORK/err" || fail "unclear lock message: $(cat "$WORK/err")"
  # The holder is gone: the lock is free again.
  expect_exit 0 "$RECEIPTOCR" -q batch --no-duplicate-check "$IN" --out "$WORK/locked"
fi

# Usage errors.
expect_exit 2 "$RECEIPTOCR" -q batch --out "$WORK/o5" 2>/dev/null
expect_exit 2 "$RECEIPTOCR" -q batch "$IN" 2>/dev/null
# A database that is not one is a state_error.
mkdir -p "$WORK/corrupt" && head -c 4096 /dev/urandom > "$WORK/corrupt/receiptocr.db"
expect_exit 7 "$RECEIPTOCR" -q batch "$IN" --out "$WORK/corrupt" 2>/dev/null
pass "batch walk, symlinks, lock"
