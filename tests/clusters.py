"""A small Dask cluster for the tests: one in-process worker, its tasks still sent through a client.

>>> with small_cluster(threads=1) as client:
...     client.submit(divmod, 7, 2).result()
(3, 1)
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["small_cluster", "where_a_task_runs"]


@contextlib.contextmanager
def small_cluster(*, threads: int = 2) -> Iterator[Any]:
    """A ``distributed.Client`` of a ``LocalCluster`` of one in-process worker of ``threads`` threads.

    The tasks go through the scheduler, the client and the worker as on any cluster; skipped when
    distributed is not installed.
    """
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=threads, processes=False, dashboard_address="127.0.0.1:0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def where_a_task_runs() -> tuple[int, int, object]:
    """What a task sees of the worker it runs on: its process id, its thread count, whether it profiles.

    A module-level function of an importable module, so a worker process can unpickle it.
    """
    import dask  # imported here, in the worker: the module imports without distributed
    import distributed

    worker = distributed.get_worker()
    return os.getpid(), worker.state.nthreads, dask.config.get("distributed.worker.profile.enabled")
