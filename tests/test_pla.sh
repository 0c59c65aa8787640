#!/usr/bin/env bash
# Berkeley PLA through the fsqca command: tt --format pla, minimize FILE.pla,
# minimize --format pla [--all], and the errors.
# Independent sources: QCA 3.23's reference files (../shared/reference/qca:
# truth tables and solutions), PLA files and minimizations worked by hand,
# and Espresso (when installed) reading what fsqca writes.
# Usage: test_pla.sh FSQCA SOURCE_DIR BUILD_DIR
set -u
fsqca=$1 src=$2
shared="$src/../shared"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }
expect() { # NAME STATUS PATTERN -- command...
  local name=$1 status=$2 pattern=$3; shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  [ "$got" = "$status" ] && grep -qF -- "$pattern" "$tmp/err"
  local ok=$?
  [ $ok = 0 ] || echo "  status $got (want $status); stderr: $(cat "$tmp/err")"
  check "$name" $ok
}

# ---- by hand ------------------------------------------------------------------
# f = ON {000, 001, 010, 101} as the cubes 00-, 010, 101, type f. By hand
# (see check_pla.c): the one minimum model is ~a*~c + ~b*c, the ON cube 00-
# being covered by both terms together.
printf '.i 3\n.o 1\n.ilb a b c\n.ob f\n.type f\n00- 1\n010 1\n101 1\n.e\n' >"$tmp/h.pla"
"$fsqca" minimize "$tmp/h.pla" >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -qxF "M1: ~a*~c + ~b*c -> f" "$tmp/out" && ! grep -q "^M2" "$tmp/out"
check "minimize FILE.pla: an ON cube covered by two PIs" $?
# Type fr: ON 11-, OFF 0-0 and 011; every other point is a don't-care.
# Implicants avoiding 000, 010, 011: a (1--) and ~b*c (-01); a covers 11-, so
# the one model is a.
printf '.i 3\n.o 1\n.type fr\n11- 1\n0-0 0\n011 0\n' >"$tmp/r.pla"
"$fsqca" minimize "$tmp/r.pla" | grep -qxF "M1: x1 -> y1"; check "type fr: unlisted configurations are don't-cares" $?
# The same as type f: OFF = the complement of 11-, so the model is a*b.
sed 's/fr/f/' "$tmp/r.pla" >"$tmp/f.pla"
"$fsqca" minimize "$tmp/f.pla" | grep -qxF "M1: x1*x2 -> y1"; check "type f: unlisted configurations are OFF" $?
# Type fd with a don't-care row: ON 110, DC 111 -> a*b (the DC row merges in).
printf '.i 3\n.o 1\n.type fd\n110 1\n111 -\n' >"$tmp/d.pla"
"$fsqca" minimize "$tmp/d.pla" | grep -qxF "M1: x1*x2 -> y1"; check "type fd: '-' rows are don't-cares" $?

# --format pla writes .type f; fsqca reads it back as the same function.
"$fsqca" minimize "$tmp/h.pla" --format pla >"$tmp/h2.pla"
grep -qx '.type f' "$tmp/h2.pla" && grep -qx '0-0 1' "$tmp/h2.pla" && grep -qx -- '-01 1' "$tmp/h2.pla"
check "--format pla writes the model's cubes" $?
"$fsqca" minimize "$tmp/h2.pla" | grep -qxF "M1: ~a*~c + ~b*c -> f"; check "the written PLA reads back as the same model" $?

# ---- against QCA's reference files -------------------------------------------------
if [ -d "$shared/reference/qca" ] && [ -d "$shared/datasets/qca" ] && command -v jq >/dev/null 2>&1; then
  for spec in "LF SURV 0.8" "CVF PROTEST 0.85" "HC VOTE 1"; do
    set -- $spec
    ds=$1 y=$2 ic=$3
    "$fsqca" tt "$shared/datasets/qca/$ds.csv" --outcome "$y" --incl-cut "$ic" --format pla >"$tmp/$ds.pla"
    check "$ds: tt --format pla" $?
    # ON and OFF rows of the PLA = QCA's OUT = 1 / OUT = 0 rows.
    jq -r '.truth_table[] | select(.OUT == "1" or .OUT == "0") | .row + " " + .OUT' \
      "$shared/reference/qca/${ds}_${y}_pars.json" | sort >"$tmp/want.rows"
    grep -E '^[01]+ [01]$' "$tmp/$ds.pla" | sort >"$tmp/got.rows"
    cmp -s "$tmp/want.rows" "$tmp/got.rows" && grep -qx '.type fr' "$tmp/$ds.pla"
    check "$ds: the PLA's rows are QCA's truth table" $?
    for kind in pars cons; do
      if [ $kind = cons ]; then sed -i 's/^\.type fr$/.type f/' "$tmp/$ds.pla"; fi
      "$fsqca" minimize "$tmp/$ds.pla" --json | jq -c '[.outputs[0].solutions[] | sort] | sort' >"$tmp/got"
      jq -c '[.solutions[] | sort] | sort' "$shared/reference/qca/${ds}_${y}_$kind.json" >"$tmp/want"
      cmp -s "$tmp/got" "$tmp/want"
      check "$ds $kind: minimize of the PLA gives QCA's solutions" $?
    done
    # Every model written with --all reads back (type f) as itself.
    "$fsqca" minimize "$shared/datasets/qca/$ds.csv" --outcome "$y" --incl-cut "$ic" --include '?' \
      --format pla --all >"$tmp/$ds.models.pla"
    "$fsqca" minimize "$tmp/$ds.models.pla" --json | jq -c '[.outputs[].solutions[0] | sort] | sort' >"$tmp/got"
    jq -c '[.solutions[] | sort] | sort' "$shared/reference/qca/${ds}_${y}_pars.json" >"$tmp/want"
    cmp -s "$tmp/got" "$tmp/want"
    check "$ds: --format pla --all reads back as QCA's models" $?
  done
  grep -qx '.ob PROTEST.M1 PROTEST.M2' "$tmp/CVF.models.pla"; check "--all names the outputs Y.M1, Y.M2" $?
  expect "multi-value truth table" 1 "binary conditions only" -- \
    "$fsqca" tt "$shared/datasets/qca/HarKem.csv" --outcome PB --format pla
else
  echo "notice: ../shared reference files or jq absent; skipping the QCA comparisons"
fi

# ---- cube mode: 40 inputs, cubes with 2^37 points and more ---------------------------
# The hand example above with 37 more inputs, free in every cube: the same one
# model (the ON cube 00- still needs both terms), in cube mode.
d37=$(printf -- '-%.0s' $(seq 37))
printf '.i 40\n.o 1\n.type f\n00-%s 1\n010%s 1\n101%s 1\n' "$d37" "$d37" "$d37" >"$tmp/big.pla"
"$fsqca" minimize "$tmp/big.pla" >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -qxF "M1: ~x1*~x3 + ~x2*x3 -> y1" "$tmp/out" && grep -qF "(cube mode)" "$tmp/out" &&
  ! grep -q "^M2" "$tmp/out"
check "cube mode: 40 inputs, an ON cube covered by two PIs" $?
# Type fr, OFF given as cubes (011, 1-0, 111): the same model.
printf '.i 40\n.o 1\n.type fr\n00-%s 1\n010%s 1\n101%s 1\n011%s 0\n1-0%s 0\n111%s 0\n' \
  "$d37" "$d37" "$d37" "$d37" "$d37" "$d37" >"$tmp/bigr.pla"
"$fsqca" minimize "$tmp/bigr.pla" | grep -qxF "M1: ~x1*~x3 + ~x2*x3 -> y1"; check "cube mode: type fr" $?
# Written as PLA and read back: the same function (the model's own cubes).
"$fsqca" minimize "$tmp/big.pla" --format pla >"$tmp/big2.pla" &&
  "$fsqca" minimize "$tmp/big2.pla" | grep -qxF "M1: ~x1*~x3 + ~x2*x3 -> y1"
check "cube mode: --format pla reads back as the same model" $?

# ---- Espresso reads what fsqca writes (only where it is installed) ------------------
espresso=${FSQCA_ESPRESSO:-$(command -v espresso || true)}
if [ -n "$espresso" ] && [ -x "$espresso" ]; then
  "$espresso" -Dexact "$tmp/h.pla" >"$tmp/e.out" 2>"$tmp/e.err"
  [ $? = 0 ] && [ "$(grep -Ec '^[01-]+ 1$' "$tmp/e.out")" = 2 ]; check "Espresso: the hand example has 2 terms" $?
  "$espresso" -Dexact "$tmp/h2.pla" >/dev/null 2>&1; check "Espresso reads fsqca's --format pla" $?
  "$espresso" -Dexact "$tmp/big.pla" >"$tmp/e.out" 2>"$tmp/e.err"
  [ $? = 0 ] && [ "$(grep -Ec '^[01-]+ 1$' "$tmp/e.out")" = 2 ]; check "Espresso: the 40-input example has 2 terms" $?
else
  echo "notice: espresso not installed (FSQCA_ESPRESSO); skipping the Espresso checks"
fi

# ---- errors -------------------------------------------------------------------------
printf '.i 2\n.o 1\n0x 1\n' >"$tmp/bad.pla"
expect "bad PLA character names file:line:column" 2 "bad.pla:3:2: input part: expected 0, 1 or -, got 'x'" -- \
  "$fsqca" minimize "$tmp/bad.pla"
expect "--outcome with a PLA" 2 "--outcome and --conditions do not apply" -- "$fsqca" minimize "$tmp/h.pla" --outcome Y
expect "--include with a PLA" 2 "--include and --dir-exp do not apply" -- "$fsqca" minimize "$tmp/h.pla" --include '?'
expect "bad --format" 2 '--format expects one of text, json, md, markdown, latex, tex, html, csv, pla, got "xml"' -- "$fsqca" minimize "$tmp/h.pla" --format xml
expect "bad tt --format" 2 '--format expects one of text, json, md, markdown, latex, tex, html, csv, pla, got "xml"' -- "$fsqca" tt "$tmp/h.pla" --format xml
printf '.i 2\n.o 1\n.type fr\n1- 1\n11 0\n' >"$tmp/conflict.pla"
expect "ON and OFF overlap" 2 "configuration 11 is in both the ON and the OFF sets" -- "$fsqca" minimize "$tmp/conflict.pla"
"$fsqca" minimize --help | grep -q -- "--format pla"; check "minimize --help documents --format pla" $?
"$fsqca" tt --help | grep -q -- "--format pla"; check "tt --help documents --format pla" $?

echo "test_pla: $pass passed, $fail failed"
[ $fail = 0 ]
