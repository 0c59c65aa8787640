#!/usr/bin/env bash
# Bad input that fuzzing found (issue 14), as the command meets it: every
# option number finite and in range, with a message naming the option and
# exit 2; read errors with the system's reason; size limits with a located
# error. Expected messages are the ones the options document (--help) and
# the system's own strerror text for ENOENT / EISDIR.
# Usage: test_bad_input.sh FSQCA SOURCE_DIR BUILD_DIR
set -u
fsqca=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {
  if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi
}
# expect NAME STATUS PATTERN -- command...: exit status and a stderr pattern
expect() {
  local name=$1 status=$2 pattern=$3; shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  [ "$got" = "$status" ] && grep -qF -- "$pattern" "$tmp/err"
  local ok=$?
  [ $ok = 0 ] || { echo "  status $got (want $status); stderr: $(head -c 400 "$tmp/err")"; }
  check "$name" $ok
}

printf 'id,A,B,C,Y\nc1,1,0,1,1\nc2,0,1,1,0\nc3,1,1,0,1\nc4,0,0,0,0\nc5,1,0,0,1\n' >"$tmp/d.csv"
d="$tmp/d.csv"

# --sweep ranges: inf / NaN used to overflow the value buffer (SIGSEGV), a
# huge n-cut was cast to size_t (undefined behaviour).
for v in 1e999 nan:nan:1 inf 0:inf:0.1 0.5:0.9:nan; do
  expect "--sweep incl-cut=$v" 2 "--sweep incl-cut: expected LO:HI:STEP, LO:HI or V (finite numbers), got \"$v\"" \
    -- "$fsqca" robust "$d" --outcome Y --sweep "incl-cut=$v" --quiet
done
expect "--sweep n-cut=nan" 2 '--sweep n-cut: expected LO:HI:STEP' -- "$fsqca" robust "$d" --outcome Y --sweep n-cut=nan --quiet
expect "--sweep n-cut=1e300" 2 '--sweep n-cut: values must lie between 1 and 1e+15 ("1e300")' -- "$fsqca" robust "$d" --outcome Y --sweep n-cut=1e300 --quiet
expect "--sweep n-cut=1.5" 2 '--sweep n-cut: 1.5 is not a whole number' -- "$fsqca" robust "$d" --outcome Y --sweep n-cut=1.5 --quiet
expect "--sweep n-cut=0" 2 '--sweep n-cut: values must lie between 1' -- "$fsqca" robust "$d" --outcome Y --sweep n-cut=0 --quiet
expect "--sweep incl-cut=1.5" 2 '--sweep incl-cut: values must lie between 0 and 1' -- "$fsqca" robust "$d" --outcome Y --sweep incl-cut=1.5 --quiet
expect "--sweep pri-cut=-0.1:0.5:0.1" 2 '--sweep pri-cut: values must lie between 0 and 1' -- "$fsqca" robust "$d" --outcome Y --sweep pri-cut=-0.1:0.5:0.1 --quiet
expect "--sweep A.c=1e999" 2 '--sweep A.c: expected LO:HI:STEP' -- "$fsqca" robust "$d" --outcome Y --sweep A.c=1e999 --quiet
expect "--sweep 1:2:3:4" 2 '--sweep incl-cut: expected LO:HI:STEP, got "0:1:1:1"' -- "$fsqca" robust "$d" --outcome Y --sweep incl-cut=0:1:1:1 --quiet
expect "--sweep 10^7 values" 2 '--sweep incl-cut: more than 10^7 values' -- "$fsqca" robust "$d" --outcome Y --sweep incl-cut=0:1:1e-300 --quiet
# A range that is fine still runs: 0.8:1:0.1 is the three values 0.8, 0.9, 1.
"$fsqca" robust "$d" --outcome Y --sweep incl-cut=0.8:1:0.1 --quiet >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -q "sweep, 3 replicates" "$tmp/out"; check "--sweep incl-cut=0.8:1:0.1 runs 3 values" $?

# Seeds and counts: digits only, no wrap-around of " -1" or 2^64.
expect "--seed ' -1'" 2 '--seed expects a whole number from 0 to 18446744073709551615, got " -1"' -- "$fsqca" robust "$d" --outcome Y --bootstrap 3 --seed " -1" --quiet
expect "--seed 2^64" 2 '--seed expects a whole number from 0 to 18446744073709551615, got "18446744073709551616"' -- "$fsqca" robust "$d" --outcome Y --bootstrap 3 --seed 18446744073709551616 --quiet
expect "--bootstrap -3" 2 '--bootstrap expects a whole number' -- "$fsqca" robust "$d" --outcome Y --bootstrap -3 --quiet
expect "--n-cut ' -1'" 2 '--n-cut expects a whole number from 0 to 18446744073709551615, got " -1"' -- "$fsqca" tt "$d" --outcome Y --n-cut " -1"
expect "--n-cut 1e3" 2 '--n-cut expects a whole number' -- "$fsqca" tt "$d" --outcome Y --n-cut 1e3
expect "--max-pis +5" 2 '--max-pis expects a whole number' -- "$fsqca" minimize "$d" --outcome Y --max-pis +5

# Cut-offs: finite, in [0, 1].
for o in incl-cut pri-cut; do
  for v in nan inf 1e999 -0.5 1.5; do
    expect "--$o $v" 2 "--$o" -- "$fsqca" tt "$d" --outcome Y --$o $v
  done
done
expect "--incl-cut 1.5 message" 2 '--incl-cut must lie between 0 and 1, got "1.5"' -- "$fsqca" tt "$d" --outcome Y --incl-cut 1.5
expect "--incl-cut 0.8,nan" 2 '--incl-cut expects a number, got "nan"' -- "$fsqca" tt "$d" --outcome Y --incl-cut 0.8,nan
expect "--pri-cut inf message" 2 '--pri-cut expects a number, got "inf"' -- "$fsqca" tt "$d" --outcome Y --pri-cut inf

# Time limits: finite, positive, at most a year of seconds.
for v in nan inf 1e300 0 -1; do
  expect "--time-limit $v" 2 "--time-limit" -- "$fsqca" minimize "$d" --outcome Y --time-limit $v
done
"$fsqca" minimize "$d" --outcome Y --time-limit 30 >/dev/null 2>&1; check "--time-limit 30 runs" $?

# Necessity's outcome levels: "Y{nan}" is not a level.
expect "necessity outcome Y{nan}" 2 'level list is not numeric' -- "$fsqca" necessity "$d" --outcome "Y{nan}"

# Read errors name the system's reason; a directory says so.
expect "missing DATA" 2 "none.csv: cannot open: No such file or directory" -- "$fsqca" tt "$tmp/none.csv" --outcome Y
expect "DATA is a directory" 2 "$tmp: is a directory" -- "$fsqca" tt "$tmp" --outcome Y
mkdir "$tmp/dir.csv.zst"
expect "DATA.zst is a directory" 2 "dir.csv.zst: is a directory" -- "$fsqca" tt "$tmp/dir.csv.zst" --outcome Y
mkdir "$tmp/spec.ini"
expect "spec is a directory" 2 "spec.ini: is a directory" -- "$fsqca" run "$tmp/spec.ini"
expect "missing spec" 2 "none.ini: cannot open: No such file or directory" -- "$fsqca" run "$tmp/none.ini"

# Size limits: a field over FSQ_CSV_MAX_FIELD (1 MiB) is a located error;
# exactly 1 MiB is fine. A spec line over 1 MiB likewise.
big=$(head -c 1048576 /dev/zero | tr '\0' 'x')
{ printf 'id,A,Y\n'; printf '%s,1,1\n' "$big"; printf 'b,0,0\n'; } >"$tmp/ok.csv"
"$fsqca" tt "$tmp/ok.csv" --outcome Y >/dev/null 2>"$tmp/err"; check "a 1 MiB field is accepted" $?
{ printf 'id,A,Y\n'; printf 'b,0,0\n'; printf 'y%s,1,1\n' "$big"; } >"$tmp/long.csv"
expect "a field over 1 MiB" 2 "long.csv:3:1: field longer than 1048576 bytes" -- "$fsqca" tt "$tmp/long.csv" --outcome Y
{ printf 'id,A,Y\n'; printf 'b,0,0\n'; printf '"q\n%s",1,1\n' "$big"; } >"$tmp/longq.csv"
expect "a quoted field over 1 MiB, at its first line" 2 "longq.csv:3:1: field longer than 1048576 bytes" -- "$fsqca" tt "$tmp/longq.csv" --outcome Y
{ printf 'data = d.csv\noutcome = Y\n# %s\n' "$big"; } >"$tmp/long.ini"
expect "a spec line over 1 MiB" 2 "long.ini:3: line longer than 1048576 bytes" -- "$fsqca" run "$tmp/long.ini"

# A NUL byte in a file used to end the C string of its field or line early,
# so the rest was silently dropped (case "x\0003" read as "x"). Each reader
# names file:line:column of the NUL byte and exits 2.
printf 'id,A,B,Y\nx1,1,0,1\nx2,0,1,0\nx\0003,1,1,1\n' >"$tmp/nul.csv"
expect "CSV: NUL in a field" 2 "nul.csv:4:1: NUL byte in a field" -- "$fsqca" tt "$tmp/nul.csv" --outcome Y
printf 'id,A,B,Y\nx1,1,0,1\nx2,0,1,0\n"x3",1,"1\000",1\n' >"$tmp/nulq.csv"
expect "CSV: NUL in a quoted field" 2 "nulq.csv:4:3: NUL byte in a field" -- "$fsqca" tt "$tmp/nulq.csv" --outcome Y
printf 'id,A,B\000C,Y\nx1,1,0,1\n' >"$tmp/nulh.csv"
expect "CSV: NUL in the header" 2 "nulh.csv:1:3: NUL byte in a field" -- "$fsqca" tt "$tmp/nulh.csv" --outcome Y
printf 'id,A,B,Y\nx1,1,0,1\nx2,0,1,0\nx3,1,1,1\n' >"$tmp/ok4.csv"
printf 'data = ok4.csv\noutcome = Y\000B\nconditions = A,B\n' >"$tmp/nul.ini"
expect "spec: NUL in a line" 2 "nul.ini:2:12: NUL byte in the spec file" -- "$fsqca" run "$tmp/nul.ini"
printf '.i 2\n.o 1\n.ilb a\000x b\n01 1\n.e\n' >"$tmp/nul.pla"
expect "PLA: NUL in a name" 2 "nul.pla:3:7: NUL byte" -- "$fsqca" minimize "$tmp/nul.pla"
printf 'n-cut=1\nincl-cut=0.9\000;n-cut=2\n' >"$tmp/nul.tests"
expect "--test-set: NUL in a line" 2 "nul.tests:2:13: NUL byte" -- "$fsqca" robust "$tmp/ok4.csv" --outcome Y --test-set "$tmp/nul.tests" --quiet
expect "--test-set: a directory" 2 "$tmp: is a directory" -- "$fsqca" robust "$tmp/ok4.csv" --outcome Y --test-set "$tmp" --quiet
expect "--test-set: missing" 2 "none.tests: cannot open: No such file or directory" -- "$fsqca" robust "$tmp/ok4.csv" --outcome Y --test-set "$tmp/none.tests" --quiet
# Every error in a --test-set test names FILE:LINE, and the column of the
# item or value in the line where it has one (issue 14); counted by hand
# from the lines written here.
printf '# tests\nn-cut=1\n  incl-cut=0.9; n-cut=x\n' >"$tmp/a.tests"
expect "--test-set: bad n-cut at line:column" 2 "fsqca robust: --test-set $tmp/a.tests:3:23: n-cut expects a whole number from 0 to 18446744073709551615, got \"x\"" -- "$fsqca" robust "$tmp/ok4.csv" --outcome Y --test-set "$tmp/a.tests" --quiet
printf 'n-cut=1\nincl-cut=abc\n' >"$tmp/b.tests"
expect "--test-set: bad incl-cut" 2 "fsqca robust: --test-set $tmp/b.tests:2:10: incl-cut expects a number, got \"abc\"" -- "$fsqca" robust "$tmp/ok4.csv" --outcome Y --test-set "$tmp/b.tests" --quiet
printf 'n-cut=1\n  include=zz\n' >"$tmp/c.tests"
expect "--test-set: bad include" 2 "fsqca robust: --test-set $tmp/c.tests:2:11: include expects ?, ?,C, C or none, got \"zz\"" -- "$fsqca" robust "$tmp/ok4.csv" --outcome Y --test-set "$tmp/c.tests" --quiet
printf 'n-cut=1\nn-cut=1; bogus\n' >"$tmp/d.tests"
expect "--test-set: item without =" 2 "fsqca robust: --test-set $tmp/d.tests:2:10: \"bogus\" is not KEY=VALUE" -- "$fsqca" robust "$tmp/ok4.csv" --outcome Y --test-set "$tmp/d.tests" --quiet
printf 'n-cut=1\nfoo bar=1\n' >"$tmp/f.tests"
expect "--test-set: bad key" 2 "fsqca robust: --test-set $tmp/f.tests:2:1: expected KEY=VALUE items" -- "$fsqca" robust "$tmp/ok4.csv" --outcome Y --test-set "$tmp/f.tests" --quiet
printf 'n-cut=1\nQ=e=1,c=2,i=3\n' >"$tmp/e.tests"
expect "--test-set: unknown column at run time" 2 "fsqca robust: --test-set $tmp/e.tests:2: test \"Q=e=1,c=2,i=3\": no numeric column \"Q\"" -- "$fsqca" robust "$tmp/ok4.csv" --outcome Y --test-set "$tmp/e.tests" --quiet
expect "--test: names its text" 2 "fsqca robust: --test \"n-cut=x\": n-cut expects a whole number" -- "$fsqca" robust "$tmp/ok4.csv" --outcome Y --test "n-cut=x" --quiet
printf ',a,b\na,0,1\nb,2\000,0\n' >"$tmp/nul_matrix.csv"
expect "influence matrix: NUL in a cell" 2 "nul_matrix.csv:3:2: NUL byte in a field" -- "$fsqca" influence "$tmp/nul_matrix.csv"

# fsqca merge parts: the system's reason, a directory, a foreign file, and a
# piece whose frame claims more bytes than the file holds (fuzz_merge: it
# was allocated before the read failed) is an incomplete part; nothing is
# written.
mkdir "$tmp/part_dir"
expect "merge: a directory" 2 "part_dir: is a directory" -- "$fsqca" merge --out "$tmp/all.zst" "$tmp/part_dir"
expect "merge: missing part" 2 "none.zst: cannot open: No such file or directory" -- "$fsqca" merge --out "$tmp/all.zst" "$tmp/none.zst"
printf 'hello' >"$tmp/foreign.zst"
expect "merge: a foreign file" 2 "foreign.zst: not an fsqca robust stream" -- "$fsqca" merge --out "$tmp/all.zst" "$tmp/foreign.zst"
"$fsqca" robust "$d" --outcome Y --bootstrap 20 --seed 1 --out "$tmp/boot.zst" --quiet >/dev/null 2>&1
if command -v python3 >/dev/null; then
  python3 - "$tmp/boot.zst" "$tmp/big.zst" <<'PY'
import struct, sys
b = open(sys.argv[1], 'rb').read()
hl = struct.unpack('<I', b[4:8])[0]
p = 8 + hl   # the first piece frame: magic, then its length
open(sys.argv[2], 'wb').write(b[:p + 4] + struct.pack('<I', 0x7fffffff) + b[p + 8:])
PY
  expect "merge: a frame longer than the file" 2 "big.zst: incomplete: holds replicates [0, 0) of its shard's [0, 20)" -- "$fsqca" merge --out "$tmp/all.zst" "$tmp/big.zst"
fi
[ ! -e "$tmp/all.zst" ]; check "merge: no output after the errors" $?

echo "test_bad_input: $pass passed, $fail failed"
[ "$fail" = 0 ]
