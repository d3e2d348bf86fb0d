"""Tasks on a client come back in the order they were given, whichever ends first (cspcore._dask).

Each result is taken as its task ends (so the driver reads one result while the workers run the
others), and put back in its place.
"""

from __future__ import annotations

import threading

import pytest
from tests.clusters import small_cluster

from cspcore._dask import run_tasks

#: Tasks wait on these: the first given is released last.
_GATES: dict[int, threading.Event] = {}


def _after_gate(index: int) -> int:
    """Wait for the gate of ``index`` to open, open the one of ``index - 1``, and give ``index``."""
    _GATES[index].wait(timeout=30)
    if index - 1 in _GATES:
        _GATES[index - 1].set()
    return index * 10


def test_results_keep_the_order_of_their_tasks() -> None:
    count = 4
    _GATES.clear()
    _GATES.update({index: threading.Event() for index in range(count)})
    _GATES[count - 1].set()  # the last task given ends first, then the one before it, ...
    with small_cluster(threads=count) as client:  # in-process worker threads: the gates are shared
        assert run_tasks(_after_gate, [(index,) for index in range(count)], "distributed", client) == [
            0,
            10,
            20,
            30,
        ]


def test_a_task_that_raises_raises_in_the_caller() -> None:
    with small_cluster(threads=2) as client, pytest.raises(ZeroDivisionError):
        run_tasks(divmod, [(1, 1), (1, 0)], "distributed", client)


def test_then_is_applied_to_each_result_in_the_callers_process() -> None:
    count = 4
    _GATES.clear()
    _GATES.update({index: threading.Event() for index in range(count)})
    _GATES[count - 1].set()
    seen: list[int] = []
    callers: set[int] = set()

    def then(result: int) -> int:
        seen.append(result)
        callers.add(threading.get_ident())  # the workers run in threads of their own
        return result + 1

    with small_cluster(threads=count) as client:
        arguments = [(index,) for index in range(count)]
        assert run_tasks(_after_gate, arguments, "distributed", client, then) == [1, 11, 21, 31]
    assert sorted(seen) == [0, 10, 20, 30]  # once each, as each came back (in whichever order)
    assert callers == {threading.get_ident()}  # in the caller
    assert run_tasks(divmod, [(7, 2), (9, 4)], "sync", None, list) == [[3, 1], [2, 1]]
