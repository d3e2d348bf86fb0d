"""What-if over Dask: simulate partitions of a large portfolio as tasks and merge them (``dask`` extra).

The partitions are pure values, so every scheduler gives the answer that
:func:`~cspcore.billing.collections.whatif.engine.simulate` gives over the whole portfolio.

>>> "threads" in SCHEDULERS
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from cspcore import _validate
from cspcore.billing import _bounds
from cspcore.billing.collections.whatif._arguments import checked
from cspcore.billing.collections.whatif._frames import require
from cspcore.billing.collections.whatif.engine import merge, simulate
from cspcore.errors import ErrorCode, InvalidInput

if TYPE_CHECKING:
    import datetime as dt

    from cspcore.billing.collections.policy import CollectionsPolicy
    from cspcore.billing.collections.whatif.results import SimulationResult
    from cspcore.billing.portfolio import Portfolio

__all__ = ["SCHEDULERS", "simulate_partitioned"]

#: The Dask schedulers :func:`simulate_partitioned` runs on, by the names ``dask.compute`` knows.
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


def simulate_partitioned(
    policy: CollectionsPolicy,
    portfolio: Portfolio,
    *,
    start: dt.date,
    end: dt.date,
    partitions: int,
    scheduler: str = "threads",
) -> SimulationResult:
    """Simulate partitions of the portfolio as Dask tasks and merge them (needs the ``dask`` extra).

    The result equals :func:`simulate` over the whole portfolio. ``scheduler`` names one of Dask's
    schedulers (:data:`SCHEDULERS`: ``"threads"``, ``"processes"``, ``"synchronous"``, or
    ``"distributed"`` for the current distributed client); the partitions are pure values, so any
    scheduler gives the same answer. Every argument is checked before a task starts.

    Raises:
        InvalidInput: on what :func:`simulate` refuses, ``partitions`` outside 1..100,000, or a
            scheduler Dask does not name.
        MissingExtra: when Dask is not installed.
    """
    chosen, book, first_day, last_day, _currency = checked(policy, portfolio, start, end)
    parts_wanted = _validate.integer(partitions, "partitions", minimum=1, maximum=_bounds.MAX_COUNT)
    name = _validate.one_of(_validate.text(scheduler, "scheduler"), SCHEDULERS, "scheduler")
    dask = require("dask", "dask")
    if name == "distributed":
        _client()
    tasks = [
        dask.delayed(simulate)(chosen, part, start=first_day, end=last_day)
        for part in book.partition(parts_wanted)
    ]
    (parts,) = dask.compute(tasks, scheduler=name)
    merged: SimulationResult = merge(parts)
    return merged


def _client() -> object:
    """The running distributed client that the ``"distributed"`` scheduler would use, or a refusal."""
    distributed = require("distributed", "dask")
    try:
        return distributed.get_client()
    except ValueError:  # no client has been started
        raise InvalidInput(
            "scheduler",
            "no distributed client is running; start one first",
            "distributed",
            code=ErrorCode.MISSING,
        ) from None
