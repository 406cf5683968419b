#!/usr/bin/env bash
# Regenerates tests/golden/<fixture>.json from the current receiptocr build.
# Usage: tests/update-goldens.sh [path/to/receiptocr]   (default: $RECEIPTOCR, then build/receiptocr)
# Then read `git diff tests/golden`: every changed value should be one you meant to change (the
# fixtures' true values are in testdata/README.md), and commit the goldens with the change.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${RECEIPTOCR:-$root/build/receiptocr}}
[ -x "$bin" ] || { echo "update-goldens.sh: no receiptocr binary at $bin (build it or pass its path)" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$root/tests/cli/extract_lib.sh"

mkdir -p "$root/tests/golden"
rm -f "$root/tests/golden/"*.json
cd "$root/testdata"
for fixture in "${EXTRACT_FIXTURES[@]}"; do
  # Exit codes 3-5 (needs review, failed) are expected for some fixtures; only a crash is fatal.
  code=0
  "$bin" extract "$fixture" >"$root/tests/golden/$fixture.json" || code=$?
  if [ "$code" -ge 128 ] || [ "$code" -eq 70 ] || [ "$code" -eq 6 ] || [ "$code" -eq 2 ]; then
    echo "update-goldens.sh: $fixture: exit $code; golden not usable" >&2
    exit 1
  fi
  echo "$fixture: exit $code"
done
git -C "$root" --no-pager diff --stat -- tests/golden || true
