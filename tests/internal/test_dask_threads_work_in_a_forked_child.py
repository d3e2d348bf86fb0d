"""A child forked after Dask's threaded scheduler has run can still run Dask tasks on threads.

mutmut forks a child per mutant from a process that has already run the tests once; the fork hook in
``tests/conftest.py`` gives the child a pool of its own, so a mutant that reaches a test using the
threaded scheduler is killed or survives on its merits instead of hanging into a timeout.
"""

from __future__ import annotations

import os
import time
import warnings

import pytest

dask = pytest.importorskip("dask")


def _total_on_threads() -> int:
    (total,) = dask.compute(dask.delayed(sum)([1, 2, 3]), scheduler="threads")
    return int(total)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_forked_child_runs_dask_tasks_on_threads_of_its_own() -> None:
    assert _total_on_threads() == 6  # the parent now holds Dask's default pool and its threads
    with warnings.catch_warnings():  # Python 3.12+ warns when a process with threads forks
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: report through the exit status alone, never return into pytest
        try:
            status = 0 if _total_on_threads() == 6 else 1
        except BaseException:  # noqa: BLE001 - any failure is the child's answer
            status = 2
        os._exit(status)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        time.sleep(0.05)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    pytest.fail("the forked child's Dask tasks never ran")
