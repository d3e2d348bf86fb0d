"""Test configuration: Hypothesis profiles, Dask after a fork, and the collection of docs examples."""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from hypothesis import HealthCheck, settings

# `dev` is quick for the edit-test loop; `ci` runs enough examples to find real bugs, with a deadline
# that a slow, busy 2-core machine still meets. CI sets CI=true; HYPOTHESIS_PROFILE overrides both.
settings.register_profile("dev", max_examples=60, deadline=dt.timedelta(milliseconds=800))
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=dt.timedelta(seconds=3),
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
# `mutation` is for mutmut, which runs each mutant's tests on a loaded machine: no deadline (a slow
# mutant must not count as killed by the clock), derandomized (a kill is reproducible), fewer examples.
settings.register_profile(
    "mutation",
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def _dask_threads_of_its_own() -> None:
    """Give a forked child a Dask thread pool of its own on first use.

    mutmut runs each mutant's tests in a child forked from a process that has already run them once,
    so Dask's threaded scheduler has its default pool there. The pool's threads stay behind in the
    parent: a task handed to it in the child never runs, and the test waits for it until mutmut
    calls the mutant a timeout, which the mutation score counts as detected. Dropping the pool (and
    the lock that guards the pools, which another thread may have held at the fork) makes the child
    start a new one.
    """
    threaded = sys.modules.get("dask.threaded")
    if threaded is not None:
        vars(threaded).update(default_pool=None, pools_lock=threading.Lock())
        threaded.pools.clear()


os.register_at_fork(after_in_child=_dask_threads_of_its_own)

DOCTEST_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE
