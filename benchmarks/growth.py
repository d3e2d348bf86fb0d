"""Growth exponents: how a path's time grows when its input grows tenfold.

A path that is linear in its input has an exponent near 1 (ten times the input, ten times the time),
n log n a little over 1, a quadratic one near 2. :func:`measure` times a job at two sizes ten times
apart, cold (the input is built anew before every timing, so no memo carries over) and alternating the
sizes, and reports the exponent ``log10(t(10n) / t(n))`` from the medians. A benchmark asserts the
exponent is under its limit and records it in ``extra_info`` so that ``ratios.py`` prints it.

>>> import time
>>> result = measure(lambda n: list(range(n)), lambda items: sorted(items), small=1_000, rounds=3)
>>> 0.5 < result.exponent < 1.6
True
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")


@dataclass(frozen=True)
class Growth(Generic[T]):
    """The medians at the two sizes and the exponent between them."""

    small: int
    small_seconds: float
    large_seconds: float
    exponent: float
    result: T


def measure(
    build: Callable[[int], Any],
    run: Callable[[Any], T],
    *,
    small: int,
    rounds: int = 5,
) -> Growth[T]:
    """Time ``run(build(n))`` for ``n = small`` and ``10 * small``, alternated, cold each time.

    Only ``run`` is timed; ``build`` makes a fresh input for every round, so no memo on the input
    survives from one timing to the next. The result of the last large run is returned too, so the
    benchmark can assert it computed the right thing.
    """
    times: dict[int, list[float]] = {small: [], small * 10: []}
    result: Any = None
    for _ in range(rounds):
        for size in (small, small * 10):
            data = build(size)
            started = time.perf_counter()
            result = run(data)
            times[size].append(time.perf_counter() - started)
    low = statistics.median(times[small])
    high = statistics.median(times[small * 10])
    return Growth(small, low, high, math.log10(max(high, 1e-9) / max(low, 1e-9)), result)


def record(benchmark: Any, growth: Growth[Any], *, limit: float) -> None:
    """Put the exponent in the benchmark's report, and fail when it is over ``limit``."""
    benchmark.extra_info["exponent"] = round(growth.exponent, 2)
    benchmark.extra_info["exponent_limit"] = limit
    benchmark.extra_info["sizes"] = [growth.small, growth.small * 10]
    benchmark.extra_info["seconds"] = [round(growth.small_seconds, 5), round(growth.large_seconds, 5)]
    assert growth.exponent < limit, f"growth exponent {growth.exponent:.2f} over {limit}"
