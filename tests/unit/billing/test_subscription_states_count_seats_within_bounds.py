"""A state's seats are a whole count from 0 (every seat moved away) to the largest quantity; a saved change
names at least one seat, and each of its values is of its own type."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cspcore import Money, _validate
from cspcore.billing import BillingFrequency, NextTerm, ScheduledChange, Term
from cspcore.errors import ErrorCode, InvalidInput

D = dt.date


def next_term(quantity: Any) -> NextTerm:
    return NextTerm(
        starts_on=D(2025, 1, 10),
        product="Microsoft 365 E3",
        unit_price=None,
        quantity=quantity,
        term=Term.P1Y,
        frequency=BillingFrequency.MONTHLY,
    )


def saved(quantity: Any) -> ScheduledChange:
    return ScheduledChange(saved_on=D(2024, 5, 2), renews_on=D(2025, 1, 10), quantity=quantity)


def test_seats_run_from_zero_to_the_largest_quantity() -> None:
    assert next_term(0).quantity == 0
    assert next_term(_validate.MAX_QUANTITY).quantity == _validate.MAX_QUANTITY


def test_a_saved_change_names_one_seat_or_more() -> None:
    assert saved(1).quantity == 1
    assert saved(_validate.MAX_QUANTITY).quantity == _validate.MAX_QUANTITY
    assert saved(None).quantity is None


@pytest.mark.parametrize(
    ("build", "value"),
    [
        (next_term, -1),
        (next_term, _validate.MAX_QUANTITY + 1),
        (saved, 0),
        (saved, _validate.MAX_QUANTITY + 1),
    ],
)
def test_seats_out_of_bounds_are_refused_by_field(build: Any, value: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        build(value)
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "quantity",
        ErrorCode.OUT_OF_RANGE,
        value,
    )


def test_a_saved_change_takes_a_term_a_plan_and_a_price_as_values_of_their_types() -> None:
    change = ScheduledChange(
        saved_on=D(2024, 5, 2),
        renews_on=D(2025, 1, 10),
        term=Term.P1M,
        frequency=BillingFrequency.MONTHLY,
        unit_price=Money("36.00", "USD"),
    )
    assert (change.term, change.frequency, change.unit_price) == (
        Term.P1M,
        BillingFrequency.MONTHLY,
        Money("36.00", "USD"),
    )
    with pytest.raises(InvalidInput) as caught:
        ScheduledChange(saved_on=D(2024, 5, 2), renews_on=D(2025, 1, 10), term="P1M")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "term",
        ErrorCode.WRONG_TYPE,
        "P1M",
    )
