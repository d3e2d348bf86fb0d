"""Fixtures of the property tests: a small Dask cluster, shared by a module's examples."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """A ``distributed.Client`` of an in-process ``LocalCluster`` (one worker, two threads).

    The tasks still go through the scheduler, the client and the worker; skipped without distributed.
    """
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address="127.0.0.1:0"
        ) as cluster,
        distributed.Client(cluster) as running,
    ):
        yield running
