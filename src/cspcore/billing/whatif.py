"""What-if: replay a portfolio under a collections policy (kept importable here).

The what-if lives in the package :mod:`cspcore.billing.collections.whatif` (result values, engine,
Dask runner); this module re-exports its public names, so ``from cspcore.billing.whatif import
simulate`` keeps working.

>>> from cspcore.billing.collections import whatif
>>> simulate is whatif.simulate
True

.. versionadded:: 0.1.0
"""

from cspcore.billing.collections.whatif import (
    CLEAR,  # noqa: F401 - public there too, outside __all__
    MAX_ACCOUNT_DAYS,
    MAX_SIMULATION_DAYS,
    SCHEDULERS,
    Comparison,
    DayPoint,
    MissingExtra,
    PortfolioSlice,
    SimulationResult,
    Summary,
    Transition,
    compare,
    compare_presets,
    merge,
    simulate,
    simulate_partitioned,
)

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
