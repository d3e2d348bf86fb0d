"""Growth exponents of billing paths that once grew quadratically (see ``benchmarks/growth.py``).

* ``rate`` of one annual subscription with many seat changes (additions, and reductions of seats
  added that day): each reduction used to re-validate and rescan every seat lot.
* ``rate`` of one subscription with many partial upgrades: each upgrade creates a subscription, and
  every event used to walk every one of them.
* ``apply_tax`` per invoice over many lines with many distinct rates: each rate used to rescan
  every line.

Each asserts its exponent stays under 1.3 (linear or n log n) and that the result equals a
straightforward computation with :class:`fractions.Fraction`.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from cspcore import Money, Rounding
from cspcore.billing import (
    ChangeQuantity,
    ChargeType,
    InvoiceLine,
    ProrationRounding,
    Subscription,
    TaxBasis,
    TaxRule,
    Upgrade,
    apply_tax,
    charge_cycles,
    rate,
)
from growth import measure, record

if TYPE_CHECKING:
    from pytest_benchmark.fixture import BenchmarkFixture

LIMIT = 1.3
START = dt.date(2023, 3, 14)
CYCLE_DAYS = 366  # 2023-03-14 to 2024-03-13 spans 29 February 2024
PRICE = Decimal("251.37")


def _truncate(value: Fraction) -> Fraction:
    """Toward zero, to the cent."""
    cents = abs(value) * 100 // 1
    return Fraction(int(cents) * (1 if value >= 0 else -1), 100)


# -- rate with many seat changes -------------------------------------------------------------------


def _changes(n: int) -> tuple[Subscription, list[ChangeQuantity]]:
    """``n`` seat changes over the first (annual) cycle: pairs of an addition and a reduction."""
    rng = random.Random(n)
    sub = Subscription(
        id="growth",
        product="Microsoft 365 E3",
        start=START,
        term="P1Y",
        frequency="annual",
        quantity=50,
        unit_price=Money(PRICE, "EUR"),
    )
    events: list[ChangeQuantity] = []
    seats = 50
    for k in range(n // 2):
        day = START + dt.timedelta(days=1 + k * 360 // (n // 2))
        added = rng.randint(1, 40)
        seats += added
        events.append(ChangeQuantity(on=day, quantity=seats))
        seats -= rng.randint(1, added)  # only seats added that day: within their window
        events.append(ChangeQuantity(on=day, quantity=seats))
    return sub, events


def _rate_lines(data: tuple[Subscription, list[ChangeQuantity]]) -> list[Decimal]:
    sub, events = data
    lines = rate(sub, events, through=START + dt.timedelta(days=364), rounding=ProrationRounding.LINE_TOTAL)
    return [line.subtotal.amount for line in lines]


def _expected_rate(data: tuple[Subscription, list[ChangeQuantity]]) -> list[Fraction]:
    sub, events = data
    price = Fraction(PRICE)
    amounts = [price * sub.quantity]
    end = START + dt.timedelta(days=CYCLE_DAYS - 1)
    seats = sub.quantity
    for event in events:
        eup = price * ((end - event.on).days + 1) / CYCLE_DAYS
        amounts.extend((-_truncate(eup * seats), _truncate(eup * event.quantity)))
        seats = event.quantity
    return amounts


def test_rate_growth_with_seat_changes(benchmark: BenchmarkFixture) -> None:
    benchmark.group = "growth: billing"
    growth = measure(_changes, _rate_lines, small=300)
    record(benchmark, growth, limit=LIMIT)
    large = _changes(3_000)
    assert [Fraction(a) for a in _rate_lines(large)] == _expected_rate(large)
    benchmark.pedantic(_rate_lines, args=(_changes(3_000),), rounds=1)  # type: ignore[no-untyped-call]


# -- rate with many partial upgrades ---------------------------------------------------------------


def _upgrades(n: int) -> tuple[Subscription, list[Upgrade]]:
    """``n`` partial upgrades of one to three seats each, spread over a year billed monthly."""
    rng = random.Random(n)
    counts = [rng.randint(1, 3) for _ in range(n)]
    sub = Subscription(
        id="growth",
        product="Microsoft 365 E3",
        start=START,
        term="P1Y",
        frequency="monthly",
        quantity=sum(counts) + 1,
        unit_price=Money("36.00", "EUR"),
    )
    events = [
        Upgrade(
            on=START + dt.timedelta(days=k * 360 // n),
            product="Microsoft 365 E5",
            unit_price=Money("57.00", "EUR"),
            quantity=count,
            subscription_id=f"growth/e5/{k}",
        )
        for k, count in enumerate(counts)
    ]
    return sub, events


def _upgrade_lines(data: tuple[Subscription, list[Upgrade]]) -> dict[str, int]:
    sub, events = data
    lines = rate(sub, events, through=START + dt.timedelta(days=364))
    cycles: dict[str, int] = {}
    for line in lines:
        if line.charge_type in {ChargeType.NEW, ChargeType.CYCLE_CHARGE}:
            cycles[line.subscription_id] = cycles.get(line.subscription_id, 0) + 1
    return cycles


def test_rate_growth_with_partial_upgrades(benchmark: BenchmarkFixture) -> None:
    benchmark.group = "growth: billing"
    growth = measure(_upgrades, _upgrade_lines, small=200)
    record(benchmark, growth, limit=LIMIT)
    sub, events = _upgrades(2_000)
    starts = [cycle.start for cycle in charge_cycles(sub)]
    # every subscription an upgrade creates is charged each later cycle of the shared term
    expected = {sub.id: len(starts)}
    expected.update({e.subscription_id or "": sum(s > e.on for s in starts) for e in events})
    assert {k: v for k, v in expected.items() if v} == _upgrade_lines((sub, events))
    benchmark.pedantic(_upgrade_lines, args=((sub, events),), rounds=1)  # type: ignore[no-untyped-call]


# -- apply_tax per invoice with many distinct rates ------------------------------------------------


def _taxed_lines(n: int) -> tuple[list[InvoiceLine], list[Decimal | None]]:
    rng = random.Random(n)
    lines = [
        InvoiceLine(description=f"line {i}", amount=Money(Decimal(rng.randint(1, 10**6)) / 100, "EUR"))
        for i in range(n)
    ]
    rates: list[Decimal | None] = [
        None if rng.random() < 0.1 else Decimal(rng.randint(0, n // 2)) / (n // 2) for _ in range(n)
    ]
    return lines, rates


RULE = TaxRule(rate=Decimal("0.21"), rounding=Rounding.HALF_UP, basis=TaxBasis.PER_INVOICE)


def _apply(data: tuple[list[InvoiceLine], list[Decimal | None]]) -> tuple[InvoiceLine, ...]:
    lines, rates = data
    return apply_tax(lines, RULE, rates=rates)


def _group_taxes(
    lines: list[InvoiceLine], rates: list[Decimal | None], taxes: list[Fraction]
) -> dict[Decimal, tuple[Fraction, Fraction]]:
    """Per rate: the exact tax of the group's lines, and the sum of the taxes given."""
    groups: dict[Decimal, tuple[Fraction, Fraction]] = {}
    for line, given, tax in zip(lines, rates, taxes, strict=True):
        chosen = RULE.rate if given is None else given
        exact, spread = groups.get(chosen, (Fraction(0), Fraction(0)))
        groups[chosen] = (exact + Fraction(line.amount.amount) * Fraction(chosen), spread + tax)
    return groups


def test_apply_tax_growth_with_many_rates(benchmark: BenchmarkFixture) -> None:
    benchmark.group = "growth: billing"
    growth = measure(_taxed_lines, _apply, small=400)
    record(benchmark, growth, limit=LIMIT)
    lines, rates = _taxed_lines(4_000)
    taxed = _apply((lines, rates))
    groups = _group_taxes(lines, rates, [Fraction(line.tax.amount) for line in taxed])
    for exact, spread in groups.values():
        # each rate's tax is rounded once (half up, to the cent) and spread without loss
        assert spread == Fraction(int(exact * 100 + Fraction(1, 2)), 100)
    benchmark.pedantic(_apply, args=((lines, rates),), rounds=1)  # type: ignore[no-untyped-call]
