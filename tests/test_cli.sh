#!/usr/bin/env bash
# The fsqca command as a user meets it: help, errors with file:line:column,
# exit statuses, no partial output files, identical output for 1 and 2 threads.
# Usage: test_cli.sh FSQCA SOURCE_DIR BUILD_DIR
set -u
fsqca=$1 src=$2
shared="$src/../shared"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

check() { # name, condition result
  if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi
}
# expect NAME STATUS PATTERN -- command...: exit status and a stderr pattern
expect() {
  local name=$1 status=$2 pattern=$3; shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  [ "$got" = "$status" ] && grep -qF -- "$pattern" "$tmp/err"
  local ok=$?
  [ $ok = 0 ] || { echo "  status $got (want $status); stderr: $(cat "$tmp/err")"; }
  check "$name" $ok
}

"$fsqca" --help | grep -q "Commands:"; check "fsqca --help" $?
"$fsqca" --version | grep -Eq '^fsqca [0-9]+\.[0-9]+\.[0-9]+$'; check "fsqca --version" $?
"$fsqca" tt --help | grep -q -- "--incl-cut"; check "fsqca tt --help" $?
expect "unknown command" 2 'unknown command "frobnicate"' -- "$fsqca" frobnicate

cat >"$tmp/good.csv" <<'CSV'
id,A,B,Y
c1,0.8,0.3,0.9
c2,0.6,0.7,0.4
c3,0.2,0.9,0.6
CSV
printf 'id,A,B,Y\nc1,0.8,0.3,0.9\nc2,0.6,oops,0.4\n' >"$tmp/bad.csv"
printf 'id,A,B,Y\nc1,0.8,0.3,0.9\nc2,0.6,0.4\n' >"$tmp/ragged.csv"
printf 'id,A,B,Y\nc1,0.8,,0.9\nc2,0.6,0.4,0.1\n' >"$tmp/missing.csv"

expect "bad number names file:line:column and value" 2 "bad.csv:3:3: column \"B\" is not numeric: \"oops\"" -- \
  "$fsqca" tt "$tmp/bad.csv" --outcome Y --output "$tmp/x.json"
[ ! -e "$tmp/x.json" ] && [ -z "$(ls "$tmp" | grep -F x.json)" ]; check "no output file after an error" $?
expect "ragged row" 2 "ragged.csv:3: expected 4 fields as in the header, found 3" -- "$fsqca" tt "$tmp/ragged.csv" --outcome Y
expect "unknown condition" 2 'no column named "Q"' -- "$fsqca" tt "$tmp/good.csv" --outcome Y --conditions A,Q
expect "unknown outcome" 2 'no column named "Z"' -- "$fsqca" tt "$tmp/good.csv" --outcome Z
expect "missing outcome option" 2 "--outcome is required" -- "$fsqca" tt "$tmp/good.csv"
expect "bad incl-cut" 2 '--incl-cut expects a number, got "high"' -- "$fsqca" tt "$tmp/good.csv" --outcome Y --incl-cut high
expect "missing value" 2 "missing.csv:2:3 (case \"c1\", column \"B\")" -- "$fsqca" tt "$tmp/missing.csv" --outcome Y
expect "missing file" 2 "none.csv: cannot open: No such file or directory" -- "$fsqca" tt "$tmp/none.csv" --outcome Y
expect "n-cut leaves nothing" 1 "there are no configurations" -- "$fsqca" tt "$tmp/good.csv" --outcome Y --n-cut 5
"$fsqca" tt "$tmp/missing.csv" --outcome Y --drop-missing >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -q "dropped 1 case with missing values: c1" "$tmp/err"; check "--drop-missing reports the dropped case" $?

"$fsqca" tt "$tmp/good.csv" --outcome Y --json --output "$tmp/tt.json"
[ $? = 0 ] && grep -q '"truth_table"' "$tmp/tt.json" && [ -z "$(ls "$tmp" | grep '\.tmp\.')" ]
check "--output writes the file and leaves no temporary" $?

# Byte-identical output for 1 and 2 threads, on every shipped and reference data set we can.
if [ -d "$shared/datasets/qca" ]; then
  for spec in "LF SURV 0.8" "d.napoleon O 0.8" "HarKem PB 1" "CVF PROTEST 0.85" "d.biodiversity AU 0.8"; do
    set -- $spec
    OMP_NUM_THREADS=1 "$fsqca" tt "$shared/datasets/qca/$1.csv" --outcome "$2" --incl-cut "$3" --json >"$tmp/t1" 2>/dev/null
    OMP_NUM_THREADS=2 "$fsqca" tt "$shared/datasets/qca/$1.csv" --outcome "$2" --incl-cut "$3" --json --threads 2 >"$tmp/t2" 2>/dev/null
    cmp -s "$tmp/t1" "$tmp/t2"; check "identical JSON for 1 and 2 threads ($1)" $?
  done
else
  echo "NOTICE: ../shared is absent; thread determinism on reference data skipped"
fi

# minimize
"$fsqca" minimize --help | grep -q -- "--dir-exp"; check "fsqca minimize --help" $?
expect "bad --include" 2 '--include expects ?, ?,C, C or none, got "maybe"' -- "$fsqca" minimize "$tmp/good.csv" --outcome Y --include maybe
if [ -d "$shared/datasets/qca" ]; then
  D="$shared/datasets/qca"
  "$fsqca" minimize "$D/LF.csv" --outcome SURV --incl-cut 0.8 --include '?' | grep -qF "M1: DEV*~IND + URB*STB -> SURV"
  check "LF parsimonious solution as QCA prints it" $?
  expect "nothing to minimize" 1 "no configuration has OUT = 1" -- "$fsqca" minimize "$D/LF.csv" --outcome SURV --incl-cut 1
  expect "everything is a don't-care" 1 "all truth table configurations are positive or don't-cares" -- \
    "$fsqca" minimize "$D/Quine.csv" --outcome OUT --include '?'
  # A listing cap is not an error: the first 10 of QCA's 779 models
  # (reference file d.transport_ACC_pars), counted in full.
  "$fsqca" minimize "$D/d.transport.csv" --outcome ACC --include '?' --max-solutions 10 >"$tmp/cap" 2>&1
  check "listing cap: exit 0" $?
  grep -qF "listing the first 10 of 779 minimum models (--max-solutions)" "$tmp/cap"
  check "listing cap: says how many exist" $?
  "$fsqca" minimize "$D/d.transport.csv" --outcome ACC --include '?' --max-solutions 10 --json >"$tmp/capj"
  grep -qF '"model_count": "779"' "$tmp/capj" && grep -qF '"models_listed": 10' "$tmp/capj"
  check "listing cap: JSON model_count and models_listed" $?
  expect "unknown --dir-exp condition" 2 '--dir-exp names "FOO", which is not a condition' -- \
    "$fsqca" minimize "$D/LF.csv" --outcome SURV --incl-cut 0.8 --dir-exp FOO=1
  for spec in "LF SURV 0.8 ?" "d.transport ACC 1 ?" "CVF PROTEST 0.85 ?" "HarKem PB 1 ?"; do
    set -- $spec
    OMP_NUM_THREADS=1 "$fsqca" minimize "$D/$1.csv" --outcome "$2" --incl-cut "$3" --include "$4" --json >"$tmp/m1" 2>/dev/null
    OMP_NUM_THREADS=2 "$fsqca" minimize "$D/$1.csv" --outcome "$2" --incl-cut "$3" --include "$4" --json --threads 2 >"$tmp/m2" 2>/dev/null
    [ -s "$tmp/m1" ] && cmp -s "$tmp/m1" "$tmp/m2"; check "minimize JSON identical for 1 and 2 threads ($1)" $?
  done
  OMP_NUM_THREADS=1 "$fsqca" minimize "$D/LF.csv" --outcome SURV --incl-cut 0.8 --dir-exp DEV=1,URB=1,LIT=1,IND=1,STB=1 --json >"$tmp/i1"
  OMP_NUM_THREADS=2 "$fsqca" minimize "$D/LF.csv" --outcome SURV --incl-cut 0.8 --dir-exp DEV=1,URB=1,LIT=1,IND=1,STB=1 --json >"$tmp/i2"
  cmp -s "$tmp/i1" "$tmp/i2"; check "intermediate JSON identical for 1 and 2 threads" $?
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
