"""Billing benchmarks: each group holds a plain-Python baseline and the cspcore call doing the same work.

* ``charge_cycles`` of a 36-month term against a stdlib loop building the same 36 cycle dates
  (allowed ratio 3).
* ``rate`` of 10,000 one-year subscriptions billed monthly, each with one seat change, against a
  minimal inline Decimal loop computing the same amounts (allowed ratio 4).
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING

from cspcore import Money
from cspcore.billing import ChangeQuantity, Subscription, charge_cycles, rate

if TYPE_CHECKING:
    from pytest_benchmark.fixture import BenchmarkFixture

START = dt.date(2023, 3, 14)
CENT = Decimal("0.01")
ONE_DAY = dt.timedelta(days=1)


def _month(anchor: dt.date, months: int) -> dt.date:
    year, month0 = divmod(anchor.year * 12 + anchor.month - 1 + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(anchor.day, last))


# -- charge_cycles of a 36-month term -----------------------------------------------------------


def test_charge_cycles_36_months_baseline(benchmark: BenchmarkFixture) -> None:
    benchmark.group = "billing: charge_cycles of a 36-month term"

    def build() -> list[tuple[dt.date, dt.date]]:
        starts = [_month(START, k) for k in range(37)]
        return [(starts[k], starts[k + 1] - ONE_DAY) for k in range(36)]

    assert len(benchmark(build)) == 36


def test_charge_cycles_36_months(benchmark: BenchmarkFixture) -> None:
    benchmark.group = "billing: charge_cycles of a 36-month term"
    benchmark.extra_info["limit"] = 3
    sub = Subscription(
        id="bench",
        product="Microsoft 365 E3",
        start=START,
        term="P3Y",
        frequency="monthly",
        quantity=10,
        unit_price=Money("36.00", "EUR"),
    )
    assert len(benchmark(charge_cycles, sub)) == 36


def test_charge_cycles_36_months_uncached(benchmark: BenchmarkFixture) -> None:
    """The same call with the internal cycle cache emptied before every round."""
    from cspcore.billing import cycles

    benchmark.group = "billing: charge_cycles of a 36-month term"
    benchmark.extra_info["limit"] = 3
    sub = Subscription(
        id="bench",
        product="Microsoft 365 E3",
        start=START,
        term="P3Y",
        frequency="monthly",
        quantity=10,
        unit_price=Money("36.00", "EUR"),
    )
    result = benchmark.pedantic(  # type: ignore[no-untyped-call]
        charge_cycles,
        args=(sub,),
        setup=cycles._cycles.cache_clear,  # noqa: SLF001 - empty the cache on purpose
        rounds=2000,
        iterations=1,
    )
    assert len(result) == 36


# -- rate of 10,000 one-year subscriptions with one seat change ---------------------------------

COUNT = 10_000


def _portfolio() -> list[tuple[Subscription, ChangeQuantity]]:
    result = []
    for i in range(COUNT):
        start = dt.date(2023, 1, 1) + dt.timedelta(days=i % 365)
        sub = Subscription(
            id=f"sub-{i}",
            product="Microsoft 365 Business Standard",
            start=start,
            term="P1Y",
            frequency="monthly",
            quantity=10 + i % 7,
            unit_price=Money(Decimal(1000 + i % 900).scaleb(-2), "EUR"),
        )
        result.append((sub, ChangeQuantity(on=start + dt.timedelta(days=1 + i % 7), quantity=12 + i % 9)))
    return result


PORTFOLIO = _portfolio()


def test_rate_10000_subscriptions_baseline(benchmark: BenchmarkFixture) -> None:
    benchmark.group = "billing: rate 10,000 one-year subscriptions with one seat change"
    plain = [(s.start, s.unit_price.amount, s.quantity, e.on, e.quantity, s.term_end) for s, e in PORTFOLIO]

    def amounts() -> Decimal:
        grand = Decimal(0)
        for start, price, quantity, on, new, end in plain:
            # The cycles (anchor day, clamped), the cycle of the change, its prorated pair.
            starts = [_month(start, k) for k in range(12)]
            total = price * quantity
            for k in range(1, 12):
                total += price * (new if starts[k] > on else quantity)
            k = max(i for i in range(12) if starts[i] <= on)
            cycle_end = starts[k + 1] - ONE_DAY if k < 11 else end
            days = ((starts[k + 1] if k < 11 else end + ONE_DAY) - starts[k]).days
            eup = price * ((cycle_end - on).days + 1) / days
            rounded = eup.quantize(CENT, rounding=ROUND_DOWN)
            total += rounded * new - rounded * quantity
            grand += total
        return grand

    assert benchmark(amounts) > 0


def test_rate_10000_subscriptions(benchmark: BenchmarkFixture) -> None:
    benchmark.group = "billing: rate 10,000 one-year subscriptions with one seat change"
    benchmark.extra_info["limit"] = 4

    def run() -> Decimal:
        grand = Decimal(0)
        for sub, event in PORTFOLIO:
            for line in rate(sub, (event,), through=sub.term_end):
                grand += line.subtotal.amount
        return grand

    assert benchmark(run) > 0
