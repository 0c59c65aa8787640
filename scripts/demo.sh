#!/usr/bin/env bash
# Installs what is missing, builds a Release, and runs the whole analysis of
# the synthetic survey that ships in datasets/ (see datasets/README.md and
# datasets/survey.spec): calibration, necessity, truth table, the three
# solutions, fit, and a report with XY plots.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)" --target fsqca >/dev/null
echo "== fsqca run datasets/survey.spec"
# --force replaces the report of an earlier demo run (and only such a directory).
build/fsqca run datasets/survey.spec --force
echo "== the report: $root/datasets/results/survey/report.md"
echo "   (results.json and the XY plots xy_*.svg are in the same directory)"
