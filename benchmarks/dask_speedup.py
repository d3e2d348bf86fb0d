"""The Dask speed-up: one process against the worker processes of a LocalCluster (run by hand).

Two jobs, each side of a round cold in a fresh Python process (imports paid before any timing):

* **simulate** (the default): a year of a :class:`~cspcore.billing.whatif.PortfolioSlice` of
  ``--accounts`` accounts (a fresh seed every round). One process generates the accounts and runs
  :func:`~cspcore.billing.whatif.simulate`; the cluster runs
  :func:`~cspcore.billing.whatif.simulate_partitioned` on the slice (one partition per worker:
  each worker generates and simulates its share, and sends back packed aggregates).
* **reconcile** (``--recon-rows N``, or ``--recon EXPECTED BILLED`` for files you have): two month
  files written by ``benchmarks/recon_scale.py`` (``write_month``) into ``--folder``. One process
  runs :func:`~cspcore.interop.recon_files.reconcile_files`; the cluster runs
  :func:`~cspcore.interop.recon_dask.reconcile_files_on_dask` (two tasks split the two files at
  once, then a task per partition); both with the same partitions, so the summaries are equal.

The cluster is ``LocalCluster(n_workers=W, threads_per_worker=1)``, its workers without the
statistical profiler (as :func:`~cspcore.billing.whatif.simulate_partitioned` starts its own); its
start-up (workers started and importing cspcore) is timed apart. The sides alternate which goes
first; both print a digest of their whole result, and a round whose digests differ stops the run.

Printed per side (one JSON line): wall seconds, start-up, peak RSS of the driver, and CPU seconds
spent on the job: the driver's (its merge, the scheduler and the client, which live in the driver
process) and each worker's, and what their event loops spend per second on an idle cluster
(measured for a few seconds before the job). The summary line gives the median speed-up in wall
time, without and with the start-up, and an estimate for idle cores from CPU time: one process's
CPU over the cluster's longest possible path, the larger of (the busiest worker + the driver) and
(all the cluster's CPU / ``--cores``), with the event loops' background taken out for the job's
wall time (``speedup_on_idle_cores_estimated``; on a loaded machine the wall time stretches and
the background with it) and left in (``..._with_background``). On a machine other jobs keep busy,
wall time says more about the other jobs than about the cluster: give the load next to any figure.
Also printed: how much more CPU the cluster's work takes in all than one process
(``cpu_overhead``), which is what a cluster loses.

    PYTHONPATH=src python benchmarks/dask_speedup.py --accounts 100000 --rounds 2 --workers 2
    PYTHONPATH=src python benchmarks/dask_speedup.py --recon-rows 1000000 --folder /work/scratch17/d17

Not collected by pytest (a 100,000-account round takes minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import textwrap

from recon_scale import write_month

#: What both jobs share: timing a job alone or on a LocalCluster, and printing one JSON line.
_PRELUDE = textwrap.dedent(
    """
    import hashlib, json, resource, sys, time

    IDLE = 3.0  # seconds of an idle cluster, to measure what its event loops spend

    def alone(job):
        began, cpu_began = time.perf_counter(), time.process_time()
        result = job(None)
        took, cpu = time.perf_counter() - began, time.process_time() - cpu_began
        return result, {"seconds": took, "startup": 0.0, "driver_cpu": cpu, "worker_cpu": [],
                        "driver_idle_cpu_per_s": 0.0, "worker_idle_cpu_per_s": 0.0}

    def on_cluster(workers, module, job):
        import dask, distributed
        began = time.perf_counter()
        with dask.config.set({"distributed.worker.profile.enabled": False}), distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
        ) as cluster, distributed.Client(cluster) as client:
            client.wait_for_workers(workers)
            client.run(__import__, module)  # workers import cspcore here
            startup = time.perf_counter() - began
            # the event loops' own CPU per second (heartbeats, monitors), idle: it grows with wall time
            idle, idle_began = client.run(time.process_time), time.process_time()
            time.sleep(IDLE)
            idle_end, idle_driver = client.run(time.process_time), time.process_time() - idle_began
            before = client.run(time.process_time)
            began, cpu_began = time.perf_counter(), time.process_time()
            result = job(client)
            took, driver = time.perf_counter() - began, time.process_time() - cpu_began
            after = client.run(time.process_time)
        used = sorted((after[w] - before[w] for w in after), reverse=True)
        background = [(idle_end[w] - idle[w]) / IDLE for w in idle]
        return result, {"seconds": took, "startup": startup, "driver_cpu": driver, "worker_cpu": used,
                        "driver_idle_cpu_per_s": idle_driver / IDLE,
                        "worker_idle_cpu_per_s": max(background)}

    def report(side, measured, compared, **extra):
        digest = hashlib.sha256(repr(compared).encode()).hexdigest()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(json.dumps({"side": side, **measured[1], "digest": digest, "driver_peak_mib": peak, **extra}))
    """
)

_SIMULATE = _PRELUDE + textwrap.dedent(
    """
    import datetime as dt
    from cspcore.billing import STANDARD
    from cspcore.billing.whatif import PortfolioSlice, simulate, simulate_partitioned

    def main():
        side, workers, seed, accounts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
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

_RECONCILE = _PRELUDE + textwrap.dedent(
    """
    from cspcore.interop.recon_files import reconcile_files
    from cspcore.interop.recon_dask import reconcile_files_on_dask

    def main():
        side, workers, expected, billed, parts, work = sys.argv[1], int(sys.argv[2]), *sys.argv[3:7]
        files = {"expected": expected, "billed": billed, "partitions": int(parts), "workdir": work}
        if side == "one":
            measured = alone(lambda _: reconcile_files(**files))
        else:
            measured = on_cluster(workers, "cspcore.interop.recon_dask", lambda client: (
                reconcile_files_on_dask(**files, client=client)
            ))
        report(side, measured, measured[0], matched=measured[0].matched, partitions=int(parts))

    if __name__ == "__main__":
        main()
    """
)


def _run(script: str, side: str, workers: int, arguments: list[str]) -> dict[str, object]:
    done = subprocess.run(  # noqa: S603 - this interpreter, this file's own script
        [sys.executable, "-c", script, side, str(workers), *arguments],
        check=True,
        capture_output=True,
        text=True,
    )
    line = [text for text in done.stdout.splitlines() if text.startswith("{")][-1]
    result: dict[str, object] = json.loads(line)
    return result


def _number(side: dict[str, object], key: str) -> float:
    return float(str(side[key]))


def _cpu(side: dict[str, object], *, work_only: bool) -> tuple[float, float]:
    """The side's critical path and its whole CPU time on the job, in seconds.

    With ``work_only``, less what the event loops of the driver and the workers spend while the
    job's wall time runs (measured idle beforehand): on a loaded machine the wall time, and so that
    background, stretches; on idle cores it would be a small part.
    """
    workers = [float(each) for each in side["worker_cpu"]]  # type: ignore[attr-defined]
    driver = _number(side, "driver_cpu")
    if work_only:
        wall = _number(side, "seconds")
        driver = max(0.0, driver - _number(side, "driver_idle_cpu_per_s") * wall)
        workers = [max(0.0, each - _number(side, "worker_idle_cpu_per_s") * wall) for each in workers]
    return driver + (workers[0] if workers else 0.0), driver + sum(workers)


def _partitions(paths: tuple[str, str], workers: int) -> int:
    """As many as ``reconcile_files_on_dask`` makes by default: 16 MiB pieces, a whole number per worker."""
    size = max(pathlib.Path(path).stat().st_size for path in paths)
    wanted = max(-(-size // (16 * 2**20)), workers, 1)
    return -(-wanted // workers) * workers


def main() -> None:
    """Run the rounds and print one JSON line per side and a summary line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1, help="cores free for the cluster")
    parser.add_argument("--recon-rows", type=int, help="reconcile two month files of this many rows instead")
    parser.add_argument(
        "--recon", nargs=2, metavar=("EXPECTED", "BILLED"), help="reconcile these files instead"
    )
    parser.add_argument("--folder", type=pathlib.Path, help="where --recon-rows writes its files (kept)")
    parser.add_argument("--partitions", type=int, help="partitions of a reconcile (default: as on Dask)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dask-speedup-") as scratch:
        folder = args.folder or pathlib.Path(scratch)
        recon: tuple[str, str] | None = tuple(args.recon) if args.recon else None
        if args.recon_rows:
            folder.mkdir(parents=True, exist_ok=True)
            written = write_month(folder, args.recon_rows)
            recon = (str(written[0]), str(written[1]))
        work = folder / "work"
        work.mkdir(parents=True, exist_ok=True)
        summary = _rounds(args, recon, str(work))
    print(json.dumps(summary))


def _rounds(args: argparse.Namespace, recon: tuple[str, str] | None, work: str) -> dict[str, object]:
    plain, with_startup, idle, idle_raw, overhead = [], [], [], [], []
    parts = (args.partitions or _partitions(recon, args.workers)) if recon else 0
    for round_number in range(args.rounds):
        order = ("one", "cluster") if round_number % 2 == 0 else ("cluster", "one")
        if recon:
            script, arguments = _RECONCILE, [*recon, str(parts), work]
        else:
            script, arguments = _SIMULATE, [str(1_000 + round_number), str(args.accounts)]
        sides = {side: _run(script, side, args.workers, arguments) for side in order}
        for side in order:
            print(json.dumps({"round": round_number, **sides[side]}), flush=True)
        if sides["one"]["digest"] != sides["cluster"]["digest"]:
            raise SystemExit(f"round {round_number}: the cluster's result differs from one process's")
        one, cluster = sides["one"], sides["cluster"]
        plain.append(_number(one, "seconds") / _number(cluster, "seconds"))
        with_startup.append(
            _number(one, "seconds") / (_number(cluster, "seconds") + _number(cluster, "startup"))
        )
        one_cpu = _number(one, "driver_cpu")
        critical, spent = _cpu(cluster, work_only=True)
        idle.append(one_cpu / max(critical, spent / args.cores))
        overhead.append(spent / one_cpu)
        critical, spent = _cpu(cluster, work_only=False)
        idle_raw.append(one_cpu / max(critical, spent / args.cores))
    return {
        "job": f"reconcile {recon[1]} ({parts} partitions)"
        if recon
        else f"simulate {args.accounts} accounts",
        "workers": args.workers,
        "speedup_without_startup": statistics.median(plain),
        "speedup_with_startup": statistics.median(with_startup),
        "speedup_on_idle_cores_estimated": statistics.median(idle),
        "speedup_on_idle_cores_estimated_with_background": statistics.median(idle_raw),
        "cpu_overhead": statistics.median(overhead),
        "load_average": os.getloadavg(),
    }


if __name__ == "__main__":
    main()
