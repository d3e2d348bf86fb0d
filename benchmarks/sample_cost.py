"""The cost of building a sample portfolio at 1k / 10k / 100k accounts, by hand: CPU time, cold.

Each figure comes from a fresh interpreter that imports cspcore from one ``src`` tree, builds
``sample_portfolio(seed=size, accounts=size)`` once and reports the CPU seconds of that call
(``time.process_time``, less moved by other work on a loaded machine than the wall clock), the wall
seconds, and a digest of the portfolio. With ``--before`` the two trees alternate (before, after,
then after, before, ...), each ratio is after / before at one size, and a round whose digests differ
stops the run. ``--paused`` measures again with the garbage collector paused in the child (what
``cspcore whatif`` does; the core never touches the collector), to show the collector's share.

Run from the repository root (about a minute per round at 100,000 accounts on a busy 2-core
machine)::

    PYTHONPATH=src python benchmarks/sample_cost.py --after src --before ../before/src --rounds 2 --paused

No test runs it; docs/benchmarks.md quotes its table.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

_CHILD = r"""
import gc, hashlib, json, sys, time
from cspcore.billing.portfolio import sample_portfolio

size, paused = int(sys.argv[1]), sys.argv[2] == "paused"
if paused:
    gc.disable()
cpu, wall = time.process_time(), time.perf_counter()
book = sample_portfolio(seed=size, accounts=size)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
gc.enable()
digest = hashlib.sha256(repr(book.accounts[:: max(1, size // 500)]).encode()).hexdigest()[:16]
print(json.dumps({"cpu": cpu, "wall": wall, "digest": digest}))
"""


def child(src: str, size: int, mode: str) -> dict[str, float | str]:
    """One build's figures, in a fresh interpreter importing cspcore from ``src``."""
    env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _CHILD, str(size), mode], capture_output=True, text=True, check=True, env=env
    )
    figures: dict[str, float | str] = json.loads(done.stdout)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Measure every size (alternating the trees), print the table and the growth exponents."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--after", default="src", help="the src directory measured")
    parser.add_argument("--before", default=None, help="an earlier src directory to compare with")
    parser.add_argument("--accounts", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--paused", action="store_true", help="also measure with the collector paused")
    args = parser.parse_args(argv)
    trees = {"after": args.after} | ({"before": args.before} if args.before else {})
    modes = ["running", "paused"] if args.paused else ["running"]
    cpu: dict[tuple[str, str, int], list[float]] = defaultdict(list)
    for index in range(args.rounds):
        order = list(trees) if index % 2 else list(reversed(trees))
        for size in args.accounts:
            for mode in modes:
                digests = set()
                for name in order:
                    figures = child(trees[name], size, mode)
                    cpu[name, mode, size].append(float(figures["cpu"]))
                    digests.add(figures["digest"])
                if len(digests) != 1:
                    print(f"the trees built different portfolios at {size:,} accounts", file=sys.stderr)
                    return 1
    print(
        "| Collector | Tree | " + " | ".join(f"{size:,}" for size in args.accounts) + " | Growth exponents |"
    )
    print("|---|---|" + "---:|" * len(args.accounts) + "---|")
    for mode in modes:
        for name in trees:
            medians = [statistics.median(cpu[name, mode, size]) for size in args.accounts]
            growth = [
                f"{math.log10(large / small) / math.log10(b / a):.2f}"
                for (a, small), (b, large) in zip(
                    zip(args.accounts, medians, strict=True),
                    zip(args.accounts[1:], medians[1:], strict=True),
                    strict=False,
                )
            ]
            shown = " | ".join(f"{m:.2f} s" for m in medians)
            print(f"| {mode} | {name} | {shown} | {', '.join(growth)} |")
        if args.before:
            ratios = [
                statistics.median(cpu["after", mode, size]) / statistics.median(cpu["before", mode, size])
                for size in args.accounts
            ]
            print(f"| {mode} | after / before | " + " | ".join(f"{r:.2f}" for r in ratios) + " | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
