"""Laws of bounded money: whatever amount exists can be rounded, formatted, split and counted."""

from __future__ import annotations

import decimal
import re
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import InvalidInput, Money, Rounding, allocate, total
from cspcore._iso4217 import MINOR_UNITS
from cspcore.i18n import format_money
from cspcore.money import MAX_MAGNITUDE, cash_increment

#: Every amount is below this in magnitude.
LIMIT = Decimal(f"1E{MAX_MAGNITUDE}")
#: The tests' own arithmetic, wide enough to be exact.
WIDE = decimal.Context(prec=400)
roundings = st.sampled_from(list(Rounding))
codes = st.sampled_from(sorted(MINOR_UNITS))
#: Any number the shared bound accepts: up to 50 significant digits, magnitude 10**±30.
bounded = st.builds(
    lambda coefficient, exponent: Decimal(f"{coefficient}E{exponent}"),
    st.integers(-(10**50) + 1, 10**50 - 1),
    st.integers(-79, 30),
).filter(lambda d: d == 0 or -30 <= d.adjusted() <= 30)


@st.composite
def reachable(draw: st.DrawFn) -> Money:
    """An amount built from bounded inputs by a few multiplications and divisions, if it exists."""
    money = Money(draw(bounded), draw(codes))
    for _ in range(draw(st.integers(0, 3))):
        operand = draw(bounded)
        try:
            money = money * operand if draw(st.booleans()) or not operand else money / operand
        except InvalidInput:
            break
    return money


@given(reachable(), roundings, st.booleans())
@example(Money("9" * 30, "EUR") * Decimal("9" * 30) * 10, Rounding.HALF_UP, True)
@example(Money("-1e-30", "EUR") * Decimal("1e-30"), Rounding.FLOOR, False)
@example(Money("123456789012345678901234567891", "CHF") * Decimal("1000000000.07"), Rounding.HALF_EVEN, True)
def test_every_amount_that_exists_rounds_formats_splits_and_counts(
    money: Money, rounding: Rounding, cash: bool
) -> None:
    assert money.amount.copy_abs() < LIMIT
    rounded = money.round(rounding, cash=cash)
    assert rounded.is_rounded(cash=cash)
    step = (cash_increment(money.currency) if cash else None) or Decimal(1).scaleb(
        -MINOR_UNITS[money.currency]
    )
    with decimal.localcontext(WIDE):
        assert abs(rounded.amount - money.amount) < step
    assert not (rounded.is_zero() and rounded.amount.is_signed())
    assert format_money(money, locale="cs_CZ", rounding=rounding)
    parts = allocate(rounded, [1, 2, 3], cash=cash)
    assert total(parts) == rounded
    units = rounded.to_minor_units()
    assert Decimal(units).scaleb(-MINOR_UNITS[money.currency], WIDE) == rounded.amount
    if rounded.amount.copy_abs() < Decimal("1e30"):  # amounts, and so minor units, are inputs only up to that
        assert Money.from_minor_units(units, money.currency) == rounded


@given(reachable(), bounded)
def test_a_product_or_quotient_either_exists_or_is_refused_as_invalid_input(
    money: Money, factor: Decimal
) -> None:
    field: str | None
    for operation in ("multiply", "divide"):
        try:
            result = money * factor if operation == "multiply" else money / factor
        except InvalidInput as error:
            field = error.field
        else:
            field = None
            assert result.amount.copy_abs() < LIMIT
            assert not (result.is_zero() and result.amount.is_signed())
        assert field in {None, "amount", "divisor"}


@given(st.integers(-(10**28), 10**28), codes)
@example(-1, "KWD")
@example(10**28, "CLF")
def test_minor_units_round_trip_in_every_currency(units: int, currency: str) -> None:
    money = Money.from_minor_units(units, currency)
    assert money.to_minor_units() == units
    assert money.round() == money


@given(st.lists(st.integers(-(10**31), 10**31).map(lambda cents: Money(f"{cents}E-2", "EUR")), max_size=40))
def test_a_stream_totals_as_its_list_does(amounts: list[Money]) -> None:
    with decimal.localcontext(WIDE):
        expected = sum((amount.amount for amount in amounts), Decimal(0))
    assert total(iter(amounts), currency="EUR") == total(amounts, currency="EUR") == Money(expected, "EUR")


@given(reachable(), roundings)
def test_format_money_shows_exactly_the_minor_units(money: Money, rounding: Rounding) -> None:
    digits = MINOR_UNITS[money.currency]
    text = format_money(money, locale="en_US", rounding=rounding)
    number = re.search(r"\d(?:[\d,]*\d)?(?:\.(\d+))?", text)
    assert number is not None
    assert len(number.group(1) or "") == digits
