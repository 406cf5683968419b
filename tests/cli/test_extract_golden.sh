#!/usr/bin/env bash
# Golden tests: `receiptocr extract` on each testdata/ fixture must print exactly the bytes in
# tests/golden/<fixture>.json. After a deliberate change to the extractor, regenerate the goldens
# with tests/update-goldens.sh, read the diff, and commit it with the change.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/extract_lib.sh"
require_tesseract_eng
GOLDEN=${SOURCE_DIR:?}/tests/golden

# Run from testdata/ with bare names: the JSON's `file` is the path as given, and the goldens must
# not depend on where the checkout lives.
cd "$TESTDATA" || fail "cannot cd to $TESTDATA"
failures=0
for fixture in "${EXTRACT_FIXTURES[@]}"; do
  want=$GOLDEN/$fixture.json
  [ -f "$want" ] || { echo "FAIL: $fixture: no golden $want (run tests/update-goldens.sh)" >&2; failures=$((failures + 1)); continue; }
  "$RECEIPTOCR" extract "$fixture" >"$WORK/$fixture.json" 2>"$WORK/$fixture.err"
  code=$?
  no_crash "$code" "$fixture"
  if cmp -s "$want" "$WORK/$fixture.json"; then
    pass "$fixture (exit $code)"
  else
    echo "FAIL: $fixture differs from tests/golden/$fixture.json:" >&2
    diff -u "$want" "$WORK/$fixture.json" --label "golden/$fixture.json" --label "actual" >&2
    failures=$((failures + 1))
  fi
done
# Goldens with no fixture left behind are stale.
for golden in "$GOLDEN"/*.json; do
  name=$(basename "$golden" .json)
  [[ " ${EXTRACT_FIXTURES[*]} " == *" $name "* ]] || { echo "FAIL: stale golden $golden" >&2; failures=$((failures + 1)); }
done
[ "$failures" -eq 0 ] || fail "$failures golden mismatch(es); if the change is intended run tests/update-goldens.sh and review the diff"
