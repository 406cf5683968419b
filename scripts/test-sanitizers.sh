#!/usr/bin/env bash
# Builds receiptocr with AddressSanitizer and UndefinedBehaviorSanitizer into build-asan/ and
# runs the whole test suite there: unit and CLI tests, then the accuracy evaluation (label
# eval) when the shared datasets are present. Any sanitizer report fails the run, including
# one from a process whose exit code a test does not look at: reports are written to
# build-asan/sanitizer-reports/ and that folder must stay empty. See docs/hardening.md.
#
#   scripts/test-sanitizers.sh            # everything (eval takes long under ASan)
#   SKIP_EVAL=1 scripts/test-sanitizers.sh
#   JOBS=2 (default) sets both the build and the ctest parallelism.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=${JOBS:-2}
build=build-asan

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRECEIPTOCR_SANITIZE=address,undefined >/dev/null
cmake --build "$build" -j"$jobs"

reports=$root/$build/sanitizer-reports
rm -rf "$reports"
mkdir -p "$reports"
# halt_on_error: the first finding stops the process (with exit code 1 from ASan/UBSan).
# detect_leaks: LeakSanitizer runs at exit; scripts/lsan.supp lists leaks inside third-party
# libraries only. log_path: reports go to files as well as being counted below.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:check_initialization_order=1:log_path=$reports/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan"
export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0"

status=0
start=$SECONDS
ctest --test-dir "$build" --output-on-failure -j"$jobs" -LE eval || status=1
echo "test-sanitizers: unit and CLI tests took $((SECONDS - start)) s"

datasets=../shared/datasets
if [ -n "${SKIP_EVAL:-}" ]; then
  echo "test-sanitizers: SKIPPED the accuracy evaluation (SKIP_EVAL is set)"
elif [ -d "$datasets" ] && compgen -G "$datasets/*/*.truth.json" >/dev/null; then
  eval_start=$SECONDS
  ctest --test-dir "$build" --output-on-failure -j"$jobs" -L eval || status=1
  echo "test-sanitizers: the accuracy evaluation took $((SECONDS - eval_start)) s"
else
  echo "test-sanitizers: SKIPPED the accuracy evaluation: no labelled datasets at $datasets"
fi

if compgen -G "$reports/*" >/dev/null; then
  echo "test-sanitizers: sanitizer reports in $reports:" >&2
  for f in "$reports"/*; do
    echo "=== $f" >&2
    cat "$f" >&2
  done
  status=1
fi
echo "test-sanitizers: $((SECONDS - start)) s in all"
[ "$status" -eq 0 ] && echo "test-sanitizers: PASSED" || echo "test-sanitizers: FAILED" >&2
exit "$status"
