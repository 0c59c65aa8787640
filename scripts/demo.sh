#!/usr/bin/env bash
# Installs what is missing, builds a Release, and runs the main analysis on
# the data set that ships in datasets/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)" --target fsqca >/dev/null
echo "== fsqca tt datasets/lipset_fuzzy.csv --outcome SURV --incl-cut 0.8"
build/fsqca tt datasets/lipset_fuzzy.csv --outcome SURV --incl-cut 0.8
