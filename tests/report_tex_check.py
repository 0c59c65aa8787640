#!/usr/bin/env python3
"""report.tex against report.md (tests/test_groups.sh): the same headings,
as many tables, Fiss's chart symbols one for one (large filled / crossed
circles for core presence / absence, small ones for peripheral), special
characters of names escaped. Usage: report_tex_check.py RUN_DIR"""
import re
import sys

d = sys.argv[1]
md = open(f"{d}/report.md", encoding="utf-8").read()
tex = open(f"{d}/report.tex", encoding="utf-8").read()
assert "\\documentclass" in tex and tex.rstrip().endswith("\\end{document}")

heads = re.findall(r"^(#+) ", md, re.M)
secs = re.findall(r"^\\(section|subsection|subsubsection|paragraph)\*\{", tex, re.M)
assert len(heads) == len(secs), (len(heads), len(secs))
depth = {"section": 1, "subsection": 2, "subsubsection": 3, "paragraph": 4}
assert [len(h) for h in heads] == [depth[s] for s in secs]

tables = len(re.findall(r"^\|.*\n\|[-:| ]+\|$", md, re.M))
assert tables > 5
assert tables == tex.count("\\begin{tabular}") + tex.count("\\begin{longtable}"), tables

large_dot, large_cross = "{\\Large$\\bullet$}", "{\\Large$\\otimes$}"
for sym, latex in (("\u25cf", large_dot), ("\u2297", large_cross)):
    assert md.count(sym) > 0 and md.count(sym) == tex.count(latex), (sym, md.count(sym))
small = md.count("\u2022") + md.count("\u2298")
assert small > 0, "LF's intermediate solution has peripheral conditions"
n_small = (tex.count("$\\bullet$") - tex.count(large_dot) +
           tex.count("$\\otimes$") - tex.count(large_cross))
assert n_small == small, (n_small, small)

# Names: every & % # _ { } $ of a case id or group escaped.
assert "East \\& South" in tex and "North\\_50\\%" in tex, "group names"
assert "\\_\\&\\%\\textbar{}" in tex and "\\#\\$$\\sim$\\{\\}" in tex, "case ids"
for line in tex.splitlines():
    if line.startswith("%"):
        continue
    bare = re.sub(r"\\[&%#_{}$]", "", line)
    bare = re.sub(r"\{%$", "{", bare)  # the resizebox line's own comment
    assert "%" not in bare and "#" not in bare, line
    if not line.rstrip().endswith("\\\\"):
        assert "&" not in bare, line
# Nothing outside ASCII but what T1 and utf8 inputenc print.
for ch in set(tex):
    assert ord(ch) < 0x80 or 0xC0 <= ord(ch) <= 0x17F, hex(ord(ch))
