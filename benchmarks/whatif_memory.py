"""Cold costs of the what-if at scale, by hand: time and memory of each step in a fresh process.

Every figure comes from its own child process (nothing memoised by an earlier step, no allocator
state from it), and is reported beside the figure it is compared with, measured the same way:

* ``sample``: seconds to build the sample portfolio (1k, 10k, 100k accounts, and the growth
  exponent between sizes ten times apart), and the child's peak RSS (``ru_maxrss``);
* ``simulate`` and ``evaluate``: seconds for a cold one-year ``simulate`` (STANDARD) and for one cold
  ``evaluate`` pass over the same accounts on its last day; then, in another child (``tracemalloc``
  slows allocation several times, so it never runs while a step is timed), the memory each added at
  its peak and the memory still held once its result is dropped (after ``gc.collect()``).

Run from the repository root (memory at 100,000 accounts takes about ten minutes on a busy 2-core
machine: leave it out of ``--memory`` unless it is needed)::

    PYTHONPATH=src python benchmarks/whatif_memory.py --accounts 1000 10000 100000 --memory 1000 10000

The table is what docs/benchmarks.md quotes; no test runs this.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import subprocess
import sys
from typing import Any

_CHILD = r"""
import datetime as dt, gc, json, resource, sys, time, tracemalloc
from cspcore.billing import STANDARD, evaluate
from cspcore.billing.portfolio import sample_portfolio
from cspcore.billing.whatif import simulate

step, accounts, traced = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "memory"
start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
began = time.perf_counter()
book = sample_portfolio(seed=accounts, accounts=accounts)
built = time.perf_counter() - began
figures = {"step": step, "accounts": accounts}
if step == "sample":
    figures["seconds"] = built
else:
    gc.collect()
    if traced:
        tracemalloc.start()
    began = time.perf_counter()
    if step == "simulate":
        result = simulate(STANDARD, book, start=start, end=end)
    else:
        result = [evaluate(STANDARD, a.ledger, as_of=end).stage for a in book.accounts]
    figures["seconds"] = time.perf_counter() - began
    if traced:
        del figures["seconds"]
        _, peak = tracemalloc.get_traced_memory()
        del result
        gc.collect()
        retained, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        figures["peak_mib"] = peak / 2**20
        figures["retained_mib"] = retained / 2**20
figures["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(figures))
"""


def child(step: str, accounts: int, what: str = "time") -> dict[str, Any]:
    """One step's figures (``what``: its time, or its memory), measured in a fresh interpreter."""
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _CHILD, step, str(accounts), what], capture_output=True, text=True, check=True
    )
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Measure and print every step at every size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--memory", type=int, nargs="*", default=[1_000, 10_000], help="sizes to trace")
    parser.add_argument("--json", action="store_true", help="one JSON line per figure")
    args = parser.parse_args(argv)
    rows = [child(step, size) for size in args.accounts for step in ("sample", "evaluate", "simulate")]
    traced = [child(step, size, "memory") for size in args.memory for step in ("evaluate", "simulate")]
    if args.json:
        for row in rows + traced:
            print(json.dumps(row))
        return 0
    print(f"{'step':9} {'accounts':>9} {'seconds':>8} {'maxrss MiB':>10}")
    for row in rows:
        print(f"{row['step']:9} {row['accounts']:9d} {row['seconds']:8.2f} {row['maxrss_mib']:10.0f}")
    print(f"{'step':9} {'accounts':>9} {'peak MiB':>9} {'kept MiB':>9}")
    for row in traced:
        print(f"{row['step']:9} {row['accounts']:9d} {row['peak_mib']:9.1f} {row['retained_mib']:9.3f}")
    by_size = {(r["step"], r["accounts"]): r["seconds"] for r in rows}
    sizes = sorted(args.accounts)
    for step in ("sample", "evaluate", "simulate"):
        for small, large in itertools.pairwise(sizes):
            if large == 10 * small:
                exponent = math.log10(by_size[step, large] / by_size[step, small])
                print(f"{step}: growth exponent {small:,} -> {large:,} accounts: {exponent:.2f}")
    for size in sizes:
        ratio = by_size["simulate", size] / by_size["evaluate", size]
        print(f"cold simulate / cold evaluate pass at {size:,} accounts: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
