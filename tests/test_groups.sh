#!/usr/bin/env bash
# --by groups, --format tables and the configuration chart, through the CLI:
#  - each group's result equals a separate run on that group's subset CSV
#    (cut out of the file here with awk, not by fsqca);
#  - every format is well-formed (JSON parses, HTML tags balance, CSV rows
#    have the header's width, Markdown tables are rectangular, LaTeX
#    environments and braces balance; compiled when pdflatex exists);
#  - the chart SVG is well-formed XML.
# Usage: test_groups.sh FSQCA SOURCE_DIR BUILD_DIR
set -u
fsqca=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }

if ! command -v python3 >/dev/null; then
  echo "test_groups: python3 not found; skipped"
  exit 0
fi

"$fsqca" calibrate "$src/datasets/survey.csv" --var TF,AD,AG,RB,CF,DSO --thresholds 2,4.5,6 \
  --suffix '' --output "$tmp/cal.csv" 2>/dev/null
check "calibrate the survey" $?
# The subsets, by the unit column (field 2), header kept.
for u in operations sales; do
  awk -F, -v u="$u" 'NR == 1 || $2 == u' "$tmp/cal.csv" >"$tmp/$u.csv"
done
conds=TF,AD,AG,RB,CF
tt_opts=(--outcome DSO --conditions $conds --incl-cut 0.8 --n-cut 2 --id-col resp)
min_opts=("${tt_opts[@]}" --dir-exp TF=1,AD=1,AG=1,CF=1)

# same_as_separate NAME POOLED.json: every group object, without "group" and
# "ncases", equals the separate run's JSON (and ncases its case count).
same_as_separate() {
  python3 - "$1" "$tmp" <<'PY'
import json, sys
pooled = json.load(open(sys.argv[1]))
tmp = sys.argv[2]
assert pooled["by"] == "unit"
names = [g["group"] for g in pooled["groups"]]
assert names == ["operations", "sales"], names
for g in pooled["groups"]:
    alone = json.load(open(f"{tmp}/{g['group']}.{sys.argv[1].rsplit('.', 2)[-2]}.json"))
    n = g.pop("group"), g.pop("ncases")
    assert n[1] == sum(1 for _ in open(f"{tmp}/{n[0]}.csv")) - 1, n
    assert g == alone, [k for k in g if g.get(k) != alone.get(k)]
PY
}
for cmd in tt minimize; do
  opts=("${tt_opts[@]}"); [ $cmd = minimize ] && opts=("${min_opts[@]}")
  "$fsqca" $cmd "$tmp/cal.csv" "${opts[@]}" --by unit --json >"$tmp/pooled.$cmd.json"
  check "$cmd --by unit runs" $?
  for u in operations sales; do
    "$fsqca" $cmd "$tmp/$u.csv" "${opts[@]}" --json >"$tmp/$u.$cmd.json"
  done
  same_as_separate "$tmp/pooled.$cmd.json"
  check "$cmd --by: each group equals a separate run on its subset CSV" $?
done

# Cluster diagnostics and patterns are present for every pooled model and
# term, between values recomputed here from the group runs' own fit: the
# between consistency of a pooled term in a group is its consistency in
# that group's data, i.e. the group run's inclS of the same term when the
# group's model has it.
python3 - "$tmp/pooled.minimize.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
cl = d["cluster"]
assert len(cl) == len(d["solutions"])
for m, sol in zip(cl, d["solutions"]):
    assert [t["term"] for t in m["terms"]] == sol
    for t in m["terms"]:
        c = t["cluster"]
        assert [b["group"] for b in c["between"]] == ["operations", "sales"]
        for b, g in zip(c["between"], d["groups"]):
            fit = g.get("term_fit", {}).get(t["term"])
            if fit:
                assert abs(fit["inclS"] - b["incl"]) < 1e-12, (t["term"], fit, b)
                assert abs(fit["covS"] - b["cov"]) < 1e-12, (t["term"], fit, b)
        s = sum(b["incl"] for b in c["between"])
        dbp = sum((b["incl"] / s - 0.5) ** 2 for b in c["between"]) ** 0.5
        assert abs(dbp - c["dBP"]) < 1e-12
p = d["patterns"]
assert p["pairs"][0]["groups"] == ["operations", "sales"]
assert "configurations" in d and "configurations" in d["groups"][0]
PY
check "minimize --by: cluster diagnostics match the group runs; patterns present" $?

"$fsqca" minimize "$tmp/cal.csv" "${min_opts[@]}" --by unit --unit-id resp --json >"$tmp/panel.json"
python3 -c "
import json,sys; d=json.load(open('$tmp/panel.json'))
c=d['cluster'][0]['cluster']; assert len(c['within'])==534 and 'dWP' in c" 
check "--unit-id adds within and dWP" $?

"$fsqca" minimize "$tmp/cal.csv" "${min_opts[@]}" --by nosuch >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q 'no column named "nosuch"' "$tmp/err"
check "--by an unknown column: exit 2 and a message" $?
"$fsqca" tt "$tmp/cal.csv" "${tt_opts[@]}" --format yaml >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q 'expects one of text, json, md' "$tmp/err"
check "--format yaml is refused, naming the formats" $?

# Every format of every table command, plain and with --by.
wellformed() { # FORMAT FILE
  python3 - "$1" "$2" <<'PY'
import csv, html.parser, io, json, re, sys
fmt, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
assert text.strip(), "empty output"
if fmt == "json":
    json.loads(text)
elif fmt == "csv":
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows), "ragged CSV"
elif fmt == "html":
    class P(html.parser.HTMLParser):
        def __init__(self):
            super().__init__(); self.stack = []
        def handle_starttag(self, tag, attrs): self.stack.append(tag)
        def handle_endtag(self, tag):
            assert self.stack and self.stack.pop() == tag, "unbalanced </%s>" % tag
    p = P(); p.feed(text); p.close()
    assert not p.stack, p.stack
elif fmt == "md":
    table = []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            widths = {len(re.split(r"(?<!\\)\|", l)) for l in table}
            assert len(widths) == 1, table[:3]
            assert re.match(r"^\|(---:?\|)+$", table[1]), table[1]
            table = []
elif fmt == "latex":
    body = re.sub(r"\\[{}$%&_#]", "", text)
    assert body.count("{") == body.count("}"), "braces"
    assert body.count("$") % 2 == 0, "math"
    stack = []
    for kind, env in re.findall(r"\\(begin|end)\{(\w+)\}", text):
        if kind == "begin":
            stack.append(env)
        else:
            assert stack and stack.pop() == env, env
    assert not stack, stack
    for line in text.splitlines():
        if "&" in line.replace("\\&", "") and line.rstrip().endswith("\\\\"):
            pass
else:
    pass
PY
}
for f in text json md latex html csv; do
  for by in "" "--by unit"; do
    "$fsqca" tt "$tmp/cal.csv" "${tt_opts[@]}" --format $f --digits 2 $by >"$tmp/t.$f" &&
      wellformed $f "$tmp/t.$f"
    check "tt --format $f $by" $?
    "$fsqca" minimize "$tmp/cal.csv" "${min_opts[@]}" --format $f $by >"$tmp/m.$f" &&
      wellformed $f "$tmp/m.$f"
    check "minimize --format $f $by" $?
  done
  "$fsqca" necessity "$tmp/cal.csv" --outcome DSO --conditions $conds --format $f >"$tmp/n.$f" &&
    wellformed $f "$tmp/n.$f"
  check "necessity --format $f" $?
done
grep -q '0.93 ' "$tmp/t.text" 2>/dev/null || grep -q '| 0.9' "$tmp/t.md"
check "--digits 2 prints two decimals" $?
for f in text json md latex html csv; do
  "$fsqca" fit "$tmp/cal.csv" --outcome DSO "TF*AG + AD*CF" "AD*~RB" --format $f >"$tmp/f.$f" &&
    wellformed $f "$tmp/f.$f"
  check "fit --format $f (two expressions)" $?
done

# --digits means the same in every command and format but JSON: a number
# of the command's JSON (full precision), rounded here to 4 decimals, is in
# the output of each format, and no number there has more decimals than 4.
digits_same() { # NAME PYEXPR CMD...: PYEXPR picks the number from JSON d
  local name=$1 pick=$2; shift 2
  "$fsqca" "$@" --json >"$tmp/d.json" || return 1
  for f in text md latex html csv; do
    "$fsqca" "$@" --format $f --digits 4 >"$tmp/d.$f" || return 1
    python3 - "$tmp/d.json" "$tmp/d.$f" "$pick" <<'PY' || { echo "  ($name, $f)"; return 1; }
import json, re, sys
d = json.load(open(sys.argv[1]))
text = open(sys.argv[2], encoding="utf-8").read()
want = "%.4f" % eval(sys.argv[3])
assert re.search(r"(?<![\d.])" + re.escape(want) + r"(?![\d])", text), want
assert not re.search(r"\d\.\d{5,}", text), "more than 4 decimals"
PY
  done
}
digits_same tt "d['truth_table'][0]['incl']" tt "$tmp/cal.csv" "${tt_opts[@]}"
check "tt --digits 4: the same rounded numbers in text, md, latex, html, csv" $?
digits_same minimize "d['solution_fit'][0]['incl']" minimize "$tmp/cal.csv" "${tt_opts[@]}"
check "minimize --digits 4: the same rounded numbers in every format" $?
digits_same necessity "d['results'][0]['inclN']" necessity "$tmp/cal.csv" --outcome DSO \
  --conditions $conds
check "necessity --digits 4: the same rounded numbers in every format" $?
digits_same fit "d['rows'][-1]['covS']" fit "$tmp/cal.csv" --outcome DSO "TF*AG + AD*CF"
check "fit --digits 4: the same rounded numbers in every format" $?

if command -v pdflatex >/dev/null; then
  { printf '\\documentclass{article}\n\\begin{document}\n'; cat "$tmp/m.latex"; printf '\\end{document}\n'; } >"$tmp/doc.tex"
  (cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error doc.tex >/dev/null)
  check "the LaTeX tables compile" $?
else
  echo "test_groups: pdflatex not found; LaTeX checked for balance only"
fi

"$fsqca" minimize "$tmp/cal.csv" "${min_opts[@]}" --chart-svg "$tmp/chart.svg" >/dev/null
python3 -c "import xml.dom.minidom,sys; xml.dom.minidom.parse('$tmp/chart.svg')"
check "--chart-svg writes well-formed SVG" $?
"$fsqca" minimize "$tmp/cal.csv" "${tt_opts[@]}" --include '?' --chart-svg "$tmp/x.svg" >/dev/null 2>&1
[ $? = 2 ] && [ ! -e "$tmp/x.svg" ]
check "--chart-svg without --dir-exp is refused" $?

# report.tex (fsqca run): LF (QCA's book example, with core and peripheral
# conditions in its intermediate solution) with LaTeX's special characters
# in case ids and group names; well-formed, the same sections, tables and
# chart symbols as report.md, and compiled when pdflatex exists.
lf=$src/../shared/datasets/qca/LF.csv
[ -e "$lf" ] || lf=/work/shared/datasets/qca/LF.csv
if [ -e "$lf" ]; then
  awk -F, 'BEGIN { OFS = "," }
    NR == 1 { print $0, "\"bloc\""; next }
    { id = $1; gsub(/"/, "", id); $1 = "\"" id (NR % 3 ? "_&%|" : "#$~{}") "\""
      print $0, (NR % 2 ? "\"East & South\"" : "\"North_50%\"") }' "$lf" >"$tmp/lf.csv"
  printf '%s\n' "data = $tmp/lf.csv" "output = $tmp/lfrun" "outcome = SURV" \
    "conditions = DEV, URB, LIT, IND, STB" "incl_cut = 0.8" \
    "dir_exp = DEV=1, URB=1, LIT=1, IND=1, STB=1" "by = bloc" >"$tmp/lf.spec"
  "$fsqca" run "$tmp/lf.spec" >/dev/null 2>&1 && [ -s "$tmp/lfrun/report.tex" ] &&
    wellformed latex "$tmp/lfrun/report.tex"
  check "run writes a well-formed report.tex" $?
  python3 "$src/tests/report_tex_check.py" "$tmp/lfrun"
  check "report.tex has report.md's sections, tables, chart symbols; names escaped" $?
  if command -v pdflatex >/dev/null; then
    (cd "$tmp/lfrun" && pdflatex -interaction=nonstopmode -halt-on-error report.tex >/dev/null 2>&1) &&
      [ -s "$tmp/lfrun/report.pdf" ]
    check "report.tex compiles with pdflatex" $?
  else
    echo "test_groups: pdflatex not found; report.tex checked for well-formedness only"
  fi
else
  echo "test_groups: LF.csv not found; report.tex test skipped"
fi

echo "test_groups: $pass passed, $fail failed"
[ "$fail" = 0 ]
