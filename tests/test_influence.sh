#!/usr/bin/env bash
# fsqca influence as a user meets it: the shipped sales-organization model,
# JSON and SVG output checked by independent tools (python3's json module,
# xmllint), the mean matrix of several cases recomputed here, every input
# error with file:line:column and value and no output left behind, the loop
# limit, and the [influence] section of `fsqca run`.
# Usage: test_influence.sh FSQCA SOURCE_DIR BUILD_DIR
set -u
fsqca=$1 src=$2
d="$src/datasets/sales_org"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }
# expect NAME STATUS PATTERN -- command...: exit status and a stderr pattern
expect() {
  local name=$1 status=$2 pattern=$3; shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  [ "$got" = "$status" ] && grep -qF -- "$pattern" "$tmp/err"
  local ok=$?
  [ $ok = 0 ] || { echo "  status $got (want $status); stderr: $(cat "$tmp/err")"; }
  check "$name" $ok
}

"$fsqca" influence --help | grep -q -- "--impulse NAME=V"; check "influence --help" $?
"$fsqca" influence --help | grep -q "linear pulse process"; check "--help says what the what-if assumes" $?
"$fsqca" --help | grep -q "influence"; check "influence is listed in fsqca --help" $?

# The shipped model: text, JSON, both pictures.
"$fsqca" influence "$d/matrix.csv" --sign "$d/signs.csv" --delay "$d/delays.csv" \
  --impulse Pricing=+1 --steps 6 --svg "$tmp/map.svg" --graph-svg "$tmp/graph.svg" >"$tmp/text"
check "sales_org runs" $?
grep -q "^11 elements, total intensity" "$tmp/text"; check "text names the size" $?
grep -q "MICMAC: ranking by the row and column sums of M^" "$tmp/text"; check "text has MICMAC" $?
"$fsqca" influence "$d/matrix.csv" --sign "$d/signs.csv" --delay "$d/delays.csv" \
  --impulse Pricing=+1 --steps 6 --max-loop 4 --json >"$tmp/j.json"
check "sales_org --json runs" $?
python3 - "$tmp/j.json" "$d/matrix.csv" <<'PY'
import csv, json, sys
j = json.load(open(sys.argv[1]))
rows = list(csv.reader(open(sys.argv[2])))
names = rows[0][1:]
w = [[float(x) for x in r[1:]] for r in rows[1:]]
n = len(names)
assert len(j["elements"]) == n == 11
total = sum(map(sum, w)); mean = total / n
for i, e in enumerate(j["elements"]):
    a = sum(w[i]); p = sum(w[k][i] for k in range(n))
    assert e["name"] == names[i] and e["active_sum"] == a and e["passive_sum"] == p
    assert e["product"] == a * p and abs(e["quotient"] - a / p) < 1e-12
    role = {(1, 0): "active", (0, 1): "reactive", (1, 1): "critical", (0, 0): "buffering"}[(int(a > mean), int(p > mean))]
    assert e["role"] == role, (e["name"], e["role"], role)
assert j["loops_complete"] is True and j["max_loop"] == 4
# Every loop is a cycle of the matrix with at most 4 distinct elements.
idx = {s: k for k, s in enumerate(names)}
for l in j["loops"]:
    v = [idx[x] for x in l["elements"]]
    assert len(set(v)) == len(v) == l["length"] <= 4 and v[0] == min(v)
    assert all(w[v[k]][v[(k + 1) % len(v)]] > 0 for k in range(len(v)))
    assert l["min_intensity"] == min(w[v[k]][v[(k + 1) % len(v)]] for k in range(len(v)))
assert len(j["impulse"]["trajectories"]["Pricing"]) == 7 and j["impulse"]["start"] == {"Pricing": 1}
PY
check "JSON: sums, roles and loops agree with the CSV (python)" $?
if command -v xmllint >/dev/null; then
  xmllint --noout "$tmp/map.svg" "$tmp/graph.svg"; check "SVGs are well-formed XML" $?
fi
[ "$(grep -c '<circle' "$tmp/map.svg")" = 11 ]; check "role map: one point per element" $?
[ "$(grep -c '<circle' "$tmp/graph.svg")" = 11 ]; check "graph: one disc per element" $?
if command -v rsvg-convert >/dev/null; then
  rsvg-convert "$tmp/map.svg" -o "$tmp/map.png" && rsvg-convert "$tmp/graph.svg" -o "$tmp/graph.png"
  check "SVGs render with rsvg-convert" $?
fi

# Several cases: the mean matrix recomputed here.
"$fsqca" influence "$d"/case_*.csv --sign "$d/signs.csv" --delay "$d/delays.csv" --json >"$tmp/c.json"
check "three cases run" $?
python3 - "$tmp/c.json" "$d"/case_*.csv <<'PY'
import csv, json, statistics, sys
j = json.load(open(sys.argv[1]))
mats = [[[float(x) for x in r[1:]] for r in list(csv.reader(open(f)))[1:]] for f in sys.argv[2:]]
assert j["cases"] == sys.argv[2:]
n = len(mats[0])
for i in range(n):
    for k in range(n):
        vals = [m[i][k] for m in mats]
        assert abs(j["mean_matrix"][i][k] - sum(vals) / len(vals)) < 1e-12
        assert j["median_matrix"][i][k] == statistics.median(vals)
for name, roles in j["case_roles"].items():
    assert len(roles) == 3
PY
check "mean and median matrices agree with python" $?
"$fsqca" influence "$d"/case_*.csv >"$tmp/c.txt"; grep -q "Roles per case" "$tmp/c.txt"; check "text shows roles per case" $?

# Input errors: file:line:column and value, exit 2, nothing written.
printf 'x,A,B\nA,0,1\nB,1,0\nC,1,1\n' >"$tmp/long.csv"
printf 'x,A,B\nA,2,1\nB,1,0\n' >"$tmp/self.csv"
printf 'x,A,B\nA,0,lots\nB,1,0\n' >"$tmp/bad.csv"
printf 'x,A,B\nA,0,2\nB,1,0\n' >"$tmp/ok.csv"
printf 'x,A,B\nA,,+\nB,?,\n' >"$tmp/sign.csv"
printf 'x,A,C\nA,0,2\nC,1,0\n' >"$tmp/other.csv"
expect "non-square matrix" 2 "long.csv:4:1: the matrix is not square: 2 element columns but 3 rows" -- \
  "$fsqca" influence "$tmp/long.csv" --svg "$tmp/e1.svg" --output "$tmp/e1.txt"
expect "self-influence" 2 "self.csv:2:2: the self-influence of \"A\" must be 0, got \"2\"" -- \
  "$fsqca" influence "$tmp/self.csv" --svg "$tmp/e2.svg"
expect "bad value" 2 "bad.csv:2:3: expected an intensity (a number >= 0), got \"lots\"" -- \
  "$fsqca" influence "$tmp/bad.csv" --graph-svg "$tmp/e3.svg"
expect "bad sign" 2 "sign.csv:3:2: expected a sign (+1, -1, + or -), got \"?\"" -- \
  "$fsqca" influence "$tmp/ok.csv" --sign "$tmp/sign.csv" --svg "$tmp/e4.svg"
expect "cases with other elements" 2 "element 2 is \"C\", but in" -- \
  "$fsqca" influence "$tmp/ok.csv" "$tmp/other.csv" --svg "$tmp/e5.svg"
expect "impulse on an unknown element" 2 "--impulse: \"Z\" is not an element of" -- \
  "$fsqca" influence "$tmp/ok.csv" --impulse Z=1 --svg "$tmp/e6.svg"
expect "impulse without a value" 2 "--impulse expects NAME=VALUE" -- "$fsqca" influence "$tmp/ok.csv" --impulse A
expect "impulse with a bad value" 2 '--impulse expects a number, got "lots"' -- "$fsqca" influence "$tmp/ok.csv" --impulse A=lots
expect "missing file" 2 "none.csv: cannot open: No such file or directory" -- "$fsqca" influence "$tmp/none.csv"
expect "no matrix" 2 "no MATRIX.csv given" -- "$fsqca" influence
[ -z "$(ls "$tmp" | grep -E '^e[0-9]')" ]; check "no output file after an error" $?

# The loop limit: the list is marked incomplete and the exit status is 1.
"$fsqca" influence "$d/matrix.csv" --max-loops 5 --json >"$tmp/lim.json" 2>"$tmp/lim.err"
[ $? = 1 ] && grep -q "the loop list is incomplete" "$tmp/lim.err" &&
  python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["loops_complete"] is False and len(j["loops"]) == 5' "$tmp/lim.json"
check "--max-loops: incomplete, said so, exit 1" $?

# fsqca run with an [influence] section.
sed "s|^data = survey.csv.*|data = $src/datasets/survey.csv|; s|^output = .*|output = $tmp/run|" \
  "$src/datasets/survey.spec" >"$tmp/s.spec"
cat >>"$tmp/s.spec" <<SPEC
[influence]
matrix = $d/matrix.csv
sign = $d/signs.csv
delay = $d/delays.csv
max_loop = 3
impulse = Pricing=+1
SPEC
"$fsqca" run "$tmp/s.spec" >"$tmp/run.out" 2>"$tmp/run.err"
check "run with [influence]" $?
for f in influence.txt influence.json influence_map.svg influence_graph.svg; do
  [ -s "$tmp/run/$f" ]; check "run writes $f" $?
done
grep -q "influence_map.svg" "$tmp/run/report.md"; check "the report links the role map" $?
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["max_loop"] == 3 and j["impulse"]["steps"] == 10' \
  "$tmp/run/influence.json"; check "the section's keys reach the analysis" $?
{ grep -v '^\[influence\]' "$tmp/s.spec" | grep -v '^matrix\|^sign\|^delay\|^max_loop\|^impulse'; printf '[influence]\nsteps = 5\n'; } >"$tmp/nomatrix.spec"
expect "[influence] without matrix" 2 "[influence] needs matrix = FILE.csv" -- "$fsqca" run "$tmp/nomatrix.spec"
{ cat "$tmp/nomatrix.spec"; printf 'colour = red\n'; } >"$tmp/badkey.spec"
expect "[influence] unknown key" 2 "[influence]: unknown key \"colour\"" -- "$fsqca" run "$tmp/badkey.spec"
sed "s|^output = .*|output = $tmp/run2|; s|^matrix = .*|matrix = $tmp/self.csv|" "$tmp/s.spec" >"$tmp/selfrun.spec"
expect "run: a bad matrix is a file:line:column error" 2 "self.csv:2:2: the self-influence" -- "$fsqca" run "$tmp/selfrun.spec"
[ ! -e "$tmp/run2" ]; check "run: no report directory after a bad matrix" $?

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
