#!/usr/bin/env python3
"""Which judged ASPH rows (judged/judge-j*.md) a new run still reports.

A judged row is (code base, ID, location, leaf). Since ASPH1002 reports a call site once, a row
counts as still reported when a finding with the same ID and location either names the row's leaf
as its chain's leaf, lists it among the other blocking calls, or lists "..." (more than it names,
so the row's leaf may be among them: "maybe"). Usage: compare_judged.py (after run.sh).
"""
import glob
import os
import re
from collections import Counter, defaultdict

here = os.path.dirname(os.path.abspath(__file__))
rows = []
for path in sorted(glob.glob(os.path.join(here, "judged", "judge-j*.md"))):
    name = None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"## (\w+): ASPH", line)
        if m:
            name = m.group(1)
            continue
        if line.startswith("## "):
            name = None
        if name and re.match(r"\| \d+ \| ASPH100[12] \|", line):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            number, rule, location = cells[0], cells[1], cells[2]
            verdict = next(c for c in cells[4:] if c in ("TP", "FP", "?"))
            leaf = re.search(r"\[leaf ([^:\]]+):(\d+):", line)
            leaf = (os.path.basename(leaf.group(1)), leaf.group(2)) if leaf else (os.path.basename(location.split(":")[0]), location.split(":")[1])
            rows.append((name, os.path.basename(path), number, rule, location, leaf, verdict))

findings = defaultdict(list)
for name in {r[0] for r in rows}:
    for tsv in glob.glob(os.path.join(here, "out", name, "ASPH*.tsv")):
        for line in open(tsv, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 4:
                findings[(name, parts[0], parts[1])].append(parts[3])

def status(row):
    name, _, _, rule, location, leaf, _ = row
    messages = [m for (n, r, loc), ms in findings.items() for m in ms if n == name and r == rule and (loc == location or loc.endswith("/" + location))]
    if not messages:
        return "gone"
    for message in messages:
        head = re.search(r"\[leaf ([^:\]]+):(\d+):", message)
        if rule == "ASPH1001" or (head and (os.path.basename(head.group(1)), head.group(2)) == leaf):
            return "reported"
        if f"{leaf[0]}:{leaf[1]}" in message:
            return "reported"
    return "maybe" if any(", ...)" in m for m in messages) else "gone"

table = Counter()
for row in rows:
    s = status(row)
    table[(row[0], row[6], s)] += 1
    if row[6] == "TP" and s != "reported":
        print(f"TP no longer reported ({s}): {row[0]} {row[1]} row {row[2]} {row[3]} {row[4]} leaf {row[5][0]}:{row[5][1]}")
print()
print("| code base | judged FP | FP gone | FP maybe (site still reported, leaf not named) | judged TP | TP still reported |")
print("|---|---:|---:|---:|---:|---:|")
for name in sorted({r[0] for r in rows}):
    fp = sum(v for (n, verdict, _), v in table.items() if n == name and verdict == "FP")
    tp = sum(v for (n, verdict, _), v in table.items() if n == name and verdict == "TP")
    print(f"| {name} | {fp} | {table[(name, 'FP', 'gone')]} | {table[(name, 'FP', 'maybe')]} | {tp} | {table[(name, 'TP', 'reported')]} |")
