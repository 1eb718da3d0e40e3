#!/usr/bin/env python3
"""Draws a random sample of findings per code base and analyzer from out/<code base>/<ID>.tsv
(written by run.sh) into a markdown table with an empty verdict column, for a judge who did not
write the analyzer. ASPH1001 and ASPH1002 are one pool ("ASPH"), as the issue judges them.

Usage: sample.py [--seed N] [--size N] [--out FILE] [code base...]   (default: every folder in out/)
The seed is printed in the table's heading, so a draw can be repeated exactly.
"""
import argparse
import pathlib
import random

POOLS = {"ASPH": ["ASPH1001", "ASPH1002"], "CA1849": ["CA1849"], "MA0042": ["MA0042"],
         "MA0045": ["MA0045"], "VSTHRD103": ["VSTHRD103"]}


def cell(text: str) -> str:
    return text.replace("|", "\\|").strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--size", type=int, default=40)
    parser.add_argument("--out", default=None, help="write here instead of stdout")
    parser.add_argument("codebases", nargs="*")
    args = parser.parse_args()

    out = pathlib.Path(__file__).parent / "out"
    names = args.codebases or sorted(p.name for p in out.iterdir() if p.is_dir())
    lines = []
    for name in names:
        for pool, ids in POOLS.items():
            findings = []
            for id_ in ids:
                path = out / name / f"{id_}.tsv"
                if path.exists():
                    findings += [line.split("\t") for line in path.read_text().splitlines() if line]
            # One generator per (seed, code base, pool): adding a code base does not change another's draw.
            rng = random.Random(f"{args.seed}/{name}/{pool}")
            drawn = sorted(rng.sample(range(len(findings)), min(args.size, len(findings))))
            lines.append(f"## {name}: {pool} ({len(drawn)} of {len(findings)} findings, seed {args.seed})")
            lines.append("")
            lines.append("| # | ID | location | code | chain / message | verdict (TP/FP) | reason |")
            lines.append("|---|---|---|---|---|---|---|")
            for n, index in enumerate(drawn, 1):
                id_, where, code, detail = (findings[index] + ["", "", "", ""])[:4]
                lines.append(f"| {n} | {id_} | {cell(where)} | `{cell(code)}` | {cell(detail)} | | |")
            lines.append("")
    text = "\n".join(lines)
    if args.out:
        pathlib.Path(args.out).write_text(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
