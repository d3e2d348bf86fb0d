"""Import time, paired in fresh interpreters: cspcore's four area packages against ``import attrs, babel``.

Every round starts one fresh interpreter per side (the order flips each round) and each child times
its own import statement (wall clock and CPU time, interpreter start-up excluded) and counts the
modules it loaded; the ratio of a round is case over baseline, and the figure is the median of the
rounds' ratios. The machine's load slows both children of a round alike, which the ratio cancels.
Bytecode caches are warm (a fresh process, not a fresh disk).

Jobs (each against the same baseline, ``import attrs, babel``, cspcore's two heavier dependencies):

* ``import``: ``import cspcore.billing, cspcore.roles, cspcore.support, cspcore.interop`` (issue 19's
  row; limit 1.5). The packages load their public names on first use (``cspcore._lazy``).
* ``first use``: the same import and one everyday call in each area: ``charge_cycles`` of a
  subscription, ``can`` of a role set, ``due_at`` of a request, ``parse_recon_rows`` of a row
  (reported: what an application that uses all four areas pays once).
* ``every name``: ``from cspcore.<area> import *`` for the four areas, which loads every public name:
  what ``import`` cost before the names were lazy (reported).

Run by hand (``--importtime`` also prints the case's slowest modules from ``python -X importtime``)::

    PYTHONPATH=src python benchmarks/import_time.py --rounds 9 [--importtime] [--src ../before/src]

``--src`` measures another version's ``src`` (the children get it as ``PYTHONPATH``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
BASELINE = "import attrs, babel"
AREAS = "import cspcore.billing, cspcore.roles, cspcore.support, cspcore.interop"
FIRST_USE = f"""{AREAS}
import datetime as dt
from cspcore import Money
sub = cspcore.billing.Subscription(
    id="s", product="P", start=dt.date(2024, 1, 31), term="P3Y", frequency="monthly", quantity=1,
    unit_price=Money("10", "EUR"),
)
assert len(cspcore.billing.charge_cycles(sub)) == 36
assert cspcore.roles.can({{cspcore.roles.PartnerRole.SALES_AGENT}}, cspcore.roles.Task.CREATE_CUSTOMER)
hours = cspcore.support.BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17))
cspcore.support.due_at(dt.datetime(2024, 3, 8, 16, tzinfo=dt.UTC), dt.timedelta(hours=8), hours=hours)
cspcore.interop.parse_recon_rows(
    "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
    "Subtotal,Currency,ChargeStartDate,ChargeEndDate\\n"
    "2022-03-05,new,P,sub-1,12,12.00,10,120,EUR,2022-03-05,2022-04-04\\n"
)
"""
EVERY_NAME = "\n".join(f"from cspcore.{area} import *" for area in ("billing", "roles", "support", "interop"))
JOBS = {"import": AREAS, "first use": FIRST_USE, "every name": EVERY_NAME}
#: The limit issue 19 set for ``import`` (the others are reported only).
LIMITS = {"import": 1.5}
CHILD = """
import sys, time
wall, cpu = time.perf_counter(), time.process_time()
exec(compile(sys.argv[1], "<job>", "exec"), {})
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(repr((wall, cpu, len(sys.modules))))
"""


@dataclass(frozen=True)
class Imported:
    """One job's medians over the rounds (seconds, module counts) and its ratios to the baseline."""

    job: str
    rounds: int
    wall: float
    baseline_wall: float
    wall_ratio: float
    cpu_ratio: float
    modules: int
    baseline_modules: int
    limit: float | None


def child(statement: str, *flags: str) -> tuple[float, float, int]:
    """Run ``statement`` in a fresh interpreter; its own wall and CPU seconds, and its module count."""
    env = {**os.environ, "PYTHONPATH": os.environ.get("CSPCORE_IMPORT_SRC", str(SRC))}
    done = subprocess.run(  # noqa: S603 - our interpreter, our code
        [sys.executable, *flags, "-c", CHILD, statement], env=env, capture_output=True, text=True, check=True
    )
    wall, cpu, modules = eval(done.stdout.strip().splitlines()[-1])  # noqa: S307 - our child's repr of a tuple
    return float(wall), float(cpu), int(modules)


def measure(job: str, rounds: int) -> Imported:
    """Alternate the job and the baseline in fresh interpreters, ``rounds`` pairs."""
    case_runs: list[tuple[float, float, int]] = []
    base_runs: list[tuple[float, float, int]] = []
    for index in range(rounds):
        if index % 2 == 0:
            base_runs.append(child(BASELINE))
            case_runs.append(child(JOBS[job]))
        else:
            case_runs.append(child(JOBS[job]))
            base_runs.append(child(BASELINE))
    wall_ratios = [c[0] / b[0] for c, b in zip(case_runs, base_runs, strict=True)]
    cpu_ratios = [c[1] / max(b[1], 1e-9) for c, b in zip(case_runs, base_runs, strict=True)]
    return Imported(
        job=job,
        rounds=rounds,
        wall=statistics.median(c[0] for c in case_runs),
        baseline_wall=statistics.median(b[0] for b in base_runs),
        wall_ratio=statistics.median(wall_ratios),
        cpu_ratio=statistics.median(cpu_ratios),
        modules=case_runs[-1][2],
        baseline_modules=base_runs[-1][2],
        limit=LIMITS.get(job),
    )


def slowest(statement: str, count: int = 12) -> list[str]:
    """The ``count`` modules with the largest cumulative time under ``python -X importtime``."""
    env = {**os.environ, "PYTHONPATH": os.environ.get("CSPCORE_IMPORT_SRC", str(SRC))}
    done = subprocess.run(  # noqa: S603 - our interpreter, our code
        [sys.executable, "-X", "importtime", "-c", statement],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [
        line.split("|")
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    ]
    timed = [(int(row[1]), row[2].rstrip()) for row in rows if row[1].strip().isdigit()]
    return [f"{micros / 1000:8.1f} ms {name}" for micros, name in sorted(timed, reverse=True)[:count]]


def main(argv: list[str] | None = None) -> int:
    """Measure every job against the baseline and print one row each."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=9, help="pairs of fresh interpreters per job")
    parser.add_argument("--only", choices=sorted(JOBS), action="append", default=[], help="jobs to run")
    parser.add_argument("--importtime", action="store_true", help="print the slowest modules of each job")
    parser.add_argument("--json", action="store_true", help="one JSON object per job")
    parser.add_argument("--src", help="the src directory of the version to measure (default: this one)")
    args = parser.parse_args(argv)
    if args.src:
        os.environ["CSPCORE_IMPORT_SRC"] = str(Path(args.src).resolve())
    print(
        f"{'job':12} {'ms':>8} {'baseline ms':>12} {'ratio':>7} {'cpu ratio':>10} {'modules':>9} {'limit':>6}"
    )
    for job in args.only or list(JOBS):
        result = measure(job, args.rounds)
        if args.json:
            print(json.dumps(result.__dict__), flush=True)
        limit = "" if result.limit is None else f"{result.limit:g}"
        print(
            f"{job:12} {result.wall * 1e3:8.1f} {result.baseline_wall * 1e3:12.1f} {result.wall_ratio:7.2f} "
            f"{result.cpu_ratio:10.2f} {result.modules:4d}/{result.baseline_modules:<4d} {limit:>6}",
            flush=True,
        )
        if args.importtime:
            print("\n".join(f"    {row}" for row in slowest(JOBS[job])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
