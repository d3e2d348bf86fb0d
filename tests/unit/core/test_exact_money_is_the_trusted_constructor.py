"""``exact_money`` builds Money from computed amounts, checking only what is cheap to check."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspcore import ErrorCode, InvalidInput, Money
from cspcore.money import MAX_MAGNITUDE, exact_money
from cspcore.testing.strategies import money


@given(money())
def test_it_equals_the_validating_constructor_for_any_valid_amount(amount: Money) -> None:
    built = exact_money(amount.amount, amount.currency)
    assert built == amount
    assert (built.amount, built.currency) == (amount.amount, amount.currency)


def test_it_keeps_digits_an_input_may_not_have() -> None:
    long = Decimal("0." + "3" * 80)  # a prorated price of 80 digits, say
    assert exact_money(long, "EUR").amount == long
    with pytest.raises(InvalidInput) as caught:
        Money(long, "EUR")
    assert caught.value.code is ErrorCode.TOO_MANY_DIGITS


def test_a_negative_zero_loses_its_sign() -> None:
    assert str(exact_money(Decimal("-0.00"), "EUR")) == "0.00 EUR"


@pytest.mark.parametrize(
    ("amount", "currency", "field", "code"),
    [
        (1, "EUR", "amount", ErrorCode.WRONG_TYPE),
        (Decimal("NaN"), "EUR", "amount", ErrorCode.WRONG_TYPE),
        (Decimal(10) ** MAX_MAGNITUDE, "EUR", "amount", ErrorCode.OUT_OF_RANGE),
        (Decimal("0." + "1" * 201), "EUR", "amount", ErrorCode.TOO_MANY_DIGITS),
        (Decimal("1e-999999"), "EUR", "amount", ErrorCode.OUT_OF_RANGE),
        (Decimal(1), "XYZ", "currency", ErrorCode.UNKNOWN_VALUE),
        (Decimal(1), ["EUR"], "currency", ErrorCode.WRONG_TYPE),
    ],
)
def test_what_it_refuses(amount: object, currency: object, field: str, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        exact_money(amount, currency)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == (field, code)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**12), max_value=10**12))
def test_arithmetic_results_round_trip(value: Decimal) -> None:
    assert exact_money(value, "USD") == Money(value, "USD")


@given(
    digits=st.integers(190, 210),
    leading=st.integers(1, 9),
    exponent=st.integers(-260, -140),
    negative=st.booleans(),
)
def test_it_refuses_exactly_the_amounts_of_more_than_200_digits(
    digits: int, leading: int, exponent: int, negative: bool
) -> None:
    # Coefficients around the limit, with trailing zeros (they count) and the exponents that keep
    # the magnitude in range, written in either notation.
    amount = Decimal((int(negative), (leading, *[0] * (digits - 1)), exponent))
    if not -200 < amount.adjusted() < MAX_MAGNITUDE:
        return
    if digits > 200:
        with pytest.raises(InvalidInput) as caught:
            exact_money(amount, "EUR")
        assert caught.value.code is ErrorCode.TOO_MANY_DIGITS
    else:
        assert exact_money(amount, "EUR").amount.as_tuple() == amount.as_tuple()
