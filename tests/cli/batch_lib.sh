# Helpers for the batch robustness tests (kill, disk full). Source it after lib.sh.

# check_batch_state DB OUT WHEN [strict]: the checks that hold whenever no batch is running,
# even right after a kill or a failed write: the database passes integrity_check; every
# document with a final status has its output at OUT/<path>.json, complete JSON, with the same
# status and hash as the database; no output exists for a document without a row. PROCESSING
# rows (claimed, not stored) may or may not have an output: the next run redoes them. Unless
# "strict": an output may already carry the possible_duplicate flag its COMPLETED row lacks
# (the run died between writing the file and committing; the next run flags it again).
# Fails the test.
check_batch_state() {
  local db=$1 out=$2 when=$3 strict=${4:-}
  [ -f "$db" ] || { echo "  ($when: no database yet)"; return 0; }
  local integrity
  integrity=$(sqlite3 "$db" 'pragma integrity_check' 2>&1)
  [ "$integrity" = ok ] || fail "$when: integrity_check: $integrity"
  python3 - "$db" "$out" "$when" "$strict" <<'PY' || fail "$when: outputs disagree with the database"
import json, os, sqlite3, sys
db, out, when, strict = sys.argv[1:5]
con = sqlite3.connect(db)
problems = []
if not con.execute("select 1 from sqlite_master where name = 'documents'").fetchone():
    # Killed while the database was being created: the schema is all or nothing.
    version = con.execute("pragma user_version").fetchone()[0]
    outputs = [f for _, _, fs in os.walk(out) for f in fs if f.endswith(".json") and not f.startswith(".")]
    if version != 0 or outputs:
        print(f"FAIL: {when}: no tables but user_version {version} and {len(outputs)} outputs", file=sys.stderr)
        sys.exit(1)
    print(f"  ({when}: database created, schema not yet)")
    sys.exit(0)
for sha, path, status, result in con.execute("select sha256, path, status, result_json from documents"):
    if status == "PROCESSING":
        continue
    target = os.path.join(out, path + ".json")
    if not os.path.isfile(target):
        problems.append(f"{path}: {status} but no output")
        continue
    try:
        j = json.load(open(target))
    except ValueError as e:
        problems.append(f"{path}: output is not valid JSON: {e}")
        continue
    flag_ahead = (not strict and status == "COMPLETED" and j.get("status") == "NEEDS_REVIEW" and
                  any(r.startswith("possible_duplicate:") for r in j.get("review_reasons", [])))
    if flag_ahead:
        print(f"  ({when}: {path}: possible_duplicate written, not yet committed; redone by the next run)")
    elif j.get("status") != status or j.get("sha256") != sha:
        problems.append(f"{path}: output says {j.get('status')}, database says {status}")
    if json.loads(result).get("status") != status:
        problems.append(f"{path}: stored result says {json.loads(result).get('status')}, status column {status}")
known = {p for (p,) in con.execute("select path from paths where sha256 in (select sha256 from documents)")}
for root, _, files in os.walk(out):
    for name in files:
        if name.endswith(".json") and not name.startswith("."):
            rel = os.path.relpath(os.path.join(root, name), out)[:-5]
            if rel not in known:
                problems.append(f"{rel}.json: output without a document row")
for p in problems:
    print(f"FAIL: {when}: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
}

# check_batch_done DB OUT N: after a run that finished: N documents, each COMPLETED or
# NEEDS_REVIEW with exactly one stored reading in the audit trail (a poison-pill result,
# FAILED crashed, is not a reading: batch gave up without reading) and one output; no run left
# "running", no recovery marks; in OUT only outputs, the database files, the lock, and the
# dot-named temporary files a killed write leaves (.<name>.json.tmp.XXXXXX, harmless).
check_batch_done() {
  local db=$1 out=$2 n=$3 bad leftover
  check_batch_state "$db" "$out" "after the last run" strict
  [ "$(sqlite3 "$db" 'select count(*) from documents')" = "$n" ] \
    || fail "expected $n documents, got $(sqlite3 "$db" 'select count(*) from documents')"
  bad=$(sqlite3 "$db" "select path || ' ' || status || ' ' || ifnull(error_reason, '') from documents where status not in ('COMPLETED', 'NEEDS_REVIEW')")
  [ -z "$bad" ] || fail "documents without a result: $bad"
  bad=$(sqlite3 "$db" "select d.path || ': ' || count(a.id) from documents d left join audit a on a.sha256 = d.sha256 and a.action = 'result' and ifnull(a.note, '') != 'crashed' group by d.sha256 having count(a.id) != 1")
  [ -z "$bad" ] || fail "documents without exactly one stored result: $bad"
  [ "$(sqlite3 "$db" "select count(*) from runs where state = 'running'")" = 0 ] || fail "a run is still marked running"
  [ "$(sqlite3 "$db" "select count(*) from documents where interrupted_runs != 0 or claimed_from is not null")" = 0 ] \
    || fail "recovery marks left behind"
  [ "$(find "$out" -name '*.json' ! -name '.*' | wc -l)" -eq "$n" ] || fail "expected $n outputs: $(find "$out" -name '*.json')"
  leftover=$(find "$out" -type f ! -name '*.json' ! -name 'receiptocr.db' ! -name 'receiptocr.db-wal' \
    ! -name 'receiptocr.db-shm' ! -name 'receiptocr.lock' ! -regex '.*/\.[^/]*\.json\.tmp\.[A-Za-z0-9]*')
  [ -z "$leftover" ] || fail "unexpected files in the output folder: $leftover"
}
