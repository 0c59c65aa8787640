#!/bin/sh
# bench_mpi.sh: replicates per second of `fsqca robust --bootstrap B` for
# R ranks x T threads (mpirun -np R ... --threads T): wall time of the whole
# command (load, initial solution, run, gather, stream written) and its CPU
# time (user + system of every rank, from /usr/bin/time on mpirun), median
# of REPEATS runs. On a shared, loaded machine the wall rate is mostly the
# load; the CPU rate (replicates per CPU-second) is the cost measure, on the survey (datasets/survey.csv, every scale calibrated
# e=2, c=4.5, i=6) and the generated 500 x 6 fuzzy set of bench_robust.
# Every configuration's stream is compared with the first one's (cmp).
# Usage: bench/bench_mpi.sh BUILD_DIR [B...]   (default B: 100000)
#        env RANKS="1 2" THREADS="1 2" REPEATS=1 DATASETS="survey generated"
set -eu
BUILD=${1:?build dir}; shift
BS=${*:-100000}
RANKS=${RANKS:-1 2}
THREADS=${THREADS:-1 2}
REPEATS=${REPEATS:-1}
DATASETS=${DATASETS:-survey generated}
SRC=$(cd "$(dirname "$0")/.." && pwd)
FSQCA="$BUILD/fsqca"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
"$BUILD/bench/bench_robust" --write-csv "$T/gen.csv"
echo "bench_mpi: bootstrap, incl.cut 0.8, seed 1; median of $REPEATS; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-9s %8s %5s %7s | %9s %10s | %9s %12s | %s\n" data B ranks threads "wall s" "rep/s" "CPU s" "rep/CPU-s" "stream == first"
for ds in $DATASETS; do
  if [ "$ds" = survey ]; then
    ARGS="$SRC/datasets/survey.csv --outcome DSO --conditions TF,AD,AG,RB,CF --calibrate TF=2,4.5,6 --calibrate AD=2,4.5,6 --calibrate AG=2,4.5,6 --calibrate RB=2,4.5,6 --calibrate CF=2,4.5,6 --calibrate DSO=2,4.5,6"
  else
    ARGS="$T/gen.csv --outcome Y --conditions C1,C2,C3,C4,C5,C6"
  fi
  for B in $BS; do
    first=""
    for R in $RANKS; do
      for TH in $THREADS; do
        times=""
        cpus=""
        k=0
        while [ $k -lt "$REPEATS" ]; do
          # shellcheck disable=SC2086
          /usr/bin/time -f "%e %U %S" -o "$T/time" mpirun --oversubscribe --allow-run-as-root \
            -np "$R" "$FSQCA" robust $ARGS --incl-cut 0.8 --bootstrap "$B" --seed 1 \
            --threads "$TH" --quiet --out "$T/s.jsonl.zst" > "$T/sum.txt"
          times="$times $(cut -d' ' -f1 "$T/time")"
          cpus="$cpus $(awk '{print $2 + $3}' "$T/time")"
          k=$((k + 1))
        done
        med=$(echo "$times" | tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
        cpu=$(echo "$cpus" | tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
        same=first
        if [ -z "$first" ]; then cp "$T/s.jsonl.zst" "$T/first.jsonl.zst"; first=1
        elif cmp -s "$T/s.jsonl.zst" "$T/first.jsonl.zst"; then same=yes; else same=NO; fi
        printf "%-9s %8s %5s %7s | %9.2f %10.0f | %9.2f %12.0f | %s\n" "$ds" "$B" "$R" "$TH" "$med" \
          "$(echo "$B / $med" | bc -l)" "$cpu" "$(echo "$B / $cpu" | bc -l)" "$same"
      done
    done
  done
done
