"""What duplication detection costs, next to the error-handling rules and to Pylint's R0801.

    python bench/duplication_cost.py [TREE] [--runs N] [--exclude site-packages] [--pylint-timeout 1800]

Runs, alternately so that machine noise hits both alike, with no cache:
- `ailint check --select AIL1` (parse plus the error-handling rules),
- `ailint check --select AIL4` (parse, cut into units, the whole-run clone index);
then `pylint --disable=all --enable=R0801` once on the same files (it takes much longer),
and prints wall times and the number of clone groups each found.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def timed(command: list[str], timeout: float | None = None) -> tuple[float, str, bool]:
    start = time.perf_counter()
    try:
        result = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        return time.perf_counter() - start, (expired.stdout or b"").decode("utf-8", "replace"), False
    return time.perf_counter() - start, result.stdout, True


def ailint_groups(report: str) -> tuple[int, int]:
    """(reported copies, clone groups): copies linked by their related locations are one group."""
    findings = [f for f in json.loads(report)["findings"] if f["code"].startswith("AIL4")]
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for finding in findings:
        here = (os.path.abspath(finding["path"]), finding["line"])
        for other in finding["related"]:
            parent[find(here)] = find((os.path.abspath(other["path"]), other["line"]))
        find(here)
    return len(findings), len({find(node) for node in parent})


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("tree", nargs="?", default=sysconfig.get_paths()["stdlib"])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--exclude", default="site-packages")
    parser.add_argument("--pylint", default="pylint", help="the pylint executable")
    parser.add_argument("--pylint-timeout", type=float, default=1800)
    args = parser.parse_args()
    base = [str(BIN / "ailint"), "check", "--no-cache", "--jobs", str(args.jobs), "--extend-exclude", args.exclude]
    commands = {
        "ailint --select AIL1": [*base, "--select", "AIL1", args.tree],
        "ailint --select AIL4": [*base, "--select", "AIL4", "--format", "json", args.tree],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    outputs: dict[str, str] = {}
    for round_number in range(args.runs):
        for name, command in commands.items():
            elapsed, output, _ = timed(command)
            times[name].append(elapsed)
            outputs[name] = output
            print(f"round {round_number + 1}: {name}: {elapsed:.1f} s", file=sys.stderr, flush=True)
    copies, groups = ailint_groups(outputs["ailint --select AIL4"])
    for name, values in times.items():
        print(f"{name}: median {statistics.median(values):.1f} s over {len(values)} runs ({', '.join(f'{v:.1f}' for v in values)})")
    print(f"ailint: {copies} reported copies in {groups} clone groups")
    files = sorted(str(path) for path in Path(args.tree).rglob("*.py") if args.exclude not in path.parts)
    pylint = [args.pylint, "--disable=all", "--enable=R0801", f"--jobs={args.jobs}", "--score=n", *files]
    elapsed, output, finished = timed(pylint, args.pylint_timeout)
    groups = len(re.findall(r"R0801", output))
    state = "" if finished else f" (stopped at the {args.pylint_timeout:.0f} s limit: not finished)"
    print(f"pylint R0801: {elapsed:.1f} s{state}, {groups} clone groups reported")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
