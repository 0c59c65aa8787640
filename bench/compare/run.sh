#!/usr/bin/env bash
# bench/compare/run.sh: a suite of workloads through scripts/compare.sh
# (fsqca against R's QCA, Espresso and CCubes, whichever are installed),
# summarized in one Markdown table for a paper or a README.
#
#   bench/compare/run.sh [--quick] [--timeout SECONDS] [--out FILE.md]
#
# Workloads:
#   1. QCA's data sets (../shared/datasets/qca/, when present): every
#      analysis of ../shared/reference/qca/ with the outcome as given, with
#      its conditions and cut-offs, conservative and parsimonious.
#   2. Generated (gen.awk, fixed seeds): noisy crisp data as in
#      bench_minimize (1,000 cases over 200 configurations, 5% flipped
#      outcomes, incl.cut 0.8) for k = 8 to 14, and sparse data as in
#      bench_minimize --class sparse (300 random cases, planted answer,
#      incl.cut 1, parsimonious) for k = 12 to 20.
#   3. PLA files (gen.awk): 40- and 64-input PLAs whose cubes hold 2^34
#      points and more (fsqca's cube mode), types f and fr, and a
#      multi-output .type fdr PLA with every output character.
# --quick runs a few of each; --timeout (default 120) stops a peer after
# that many seconds (its cell says "no answer"); fsqca is never stopped.
# Tools are found as scripts/compare.sh finds them (FSQCA, FSQCA_RSCRIPT,
# FSQCA_ESPRESSO, FSQCA_CCUBES). Exit status 0, or 1 when some workload
# showed a real disagreement (listed under the table), 2 on bad usage.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
compare="$root/scripts/compare.sh"
shared="$root/../shared"
quick=0 timeout_s=120 out=""
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1; shift ;;
    --timeout) [ $# -ge 2 ] || { echo "run.sh: --timeout needs a value" >&2; exit 2; }; timeout_s=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || { echo "run.sh: --out needs a file" >&2; exit 2; }; out=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
case $timeout_s in ""|*[!0-9]*) echo "run.sh: --timeout expects whole seconds" >&2; exit 2 ;; esac
command -v jq >/dev/null 2>&1 || { echo "run.sh: jq is needed" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export FSQCA_COMPARE_TIMEOUT=$timeout_s

# ---- the workloads: NAME|SETTING|K|DATA|ARGS (ARGS split on spaces) --------------
: >"$tmp/list"
add() { printf '%s|%s|%s|%s|%s\n' "$@" >>"$tmp/list"; }
if [ -d "$shared/reference/qca" ] && [ -d "$shared/datasets/qca" ]; then
  for f in "$shared"/reference/qca/*_pars.json "$shared"/reference/qca/*_cons.json; do
    jq -r 'select(.negate_outcome == false and (.error // "") == "") |
      [.dataset, .outcome, (.incl_cut | if type == "array" then map(tostring) | join(",") else tostring end),
       (.n_cut | tostring), (.conditions | join(",")), (.conditions | length), .include] | join("|")' "$f"
  done | sort -u >"$tmp/qca.tsv"
  if [ $quick = 1 ]; then grep -E '^(LF|CVF|HC|Krook)[|]' "$tmp/qca.tsv" >"$tmp/q"; mv "$tmp/q" "$tmp/qca.tsv"; fi
  while IFS='|' read -r ds y ic nc conds k inc; do
    setting=$([ "$inc" = "?" ] && echo parsimonious || echo conservative)
    args="--outcome $y --conditions $conds --incl-cut $ic --n-cut $nc"
    [ "$inc" = "?" ] && args="$args --include ?"
    add "$ds ($y)" "$setting" "$k" "$shared/datasets/qca/$ds.csv" "$args"
  done <"$tmp/qca.tsv"
else
  echo "notice: ../shared/datasets/qca or ../shared/reference/qca absent; no QCA data sets" >&2
fi
ks_noisy="8 10 12 14"; ks_sparse="12 16 20"
[ $quick = 0 ] || { ks_noisy="8 12"; ks_sparse="12"; }
for k in $ks_noisy; do
  awk -f "$here/gen.awk" -v kind=noisy -v k="$k" -v n=1000 -v types=200 -v seed=$((100 + k)) >"$tmp/noisy$k.csv"
  for inc in "" "?"; do
    setting=$([ "$inc" = "?" ] && echo parsimonious || echo conservative)
    add "noisy k=$k" "$setting" "$k" "$tmp/noisy$k.csv" "--outcome Y --incl-cut 0.8${inc:+ --include ?}"
  done
done
for k in $ks_sparse; do
  awk -f "$here/gen.awk" -v kind=sparse -v k="$k" -v n=300 -v seed=$((200 + k)) >"$tmp/sparse$k.csv"
  add "sparse k=$k" "parsimonious" "$k" "$tmp/sparse$k.csv" "--outcome Y --incl-cut 1 --include ?"
done
cubes() { # K N LITS TYPE NOFF SEED
  awk -f "$here/gen.awk" -v kind=cubes -v k="$1" -v n="$2" -v lits="$3" -v type="$4" -v noff="$5" \
    -v seed="$6" >"$tmp/cubes$1$4$6.pla"
  add "PLA $1 inputs, $2 ON cubes of $3 literals${5:+, $5 OFF}" ".type $4 (cube mode)" "$1" "$tmp/cubes$1$4$6.pla" ""
}
cubes 40 30 6 f "" 7
cubes 40 20 5 fr 8 7
cubes 64 30 5 fr 6 9
if [ $quick = 0 ]; then
  cubes 64 40 6 f "" 9
  cubes 64 40 6 fr 6 9
fi
awk -f "$here/gen.awk" -v kind=multi -v k=8 -v n=60 -v outs=3 -v seed=11 >"$tmp/multi8.pla"
add "PLA 3 outputs, 60 rows" ".type fdr, 0 1 - ~" 8 "$tmp/multi8.pla" ""

# ---- run them --------------------------------------------------------------------
# A cell: the verdict in short and the tool's own time.
cell() { # ROWFILE TOOL
  awk -F'|' -v t="$2" '$1 == t {
      v = $7; tm = $6; sub(/ \(.*/, "", tm)
      if (v == "reference") { printf "%s models, %s", substr($4, 1, index($4, " ") - 1), tm; exit }
      if (tm == "-") tm = ""
      if (v ~ /^(not installed|n\/a|no answer)/) { print v; exit }
      if (v == "yes") v = "agrees"
      else if (v ~ /^yes \(its single cover/) v = "agrees (single cover)"
      else if (v ~ /^yes in size/) v = "agrees in size (cover not among the models listed)"
      else if (v ~ /^yes \(early stop/) { sub(/^yes \(early stop: /, "", v); sub(/, PI heuristic\)$/, "", v); v = "agrees; " v " (stops early)" }
      else if (v ~ /^early stop/) v = "stops early: " substr(v, 12)
      else if (v ~ /^no/) v = "**differs**" (v == "no" ? "" : " " substr(v, 4))
      if (tm != "-" && v !~ /^(not installed|n\/a)/) v = v ", " tm
      print v; exit }' "$1"
}
status=0 n=0
: >"$tmp/table" ; : >"$tmp/diffs"
while IFS='|' read -r name setting k data args; do
  n=$((n + 1))
  # shellcheck disable=SC2086
  FSQCA_COMPARE_ROWS="$tmp/rows" "$compare" "$data" $args >"$tmp/out" 2>"$tmp/err" </dev/null
  rc=$?
  if [ ! -s "$tmp/rows" ] || [ $rc = 2 ]; then
    printf '| %s | %s | %s | fsqca failed: %s | | | | %s |\n' "$name" "$setting" "$k" \
      "$(head -n 1 "$tmp/err" | cut -c1-60)" "error" >>"$tmp/table"
    status=1; rm -f "$tmp/rows"; continue
  fi
  verdict=$([ $rc = 0 ] && echo "agree" || echo "**differ**")
  [ $rc = 0 ] || { status=1; { echo "$name, $setting:"; grep '^difference:' "$tmp/out"; } >>"$tmp/diffs"; }
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$setting" "$k" \
    "$(cell "$tmp/rows" fsqca)" "$(cell "$tmp/rows" "QCA (R)")" "$(cell "$tmp/rows" Espresso)" \
    "$(cell "$tmp/rows" CCubes)" "$verdict" >>"$tmp/table"
  ver_qca=$(awk -F'|' '$1 == "QCA (R)" && $2 != "-" { print $2 }' "$tmp/rows")
  ver_esp=$(awk -F'|' '$1 == "Espresso" && $2 != "-" { print $2 }' "$tmp/rows")
  [ -z "$ver_qca" ] || echo "$ver_qca" >"$tmp/ver_qca"
  [ -z "$ver_esp" ] || echo "$ver_esp" >"$tmp/ver_esp"
  rm -f "$tmp/rows"
  echo "run.sh: $n $name ($setting): exit $rc" >&2
done <"$tmp/list"

{
  vq=$(cat "$tmp/ver_qca" 2>/dev/null); ve=$(cat "$tmp/ver_esp" 2>/dev/null)
  echo "| workload | setting | k | fsqca (every minimum model) | QCA${vq:+ $vq} (R) | Espresso${ve:+ $ve} -Dexact | CCubes | result |"
  echo "|---|---|---|---|---|---|---|---|"
  cat "$tmp/table"
  echo
  echo "Wall times of one run each on $(nproc) cores ($(uname -m)); QCA's is R's own time for truthTable + minimize (without R's start-up), fsqca's and Espresso's the whole process. \"single cover\": Espresso promises one minimum cover, which agrees when it is one of fsqca's models; \"stops early\": QCA's PI search stops after two complexity levels without a new PI, a known heuristic, not a disagreement; \"no answer\": the peer was stopped after $timeout_s s."
  if [ -s "$tmp/diffs" ]; then echo; echo "Differences:"; echo; sed 's/^/    /' "$tmp/diffs"; fi
} >"$tmp/md"
if [ -n "$out" ]; then cp "$tmp/md" "$out"; else cat "$tmp/md"; fi
exit $status
