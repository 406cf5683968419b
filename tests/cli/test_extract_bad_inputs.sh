#!/usr/bin/env bash
# Unreadable inputs: each must fail alone with exactly one line "receiptocr: error: FILE: reason"
# on stderr, exit 5 (all inputs failed), a FAILED object with error.reason on stdout, and never a
# crash. With a good file beside it the run goes on: exit 4 and the good result still printed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/extract_lib.sh"
require_tesseract_eng
cd "$WORK" || fail "cannot cd to $WORK"

: >empty.jpg
head -c 20000 "$TESTDATA/receipt-eu.jpg" >truncated.jpg
head -c 3000 "$TESTDATA/receipt-us.png" >truncated.png
head -c 1000 "$TESTDATA/invoice.pdf" >truncated.pdf
echo "this is a text file, not a photo" >text.jpg
cp "$TESTDATA/invoice-encrypted.pdf" encrypted.pdf
mkdir a-directory

# check_bad FILE REASON: FILE alone must fail with error.reason REASON.
check_bad() {
  local file=$1 reason=$2
  "$RECEIPTOCR" extract "$file" >out.json 2>err.txt
  local code=$?
  no_crash "$code" "$file"
  [ "$code" -eq 5 ] || fail "$file: expected exit 5 (all failed), got $code"
  [ "$(wc -l <err.txt)" -eq 1 ] || fail "$file: expected exactly one line on stderr, got:
$(cat err.txt)"
  grep -qE "^receiptocr: error: $file: .+" err.txt || fail "$file: stderr is not 'receiptocr: error: $file: reason': $(cat err.txt)"
  [ "$(json_get out.json 'd["status"]')" = FAILED ] || fail "$file: status is not FAILED"
  [ "$(json_get out.json 'd["file"]')" = "$file" ] || fail "$file: file is not the path as given"
  [ "$(json_get out.json 'd["error"]["reason"]')" = "$reason" ] ||
    fail "$file: error.reason is '$(json_get out.json 'd["error"]["reason"]')', expected '$reason'"
  pass "$file: $(cat err.txt)"
}

failures=0
for case in "empty.jpg empty_file" "truncated.jpg corrupt" "truncated.png corrupt" "truncated.pdf corrupt" \
            "text.jpg unsupported_format" "encrypted.pdf encrypted" "missing.png not_found" "a-directory not_a_file"; do
  # Run each case in a subshell so one failure still reports the others.
  ( check_bad $case ) || failures=$((failures + 1))
done

# Standard input that is empty.
"$RECEIPTOCR" extract - </dev/null >out.json 2>err.txt
code=$?
no_crash "$code" "empty stdin"
[ "$code" -eq 5 ] && [ "$(cat err.txt)" = "receiptocr: error: -: file is empty" ] &&
  [ "$(json_get out.json 'd["error"]["reason"]')" = empty_file ] || { echo "FAIL: empty stdin: exit $code, $(cat err.txt)" >&2; failures=$((failures + 1)); }

# A good file and a bad one: exit 4 (partial failure), both objects printed, in input order.
"$RECEIPTOCR" extract "$TESTDATA/invoice.pdf" truncated.pdf >out.json 2>err.txt
code=$?
no_crash "$code" "mixed"
[ "$code" -eq 4 ] || fail "good + bad: expected exit 4, got $code"
[ "$(json_get out.json 'len(d)')" = 2 ] || fail "good + bad: expected an array of 2"
[ "$(json_get out.json 'd[0]["status"]')" != FAILED ] || fail "good + bad: the good file FAILED"
[ "$(json_get out.json 'd[0]["fields"]["total"]["value"]')" = 2500.58 ] || fail "good + bad: good result lost"
[ "$(json_get out.json 'd[1]["error"]["reason"]')" = corrupt ] || fail "good + bad: bad file not FAILED/corrupt"
[ "$(cat err.txt)" = "receiptocr: error: truncated.pdf: cannot parse PDF (truncated or corrupt)" ] ||
  fail "good + bad: stderr: $(cat err.txt)"
pass "good + bad: exit 4, good result kept"

# Every bad input at once, as CSV: exit 5, one error line and one FAILED row per file.
bad=(empty.jpg truncated.pdf text.jpg encrypted.pdf missing.png a-directory)
"$RECEIPTOCR" extract -f csv "${bad[@]}" >out.csv 2>err.txt
code=$?
no_crash "$code" "all bad"
[ "$code" -eq 5 ] || fail "all bad: expected exit 5, got $code"
[ "$(grep -c '^receiptocr: error: ' err.txt)" -eq ${#bad[@]} ] || fail "all bad: expected ${#bad[@]} error lines: $(cat err.txt)"
[ "$(grep -c ',FAILED,' out.csv)" -eq ${#bad[@]} ] || fail "all bad: expected ${#bad[@]} FAILED rows: $(cat out.csv)"
pass "all bad: exit 5, ${#bad[@]} errors"

[ "$failures" -eq 0 ] || fail "$failures bad-input case(s) failed"
