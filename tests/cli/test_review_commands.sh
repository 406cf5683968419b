#!/usr/bin/env bash
# review list/show/approve/reject/apply: corrections normalised by the extraction parsers and
# visible in the JSON file and the database, audit rows with before/after, seed-shaped JSON
# Lines decisions applied all or nothing with clear messages.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/export_lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 (the command-line tool) is not installed"
[ -f "$TESTDATA/invoice.pdf" ] || skip "testdata/invoice.pdf missing"
OUT=$WORK/out
make_export_folder "$OUT"
# A second document waiting for review.
sqlite3 "$OUT/receiptocr.db" "UPDATE documents SET status = 'NEEDS_REVIEW' WHERE path = 'a.pdf'"
db() { sqlite3 "$OUT/receiptocr.db" "$1"; }
hash_of() { db "SELECT sha256 FROM documents WHERE path = '$1'"; }
A=$(hash_of a.pdf) C=$(hash_of c.pdf) B=$(hash_of b.pdf)

# list: NEEDS_REVIEW only, text and JSON.
"$RECEIPTOCR" review "$OUT" list > "$WORK/list" || fail "list"
[ "$(wc -l < "$WORK/list")" = 2 ] || fail "list: $(cat "$WORK/list")"
grep -q "^${C:0:12}  NEEDS_REVIEW" "$WORK/list" || fail "list lacks c.pdf: $(cat "$WORK/list")"
"$RECEIPTOCR" review "$OUT" list --json > "$WORK/list.json" || fail "list --json"
[ "$(json_get "$WORK/list.json" 'sorted(x["file"] for x in d)')" = "['a.pdf', 'c.pdf']" ] || fail "list --json files"
[ "$(json_get "$WORK/list.json" '[x["fields"]["total"] for x in d if x["file"]=="c.pdf"][0]')" = 2500.58 ] || fail "list --json fields"
"$RECEIPTOCR" review "$OUT" show "${C:0:8}" > "$WORK/show" || fail "show"
grep -q 'total  *2500.58' "$WORK/show" || fail "show: $(cat "$WORK/show")"
"$RECEIPTOCR" review "$OUT" show c.pdf --json > "$WORK/show.json" || fail "show --json"
[ "$(json_get "$WORK/show.json" 'd["status"]')" = NEEDS_REVIEW ] || fail "show --json status"
pass "list, show"

# approve with corrections: normalised, original kept, JSON file and DB agree.
"$RECEIPTOCR" review --reviewer ann "$OUT" approve "${C:0:10}" --set total=12,50 --set date=3/4/24 --set currency=€ \
  2>/dev/null || fail "approve"
[ "$(db "SELECT status FROM documents WHERE sha256 = '$C'")" = APPROVED ] || fail "status not APPROVED"
[ "$(json_get "$OUT/c.pdf.json" 'd["status"]')" = APPROVED ] || fail "JSON file status"
[ "$(json_get "$OUT/c.pdf.json" 'd["fields"]["total"]["value"]')" = 12.50 ] || fail "JSON total not normalised"
[ "$(json_get "$OUT/c.pdf.json" 'd["fields"]["total"]["original_value"]')" = 2500.58 ] || fail "original total lost"
[ "$(json_get "$OUT/c.pdf.json" 'd["fields"]["date"]["value"]')" = 2024-04-03 ] || fail "date not normalised day-first"
[ "$(json_get "$OUT/c.pdf.json" 'd["fields"]["currency"]["value"]')" = EUR ] || fail "currency not normalised"
[ "$(json_get "$OUT/c.pdf.json" 'd["review"]["reviewer"]')" = ann ] || fail "reviewer not in JSON"
db "SELECT result_json FROM documents WHERE sha256 = '$C'" | grep -q '"value":"12.50"' || fail "DB result not corrected"
[ "$(db "SELECT actor || ' ' || before || ' ' || after FROM audit WHERE sha256 = '$C' AND action = 'set_status'")" = \
  "ann NEEDS_REVIEW APPROVED" ] || fail "audit row: $(db "SELECT * FROM audit WHERE sha256 = '$C'")"
db "SELECT before FROM audit WHERE sha256 = '$C' AND action = 'edit'" | grep -q '"value": *"2500.58"' || fail "audit before"
# Deciding again is refused; the export shows the decision.
"$RECEIPTOCR" review "$OUT" approve "$C" 2> "$WORK/err"; rc=$?
[ $rc = 2 ] && grep -q 'is APPROVED' "$WORK/err" || fail "second decision: exit $rc $(cat "$WORK/err")"
"$RECEIPTOCR" export "$OUT" | grep -q '^c.pdf,.*,APPROVED,invoice,.*,2024-04-03,2310.00,190.58,12.50,EUR,' || fail "export after approve"
# Bad corrections and IDs: clear messages, nothing changed.
"$RECEIPTOCR" review "$OUT" approve a.pdf --set total=12,5x 2> "$WORK/err"; rc=$?
[ $rc = 2 ] && grep -q "a.pdf: total: '12,5x' is not an amount" "$WORK/err" || fail "bad amount: $rc $(cat "$WORK/err")"
"$RECEIPTOCR" review "$OUT" approve a.pdf --set totl=1 2> "$WORK/err"; rc=$?
[ $rc = 2 ] && grep -q "unknown field 'totl'" "$WORK/err" || fail "bad field: $rc $(cat "$WORK/err")"
"$RECEIPTOCR" review "$OUT" approve ffff0000 2> "$WORK/err"; rc=$?
[ $rc = 2 ] && grep -q "no document 'ffff0000'" "$WORK/err" || fail "unknown id: $rc $(cat "$WORK/err")"
[ "$(db "SELECT status FROM documents WHERE sha256 = '$A'")" = NEEDS_REVIEW ] || fail "a.pdf changed by a refused decision"
pass "approve"

# reject needs a reason, which the audit keeps.
expect_exit 2 "$RECEIPTOCR" review "$OUT" reject a.pdf 2>/dev/null
"$RECEIPTOCR" review --reviewer bob "$OUT" reject "${A:0:6}" --reason "duplicate of b.pdf" 2>/dev/null || fail "reject"
[ "$(json_get "$OUT/a.pdf.json" 'd["status"]')" = REJECTED ] || fail "JSON file not REJECTED"
[ "$(db "SELECT note FROM audit WHERE sha256 = '$A' AND action = 'set_status'")" = "reject: duplicate of b.pdf" ] \
  || fail "reject reason not audited"
pass "reject"

# apply: seed-shaped decisions; a file with one bad line applies nothing.
sqlite3 "$OUT/receiptocr.db" "UPDATE documents SET status = 'NEEDS_REVIEW' WHERE path IN ('b.pdf')"
cat > "$WORK/bad.jsonl" <<JSONL
{"job_id": "$B", "decision": "APPROVE", "reviewer": "carol", "corrected_fields": {"total": "1.234,50"}}
{"job_id": "deadbeef", "decision": "APPROVE", "reviewer": "carol"}
{"file": "b.pdf", "decision": "APPROVE", "corrected_fields": {"tax": "abc"}}
{"file": "b.pdf", "decision": "LATER"}
JSONL
"$RECEIPTOCR" review "$OUT" apply "$WORK/bad.jsonl" 2> "$WORK/err"; rc=$?
[ $rc = 2 ] || fail "bad apply: exit $rc"
grep -q 'line 4: "decision" must be "APPROVE" or "REJECT"' "$WORK/err" || fail "bad apply message: $(cat "$WORK/err")"
[ "$(db "SELECT status FROM documents WHERE path = 'b.pdf'")" = NEEDS_REVIEW ] || fail "bad apply changed b.pdf"
sed -i '4d' "$WORK/bad.jsonl"
"$RECEIPTOCR" review "$OUT" apply - < "$WORK/bad.jsonl" 2> "$WORK/err"; rc=$?
[ $rc = 2 ] || fail "bad apply: exit $rc"
grep -q "line 2: no document 'deadbeef'" "$WORK/err" || fail "unknown id message: $(cat "$WORK/err")"
grep -q "line 3: b.pdf: tax: 'abc' is not an amount" "$WORK/err" || fail "bad amount message: $(cat "$WORK/err")"
grep -q "nothing was applied" "$WORK/err" || fail "no all-or-nothing message"
[ "$(db "SELECT status FROM documents WHERE path = 'b.pdf'")" = NEEDS_REVIEW ] || fail "bad apply changed b.pdf"
[ "$(db "SELECT count(*) FROM audit WHERE actor = 'carol'")" = 0 ] || fail "bad apply left audit rows"
head -1 "$WORK/bad.jsonl" > "$WORK/good.jsonl"
"$RECEIPTOCR" review "$OUT" apply "$WORK/good.jsonl" 2>/dev/null || fail "apply"
[ "$(json_get "$OUT/b.pdf.json" 'd["fields"]["total"]["value"]')" = 1234.50 ] || fail "apply correction"
[ "$(db "SELECT actor FROM audit WHERE sha256 = '$B' AND action = 'set_status'")" = carol ] || fail "apply reviewer"
pass "apply"

# Without a subcommand and without a terminal: point to the subcommands.
"$RECEIPTOCR" review "$OUT" < /dev/null > /dev/null 2> "$WORK/err"; rc=$?
[ $rc = 2 ] && grep -q "not a terminal; use 'review list" "$WORK/err" || fail "no TTY: $rc $(cat "$WORK/err")"
expect_exit 7 "$RECEIPTOCR" review "$WORK/none" list 2>/dev/null
pass "no terminal"
