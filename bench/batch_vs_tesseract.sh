#!/usr/bin/env bash
# Throughput of `receiptocr batch` against plain Tesseract on the same images, in one run:
#   1. find | xargs -P J tesseract --psm 6 IMG -      (OMP_THREAD_LIMIT=1, as batch uses)
#   2. receiptocr batch -j J                           (fresh output folder)
#   3. receiptocr batch -j 1                           (fresh output folder)
#   4. receiptocr batch -j J on text-layer PDFs        (COPIES distinct copies of each PDF)
# and prints docs/min, the ratios and peak RSS (/usr/bin/time -v: the largest single process).
#
# Usage: bench/batch_vs_tesseract.sh [IMAGES_DIR [PDF_DIR]]
# Environment: RECEIPTOCR (binary, default build/receiptocr),
#   JOBS (default 2), COPIES (default 20), LIMIT (use only the first N images; default all),
#   KEEP=1 keeps the scratch folder.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
images=${1:-$here/../shared/datasets/sroie}
pdfs=${2:-$here/../shared/datasets/invoices}
# Absolute, as the scratch folder links to them: a relative folder given on the command line
# made every link dangle, and every run "finish" in no time with nothing read.
[ -d "$images" ] || { echo "bench: $images: not a directory" >&2; exit 2; }
images=$(cd "$images" && pwd)
if [ -d "$pdfs" ]; then pdfs=$(cd "$pdfs" && pwd); fi
jobs=${JOBS:-2}
copies=${COPIES:-20}
limit=${LIMIT:-0}
bin=${RECEIPTOCR:-}
if [ -z "$bin" ]; then
  for candidate in "$here/build/receiptocr"; do
    [ -x "$candidate" ] && bin=$candidate && break
  done
fi
[ -n "$bin" ] && [ -x "$bin" ] || { echo "bench: set RECEIPTOCR to the receiptocr binary" >&2; exit 2; }
[ -d "$images" ] || { echo "bench: $images: no such folder" >&2; exit 2; }
# The plain tesseract CLI (the library alone builds receiptocr) and GNU time, which reports
# peak RSS: installed when missing, as root (scripts/ensure-packages.sh).
. "$here/scripts/ensure-packages.sh"
ensure_packages bench tesseract-ocr time

scratch=$(mktemp -d "${TMPDIR:-/tmp}/receiptocr-bench.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$scratch"' EXIT

# The inputs: images only (truth files and anything else stay out).
mkdir -p "$scratch/images"
find "$images" -maxdepth 1 -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.tif' \) \
  | sort | { if [ "$limit" -gt 0 ]; then head -n "$limit"; else cat; fi; } \
  | while read -r f; do ln -s "$f" "$scratch/images/$(basename "$f")"; done
n_images=$(find "$scratch/images" -type l | wc -l)
[ "$n_images" -gt 0 ] || { echo "bench: no images in $images" >&2; exit 2; }

# timed NAME CMD...: runs CMD under /usr/bin/time -v; sets SECONDS_<NAME> and RSS_<NAME> (MB).
timed() {
  local name=$1; shift
  local log="$scratch/time-$name.txt"
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$log" "$@" > "$scratch/out-$name.txt" 2> "$scratch/err-$name.txt" || true
  end=$(date +%s.%N)
  printf -v "SECONDS_$name" '%s' "$(echo "$end - $start" | bc -l)"
  printf -v "RSS_$name" '%s' "$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")"
  printf -v "CPU_$name" '%s' "$(awk -F': ' '/User time|System time/ {t += $2} END {printf "%.1f", t}' "$log")"
}
rate() { echo "scale=1; $1 * 60 / $2" | bc -l; }
ratio() { echo "scale=2; $1 / $2" | bc -l; }

echo "receiptocr bench: $n_images images from $images, -j $jobs, $(nproc) cores, $($bin --version)"
echo "tesseract: $(tesseract --version 2>&1 | head -n1); load average before: $(cut -d" " -f1-3 /proc/loadavg)"

export OMP_THREAD_LIMIT=1
timed tess sh -c "find '$scratch/images' -type l -print0 | xargs -0 -P $jobs -n 1 sh -c 'tesseract --psm 6 \"\$0\" - >/dev/null 2>&1'"
timed batchj "$bin" -q batch "$scratch/images" --out "$scratch/out-j$jobs" -j "$jobs" --follow-symlinks
timed batch1 "$bin" -q batch "$scratch/images" --out "$scratch/out-j1" -j 1 --follow-symlinks
# The slower setting: small print upscaled already in the first reading (the default before
# 0.1.0's second-reading change; docs/accuracy.md).
timed fast "$bin" -q batch "$scratch/images" --out "$scratch/out-fast" -j "$jobs" --follow-symlinks --upscale

# Text-layer PDFs: distinct copies (a comment after %%EOF changes the hash, not the document).
n_pdfs=0
if [ -d "$pdfs" ]; then
  mkdir -p "$scratch/pdfs"
  for f in "$pdfs"/*.pdf; do
    [ -f "$f" ] || continue
    for i in $(seq 1 "$copies"); do
      { cat "$f"; printf '%% copy %d\n' "$i"; } > "$scratch/pdfs/$(basename "$f" .pdf)-$i.pdf"
      n_pdfs=$((n_pdfs + 1))
    done
  done
  [ "$n_pdfs" -gt 0 ] && timed pdf "$bin" -q batch "$scratch/pdfs" --out "$scratch/out-pdf" -j "$jobs"
fi

# CPU seconds (user + system) do not depend on what else the machine runs, so cpu s/doc
# shows what an idle machine would reach even when the wall-clock figures are disturbed.
row() {  # LABEL DOCS SECONDS RSS CPU
  printf '%-44s %6d %9.1f %9.1f %8s %9.1f %10.3f\n' "$1" "$2" "$3" "$(rate "$2" "$3")" "$4" "$5" "$(echo "$5 / $2" | bc -l)"
}
printf '\n%-44s %6s %9s %9s %8s %9s %10s\n' "run" "docs" "seconds" "docs/min" "peak MB" "cpu s" "cpu s/doc"
row "xargs -P $jobs tesseract --psm 6" "$n_images" "$SECONDS_tess" "$RSS_tess" "$CPU_tess"
row "receiptocr batch -j $jobs" "$n_images" "$SECONDS_batchj" "$RSS_batchj" "$CPU_batchj"
row "receiptocr batch -j 1" "$n_images" "$SECONDS_batch1" "$RSS_batch1" "$CPU_batch1"
row "receiptocr batch -j $jobs --upscale" "$n_images" "$SECONDS_fast" "$RSS_fast" "$CPU_fast"
if [ "$n_pdfs" -gt 0 ]; then
  row "receiptocr batch -j $jobs, text-layer PDFs" "$n_pdfs" "$SECONDS_pdf" "$RSS_pdf" "$CPU_pdf"
fi
echo
echo "batch -j $jobs vs xargs tesseract: $(ratio "$SECONDS_tess" "$SECONDS_batchj")x   (target >= 1.3x)"
echo "batch -j $jobs --upscale vs xargs tesseract: $(ratio "$SECONDS_tess" "$SECONDS_fast")x"
echo "batch -j $jobs vs batch -j 1:      $(ratio "$SECONDS_batch1" "$SECONDS_batchj")x   (target >= 1.8x)"
echo "peak RSS, batch -j $jobs:          ${RSS_batchj} MB   (target <= 300 MB)"
echo "cpu per document, batch vs tesseract: $(ratio "$CPU_batchj" "$CPU_tess")x   (the wall-clock ratio an idle machine would show is about the inverse)"
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
[ "$n_pdfs" -gt 0 ] && echo "text-layer PDFs:               $(echo "scale=1; $n_pdfs / $SECONDS_pdf" | bc -l) docs/s   (target >= 50)"
# Outcomes, so a fast run that failed everything cannot pass for a good one.
for name in batchj batch1 pdf; do
  [ -f "$scratch/err-$name.txt" ] || continue
  db="$scratch/out-$( [ "$name" = batchj ] && echo "j$jobs" || { [ "$name" = batch1 ] && echo j1 || echo pdf; })/receiptocr.db"
  [ -f "$db" ] && command -v sqlite3 >/dev/null &&
    echo "statuses ($name): $(sqlite3 "$db" "select group_concat(status || ' ' || n, ', ') from (select status, count(*) n from documents group by status)")"
done
exit 0
