"""What-if: replay a portfolio under a collections policy, day by day — driven by events.

:func:`simulate` replays every account's ledger (its real invoice and payment dates) from ``start``
to ``end`` and records, for every day, how many accounts and how much overdue money sit in each
stage. It does not step through days × invoices: for each account it jumps from one change point to
the next (a document, an invoice falling overdue, the oldest invoice crossing a stage's day
threshold), so the cost grows with events. Its series is exactly what :func:`~cspcore.billing.evaluate`
says on each day.

:func:`compare` runs several policies side by side. Results give plain ``records()``, and, with the
``whatif`` extra installed, ``to_pandas()`` and ``plot()`` (matplotlib); ``_repr_html_`` renders a
summary table in notebooks. :func:`simulate_partitioned` runs partitions of a large portfolio with
Dask (the ``dask`` extra) and merges them into the same result as one process.

The package holds one module per responsibility: :mod:`~cspcore.billing.collections.whatif.results`
(the result values and their trusted constructors), :mod:`~cspcore.billing.collections.whatif.engine`
(``simulate``, ``compare``, ``merge``), :mod:`~cspcore.billing.collections.whatif.partitioned`
(Dask) and :mod:`~cspcore.billing.collections.whatif.slices` (what a Dask worker generates its
accounts from); frames and plots are internal. Every public name is re-exported here.

>>> import datetime as dt
>>> from cspcore.billing import STANDARD, STRICT
>>> from cspcore.billing.portfolio import sample_portfolio
>>> from cspcore.billing.whatif import compare, simulate
>>> portfolio = sample_portfolio(seed=11, accounts=30)
>>> result = simulate(STANDARD, portfolio, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
>>> len(result.series), result.stage_names[:3]
(366, ('clear', 'reminder', 'final_notice'))
>>> comparison = compare([STANDARD, STRICT], portfolio, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
>>> [row["policy"] for row in comparison.summary_records()]
['standard', 'strict']

.. versionadded:: 0.1.0
"""

from cspcore.billing.collections.whatif._frames import MissingExtra
from cspcore.billing.collections.whatif.engine import compare, compare_presets, merge, simulate
from cspcore.billing.collections.whatif.partitioned import SCHEDULERS, simulate_partitioned
from cspcore.billing.collections.whatif.results import (
    CLEAR as CLEAR,  # public too, outside __all__
)
from cspcore.billing.collections.whatif.results import (
    MAX_ACCOUNT_DAYS,
    MAX_SIMULATION_DAYS,
    Comparison,
    DayPoint,
    SimulationResult,
    Summary,
    Transition,
)
from cspcore.billing.collections.whatif.slices import PortfolioSlice

__all__ = [
    "MAX_ACCOUNT_DAYS",
    "MAX_SIMULATION_DAYS",
    "SCHEDULERS",
    "Comparison",
    "DayPoint",
    "MissingExtra",
    "PortfolioSlice",
    "SimulationResult",
    "Summary",
    "Transition",
    "compare",
    "compare_presets",
    "merge",
    "simulate",
    "simulate_partitioned",
]
