# Shared helpers for CLI tests. Source it: . "$(dirname "$0")/lib.sh"
# Environment (set by ctest): RECEIPTOCR (binary), TESTDATA, SOURCE_DIR, SHARED_DATASETS.
set -u
: "${RECEIPTOCR:?RECEIPTOCR must point to the receiptocr binary}"
: "${TESTDATA:?TESTDATA must point to testdata/}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/receiptocr-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export NO_COLOR=1

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }
pass() { echo "ok: $*"; }

# expect_exit CODE CMD... : runs CMD, fails unless it exits with CODE.
expect_exit() {
  local want=$1; shift
  "$@"; local got=$?
  [ "$got" -eq "$want" ] || fail "expected exit $want, got $got: $*"
}

# json_get FILE JQ-LIKE-PYTHON-EXPR : evaluates a python expression on the parsed JSON `d`.
json_get() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
