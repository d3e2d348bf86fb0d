"""_allocation.split: the parts are whole steps, add up to the amount, follow the weights within a step."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import InvalidInput
from cspcore._allocation import split

CENT = Decimal("0.01")
NICKEL = Decimal("0.05")
WEIGHTS = st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12).filter(any)


def _split(units: int, weights: list[int], step: Decimal = CENT) -> list[Decimal]:
    return split(units * step, weights, step=step, quantum=CENT, currency="EUR", shown=None)


@given(st.integers(min_value=-(10**9), max_value=10**9), WEIGHTS, st.sampled_from([CENT, NICKEL]))
@example(1, [1, 1], CENT)
@example(-5, [1, 3], CENT)
@example(0, [0, 1], NICKEL)
def test_the_parts_add_up_and_each_is_within_a_step_of_its_share(
    units: int, weights: list[int], step: Decimal
) -> None:
    parts = _split(units, weights, step)
    amount = units * step
    assert sum(parts, Decimal(0)) == amount
    assert all((part / step) == (part / step).to_integral_value() for part in parts)
    for part, weight in zip(parts, weights, strict=True):
        exact_share = Fraction(amount) * weight / sum(weights)
        assert abs(Fraction(part) - exact_share) < Fraction(step)


@given(st.integers(min_value=0, max_value=10**6), WEIGHTS)
def test_a_negative_amount_splits_like_its_absolute_value_negated(units: int, weights: list[int]) -> None:
    assert _split(-units, weights) == [-part for part in _split(units, weights)]


def test_leftover_units_go_to_the_largest_remainders_then_the_earlier_part() -> None:
    assert _split(100, [1, 2]) == [Decimal("0.33"), Decimal("0.67")]
    assert _split(2, [1, 1, 1]) == [CENT, CENT, Decimal("0.00")]


@pytest.mark.parametrize(
    ("amount", "weights", "field"),
    [
        (Decimal("0.005"), [1], "amount"),
        (Decimal(1), [], "weights"),
        (Decimal(1), [0, 0], "weights"),
        (Decimal(1), "11", "weights"),
        (Decimal(1), [1, -1], "weights[1]"),
    ],
)
def test_bad_input_names_its_field(amount: Decimal, weights: object, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        split(amount, weights, step=CENT, quantum=CENT, currency="EUR", shown=amount)
    assert caught.value.field == field
