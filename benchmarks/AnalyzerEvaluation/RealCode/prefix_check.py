#!/usr/bin/env python3
"""For a code base run at the parent of a sync-over-async fix: which lines the fix removed or
changed are found, by ASPH and by each anchor. A line counts as found by an analyzer when one of
its findings sits on it or, for ASPH1002, has its leaf (the blocking call) on it.

Usage: prefix_check.py out/<code base> <first source folder, as run.sh passed it>
Reads out/<code base>/fix.diff (git diff -U0 parent fix) and the <ID>.tsv files; prints markdown.
"""
import os
import pathlib
import re
import sys

IDS = ["ASPH1001", "ASPH1002", "CA1849", "MA0042", "MA0045", "VSTHRD103"]


def changed_lines(diff: str, root: str):
    """(path relative to the first source folder, line in the parent, text) of every removed line."""
    path, line = None, 0
    for raw in diff.splitlines():
        if raw.startswith("--- "):
            name = raw[4:].removeprefix("a/")
            path = os.path.relpath(name, root)  # as the harness prints it: relative to the first source folder
        elif raw.startswith("@@"):
            line = int(re.match(r"@@ -(\d+)", raw).group(1))
        elif raw.startswith("-") and path:
            yield path, line, raw[1:].strip()
            line += 1


def main() -> None:
    out, root = pathlib.Path(sys.argv[1]), sys.argv[2].rstrip("/")
    found = {}
    for id_ in IDS:
        places = set()
        tsv = out / f"{id_}.tsv"
        for row in (tsv.read_text().splitlines() if tsv.exists() else []):
            fields = row.split("\t")
            places.add(fields[1])
            leaf = re.search(r"\[leaf ([^\]:]+:\d+)", fields[3] if len(fields) > 3 else "")
            if leaf:
                places.add(leaf.group(1))
        found[id_] = places
    print("| changed line (parent) | code | " + " | ".join(IDS) + " |")
    print("|---|---|" + "---|" * len(IDS))
    for path, line, text in changed_lines((out / "fix.diff").read_text(), root):
        # Not code that runs: blank lines, braces, comments, regions, using directives.
        if not text or text.startswith(("//", "#")) or text in "{}" or re.fullmatch(r"using [\w.]+;", text):
            continue
        where = f"{path}:{line}"
        marks = ["found" if where in found[id_] else "-" for id_ in IDS]
        print(f"| {where} | `{text.replace('|', '/')[:90]}` | " + " | ".join(marks) + " |")


if __name__ == "__main__":
    main()
