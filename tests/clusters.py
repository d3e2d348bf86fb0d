"""A small Dask cluster for the tests: one in-process worker, its tasks still sent through a client.

>>> with small_cluster(threads=1) as client:
...     client.submit(divmod, 7, 2).result()
(3, 1)
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["small_cluster"]


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
