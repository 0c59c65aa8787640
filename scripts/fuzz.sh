#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz/fuzz_*.c) with clang in
# build-fuzz/ and runs each for SECONDS (default 15), one after the other,
# from its committed seed corpus and reproducers; fails on any finding (a
# crash, a sanitizer report, a leak, a timeout of 10 s on one input, more than
# 2 GB of memory). New inputs go to build-fuzz/corpus/<name>/ (never into the
# tree); a finding is saved as build-fuzz/artifacts/<name>/crash-... and its
# log as build-fuzz/fuzz_<name>.log. Prints a table: harness, executions,
# coverage (libFuzzer's cov:), result.
# Usage: scripts/fuzz.sh [SECONDS [HARNESS...]]   e.g. scripts/fuzz.sh 600 csv spec
# Extra libFuzzer flags for one harness: tests/fuzz/fuzz_<name>.options (one line).
# To keep a finding as a regression test: minimize it (fuzz_<name> -minimize_crash=1
# ...), fix the bug, and add the file to tests/fuzz/regressions/<name>/; the
# ordinary test suite replays that directory (ctest -R fuzz_<name>_replay).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${1:-15}
shift || true
jobs=$(nproc 2>/dev/null || echo 2)
command -v clang >/dev/null || { echo "fuzz.sh: clang is needed (scripts/deps.sh installs it)" >&2; exit 2; }
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DFSQCA_FUZZ=ON -DFSQCA_OPENMP=OFF \
  -DFSQCA_TESTS=OFF -DFSQCA_BENCH=OFF >/dev/null
cmake --build build-fuzz -j"$jobs" >/dev/null
if [ $# -gt 0 ]; then
  names=("$@")
else
  names=()
  for f in tests/fuzz/fuzz_*.c; do n=${f##*/fuzz_}; names+=("${n%.c}"); done
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=0
printf '%-12s %12s %8s  %s\n' harness executions cov result
for n in "${names[@]}"; do
  mkdir -p "build-fuzz/corpus/$n" "build-fuzz/artifacts/$n"
  extra=()
  [ -f "tests/fuzz/fuzz_$n.options" ] && read -r -a extra <"tests/fuzz/fuzz_$n.options"
  seeds=("tests/fuzz/corpus/$n")
  [ -d "tests/fuzz/regressions/$n" ] && seeds+=("tests/fuzz/regressions/$n")
  log="build-fuzz/fuzz_$n.log"
  rc=0
  "build-fuzz/tests/fuzz/fuzz_$n" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -close_fd_mask=3 -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$n/" \
    "${extra[@]}" "build-fuzz/corpus/$n" "${seeds[@]}" >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  # (|| true: a harness that dies on a seed prints no cov: line at all)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2 || true)
  if [ "$rc" = 0 ]; then result=ok; else result="FINDING (exit $rc, see $log)"; failed=1; fi
  printf '%-12s %12s %8s  %s\n' "$n" "${execs:-?}" "${cov:-?}" "$result"
done
exit $failed
