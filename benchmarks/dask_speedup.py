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
The machine this ran on has 2 cores shared with other jobs: say so next to any figure.

    PYTHONPATH=src python benchmarks/dask_speedup.py --accounts 100000 --rounds 2 --workers 2

Not collected by pytest (a 100,000-account round takes minutes).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import textwrap

_SIDE = textwrap.dedent(
    """
    import datetime as dt, hashlib, json, resource, sys, time
    from cspcore.billing import STANDARD
    from cspcore.billing.whatif import PortfolioSlice, simulate, simulate_partitioned

    def main():
        side, seed, accounts, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
        book = PortfolioSlice(seed=seed, count=accounts)
        start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
        startup = 0.0
        if side == "one":
            began = time.perf_counter()
            result = simulate(STANDARD, book.portfolio(), start=start, end=end)
            took = time.perf_counter() - began
        else:
            import distributed
            began = time.perf_counter()
            with distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
            ) as cluster, distributed.Client(cluster) as client:
                client.wait_for_workers(workers)
                client.run(__import__, "cspcore.billing.whatif")  # workers import cspcore here
                startup = time.perf_counter() - began
                began = time.perf_counter()
                result = simulate_partitioned(
                    STANDARD, book, start=start, end=end, partitions=workers, client=client
                )
                took = time.perf_counter() - began
        digest = hashlib.sha256(
            repr((result.series, result.summary, result.transitions)).encode()
        ).hexdigest()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(json.dumps({"side": side, "seconds": took, "startup": startup, "digest": digest,
                          "driver_peak_mib": peak, "transitions": len(result.transitions)}))

    if __name__ == "__main__":
        main()
    """
)


def _run(side: str, seed: int, accounts: int, workers: int) -> dict[str, object]:
    done = subprocess.run(  # noqa: S603 - this interpreter, this file's own script
        [sys.executable, "-c", _SIDE, side, str(seed), str(accounts), str(workers)],
        check=True,
        capture_output=True,
        text=True,
    )
    line = [text for text in done.stdout.splitlines() if text.startswith("{")][-1]
    result: dict[str, object] = json.loads(line)
    return result


def main() -> None:
    """Run the rounds and print one JSON line per side and a summary line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    plain, with_startup = [], []
    for round_number in range(args.rounds):
        seed = 1_000 + round_number
        order = ("one", "cluster") if round_number % 2 == 0 else ("cluster", "one")
        sides = {side: _run(side, seed, args.accounts, args.workers) for side in order}
        for side in order:
            print(json.dumps({"round": round_number, **sides[side]}), flush=True)
        if sides["one"]["digest"] != sides["cluster"]["digest"]:
            raise SystemExit(f"round {round_number}: the cluster's result differs from one process's")
        one = float(str(sides["one"]["seconds"]))
        cluster = float(str(sides["cluster"]["seconds"]))
        startup = float(str(sides["cluster"]["startup"]))
        plain.append(one / cluster)
        with_startup.append(one / (cluster + startup))
    print(
        json.dumps(
            {
                "accounts": args.accounts,
                "workers": args.workers,
                "speedup_without_startup": statistics.median(plain),
                "speedup_with_startup": statistics.median(with_startup),
            }
        )
    )


if __name__ == "__main__":
    main()
