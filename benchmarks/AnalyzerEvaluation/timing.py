#!/usr/bin/env python3
"""Extracts per-analyzer times from a '-p:ReportAnalyzer=true -v:d' build log."""
import re
import sys

WANTED = [
    ("ASPH1001", "Asphalt.Analyzers.Blocking.BlockingCallAnalyzer"),
    ("ASPH1002", "Asphalt.Analyzers.Blocking.TransitiveBlockingCallAnalyzer"),
    ("CA1849", "UseAsyncMethodInAsyncContext"),
    ("MA0042", "DoNotUseBlockingCallInAsyncContextAnalyzer"),
    ("VSTHRD103", "VSTHRD103UseAsyncOptionAnalyzer"),
]
row = re.compile(r"^\s*([\d.]+|<[\d.]+)\s+(\d+|<1)\s+(\S.*)$")
times = {}
total = None
with open(sys.argv[1], encoding="utf-8", errors="replace") as log:
    for line in log:
        line = line.rstrip()
        if "Total analyzer execution time" in line:
            # The last table is the evaluation project's (the first is Asphalt.Analyzers' own build).
            total = line.strip()
            times = {}
        m = row.match(line)
        if not m:
            continue
        for rule, name in WANTED:
            if name in m.group(3) and rule not in times:
                value = m.group(1)
                times[rule] = 0.0005 if value.startswith("<") else float(value)
print(total or "no 'Total analyzer execution time' line found")
print("| rule | analyzer | time (s) |")
print("|---|---|---|")
for rule, name in WANTED:
    print(f"| {rule} | {name} | {times.get(rule, float('nan')):.3f} |")
