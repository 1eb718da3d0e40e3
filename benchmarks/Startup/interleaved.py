#!/usr/bin/env python3
"""Times start-to-exit of several binaries in interleaved order, to compare them on a noisy machine.

hyperfine runs one command's batch after the other, so a slow minute on a shared machine lands on
one variant only. This runs the binaries round-robin, shuffled in every round, and reports each
one's median and its ratio to the first binary's median. Process spawn costs the same for all.

usage: interleaved.py ROUNDS NAME=PATH [NAME=PATH ...]
A PATH may carry arguments ("asphalt-cli=/bin/app run -c app.yaml"); each binary runs in its own
folder, where the full-application variants find their configuration files.
"""
import os
import random
import shlex
import statistics
import sys
import time


def run_once(command):
    path = command[0]
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.chdir(os.path.dirname(os.path.abspath(path)))  # the child starts in its binary's folder
    start = time.perf_counter_ns()
    pid = os.posix_spawn(path, command, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter_ns() - start
    os.close(devnull)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{path} exited with {os.waitstatus_to_exitcode(status)}")
    return elapsed / 1e6


def main():
    rounds = int(sys.argv[1])
    binaries = [(name, shlex.split(command)) for name, command in (arg.split("=", 1) for arg in sys.argv[2:])]
    times = {name: [] for name, _ in binaries}
    for _ in range(20):  # warm-up: page cache, CPU frequency
        for _, path in binaries:
            run_once(path)
    for _ in range(rounds):
        order = binaries[:]
        random.shuffle(order)
        for name, path in order:
            times[name].append(run_once(path))
    baseline = statistics.median(times[binaries[0][0]])
    print(f"| binary | median | p10 | p90 | ratio of medians |")
    print(f"|---|---:|---:|---:|---:|")
    for name, _ in binaries:
        values = sorted(times[name])
        p10, p90 = values[len(values) // 10], values[len(values) * 9 // 10]
        median = statistics.median(values)
        print(f"| {name} | {median:.2f} ms | {p10:.2f} | {p90:.2f} | {median / baseline:.3f} |")


if __name__ == "__main__":
    main()
