"""The Dask speed-up of a what-if: one process against worker processes of a LocalCluster (run by hand).

Each side of a round runs cold, in a fresh Python process (imports paid before any timing), on the
same :class:`~cspcore.billing.whatif.PortfolioSlice` (a fresh seed every round):

* **one process**: generate the slice's accounts and :func:`~cspcore.billing.whatif.simulate` them;
* **cluster**: start ``LocalCluster(n_workers=W, threads_per_worker=1)`` and a client (timed apart:
  the start-up, which includes the workers importing cspcore), then
  :func:`~cspcore.billing.whatif.simulate_partitioned` on the slice (each worker generates and
  simulates its share, W partitions), then close the cluster.

The two sides alternate which goes first. Both print a digest of their whole result (series,
summary, every transition); a round whose digests differ stops the run. Reported: the median
ratio one process / cluster, without and with the cluster's start-up, and each side's peak RSS.
On a machine other jobs keep busy, wall time says more about the other jobs than about the
cluster, so each side also reports its critical path in CPU seconds (one process: its own; the
cluster: the busiest worker's, plus the driver's unpacking and merging), and the summary gives
their ratio as the speed-up to expect on idle cores (an estimate; message passing is left out).
The machine this ran on has 2 cores shared with other jobs: say so next to any figure.

    PYTHONPATH=src python benchmarks/dask_speedup.py --accounts 100000 --rounds 2 --workers 2
    PYTHONPATH=src python benchmarks/dask_speedup.py --make-recon 100000 /work/scratch17/d17
    PYTHONPATH=src python benchmarks/dask_speedup.py --recon /work/scratch17/d17/expected.csv \\
        /work/scratch17/d17/billed.csv --rounds 2

With ``--recon``, the job is reconciling two recon files instead: one process parses the expected
file and streams the billed one into :func:`~cspcore.interop.reconcile`; the cluster runs
:func:`~cspcore.interop.recon_dask.reconcile_on_dask` with one partition per worker (each worker
reads both files and keeps its subscriptions' rows); the digests compare the whole reports.

Not collected by pytest (a 100,000-account round takes minutes).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import pathlib
import random
import statistics
import subprocess
import sys
import textwrap
from decimal import Decimal

import attrs

from cspcore import Money
from cspcore.billing import ChargeLine
from cspcore.interop import RECON_COLUMNS, to_recon_rows

#: What both scripts share: timing a job alone or on a LocalCluster, and printing one JSON line.
_PRELUDE = textwrap.dedent(
    """
    import hashlib, json, resource, sys, time

    def alone(job):
        began, cpu_began = time.perf_counter(), time.process_time()
        result = job(None)
        return result, time.perf_counter() - began, 0.0, time.process_time() - cpu_began

    def on_cluster(workers, module, job):
        import distributed
        began = time.perf_counter()
        with distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
        ) as cluster, distributed.Client(cluster) as client:
            client.wait_for_workers(workers)
            client.run(__import__, module)  # workers import cspcore here
            startup = time.perf_counter() - began
            before = client.run(time.process_time)
            began, cpu_began = time.perf_counter(), time.process_time()
            result = job(client)
            took = time.perf_counter() - began
            driver = time.process_time() - cpu_began
            after = client.run(time.process_time)
        # on idle cores: the busiest worker's CPU time, then the driver's (unpack, merge)
        return result, took, startup, driver + max(after[w] - before[w] for w in after)

    def report(side, measured, compared, **extra):
        _, took, startup, critical = measured
        digest = hashlib.sha256(repr(compared).encode()).hexdigest()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
        cpu = sum(usage.ru_utime + usage.ru_stime for usage in used)
        print(json.dumps({"side": side, "seconds": took, "startup": startup, "digest": digest,
                          "driver_peak_mib": peak, "cpu_seconds": cpu, "critical_cpu_seconds": critical,
                          **extra}))
    """
)

_SIDE = _PRELUDE + textwrap.dedent(
    """
    import datetime as dt
    from cspcore.billing import STANDARD
    from cspcore.billing.whatif import PortfolioSlice, simulate, simulate_partitioned

    def main():
        side, seed, accounts, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
        book = PortfolioSlice(seed=seed, count=accounts)
        start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
        if side == "one":
            measured = alone(lambda _: simulate(STANDARD, book.portfolio(), start=start, end=end))
        else:
            measured = on_cluster(workers, "cspcore.billing.whatif", lambda client: simulate_partitioned(
                STANDARD, book, start=start, end=end, partitions=workers, client=client
            ))
        result = measured[0]
        compared = (result.series, result.summary, result.transitions)
        report(side, measured, compared, transitions=len(result.transitions))

    if __name__ == "__main__":
        main()
    """
)


_RECON_SIDE = _PRELUDE + textwrap.dedent(
    """
    from cspcore.interop import parse_recon_rows, iter_recon_rows, reconcile
    from cspcore.interop.recon_dask import reconcile_on_dask

    def whole(expected, billed):
        with open(expected, encoding="utf-8-sig", newline="") as mine, open(
            billed, encoding="utf-8-sig", newline=""
        ) as theirs:
            return reconcile(parse_recon_rows(mine), iter_recon_rows(theirs))

    def main():
        side, expected, billed, workers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
        if side == "one":
            measured = alone(lambda _: whole(expected, billed))
        else:
            measured = on_cluster(workers, "cspcore.interop.recon_dask", lambda client: reconcile_on_dask(
                expected, billed, partitions=workers, client=client
            ))
        report(side, measured, measured[0], matched=len(measured[0].matched_expected))

    if __name__ == "__main__":
        main()
    """
)


def _run(
    side: str, seed: int, accounts: int, workers: int, recon: tuple[str, str] | None
) -> dict[str, object]:
    arguments = [_RECON_SIDE, side, *recon] if recon else [_SIDE, side, str(seed), str(accounts)]
    done = subprocess.run(  # noqa: S603 - this interpreter, this file's own script
        [sys.executable, "-c", *arguments, str(workers)],
        check=True,
        capture_output=True,
        text=True,
    )
    line = [text for text in done.stdout.splitlines() if text.startswith("{")][-1]
    result: dict[str, object] = json.loads(line)
    return result


def make_recon(rows: int, folder: str) -> tuple[str, str]:
    """Write ``expected.csv`` and ``billed.csv`` of ``rows`` lines into ``folder`` (a month as it comes).

    Prices at any cent and quantities 1-5,000 (nearly every amount distinct), four lines a
    subscription; the billed file is shuffled, with about 0.5 % of its amounts a cent off, 0.2 % of
    the expected lines not billed and 0.2 % extra lines.
    """
    rng = random.Random(17)
    lines = []
    for number in range(rows):
        start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(120))
        price = Decimal(rng.randrange(100, 90_000)).scaleb(-2)
        quantity = rng.randint(1, 5_000)
        subtotal = price * quantity
        lines.append(
            ChargeLine(
                order_date=start,
                charge_type="cycleCharge",
                product="Microsoft 365 Business Standard",
                subscription_id=f"{number // 4:08x}-0e74-4f65-cb23-f8ad95867994",
                unit_price=Money(price, "EUR"),
                effective_unit_price=Money(price, "EUR"),
                quantity=quantity,
                subtotal=Money(subtotal, "EUR"),
                tax=Money((subtotal * Decimal("0.21")).quantize(Decimal("0.01")), "EUR"),
                charge_start=start,
                charge_end=start + dt.timedelta(days=29),
            )
        )
    billed = []
    cent = Money("0.01", "EUR")
    for line in lines:
        draw = rng.random()
        if draw < 0.002:
            continue
        sent = line
        if draw < 0.007:
            sent = attrs.evolve(line, subtotal=line.subtotal + cent, total=line.total + cent)
        billed.append(sent)
        if rng.random() < 0.002:
            billed.append(attrs.evolve(line, quantity=line.quantity + 1))
    rng.shuffle(billed)
    paths = []
    for name, chosen in (("expected.csv", lines), ("billed.csv", billed)):
        path = pathlib.Path(folder) / name
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=RECON_COLUMNS)
            writer.writeheader()
            writer.writerows(to_recon_rows(chosen))
        paths.append(str(path))
    return paths[0], paths[1]


def main() -> None:
    """Run the rounds and print one JSON line per side and a summary line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--recon", nargs=2, metavar=("EXPECTED", "BILLED"), help="reconcile two recon files instead"
    )
    parser.add_argument(
        "--make-recon", nargs=2, metavar=("ROWS", "FOLDER"), help="write two recon files, then stop"
    )
    args = parser.parse_args()
    if args.make_recon:
        print(make_recon(int(args.make_recon[0]), args.make_recon[1]))
        return
    recon = tuple(args.recon) if args.recon else None
    plain, with_startup, idle = [], [], []
    for round_number in range(args.rounds):
        seed = 1_000 + round_number
        order = ("one", "cluster") if round_number % 2 == 0 else ("cluster", "one")
        sides = {side: _run(side, seed, args.accounts, args.workers, recon) for side in order}
        for side in order:
            print(json.dumps({"round": round_number, **sides[side]}), flush=True)
        if sides["one"]["digest"] != sides["cluster"]["digest"]:
            raise SystemExit(f"round {round_number}: the cluster's result differs from one process's")
        one = float(str(sides["one"]["seconds"]))
        cluster = float(str(sides["cluster"]["seconds"]))
        startup = float(str(sides["cluster"]["startup"]))
        plain.append(one / cluster)
        with_startup.append(one / (cluster + startup))
        idle.append(
            float(str(sides["one"]["critical_cpu_seconds"]))
            / float(str(sides["cluster"]["critical_cpu_seconds"]))
        )
    print(
        json.dumps(
            {
                "job": f"reconcile {recon[1]}" if recon else f"simulate {args.accounts} accounts",
                "workers": args.workers,
                "speedup_without_startup": statistics.median(plain),
                "speedup_with_startup": statistics.median(with_startup),
                "speedup_on_idle_cores_estimated": statistics.median(idle),
            }
        )
    )


if __name__ == "__main__":
    main()
