#!/usr/bin/env bash
# Runs the libFuzzer targets in tests/fuzz one after another, each for SECONDS (default 600),
# and prints per target the executions, exec/s, coverage (cov/ft of libFuzzer's last line),
# corpus size and findings. Exits 1 when any target found a crash, leak, timeout or
# out-of-memory.
#
#   tests/fuzz/run.sh [SECONDS] [NAME...]      e.g. tests/fuzz/run.sh 60 amount date
#
# Builds build-fuzz/ with clang (RECEIPTOCR_FUZZ=ON, ASan + UBSan) when needed. Each target
# starts from a scratch copy of corpus/NAME and regressions/NAME, so the committed corpus never
# grows by itself; new inputs and findings stay under build-fuzz/fuzz/NAME/. As root, missing
# Debian packages (clang, the libFuzzer runtime) are installed; otherwise the command is printed.
# Environment: FUZZ_BUILD_DIR (build-fuzz), FUZZ_JOBS (2, build parallelism), FUZZ_NICE (10).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=${1:-600}
shift || true
build=${FUZZ_BUILD_DIR:-build-fuzz}
jobs=${FUZZ_JOBS:-2}
niceness=${FUZZ_NICE:-10}

packages=(clang libclang-rt-14-dev)
. scripts/ensure-packages.sh
ensure_packages fuzz "${packages[@]}"

if ! grep -q '^RECEIPTOCR_FUZZ:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -DRECEIPTOCR_FUZZ=ON -DRECEIPTOCR_SANITIZE=address,undefined
fi

if (($#)); then
  names=("$@")
else
  names=()
  for source in tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    names+=("${name#fuzz_}")
  done
fi
nice -n "$niceness" cmake --build "$build" -j "$jobs" --target "${names[@]/#/fuzz_}"

dict_of() {
  case "$1" in
    review_decisions | truth) echo tests/fuzz/dict/json.dict ;;
    *) echo "tests/fuzz/dict/$1.dict" ;;
  esac
}

# halt_on_error: UBSan findings stop the run like ASan's; leaks in third-party libraries
# that are not ours are listed (with the reason) in lsan.supp.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/fuzz/lsan.supp:print_suppressions=0}

summary=()
failed=0
for name in "${names[@]}"; do
  work=$build/fuzz/$name
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  cp tests/fuzz/corpus/"$name"/* "$work/corpus/"
  # Regression inputs over 4 KB stay out: libFuzzer would start mutating at their size and run
  # a hundred times slower. ctest (fuzz.NAME) replays every one of them anyway.
  if [ -d "tests/fuzz/regressions/$name" ]; then
    find "tests/fuzz/regressions/$name" -type f -size -4097c -exec cp {} "$work/corpus/" \;
  fi
  seeds=$(find "$work/corpus" -type f | wc -l)
  dict=$(dict_of "$name")
  dict_args=()
  [ -f "$dict" ] && dict_args=(-dict="$dict")
  echo "fuzz: $name for ${seconds}s from $seeds seed(s) (log: $work/log)"
  started=$SECONDS
  set +e
  nice -n "$niceness" "$build/tests/fuzz/fuzz_$name" "$work/corpus" "${dict_args[@]}" \
    -max_total_time="$seconds" -max_len=8192 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" >"$work/log" 2>&1
  rc=$?
  set -e
  elapsed=$((SECONDS - started))
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
  per_second=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$work/log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corpus=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  findings=$(find "$work/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  if [ "$rc" -ne 0 ] || [ "$findings" -ne 0 ]; then
    failed=1
    echo "fuzz: $name: FINDING (exit $rc), artifacts in $work/artifacts:" >&2
    ls "$work/artifacts" >&2 || true
    grep -m3 -E 'ERROR: |invariant broken|runtime error' "$work/log" >&2 || true
  fi
  summary+=("$(printf '%-18s %8s %12s %8s %7s %7s %8s %8s' "$name" "$elapsed" "${executions:-?}" "${per_second:-?}" \
    "${cov:-?}" "${ft:-?}" "$corpus" "$findings")")
done

printf '%-18s %8s %12s %8s %7s %7s %8s %8s\n' target seconds executions exec/s cov ft corpus findings
printf '%s\n' "${summary[@]}"
exit "$failed"
