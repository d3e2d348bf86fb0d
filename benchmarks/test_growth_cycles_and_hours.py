"""Growth of issue 19's time rows (``benchmarks/growth.py``): ten times the work, ten times the time.

* ``charge_cycles`` of 36-month terms billed monthly: 1,000 then 10,000 subscriptions.
* ``due_at`` eight business hours after each request (Prague, lunch break, Czech holidays): 1,000 then
  10,000 requests.

Each draws its input as the paired benchmarks do (``test_bench_billing.py``, ``test_bench_support.py``),
asserts its exponent stays under 1.3, and checks the larger run's answers against the stdlib baseline.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

import pytest

from growth import measure, record
from test_bench_billing import build_long_terms, long_terms_baseline, long_terms_case
from test_bench_support import baseline, build_eight_hours, due

if TYPE_CHECKING:
    import datetime as dt

    from cspcore.billing import Subscription
    from cspcore.support import BusinessHours


@pytest.mark.benchmark(group="growth: time")
def test_growth_of_charge_cycles_over_36_month_terms(benchmark: Any) -> None:
    books: dict[int, tuple[list[Subscription], Any]] = {}

    def build(size: int) -> list[Subscription]:
        books[size] = build_long_terms(random.Random(size), size)
        return books[size][0]

    growth = measure(build, long_terms_case, small=1_000)
    assert growth.result == long_terms_baseline(books[10_000][1])
    record(benchmark, growth, limit=1.3)
    benchmark.pedantic(long_terms_case, args=(build(1_000),), rounds=1)


@pytest.mark.benchmark(group="growth: time")
def test_growth_of_due_at_eight_business_hours(benchmark: Any) -> None:
    asked: dict[int, Any] = {}

    def build(size: int) -> tuple[BusinessHours, list[tuple[dt.datetime, dt.timedelta]]]:
        ours, plain = build_eight_hours(random.Random(size), size)
        asked[size] = plain
        return ours

    growth = measure(build, due, small=1_000)
    assert growth.result == baseline(asked[10_000])
    record(benchmark, growth, limit=1.3)
    benchmark.pedantic(due, args=(build(1_000),), rounds=1)
