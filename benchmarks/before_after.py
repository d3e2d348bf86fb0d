"""Every paired ratio (``paired.py``) for two versions of cspcore, and the before -> after table.

Each run measures every case in a fresh interpreter whose ``PYTHONPATH`` is one version's ``src``;
the two versions alternate (before, after, then after, before, ...), and the table gives the median
of each ratio over the runs, with the spread when there is more than one::

    python benchmarks/before_after.py --before /work/wt/before/src --after src --runs 2 --scale 0.1

The ``before`` tree is release 0.1.0 (``git worktree add ../before 91684d4``); the cases run
unchanged against it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(src: str, extra: list[str]) -> list[dict[str, object]]:
    """Every case's figures, measured against the cspcore in ``src``."""
    env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
    command = [sys.executable, str(HERE / "paired.py"), "--json", *extra]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)  # noqa: S603 - ours
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def shown(values: list[float]) -> str:
    """The median, and the spread over the runs when there is more than one."""
    if not values:
        return "-"
    middle = statistics.median(values)
    digits = ".3f" if middle < 0.1 else ".2f"
    if len(values) == 1:
        return format(middle, digits)
    return f"{middle:{digits}} ({min(values):{digits}}-{max(values):{digits}})"


def main(argv: list[str] | None = None) -> int:
    """Measure both versions ``--runs`` times, alternating, and print the markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--before", required=True, help="the src directory of the earlier version")
    parser.add_argument("--after", required=True, help="the src directory of the later version")
    parser.add_argument("--runs", type=int, default=2, help="runs of each version (alternated)")
    parser.add_argument("--scale", type=float, default=0.1, help="multiply every input size")
    parser.add_argument("--rounds", type=int, default=None, help="rounds of each kind per case")
    parser.add_argument("--only", action="append", default=[], help="cases whose name contains this")
    args = parser.parse_args(argv)
    extra = ["--scale", str(args.scale)]
    extra += [] if args.rounds is None else ["--rounds", str(args.rounds)]
    for part in args.only:
        extra += ["--only", part]
    figures: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    cases: dict[str, dict[str, object]] = {}
    for number in range(args.runs):
        sides = [("before", args.before), ("after", args.after)]
        for side, src in sides if number % 2 == 0 else sides[::-1]:
            for result in run(src, extra):
                name = str(result["name"])
                cases.setdefault(name, result)
                for kind in ("cold", "warm"):
                    ratio = result[f"{kind}_ratio"]
                    if isinstance(ratio, float):
                        figures[name, kind, side].append(ratio)
            print(f"run {number + 1}, {side}: done", file=sys.stderr, flush=True)
    print(f"Median ratio to the baseline over {args.runs} run(s) of each version, scale {args.scale:g}:\n")
    print("| Case | Size | Cold before -> after | Warm before -> after | Limit (cold, warm) |")
    print("|---|---:|---|---|---|")
    for name, result in cases.items():
        cold = f"{shown(figures[name, 'cold', 'before'])} -> {shown(figures[name, 'cold', 'after'])}"
        warm = f"{shown(figures[name, 'warm', 'before'])} -> {shown(figures[name, 'warm', 'after'])}"
        limits = f"{result['cold_limit'] or '-'}, {result['limit'] or '-'}"
        print(f"| {name} | {result['size']:,} | {cold} | {warm} | {limits} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
