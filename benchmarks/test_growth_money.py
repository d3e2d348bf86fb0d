"""Growth exponents of money's paths over many items: totals of streams and splits of huge amounts."""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Any

import pytest

from cspcore import Money, allocate, total
from growth import measure, record

#: The largest amount that can exist is just under 10**61: the splits below use one near it.
HUGE = Money("9" * 30, "EUR") * Decimal("9" * 28 + ".99")


def _amounts(n: int) -> list[Money]:
    return [Money(Decimal(i % 10_000).scaleb(-2), "EUR") for i in range(n)]


def _exact_sum(amounts: list[Money]) -> Decimal:
    with localcontext() as context:
        context.prec = 400
        return sum((amount.amount for amount in amounts), Decimal(0))


@pytest.mark.benchmark(group="growth: money")
def test_growth_total_of_a_stream(benchmark: Any) -> None:
    def run(amounts: list[Money]) -> Money:
        return total(amount for amount in amounts)

    growth = measure(_amounts, run, small=20_000)
    assert growth.result == Money(_exact_sum(_amounts(200_000)), "EUR")
    record(benchmark, growth, limit=1.4)
    benchmark.pedantic(run, args=(_amounts(200_000),), rounds=1)


@pytest.mark.benchmark(group="growth: money")
def test_growth_total_of_a_list(benchmark: Any) -> None:
    growth = measure(_amounts, total, small=50_000)
    assert growth.result == Money(_exact_sum(_amounts(500_000)), "EUR")
    record(benchmark, growth, limit=1.4)
    benchmark.pedantic(total, args=(_amounts(500_000),), rounds=1)


def _weights(n: int) -> list[Decimal]:
    # bounded weights of every size: 1e-30 up to 1e30, with 20 significant digits
    return [Decimal(f"{(i * 7919) % 10**20 + 1}E{(i % 41) - 30}") for i in range(n)]


@pytest.mark.benchmark(group="growth: money")
def test_growth_allocate_a_huge_amount(benchmark: Any) -> None:
    amount = HUGE.round()

    def run(weights: list[Decimal]) -> tuple[Money, ...]:
        return allocate(amount, weights)

    growth = measure(_weights, run, small=2_000)
    parts = growth.result
    assert len(parts) == 20_000
    assert total(parts) == amount
    assert all(part.is_rounded() and not part.is_negative() for part in parts)
    record(benchmark, growth, limit=1.4)
    benchmark.pedantic(run, args=(_weights(20_000),), rounds=1)
