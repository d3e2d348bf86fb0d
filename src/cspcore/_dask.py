"""Running partition tasks on Dask: on a scheduler named, or on a distributed client (internal).

The what-if (:func:`~cspcore.billing.whatif.simulate_partitioned`) and the reconciliation
(:func:`~cspcore.interop.recon_dask.reconcile_on_dask`) send their tasks through here: each task
is a module-level function and small arguments, so any scheduler, and any worker of a cluster with
cspcore installed, can run it.

>>> scheduler_named(None, None), scheduler_named("processes", None)
('threads', 'processes')
>>> run_tasks(divmod, [(7, 2), (9, 4)], "sync", None)
[(3, 1), (2, 1)]
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Final

from cspcore import _validate
from cspcore._extras import require
from cspcore.errors import ErrorCode, InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["SCHEDULERS", "run_tasks", "scheduler_named", "worker_slots"]

#: The schedulers that run one task at a time.
_ONE_AT_A_TIME: Final = frozenset({"synchronous", "single-threaded", "sync"})

#: Worker settings for a cluster started here: the statistical profiler (a stack sample every 10 ms
#: of the thread that runs the task) costs about 5 % of every task's CPU time and is never read.
_QUIET_WORKERS: Final = {"distributed.worker.profile.enabled": False}

#: The Dask schedulers partitioned work runs on, by the names ``dask.compute`` knows.
SCHEDULERS: Final = (
    "threads",
    "threading",
    "processes",
    "multiprocessing",
    "synchronous",
    "single-threaded",
    "sync",
    "distributed",
)


def scheduler_named(scheduler: object, client: object) -> str:
    """The checked scheduler name: ``"threads"`` when neither is given, ``"distributed"`` with a client.

    Raises:
        InvalidInput: for a name Dask does not know, a scheduler other than ``"distributed"`` given
            with a client (which runs the tasks itself), or a client that is not a ``distributed.Client``.
        MissingExtra: for a client, when distributed is not installed.
    """
    if scheduler is None:
        name = "threads" if client is None else "distributed"
    else:
        name = _validate.one_of(_validate.text(scheduler, "scheduler"), SCHEDULERS, "scheduler")
    if client is not None:
        if name != "distributed":
            raise InvalidInput(
                "scheduler",
                "a client runs the tasks itself: leave scheduler out",
                name,
                code=ErrorCode.INCONSISTENT,
            )
        _validate.instance(client, require("distributed", "dask").Client, "client")
    return name


def worker_slots(name: str, client: Any) -> int:
    """How many tasks can run at once: the client's worker threads, else the machine's cores.

    For ``"distributed"`` without a client, the running client's threads, or the cores of the
    machine (a ``LocalCluster`` started by :func:`run_tasks` has one single-threaded worker per
    core); 1 for the synchronous schedulers. Partitioned work makes this many partitions by default:
    one per worker thread, so no worker waits for a straggler it could have shared.

    >>> worker_slots("sync", None)
    1
    """
    if name in _ONE_AT_A_TIME:
        return 1
    if name == "distributed":
        if client is None:
            try:
                client = require("distributed", "dask").get_client()
            except ValueError:  # no client is running: run_tasks starts one worker per core
                client = None
        if client is not None:
            threads: dict[str, int] = client.nthreads()
            return max(1, sum(threads.values()))
    return os.cpu_count() or 1


def run_tasks(
    run: Callable[..., Any],
    arguments: Sequence[tuple[Any, ...]],
    name: str,
    client: Any,
    then: Callable[[Any], Any] | None = None,
) -> list[Any]:
    """``run(*each)`` for each argument tuple, as Dask tasks, results in order.

    ``then``, when given, is applied here (in the caller's process) to each task's result as it
    comes back, while the workers run the other tasks; the list holds what it returns.

    On ``client`` when given; for ``name == "distributed"`` without one, on the running client, or
    else on a ``LocalCluster`` (one single-threaded worker process per core) started and closed
    here (workers without the statistical profiler, see :data:`_QUIET_WORKERS`); otherwise on
    the Dask scheduler ``name``.

    Raises:
        MissingExtra: when Dask, or for a cluster distributed, is not installed.
    """
    dask = require("dask", "dask")
    if name != "distributed":
        (parts,) = dask.compute([dask.delayed(run)(*each) for each in arguments], scheduler=name)
        return list(parts) if then is None else [then(part) for part in parts]
    distributed = require("distributed", "dask")
    if client is None:
        try:
            client = distributed.get_client()
        except ValueError:  # no client is running: start a local cluster for this call
            with (
                dask.config.set(_QUIET_WORKERS),  # read by each worker's nanny as it starts
                distributed.LocalCluster(
                    threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
                ) as cluster,
                distributed.Client(cluster) as own,
            ):
                return run_tasks(run, arguments, name, own, then)
    futures = [client.submit(run, *each, pure=False) for each in arguments]
    # Each result is fetched as its task ends, so the driver reads (unpickles) it while the workers
    # run the others; a single gather would fetch them all after the last task, one after another.
    place = {future.key: index for index, future in enumerate(futures)}
    results: list[Any] = [None] * len(futures)
    for future, result in distributed.as_completed(futures, with_results=True):
        results[place[future.key]] = result if then is None else then(result)
    return results
