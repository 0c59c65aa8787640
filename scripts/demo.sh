#!/usr/bin/env bash
# Installs what is missing, builds a Release, and runs the whole analysis of
# the synthetic survey that ships in datasets/ (see datasets/README.md and
# datasets/survey.spec): calibration, necessity, truth table, the three
# solutions, fit, and a report with XY plots. Then the network-thinking
# analysis of the synthetic, illustrative sales-organization model in
# datasets/sales_org/ (see datasets/README.md) with fsqca influence.
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

out=datasets/results/sales_org
mkdir -p "$out"
echo
echo "== fsqca influence datasets/sales_org/matrix.csv (synthetic, illustrative model)"
build/fsqca influence datasets/sales_org/matrix.csv --sign datasets/sales_org/signs.csv \
  --delay datasets/sales_org/delays.csv --max-loop 4 --impulse Pricing=+1 --steps 8 \
  --svg "$out/role_map.svg" --graph-svg "$out/influence_graph.svg" --output "$out/influence.txt"
sed -n '1,20p' "$out/influence.txt"
echo "   ... (the whole text: $root/$out/influence.txt)"
echo "== three cases: mean and median matrices, roles per case"
build/fsqca influence datasets/sales_org/case_*.csv --sign datasets/sales_org/signs.csv \
  --delay datasets/sales_org/delays.csv --max-loop 4 --output "$out/cases.txt"
sed -n '/^Roles per case/,$p' "$out/cases.txt"
echo "== role map and influence graph: $root/$out/role_map.svg, influence_graph.svg"
