"""Growth exponents of money's paths: totals, splits of huge amounts, sums rounded, formatting."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

import pytest
from babel import Locale
from babel.numbers import format_currency

from cspcore import Money, allocate, total
from cspcore.i18n import format_money
from cspcore.money import minor_units
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


@pytest.mark.benchmark(group="growth: money")
def test_growth_total_of_a_column(benchmark: Any) -> None:
    from cspcore.money import MoneyColumn  # here: before_after.py runs versions without it

    def column(n: int) -> Any:
        return MoneyColumn([amount.amount for amount in _amounts(n)], "EUR")

    growth = measure(column, total, small=50_000)
    assert growth.result == Money(_exact_sum(_amounts(500_000)), "EUR")
    record(benchmark, growth, limit=1.4)
    benchmark.pedantic(total, args=(column(500_000),), rounds=1)


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


def _pairs(n: int) -> list[tuple[Money, Money]]:
    currencies = ("EUR", "JPY", "KWD")
    return [
        (Money(Decimal(i * 7919 % 10**10).scaleb(-4), c), Money(Decimal(i % 50_001 - 25_000).scaleb(-4), c))
        for i, c in ((i, currencies[i % 3]) for i in range(n))
    ]


@pytest.mark.benchmark(group="growth: money")
def test_growth_add_and_round(benchmark: Any) -> None:
    def run(pairs: list[tuple[Money, Money]]) -> list[Money]:
        return [(a + b).round() for a, b in pairs]

    growth = measure(_pairs, run, small=20_000)
    expected = [
        Money(
            (a.amount + b.amount).quantize(Decimal(1).scaleb(-minor_units(a.currency)), ROUND_HALF_UP),
            a.currency,
        )
        for a, b in _pairs(200_000)
    ]
    assert [(m.amount, m.currency) for m in growth.result] == [(m.amount, m.currency) for m in expected]
    record(benchmark, growth, limit=1.3)
    benchmark.pedantic(run, args=(_pairs(200_000),), rounds=1)


def _formats(n: int) -> list[tuple[Money, str]]:
    locales = ("cs_CZ", "en_US", "de_DE", "pl_PL", "hu_HU", "ja_JP", "en_IN")
    currencies = ("EUR", "USD", "JPY", "INR", "KWD")
    return [
        (
            Money(Decimal((i * 7919 % 10**10) * (-1) ** (i % 5 == 0)).scaleb(-4), currencies[i % 5]),
            locales[i % 7],
        )
        for i in range(n)
    ]


@pytest.mark.benchmark(group="growth: money")
def test_growth_format_money(benchmark: Any) -> None:
    def run(items: list[tuple[Money, str]]) -> list[str]:
        return [format_money(money, locale=locale) for money, locale in items]

    run(_formats(100))  # each (locale, currency) format is compiled once per process, before timing
    growth = measure(_formats, run, small=5_000)
    parsed = {
        name: Locale.parse(name) for name in ("cs_CZ", "en_US", "de_DE", "pl_PL", "hu_HU", "ja_JP", "en_IN")
    }
    assert growth.result == [
        format_currency(money.amount, money.currency, locale=parsed[locale])
        for money, locale in _formats(50_000)
    ]
    record(benchmark, growth, limit=1.3)
    benchmark.pedantic(run, args=(_formats(50_000),), rounds=1)
