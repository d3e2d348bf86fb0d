"""total() of a MoneyColumn is the exact sum of its amounts, as total() of the same amounts as Money is.

The reference is the straightforward implementation: each amount made Money (as the column checks it),
then the amounts added in a context wide enough to be exact. Results are compared as text, so the
exponent must agree too, whatever the ambient context says.
"""

from __future__ import annotations

import decimal
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import Money
from cspcore.money import MoneyColumn, total

WIDE = decimal.Context(prec=400, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[decimal.Inexact])
HOSTILE = decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, traps=[decimal.Inexact, decimal.Rounded])


def reference(values: list[Decimal | int | str], currency: str) -> str:
    result = Decimal(0)
    for value in values:
        result = WIDE.add(result, Money(value, currency).amount)
    return str(result)


@st.composite
def amounts(draw: st.DrawFn) -> Decimal | int | str:
    """An amount as a caller passes it: a Decimal (30 digits, 6 decimals, either sign), an int or a text."""
    places = draw(st.integers(0, 6))
    units = draw(st.integers(-(10 ** (30 + places)) + 1, 10 ** (30 + places) - 1))
    value = Decimal(units).scaleb(-places)
    kind = draw(st.sampled_from(("decimal", "decimal", "int", "str")))
    if kind == "int":
        return int(value)
    return str(value) if kind == "str" else value


@given(st.lists(amounts(), max_size=40), st.sampled_from(("EUR", "JPY", "KWD")), st.booleans())
@example([Decimal("0.10"), Decimal("0.20")], "EUR", False)
@example([Decimal("-0.00"), Decimal(0)], "EUR", True)
@example([Decimal("1.5"), Decimal("-1.50")], "KWD", False)
@example(["9" * 30, "0.000001", -(10**30) + 1], "JPY", True)
@example([], "EUR", False)
def test_the_total_of_a_column_is_the_exact_sum_of_its_amounts(
    values: list[Decimal | int | str], currency: str, as_tuple: bool
) -> None:
    column = MoneyColumn(tuple(values) if as_tuple else values, currency)
    with decimal.localcontext(HOSTILE):
        summed = total(column)
        as_money = total(list(column), currency=currency)
    assert (str(summed.amount), summed.currency) == (reference(values, currency), currency)
    assert (str(as_money.amount), as_money.currency) == (str(summed.amount), summed.currency)
