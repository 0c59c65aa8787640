#!/bin/sh
# The SLURM examples in scripts/slurm/ run locally: the job array (3 tasks)
# plus the merge job, and the MPI job (under mpirun -np 2 when present, as
# one process otherwise), each with a small replicate count. Both must give
# the stream and summary of the same fsqca line run as one plain process.
# Usage: test_robust_slurm.sh FSQCA_BINARY SOURCE_DIR
set -eu
FSQCA=$(cd "$(dirname "${1:?fsqca binary}")" && pwd)/$(basename "$1")
SRC=$(cd "${2:?source dir}" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
S="$SRC/scripts/slurm"
export FSQCA DATA="$SRC/datasets/survey.csv" B=90
cd "$T"
# The oracle: the array script's fsqca line without --shard / --resume.
LAUNCH="" OUT="$T/one.jsonl.zst" bash "$S/robust_mpi.sbatch"
[ -s "$T/one.jsonl.zst" ] && [ -s "$T/one.summary.json" ] || fail "MPI script without a launcher wrote nothing"
for I in 1 2 3; do
  SLURM_ARRAY_TASK_ID=$I SLURM_ARRAY_TASK_COUNT=3 PARTS="$T/parts" bash "$S/robust_array.sbatch" > /dev/null
done
PARTS="$T/parts" OUT="$T/merged.jsonl.zst" bash "$S/robust_merge.sbatch"
cmp -s "$T/merged.jsonl.zst" "$T/one.jsonl.zst" || fail "array + merge: stream differs from one run"
cmp -s "$T/merged.summary.json" "$T/one.summary.json" || fail "array + merge: summary differs from one run"
echo "robust_array.sbatch x 3 + robust_merge.sbatch == one run: ok"
if command -v mpirun >/dev/null 2>&1 && "$FSQCA" robust --help | grep -q "this build: with MPI"; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
  LAUNCH="mpirun --oversubscribe -np 2" OUT="$T/mpi.jsonl.zst" bash "$S/robust_mpi.sbatch"
  cmp -s "$T/mpi.jsonl.zst" "$T/one.jsonl.zst" || fail "MPI script: stream differs from one run"
  cmp -s "$T/mpi.summary.json" "$T/one.summary.json" || fail "MPI script: summary differs"
  echo "robust_mpi.sbatch under mpirun -np 2 == one run: ok"
else
  echo "mpirun or MPI build absent: robust_mpi.sbatch checked without a launcher only"
fi
