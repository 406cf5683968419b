#!/usr/bin/env bash
# SIGINT/SIGTERM: the first asks for a clean stop after the documents under way and says so on
# stderr (not under -q); a second terminates at once. extract reads standard input from a FIFO
# this script holds open and never writes to, so it is still busy when the signals arrive,
# however fast the machine is.
. "$(dirname "$0")/lib.sh"

# interrupt SIGNAL [FLAGS...]: starts extract, sends SIGNAL twice; sets $alive (after the first)
# and $status.
interrupt() {
  local signal=$1; shift
  rm -f "$WORK/in"
  mkfifo "$WORK/in"
  exec 3<>"$WORK/in"  # a writer that never writes: reading blocks
  "$RECEIPTOCR" "$@" extract - <"$WORK/in" >"$WORK/out" 2>"$WORK/err" &
  local pid=$!
  # Wait until it blocks reading the FIFO (its handlers are installed long before), at most
  # 30 s; where the kernel does not say what a process waits on, give it 3 s.
  local waited=0
  until grep -q pipe "/proc/$pid/wchan" 2>/dev/null; do
    sleep 0.1
    waited=$((waited + 1))
    if [ "$waited" -ge 300 ] || { [ "$waited" -ge 30 ] && ! grep -q '[a-z]' "/proc/$pid/wchan" 2>/dev/null; }; then
      break
    fi
  done
  kill "-$signal" "$pid"
  sleep 0.5
  alive=no
  kill -0 "$pid" 2>/dev/null && alive=yes
  kill "-$signal" "$pid" 2>/dev/null
  # A second signal that did not terminate it would leave it waiting forever: 10 s at most.
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"
    fail "still running 10 s after the second SIG$signal"
  fi
  wait "$pid"
  status=$?
  exec 3>&-
}

interrupt TERM
[ "$alive" = yes ] || fail "extract exited on the first SIGTERM while reading (it should finish the document under way)"
[ "$status" -eq 143 ] || fail "a second SIGTERM should terminate at once (status 143), got $status"
grep -q "stopping after the documents under way (interrupt again to stop now)" "$WORK/err" ||
  fail "no notice on stderr after the first signal: $(cat "$WORK/err")"
pass "SIGTERM twice: notice, then terminated"

interrupt INT -q
[ "$alive" = yes ] || fail "extract exited on the first SIGINT while reading"
[ "$status" -eq 130 ] || fail "a second SIGINT should terminate at once (status 130), got $status"
[ ! -s "$WORK/err" ] || fail "-q printed on stderr: $(cat "$WORK/err")"
pass "SIGINT twice under -q: no notice, terminated"
