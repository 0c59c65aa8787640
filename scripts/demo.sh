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
echo "== the report: $root/datasets/results/survey/report.md (typeset: report.tex)"
echo "   (results.json, the XY plots xy_*.svg and the chart chart_M1.svg are in the same directory)"
echo "== the units compared (from the report: cluster diagnostics and cross-group patterns)"
sed -n '/^\*\*Cluster diagnostics/,$p' datasets/results/survey/report.md
echo "== how stable each unit's solution is: 200 bootstrap resamples, pooled and per unit"
cal=()
for v in TF AD AG RB CF DSO; do cal+=(--calibrate "$v=2,4.5,6"); done
build/fsqca robust datasets/survey.csv --outcome DSO --conditions TF,AD,AG,RB,CF "${cal[@]}" \
  --incl-cut 0.8 --n-cut 2 --dir-exp TF=1,AD=1,AG=1,CF=1 --bootstrap 200 --seed 1 --by unit \
  --quiet 2>/dev/null | sed -n '/^Side by side/,$p'

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
