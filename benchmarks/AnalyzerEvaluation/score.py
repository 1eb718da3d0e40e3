#!/usr/bin/env python3
"""Scores build warnings against the '// expect' markers in Cases/*.cs.

A tool's finding is a (file, line) pair it reported with one of its rule IDs. A marked line found
by the tool is a true positive; an unmarked line it reported is a false positive; a marked line it
missed is a false negative. Usage: score.py build.log [--set Cases|Independent] [-v]. Files are grouped by name:
Direct*.cs, Transitive*.cs and Negative*.cs.
"""
import os
import re
import sys
from collections import defaultdict

TOOLS = {
    "Asphalt (ASPH1001+ASPH1002)": {"ASPH1001", "ASPH1002"},
    "CA1849": {"CA1849"},
    "MA0042": {"MA0042"},
    "VSTHRD103": {"VSTHRD103"},
}
here = os.path.dirname(os.path.abspath(__file__))
case_set = sys.argv[sys.argv.index("--set") + 1] if "--set" in sys.argv else "Cases"
cases = os.path.join(here, case_set)

expected = set()
for name in sorted(os.listdir(cases)):
    with open(os.path.join(cases, name), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.rstrip().endswith("// expect"):
                expected.add((name, number))

found = defaultdict(set)
pattern = re.compile(r"([^\s(]+\.cs)\((\d+),\d+\): warning (\w+):")
with open(sys.argv[1], encoding="utf-8", errors="replace") as log:
    for line in log:
        m = pattern.search(line)
        if not m:
            continue
        path, number, rule = m.group(1), int(m.group(2)), m.group(3)
        if f"/{case_set}/" not in path.replace("\\", "/"):
            continue
        for tool, rules in TOOLS.items():
            if rule in rules:
                found[tool].add((os.path.basename(path), number))

def score(hits, subset):
    exp = {e for e in expected if e[0] in subset}
    got = {h for h in hits if h[0] in subset}
    tp = len(exp & got)
    fp = len(got - exp)
    fn = len(exp - got)
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    return tp, fp, fn, precision, recall

files = sorted(os.listdir(cases))
print(f"expected findings: {len(expected)} ({', '.join(f'{f}: {sum(1 for e in expected if e[0] == f)}' for f in files)})")
print()
print("| tool | TP | FP | FN | precision | recall | recall, direct | recall, transitive | FP on negatives |")
print("|---|---|---|---|---|---|---|---|---|")
for tool in TOOLS:
    tp, fp, fn, p, r = score(found[tool], set(files))
    _, _, _, _, rd = score(found[tool], {f for f in files if f.startswith("Direct")})
    _, _, _, _, rt = score(found[tool], {f for f in files if f.startswith("Transitive")})
    _, fpn, _, _, _ = score(found[tool], {f for f in files if f.startswith("Negative")})
    print(f"| {tool} | {tp} | {fp} | {fn} | {p:.2f} | {r:.2f} | {rd:.2f} | {rt:.2f} | {fpn} |")

if "-v" in sys.argv:
    for tool in TOOLS:
        print(f"\n{tool}: missed {sorted(expected - found[tool])}")
        print(f"{tool}: false positives {sorted(found[tool] - expected)}")
