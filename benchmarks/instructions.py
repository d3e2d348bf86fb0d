"""Instructions, not seconds: a cold ``simulate`` against a cold ``evaluate`` pass, counted by Valgrind.

On a shared machine the same loop can take twice as long from one minute to the next, and paired
timings (``paired.py``) need many rounds to see a change of a few percent. The number of machine
instructions a job executes barely moves (a millionth from run to run): this script runs each job
in a fresh interpreter under ``valgrind --tool=cachegrind --cache-sim=no`` and reports the
instructions it executed, less those of the same interpreter doing everything but the job
(imports, building the portfolios). It leaves out what instructions do not show (cache misses,
branch mispredictions), so it complements the paired timings; it does not replace them.

Each child builds the case's two equal sample portfolios (2,000 accounts, one seed) as
``test_bench_collections.py``'s "simulate a year vs an evaluate pass" does, collects garbage, runs
one job on one of them, and leaves with ``os._exit`` (no clean-up is counted: the timed benchmark
drops its results after the clock stops too). The two timed sides are that case's own functions,
imported from it:

* ``evaluate``: ``evaluate_pass``, every account evaluated on the last day, its stage kept;
* ``simulate``: ``last_day_stages``, a year of ``simulate``, each account's last stage read from
  the transitions;
* ``simulate_packed``: the same year with the transitions left packed (no transition is built);
* ``changes``: each ledger's overdue changes alone (what the replay reads).

``evaluate`` and ``simulate`` print each account's last-day stage, and the two must agree::

    python benchmarks/instructions.py --src src                          # this tree
    python benchmarks/instructions.py --src ../before/src --src src      # two trees, side by side
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
JOBS = ("evaluate", "simulate", "simulate_packed", "changes")

# The child: build, collect, run one job (or none), print its answer's digest, leave at once.
CHILD = """
import gc, hashlib, os, sys
sys.path.insert(0, sys.argv[4])  # benchmarks/: the case's own functions
from test_bench_collections import END, START, evaluate_pass, last_day_stages
from cspcore.billing import STANDARD
from cspcore.billing.ledger import overdue_changes_of
from cspcore.billing.portfolio import sample_portfolio
from cspcore.billing.collections.whatif.engine import simulate_packed

job, accounts, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
prime = sample_portfolio(seed=1, accounts=20)
last_day_stages(prime)
evaluate_pass(prime)
one = sample_portfolio(seed=seed, accounts=accounts)
other = sample_portfolio(seed=seed, accounts=accounts)
gc.collect()
answer = None
if job == "evaluate":
    answer = evaluate_pass(one)
elif job == "simulate":
    answer = last_day_stages(other)
elif job == "simulate_packed":
    simulate_packed(STANDARD, other, start=START, end=END)
elif job == "changes":
    for account in other.accounts:
        overdue_changes_of(account.ledger)
if answer is not None:
    sys.stdout.write(hashlib.sha256(repr(sorted(answer.items())).encode()).hexdigest())
sys.stdout.flush()
os._exit(0)
"""

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def count(src: str, job: str, accounts: int, seed: int) -> tuple[int, str]:
    """The instructions a child running ``job`` against the cspcore in ``src`` executed, and its answer."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        sys.exit("valgrind is not installed: this benchmark counts instructions with it")
    env = {**os.environ, "PYTHONPATH": str(Path(src).resolve()), "PYTHONHASHSEED": "0"}
    command = [
        valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
        sys.executable, "-c", CHILD, job, str(accounts), str(seed), str(HERE),
    ]  # fmt: skip
    done = subprocess.run(command, env=env, check=False, capture_output=True, text=True)  # noqa: S603 - ours
    if done.returncode:
        sys.exit(f"{job} against {src} failed:\n{done.stderr[-2000:]}")
    found = _REFS.search(done.stderr)
    if found is None:
        sys.exit(f"no instruction count in valgrind's report:\n{done.stderr}")
    return int(found.group(1).replace(",", "")), done.stdout


def measure(src: str, accounts: int, seed: int, workers: int) -> dict[str, int]:
    """Each job's instructions less the idle child's; refuses a simulate that disagrees with evaluate."""
    names = ("none", *JOBS)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = dict(zip(names, pool.map(lambda job: count(src, job, accounts, seed), names), strict=True))
    idle = done["none"][0]
    if done["evaluate"][1] != done["simulate"][1]:
        sys.exit(f"{src}: simulate's last-day stages differ from evaluate's")
    return {job: done[job][0] - idle for job in JOBS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", action="append", required=True, help="a cspcore src tree (repeatable)")
    parser.add_argument("--accounts", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2, help="children run at once")
    arguments = parser.parse_args()
    accounts, seed = arguments.accounts, arguments.seed
    figures = {src: measure(src, accounts, seed, arguments.workers) for src in arguments.src}
    print(f"Instructions (millions) over the idle child, {accounts:,} accounts, seed {seed}:\n")
    print("| Job | " + " | ".join(arguments.src) + " |")
    print("|---|" + "---:|" * len(arguments.src))
    for job in JOBS:
        cells = [f"{f[job] / 1e6:,.1f} ({f[job] / f['evaluate']:.3f} evaluate)" for f in figures.values()]
        print(f"| {job} | " + " | ".join(cells) + " |")
    digest = hashlib.sha256(CHILD.encode()).hexdigest()[:12]
    print(f"\n(child program {digest}; Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
