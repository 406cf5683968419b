#!/usr/bin/env bash
# Interactive review in a real terminal (tmux): help, viewer started without a shell, approve
# one document, correct a field on another (normalised; a bad value refused), reject a third,
# undo and redo; the JSON files, the database and the audit table agree.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/export_lib.sh"
command -v tmux >/dev/null || skip "tmux is not installed"
command -v sqlite3 >/dev/null || skip "sqlite3 (the command-line tool) is not installed"
[ -f "$TESTDATA/invoice.pdf" ] || skip "testdata/invoice.pdf missing"
OUT=$WORK/out
make_export_folder "$OUT"
db() { sqlite3 "$OUT/receiptocr.db" "$1"; }
# Three documents to review, oldest first: a, b, c.
db "UPDATE documents SET status = 'NEEDS_REVIEW' WHERE path IN ('a.pdf', 'b.pdf', 'c.pdf')"
for n in 1 2 3; do db "UPDATE documents SET created_at = '2024-01-01T00:00:0$n.000Z' WHERE path = '$(printf 'x\na\nb\nc' | sed -n "$((n + 1))p").pdf'"; done
printf '#!/bin/sh\nprintf "%%s\\n" "$@" > "%s/viewed"\n' "$WORK" > "$WORK/viewer"
chmod +x "$WORK/viewer"

SOCKET=receiptocr-test-$$
tmux -L "$SOCKET" kill-server 2>/dev/null
trap 'tmux -L "$SOCKET" kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
tmux -L "$SOCKET" new-session -d -x 220 -y 80 \
  "env NO_COLOR=1 RECEIPTOCR_VIEWER='$WORK/viewer --from-review' '$RECEIPTOCR' review '$OUT' --reviewer tess; echo \"EXITED \$?\"; sleep 60"
screen() { tmux -L "$SOCKET" capture-pane -p -S -200; }
wait_for() {  # wait_for TEXT: until the terminal shows TEXT (10 s)
  for _ in $(seq 1 100); do screen | grep -qF -- "$1" && return 0; sleep 0.1; done
  screen | tail -30
  fail "terminal never showed: $1"
}
keys() { tmux -L "$SOCKET" send-keys -t 0 "$@"; }
type_line() { tmux -L "$SOCKET" send-keys -t 0 -l "$1"; tmux -L "$SOCKET" send-keys -t 0 Enter; }

wait_for "a.pdf  (1 of 3)"
wait_for "[a]pprove [e]dit [r]eject [d]uplicate"
keys '?'; wait_for "undo the last decision"
keys o; wait_for "opened"
for _ in $(seq 1 50); do [ -s "$WORK/viewed" ] && break; sleep 0.1; done
[ "$(cat "$WORK/viewed" 2>/dev/null)" = "--from-review
$WORK/export-in/a.pdf" ] || fail "viewer argv: $(cat "$WORK/viewed" 2>/dev/null)"
keys a; wait_for "a.pdf: APPROVED"
wait_for "b.pdf  (2 of 3)"
keys e; wait_for "field (name or number):"; type_line tax; wait_for "tax:"; type_line "abc"
wait_for "tax: 'abc' is not an amount"
keys e; wait_for "field (name or number):"; type_line total; type_line "1.234,50"
wait_for "total = 1234.50"
keys a; wait_for "b.pdf: APPROVED"
wait_for "c.pdf  (3 of 3)"
keys r; wait_for "reason:"; type_line "blurry scan"; wait_for "c.pdf: REJECTED"
wait_for "End of the queue"
keys u; wait_for "c.pdf: back to NEEDS_REVIEW"
[ "$(db "SELECT status FROM documents WHERE path = 'c.pdf'")" = NEEDS_REVIEW ] || fail "undo did not reach the database"
keys r; wait_for "reason:"; type_line "blurry scan"
wait_for "End of the queue"
keys q; wait_for "2 approved, 1 rejected."
wait_for "EXITED 0"
pass "driven through tmux"

[ "$(db "SELECT group_concat(path || '=' || status, ' ') FROM (SELECT * FROM documents WHERE path IN ('a.pdf','b.pdf','c.pdf') ORDER BY path)")" = \
  "a.pdf=APPROVED b.pdf=APPROVED c.pdf=REJECTED" ] || fail "statuses: $(db 'SELECT path, status FROM documents')"
[ "$(json_get "$OUT/b.pdf.json" 'd["fields"]["total"]["value"]')" = 1234.50 ] || fail "correction not in the JSON file"
[ "$(json_get "$OUT/b.pdf.json" 'd["fields"]["total"]["original_value"]')" = 1234.56 ] || fail "original lost"
db "SELECT result_json FROM documents WHERE path = 'b.pdf'" | grep -q '"value":"1234.50"' || fail "correction not in the DB"
[ "$(json_get "$OUT/c.pdf.json" 'd["status"]')" = REJECTED ] || fail "c.pdf.json not REJECTED"
[ "$(json_get "$OUT/a.pdf.json" 'd["review"]["reviewer"]')" = tess ] || fail "reviewer not recorded"
got=$(db "SELECT d.path || ' ' || a.before || '>' || a.after || ' ' || a.note FROM audit a JOIN documents d USING (sha256)
          WHERE a.actor = 'tess' AND a.action = 'set_status' ORDER BY a.id")
want="a.pdf NEEDS_REVIEW>APPROVED approve
b.pdf NEEDS_REVIEW>APPROVED approve
c.pdf NEEDS_REVIEW>REJECTED reject: blurry scan
c.pdf REJECTED>NEEDS_REVIEW undo
c.pdf NEEDS_REVIEW>REJECTED reject: blurry scan"
[ "$got" = "$want" ] || fail "audit:
$got"
pass "files, database and audit agree"
