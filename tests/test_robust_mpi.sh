#!/bin/sh
# MPI: `mpirun -np 1` and `-np 2` against the same command without mpirun
# (the oracle): byte-identical replicate stream and summary (text and
# --json) for a bootstrap, a jackknife, a cut-off sweep, a calibration
# sweep and the permutation test; a failure on rank 1 ends the job with
# rank 1's message on rank 0's stderr, a non-zero status and no output file.
# Skips (saying so) without mpirun or without MPI in this build.
# Usage: test_robust_mpi.sh FSQCA_BINARY SOURCE_DIR
set -eu
FSQCA=${1:?fsqca binary}
SRC=$(cd "${2:?source dir}" && pwd)
command -v mpirun >/dev/null 2>&1 || { echo "mpirun absent: MPI tests skipped"; exit 0; }
"$FSQCA" robust --help | grep -q "this build: with MPI" || { echo "fsqca built without MPI: MPI tests skipped"; exit 0; }
command -v zstd >/dev/null 2>&1 || { echo "zstd command absent: skipped"; exit 0; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
# Open MPI's own allocations are not ours to report under LeakSanitizer.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
MPIRUN="mpirun --oversubscribe"
[ "$(id -u)" = 0 ] && MPIRUN="$MPIRUN --allow-run-as-root"
D="$SRC/datasets/survey.csv"
CAL="--calibrate TF=e=2,c=4.5,i=6 --calibrate AD=2,4.5,6 --calibrate AG=2,4.5,6 --calibrate RB=2,4.5,6 --calibrate CF=2,4.5,6 --calibrate DSO=2,4.5,6"
BASE="robust $D --outcome DSO --conditions TF,AD,AG,RB,CF $CAL --incl-cut 0.8 --quiet --threads 1"
check() { # check NAME ARGS...: one process vs -np 1 and -np 2
  name=$1; shift
  # shellcheck disable=SC2086
  "$FSQCA" $BASE "$@" --out "$T/$name.0.jsonl.zst" > "$T/$name.0.txt"
  # shellcheck disable=SC2086
  "$FSQCA" $BASE "$@" --json > "$T/$name.0.json"
  for np in 1 2; do
    # shellcheck disable=SC2086
    $MPIRUN -np $np "$FSQCA" $BASE "$@" --out "$T/$name.$np.jsonl.zst" > "$T/$name.$np.txt"
    # shellcheck disable=SC2086
    $MPIRUN -np $np "$FSQCA" $BASE "$@" --json > "$T/$name.$np.json"
    cmp -s "$T/$name.0.jsonl.zst" "$T/$name.$np.jsonl.zst" || fail "$name: -np $np stream differs"
    cmp -s "$T/$name.0.txt" "$T/$name.$np.txt" || fail "$name: -np $np text summary differs"
    cmp -s "$T/$name.0.json" "$T/$name.$np.json" || fail "$name: -np $np JSON summary differs"
  done
  echo "$name: -np 1 and -np 2 byte-identical to one process: ok"
}
check bootstrap --bootstrap 120 --seed 4 --protocol
check jackknife --jackknife
check cuts --sweep incl-cut=0.70:0.95:0.01,n-cut=1:3
check calib --sweep TF.c=3.5:5.5:0.25
# The permutation test has no stream: its report only.
# shellcheck disable=SC2086
"$FSQCA" $BASE --permutations 200 --seed 9 --json > "$T/perm.0.json"
for np in 1 2; do
  # shellcheck disable=SC2086
  $MPIRUN -np $np "$FSQCA" $BASE --permutations 200 --seed 9 --json > "$T/perm.$np.json"
  cmp -s "$T/perm.0.json" "$T/perm.$np.json" || fail "permutations: -np $np differs"
done
echo "permutation test: -np 1 and -np 2 byte-identical to one process: ok"

# A failing rank: its message reaches rank 0, the job fails, no file left.
set +e
# shellcheck disable=SC2086
FSQCA_TEST_FAIL_RANK=1 $MPIRUN -np 2 -x FSQCA_TEST_FAIL_RANK "$FSQCA" $BASE --bootstrap 120 --seed 4 \
  --out "$T/fail.jsonl.zst" > "$T/fail.txt" 2> "$T/fail.err"; rc=$?
set -e
[ $rc -ne 0 ] || fail "a failing rank: exit status 0"
grep -q "fsqca robust: rank 1: .*failure injected" "$T/fail.err" || fail "rank 1's message missing: $(cat "$T/fail.err")"
[ ! -s "$T/fail.txt" ] || fail "a failed job printed a summary"
ls "$T" | grep -q "^fail.jsonl.zst" && fail "a failed job left an output file"
echo "a failing rank ends the job with its message (exit $rc), no file: ok"

# fsqca run with several specs across ranks: each report directory and the
# printed messages equal those of running the specs one by one, alone.
for k in 1 2 3; do
  mkdir -p "$T/s$k"
  sed -e "s|^data = .*|data = $SRC/datasets/survey.csv|" -e "s|^output = .*|output = out|" \
      -e "s|^incl_cut = .*|incl_cut = 0.$((7 + k))|" "$SRC/datasets/survey.spec" > "$T/s$k/a.spec"
done
: > "$T/alone.txt"
for k in 1 2 3; do
  "$FSQCA" run "$T/s$k/a.spec" --threads 1 >> "$T/alone.txt" 2>&1 || true
  mv "$T/s$k/out" "$T/s$k/alone"
done
$MPIRUN -np 2 "$FSQCA" run "$T/s1/a.spec" "$T/s2/a.spec" "$T/s3/a.spec" --threads 1 > "$T/many.txt" 2>&1 || true
for k in 1 2 3; do
  diff -r "$T/s$k/alone" "$T/s$k/out" > /dev/null || fail "run across ranks: spec $k's report differs"
done
cmp -s "$T/many.txt" "$T/alone.txt" || fail "run across ranks: messages differ: $(diff "$T/many.txt" "$T/alone.txt")"
echo "fsqca run with 3 specs on 2 ranks == each spec alone: ok"
