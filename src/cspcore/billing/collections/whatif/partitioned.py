"""What-if over Dask: simulate partitions of a large portfolio as tasks and merge them (``dask`` extra).

The partitions are pure values, so every scheduler gives the answer that
:func:`~cspcore.billing.collections.whatif.engine.simulate` gives over the whole portfolio.

>>> "threads" in SCHEDULERS
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cspcore import _validate
from cspcore._dask import SCHEDULERS, run_tasks, scheduler_named, worker_slots
from cspcore.billing import _bounds
from cspcore.billing.collections.whatif._arguments import checked
from cspcore.billing.collections.whatif.engine import merge, simulate
from cspcore.billing.collections.whatif.slices import Outcome, PortfolioSlice, merge_outcomes, simulate_piece
from cspcore.billing.portfolio import Portfolio
from cspcore.errors import CurrencyMismatch

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from cspcore.billing.collections.policy import CollectionsPolicy
    from cspcore.billing.collections.whatif.results import SimulationResult

__all__ = ["SCHEDULERS", "simulate_partitioned"]


def simulate_partitioned(
    policy: CollectionsPolicy,
    portfolio: Portfolio | PortfolioSlice,
    *,
    start: dt.date,
    end: dt.date,
    partitions: int | None = None,
    scheduler: str | None = None,
    client: Any = None,
) -> SimulationResult:
    """Simulate partitions of the portfolio as Dask tasks and merge them (needs the ``dask`` extra).

    The result equals :func:`simulate` over the whole portfolio. ``portfolio`` is either the accounts
    (each task is sent its share of them, pickled) or a
    :class:`~cspcore.billing.collections.whatif.slices.PortfolioSlice`, a description from which
    each task generates its own accounts: then only the slice goes out and only the daily series,
    the summary and the packed transitions come back, which is what makes more processes faster.

    ``partitions`` defaults to one per worker thread (the client's, else the machine's cores; one
    for the synchronous scheduler): on a cluster, each worker generates and simulates one slice,
    and no partition waits for a free worker while another worker idles.

    Where the tasks run: on ``client`` (a ``distributed.Client``, for a cluster of one machine or
    many) when one is given; else on the scheduler ``scheduler`` names (:data:`SCHEDULERS`:
    ``"threads"``, the default, ``"processes"``, ``"synchronous"``, or ``"distributed"``, which
    uses the running client or else starts a ``LocalCluster`` of one single-threaded worker
    process per core and closes it when done). The partitions are pure values, so every scheduler
    gives the same answer. Every argument is checked before a task starts.

    Raises:
        InvalidInput: on what :func:`simulate` refuses, ``partitions`` (when given) outside 1..100,000, a
            scheduler Dask does not name, a scheduler other than ``"distributed"`` with a client, or
            a client that is not a ``distributed.Client``.
        CurrencyMismatch: when the policy's currency is not the slice's.
        MissingExtra: when Dask (or, for a client or ``"distributed"``, distributed) is not installed.
    """
    if isinstance(portfolio, PortfolioSlice):
        chosen, _, first_day, last_day, _currency = checked(policy, Portfolio(accounts=()), start, end)
        if portfolio.count and portfolio.invoices and chosen.currency not in {None, portfolio.currency}:
            raise CurrencyMismatch("policy", chosen.currency, portfolio.currency)
    else:
        chosen, book, first_day, last_day, _currency = checked(policy, portfolio, start, end)
    name = scheduler_named(scheduler, client)
    parts_wanted = (
        worker_slots(name, client)
        if partitions is None
        else _validate.integer(partitions, "partitions", minimum=1, maximum=_bounds.MAX_COUNT)
    )
    if isinstance(portfolio, PortfolioSlice):
        run: Callable[..., Any] = simulate_piece
        pieces: tuple[Any, ...] = portfolio.split(parts_wanted)
    else:
        run, pieces = _simulate_part, book.partition(parts_wanted)
    parts = run_tasks(run, [(chosen, piece, first_day, last_day) for piece in pieces], name, client)
    if parts and all(isinstance(part, Outcome) for part in parts):
        return merge_outcomes(parts)
    merged: SimulationResult = merge(parts)
    return merged


def _simulate_part(
    policy: CollectionsPolicy, part: Portfolio, start: dt.date, end: dt.date
) -> SimulationResult:
    """One task over accounts sent to it: :func:`simulate` with the task's positional arguments."""
    return simulate(policy, part, start=start, end=end)
