#!/usr/bin/env bash
# Installs what is missing, builds, runs the whole test suite, then runs it
# again in a separate AddressSanitizer + UndefinedBehaviorSanitizer build,
# then a fuzz smoke: every libFuzzer harness for FSQCA_FUZZ_SECONDS (15) s.
# Build trees: build/ (Release), build-asan/ (Debug + sanitizers), build-fuzz/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
jobs=$(nproc 2>/dev/null || echo 2)
scripts/deps.sh

echo "== Release build and tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and tests"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DFSQCA_SANITIZE=ON -DFSQCA_BENCH=OFF >/dev/null
cmake --build build-asan -j"$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j"$jobs")

echo "== Fuzz smoke: every libFuzzer harness for ${FSQCA_FUZZ_SECONDS:-15} s (clang, ASan + UBSan)"
# Fails on any finding; see scripts/fuzz.sh and tests/fuzz/README.md.
scripts/fuzz.sh "${FSQCA_FUZZ_SECONDS:-15}"
