#!/usr/bin/env bash
# Runs `receiptocr eval` on labelled folders as they are and under four small perturbations of
# every image (re-encoded as JPEG at quality 90, scanned at 90% and 115% of the resolution,
# half a degree askew), and prints one line per dataset and reading: the correct count per field,
# documents with every field right, and auto-accepted documents with their precision.
# A rule that helps only on the exact pixels of the labelled files loses on the perturbed
# readings; docs/accuracy.md ("How far the numbers carry") has the numbers and what they mean.
#
#   scripts/eval-robustness.sh [DIR...]    (default: ../shared/datasets/sroie and wildreceipt)
#
# Builds first (scripts/setup.sh). About five times the time of one eval.
set -euo pipefail
cd "$(dirname "$0")/.."

dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
  dirs=(../shared/datasets/sroie ../shared/datasets/wildreceipt)
fi
for d in "${dirs[@]}"; do
  [ -d "$d" ] || { echo "eval-robustness: $d: not a directory" >&2; exit 2; }
done

bash scripts/setup.sh >/dev/null

summary=$(cat <<'PY'
import json, sys
label = sys.argv[1]
for d in json.load(sys.stdin)["datasets"]:
    fields = " ".join(f"{k}={v['correct']}/{v['labelled']}" for k, v in d["fields"].items())
    print(f"{label:<11} {d['dataset']:<12} {fields}  every-field={d['all_fields_correct']}/{d['documents']}"
          f"  auto-accepted={d['auto_accepted']} ({100 * d['auto_accept_precision']:.1f}% right)")
PY
)

for p in none jpeg=90 scale=0.9 rotate=0.5 scale=1.15; do
  args=()
  [ "$p" = none ] || args=(--perturb "$p")
  build/receiptocr eval -q "${dirs[@]}" --json "${args[@]}" | python3 -c "$summary" "$p"
done
