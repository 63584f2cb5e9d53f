"""What the Semgrep packs cost: the same commands with and without them, run alternately.

    python bench/semgrep_cost.py [TREE] [--runs N] [--exclude site-packages] [--flake8-files 200]

Measures, on TREE (default: this interpreter's standard library):
- `ailint check` with the packs (cold cache), with the packs (warm cache) and without them
  (`--ignore AIL3,AIL7`, so Semgrep does not start);
- `flake8 --select AIL` on a tree of the first N files of TREE (copied, so the file count is
  exact), with the packs (cold cache) and with `--extend-ignore AIL3,AIL7`.
Commands alternate within each round so machine noise hits both sides alike. "Cold" runs
get a fresh, empty cache directory each time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def run(command: list[str], cache: str) -> tuple[float, int, int]:
    environment = {**os.environ, "AILINT_CACHE_DIR": cache}
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, errors="replace", env=environment)
    elapsed = time.perf_counter() - start
    lines = sum(1 for line in result.stdout.splitlines() if ": AIL" in line)
    return elapsed, lines, result.returncode


def small_tree(source: Path, exclude: str, count: int, into: Path) -> Path:
    files = sorted(path for path in source.rglob("*.py") if exclude not in path.parts)[:count]
    for path in files:
        target = into / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return into


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("tree", nargs="?", default=sysconfig.get_paths()["stdlib"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--exclude", default="site-packages")
    parser.add_argument("--flake8-files", type=int, default=200)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="ailint-bench-"))
    warm_cache = str(workdir / "warm-cache")
    flake8_tree = small_tree(Path(args.tree), args.exclude, args.flake8_files, workdir / "flake8-tree")
    ailint = [str(BIN / "ailint"), "check", "--jobs", str(args.jobs), "--extend-exclude", args.exclude]
    flake8 = [str(BIN / "flake8"), "--isolated", "-j", str(args.jobs), "--select", "AIL"]
    cases = {
        "ailint check, packs, cold cache": (ailint + [args.tree], None),
        "ailint check, packs, warm cache": (ailint + [args.tree], warm_cache),
        "ailint check --ignore AIL3,AIL7": (ailint + ["--ignore", "AIL3,AIL7", args.tree], None),
        f"flake8 --select AIL, {args.flake8_files} files, packs, cold cache": (flake8 + [str(flake8_tree)], None),
        f"flake8 --select AIL, {args.flake8_files} files, packs, warm cache": (flake8 + [str(flake8_tree)], warm_cache),
        f"flake8 --select AIL --extend-ignore AIL3,AIL7, {args.flake8_files} files": (
            flake8 + ["--extend-ignore", "AIL3,AIL7", str(flake8_tree)],
            None,
        ),
    }
    # Fill the warm cache once before timing.
    for command, cache in cases.values():
        if cache == warm_cache:
            run(command, warm_cache)
    times: dict[str, list[float]] = {label: [] for label in cases}
    findings: dict[str, int] = {}
    for _ in range(args.runs):
        for label, (command, cache) in cases.items():
            elapsed, lines, _code = run(command, cache or tempfile.mkdtemp(dir=workdir))
            times[label].append(elapsed)
            findings[label] = lines
            # Each run as it ends: a full round on the standard library takes minutes.
            print(f"{label}: {elapsed:.2f} s, {lines} findings", file=sys.stderr, flush=True)
    print(f"tree: {args.tree}; {args.runs} runs; {os.cpu_count()} cores; jobs {args.jobs}")
    print("| command | best s | median s | AIL findings |\n| --- | ---: | ---: | ---: |")
    for label, values in times.items():
        print(f"| {label} | {min(values):.2f} | {statistics.median(values):.2f} | {findings[label]} |")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
