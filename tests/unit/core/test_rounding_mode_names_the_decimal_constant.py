"""rounding_mode turns a Rounding (or its name or value) into the decimal constant; Money.round agrees."""

from __future__ import annotations

import decimal
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspcore import InvalidInput, Money, Rounding
from cspcore.rounding import rounding_mode

MODES = st.sampled_from(list(Rounding))
AMOUNTS = st.decimals(min_value=-(10**6), max_value=10**6, places=4, allow_nan=False, allow_infinity=False)


@given(MODES)
def test_a_member_its_name_and_its_value_give_one_mode(mode: Rounding) -> None:
    expected = getattr(decimal, mode.value)
    assert rounding_mode(mode) == rounding_mode(mode.name) == rounding_mode(mode.value) == expected
    assert mode.mode == mode.value


@given(AMOUNTS, MODES)
def test_round_by_name_equals_round_by_member(amount: Decimal, mode: Rounding) -> None:
    money = Money(amount, "EUR")
    assert money.round(mode.name) == money.round(mode)  # type: ignore[arg-type]
    assert money.round(mode).amount == amount.quantize(Decimal("0.01"), rounding=rounding_mode(mode))


@pytest.mark.parametrize("value", ["ROUND_SIDEWAYS", 0.5, None, 2])
def test_an_unknown_mode_is_refused_naming_the_field(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        rounding_mode(value, "tax_rounding")
    assert caught.value.field == "tax_rounding"
