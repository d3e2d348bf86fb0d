"""Partitioned work makes one partition per worker thread by default (cspcore._dask)."""

from __future__ import annotations

import os

import pytest
from tests.clusters import small_cluster

from cspcore._dask import run_tasks, worker_slots


def test_without_a_cluster_the_slots_are_the_cores_or_one_at_a_time() -> None:
    pytest.importorskip("distributed")
    cores = os.cpu_count() or 1
    assert worker_slots("threads", None) == cores
    assert worker_slots("processes", None) == cores
    assert worker_slots("distributed", None) == cores  # no client runs: a LocalCluster of one worker per core
    assert worker_slots("sync", None) == 1


def test_on_a_client_the_slots_are_its_worker_threads() -> None:
    with small_cluster(threads=3) as client:
        assert worker_slots("distributed", client) == 3
        assert worker_slots("distributed", None) == 3  # the running client
        assert run_tasks(divmod, [(7, 2)], "distributed", None) == [(3, 1)]
