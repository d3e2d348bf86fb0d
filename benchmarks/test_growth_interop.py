"""Growth of reconcile: the time of a month ten times larger, with distinct keys and with one shared key.

Lines share a pairing key (subscription, charge type, charge dates, quantity and sign) when a
partner bills many equal seats on one day; reconcile must stay near-linear however the keys fall.
Each run's report is compared with a straightforward reconcile (a scan of every pending line).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_DOWN, Decimal
from typing import Any

import attrs
import pytest

from cspcore import Money
from cspcore.billing import ChargeLine
from cspcore.interop import ReconciliationReport, reconcile
from growth import measure, record

SMALL = 400
START, END = dt.date(2024, 3, 1), dt.date(2024, 3, 31)


def _line(subscription: str, cents: int, quantity: int) -> ChargeLine:
    subtotal = Money(Decimal(cents).scaleb(-2), "EUR")
    price = (subtotal.amount / quantity).quantize(Decimal("0.0001"), rounding=ROUND_DOWN)
    return ChargeLine(
        order_date=START,
        charge_type="cycleCharge",
        product="Microsoft 365 E3",
        subscription_id=subscription,
        unit_price=Money(price, "EUR"),
        effective_unit_price=Money(price, "EUR"),
        quantity=quantity,
        subtotal=subtotal,
        charge_start=START,
        charge_end=END,
    )


def _month(size: int, *, shared: bool) -> tuple[list[ChargeLine], list[ChargeLine]]:
    """Expected and billed lines: varied amounts; one billed line in ten a cent off, in shuffled order."""
    rng = random.Random(size * 2 + shared)
    expected = [
        _line(
            "sub-shared" if shared else f"sub-{index}",
            rng.randrange(1_000, 900_000),
            1 if shared else rng.randrange(1, 50),
        )
        for index in range(size)
    ]
    billed = [
        attrs.evolve(
            line, subtotal=line.subtotal + Money("0.01", "EUR"), total=line.total + Money("0.01", "EUR")
        )
        if index % 10 == 0
        else line
        for index, line in enumerate(expected)
    ]
    rng.shuffle(billed)
    return expected, billed


def _straightforward(expected: list[ChargeLine], actual: list[ChargeLine]) -> dict[str, Any]:
    """Reconcile by scanning: the first pending line with equal figures, else the first of its identity."""
    pending = list(expected)
    matched: list[ChargeLine] = []
    unexpected: list[ChargeLine] = []
    mismatched: list[tuple[ChargeLine, ChargeLine, str]] = []
    identity = ("subscription_id", "charge_type", "charge_start", "charge_end", "quantity")
    figures = ("unit_price", "effective_unit_price", "subtotal", "tax", "total")  # as reconcile reports

    def key(line: ChargeLine) -> tuple[Any, ...]:
        return (*(getattr(line, name) for name in identity), line.subtotal.amount < 0)

    for line in actual:
        same = [candidate for candidate in pending if key(candidate) == key(line)]
        if not same:
            unexpected.append(line)
            continue
        exact = [c for c in same if all(getattr(c, f) == getattr(line, f) for f in figures)]
        chosen = exact[0] if exact else same[0]
        pending.remove(chosen)
        if exact:
            matched.append(chosen)
        else:
            mismatched.extend(
                (chosen, line, name) for name in figures if getattr(chosen, name) != getattr(line, name)
            )
    return {"matched": matched, "missing": pending, "unexpected": unexpected, "mismatched": mismatched}


def _summary(report: ReconciliationReport) -> dict[str, Any]:
    return {
        "matched": list(report.matched_expected),
        "missing": list(report.missing),
        "unexpected": list(report.unexpected),
        "mismatched": [(m.expected, m.actual, m.field) for m in report.mismatched],
    }


@pytest.mark.parametrize("shared", [False, True], ids=["distinct-keys", "one-shared-key"])
def test_reconcile_grows_near_linearly(benchmark: Any, shared: bool) -> None:
    def build(size: int) -> tuple[list[ChargeLine], list[ChargeLine]]:
        return _month(size, shared=shared)

    def run(month: tuple[list[ChargeLine], list[ChargeLine]]) -> ReconciliationReport:
        return reconcile(*month)

    growth = measure(build, run, small=SMALL)
    small_month = _month(SMALL, shared=shared)
    assert _summary(reconcile(*small_month)) == _straightforward(*small_month)
    assert len(growth.result.matched_expected) + len(growth.result.missing) == 10 * SMALL
    record(benchmark, growth, limit=1.4)
    benchmark.pedantic(run, args=(build(10 * SMALL),), rounds=1)
