"""Fixtures of the property tests: a small Dask cluster, shared by a module's examples."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.clusters import small_cluster

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """A ``distributed.Client`` of an in-process ``LocalCluster`` (one worker, two threads).

    The tasks still go through the scheduler, the client and the worker; skipped without distributed.
    """
    with small_cluster(threads=2) as running:
        yield running
