"""Each scheduler runs the tasks where it says, and a missing extra is named (cspcore._dask).

Without a scheduler the tasks run on Dask's threads, or on the client given; ``"sync"`` runs them in
the caller's thread, ``"processes"`` in other processes; ``"distributed"`` with no client running
starts a cluster of single-threaded worker processes for the call and closes it after.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import TYPE_CHECKING

import pytest
from tests.clusters import small_cluster, where_a_task_runs
from tests.refusals import raises_invalid

from cspcore._dask import run_tasks, scheduler_named, worker_slots
from cspcore._extras import MissingExtra
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable


def test_without_a_scheduler_the_tasks_run_on_threads_or_on_the_client_given() -> None:
    assert scheduler_named(None, None) == "threads"
    with small_cluster(threads=1) as client:
        assert scheduler_named(None, client) == "distributed"
        assert scheduler_named("distributed", client) == "distributed"


def test_a_scheduler_that_is_not_text_or_not_dasks_is_refused_as_the_scheduler() -> None:
    with raises_invalid(field="scheduler", code=ErrorCode.WRONG_TYPE):
        scheduler_named(5, None)
    with raises_invalid(field="scheduler", code=ErrorCode.UNKNOWN_VALUE):
        scheduler_named("THREADS", None)


def test_another_scheduler_given_with_a_client_is_refused_naming_it() -> None:
    with raises_invalid(field="scheduler", code=ErrorCode.INCONSISTENT) as refused:
        scheduler_named("sync", object())
    assert refused.value.value == "sync"


def test_sync_runs_in_the_callers_thread_threads_beside_it_processes_in_another_process() -> None:
    pytest.importorskip("dask")
    caller = threading.get_ident()
    assert run_tasks(threading.get_ident, [()], "sync", None) == [caller]
    assert run_tasks(threading.get_ident, [()], "threads", None) != [caller]
    assert run_tasks(os.getpid, [()], "processes", None) != [os.getpid()]


def test_tasks_of_equal_arguments_each_give_their_result() -> None:
    with small_cluster(threads=2) as client:
        assert run_tasks(divmod, [(7, 2), (7, 2), (9, 4)], "distributed", client) == [(3, 1), (3, 1), (2, 1)]


def test_a_client_of_one_thread_has_one_slot() -> None:
    with small_cluster(threads=1) as client:
        assert worker_slots("distributed", client) == 1


def test_without_a_client_running_distributed_starts_single_threaded_worker_processes_for_the_call() -> None:
    distributed = pytest.importorskip("distributed")
    with pytest.raises(ValueError, match="client"):
        distributed.get_client()  # none runs before the call ...
    caller = os.getpid()
    seen = run_tasks(where_a_task_runs, [(), ()], "distributed", None, lambda seen: (*seen, os.getpid()))
    with pytest.raises(ValueError, match="client"):
        distributed.get_client()  # ... nor after it: the call closed its cluster
    for process, threads, profiling, then_in in seen:
        assert process != caller
        assert threads == 1
        assert profiling is False  # the statistical profiler is off on the call's workers
        assert then_in == caller  # ``then`` is applied in the caller's process


def test_when_the_cores_are_unknown_there_is_one_slot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert worker_slots("threads", None) == 1


def test_without_dask_or_distributed_the_dask_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    with monkeypatch.context() as without:
        without.setitem(sys.modules, "dask", None)
        with pytest.raises(MissingExtra, match=r"cspcore\[dask\]"):
            run_tasks(divmod, [(7, 2)], "sync", None)
    monkeypatch.setitem(sys.modules, "distributed", None)
    calls: list[Callable[[], object]] = [
        lambda: run_tasks(divmod, [(7, 2)], "distributed", None),
        lambda: worker_slots("distributed", None),
        lambda: scheduler_named(None, object()),
    ]
    for call in calls:
        with pytest.raises(MissingExtra, match=r"cspcore\[dask\]"):
            call()
