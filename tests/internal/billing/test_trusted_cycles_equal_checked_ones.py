"""The cycles charge_cycles builds without re-checking equal those ChargeCycle builds from the same fields."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from cspcore import Money
from cspcore.billing import BillingFrequency, ChargeCycle, Subscription, Term, charge_cycles
from cspcore.billing.cycles import _cycle

STARTS = (dt.date(2021, 1, 29), dt.date(2023, 2, 28), dt.date(2024, 2, 29), dt.date(2022, 7, 31))


def test_the_trusted_constructor_takes_exactly_the_fields() -> None:
    values = (dt.date(2024, 1, 1), dt.date(2024, 1, 31), 31)
    assert len(values) == len(attrs.fields(ChargeCycle))
    assert _cycle(*values) == ChargeCycle(start=values[0], end=values[1], days=values[2])
    with pytest.raises(TypeError):
        _cycle(*values[:-1])


@pytest.mark.parametrize("start", STARTS)
@pytest.mark.parametrize(
    ("term", "frequency"),
    [
        (Term.P1M, BillingFrequency.MONTHLY),
        (Term.P1Y, BillingFrequency.MONTHLY),
        (Term.P3Y, BillingFrequency.ANNUAL),
    ],
)
def test_every_trusted_cycle_equals_the_checked_one(
    start: dt.date, term: Term, frequency: BillingFrequency
) -> None:
    sub = Subscription(
        id="s",
        product="P",
        start=start,
        term=term,
        frequency=frequency,
        quantity=1,
        unit_price=Money("10", "EUR"),
    )
    for cycle in charge_cycles(sub):
        assert ChargeCycle(start=cycle.start, end=cycle.end, days=cycle.days) == cycle
