#!/usr/bin/env bash
# fsqca robust --by, and the one-line option errors of every command:
#  - each group's summary equals a separate run on that group's subset CSV
#    (cut out of the file here with awk, not by fsqca), for a bootstrap, a
#    jackknife (N = the group's size), a cut-off and a calibration sweep; each group's
#    stream holds the same replicate lines as the separate run's stream;
#  - the output does not depend on --threads nor (with MPI) on the ranks;
#  - a group whose run fails is reported, the others still are;
#  - refused combinations and unknown options: exit 2, one line naming it.
# Usage: test_robust_by.sh FSQCA SOURCE_DIR BUILD_DIR
set -u
fsqca=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }
if ! command -v python3 >/dev/null || ! command -v zstd >/dev/null; then
  echo "test_robust_by: python3 or zstd not found; skipped"
  exit 0
fi
data=$src/datasets/survey.csv
for u in operations sales; do
  awk -F, -v u="$u" 'NR == 1 || $2 == u' "$data" >"$tmp/$u.csv"
done
cal=(--calibrate TF=2,4.5,6 --calibrate AD=2,4.5,6 --calibrate AG=2,4.5,6 --calibrate RB=2,4.5,6
  --calibrate CF=2,4.5,6 --calibrate DSO=2,4.5,6)
opts=(--outcome DSO --conditions TF,AD,AG,RB,CF "${cal[@]}" --incl-cut 0.8 --n-cut 2 --quiet
  --include '?' --id-col resp)

# same NAME SCHEME...: --by unit against separate runs on the subsets.
same() {
  local name=$1; shift
  "$fsqca" robust "$data" "${opts[@]}" "$@" --by unit --json --out "$tmp/$name.jsonl.zst" \
    >"$tmp/$name.by.json" 2>/dev/null || return 1
  for u in operations sales; do
    "$fsqca" robust "$tmp/$u.csv" "${opts[@]}" "$@" --json --out "$tmp/$name.$u.alone.jsonl.zst" \
      >"$tmp/$name.$u.json" 2>/dev/null || return 1
    # The replicate lines (the header names the data and the group).
    cmp -s <(zstd -dc "$tmp/$name.$u.jsonl.zst" | grep '"replicate"') \
      <(zstd -dc "$tmp/$name.$u.alone.jsonl.zst" | grep '"replicate"') || return 1
  done
  "$fsqca" robust "$data" "${opts[@]}" "$@" --json >"$tmp/$name.pooled.json" 2>/dev/null || return 1
  python3 - "$tmp" "$name" <<'PY'
import json, sys
tmp, name = sys.argv[1], sys.argv[2]
by = json.load(open(f"{tmp}/{name}.by.json"))
assert by["by"] == "unit"
assert [g["group"] for g in by["groups"]] == ["operations", "sales"]
for g in by["groups"]:
    n = g.pop("group"), g.pop("ncases")
    assert n[1] == sum(1 for _ in open(f"{tmp}/{n[0]}.csv")) - 1, n
    alone = json.load(open(f"{tmp}/{name}.{n[0]}.json"))
    assert g == alone, [k for k in g if g.get(k) != alone.get(k)]
    if name == "jack":
        assert g["replicates"] == n[1], (g["replicates"], n)
pooled = json.load(open(f"{tmp}/{name}.pooled.json"))
del by["by"], by["groups"]
assert by == pooled, [k for k in by if by.get(k) != pooled.get(k)]
PY
}
same boot --bootstrap 40 --seed 7 --protocol
check "robust --by: bootstrap groups equal separate runs on the subset CSVs (summary, stream)" $?
same jack --jackknife
check "robust --by: jackknife groups equal separate runs (N replicates each)" $?
same sweep --sweep incl-cut=0.75:0.9:0.05
check "robust --by: sweep groups equal separate runs" $?
same calsweep --sweep TF.c=4:5:0.25
check "robust --by: calibration-sweep groups equal separate runs" $?

# Threads and ranks.
by=(robust "$data" "${opts[@]}" --bootstrap 40 --by unit)
"$fsqca" "${by[@]}" --threads 1 --out "$tmp/t1.jsonl.zst" >"$tmp/t1.txt" 2>/dev/null
"$fsqca" "${by[@]}" --threads 2 --out "$tmp/t2.jsonl.zst" >"$tmp/t2.txt" 2>/dev/null
ok=0
for f in t1.txt t1.jsonl.zst t1.operations.jsonl.zst t1.sales.jsonl.zst; do
  cmp -s "$tmp/$f" "$tmp/${f/t1/t2}" || ok=1
done
check "robust --by: the same text and streams for 1 and 2 threads" $ok
grep -q '^== unit = sales (264 cases) ==' "$tmp/t1.txt" && grep -q '^Side by side' "$tmp/t1.txt" &&
  grep -Eq '^unit = operations +270 +40 ' "$tmp/t1.txt"
check "robust --by text: a section per group and the side-by-side table" $?
if command -v mpirun >/dev/null && "$fsqca" robust --help | grep -q 'this build: with MPI'; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
  export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
  mpi="mpirun --oversubscribe"
  [ "$(id -u)" = 0 ] && mpi="$mpi --allow-run-as-root"
  $mpi -np 2 "$fsqca" "${by[@]}" --threads 1 --out "$tmp/m.jsonl.zst" >"$tmp/m.txt" 2>/dev/null
  ok=$?
  for f in t1.txt t1.jsonl.zst t1.operations.jsonl.zst t1.sales.jsonl.zst; do
    cmp -s "$tmp/$f" "$tmp/${f/t1/m}" || ok=1
  done
  check "robust --by under mpirun -np 2: the same text and streams" $ok
else
  echo "test_robust_by: no mpirun or no MPI in this build; the MPI check skipped"
fi

# A group too small for the subsample: reported, the pooled run still is.
"$fsqca" robust "$data" "${opts[@]}" --subsample 268 --replicates 10 --by unit --json \
  >"$tmp/sub.json" 2>/dev/null
rc=$?
python3 -c "
import json, sys; d = json.load(open('$tmp/sub.json'))
g = {x['group']: x for x in d['groups']}
assert 'error' in g['sales'] and 'models' not in g['sales'], g['sales']
assert 'models' in g['operations'] and d['replicates'] == 10" && [ $rc = 0 ]
check "robust --by: a group failing (subsample > its size) is reported; exit 0" $?

# one_line NAME EXPECTED CMD...: exit 2 and exactly one line on stderr matching EXPECTED.
one_line() {
  local name=$1 want=$2; shift 2
  "$fsqca" "$@" >/dev/null 2>"$tmp/err"
  local rc=$?
  [ $rc = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q -- "$want" "$tmp/err" ||
    { echo "  got (rc $rc): $(cat "$tmp/err")"; return 1; }
}
one_line by-shard "--by does not go with" robust "$data" "${opts[@]}" --bootstrap 5 --by unit \
  --shard 1/2 --out "$tmp/s.jsonl.zst"
check "robust --by --shard: refused on one line" $?
for cmd in tt minimize necessity fit robust calibrate findrows influence run merge; do
  one_line "$cmd" "^fsqca $cmd: unknown option --no-such-option (see 'fsqca $cmd --help')\$" \
    $cmd --no-such-option "$data"
  check "$cmd: an unknown option is one line naming it" $?
done
one_line tt-value "^fsqca tt: option --outcome needs a value" tt "$data" --outcome
check "a missing value is one line naming the option" $?
one_line tt-flag "^fsqca tt: option --json takes no value" tt "$data" --json=1
check "a value given to a flag is one line naming the option" $?
one_line min-ambiguous "ambiguous option --in (--incl-cut, --include)" minimize "$data" --in 1
check "an ambiguous prefix is one line naming the candidates" $?
one_line cal-short "^fsqca calibrate: unknown option -z" calibrate "$data" -z
check "an unknown short option is one line naming it" $?

echo "test_robust_by: $pass passed, $fail failed"
[ "$fail" = 0 ]
