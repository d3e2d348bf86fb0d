"""total() of a list or tuple is the exact sum of its amounts, or refuses a wrong item.

The reference is the straightforward implementation: refuse the list if any item is not Money
(WRONG_TYPE), else if any is not in the currency (CurrencyMismatch: the one given, else the first
item's), else add the amounts in a context wide enough to be exact. total() reads a list in one pass
when every item is Money itself; mixtures of subclasses, other objects and currencies take its careful
path, and both must agree with the reference, digit for digit (the exponent included).
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import Money, total
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput

WIDE = decimal.Context(prec=400, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[decimal.Inexact])
HOSTILE = decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, traps=[decimal.Inexact, decimal.Rounded])


class Tagged(Money):
    """A subclass of Money: total() accepts it, as isinstance does."""

    __slots__ = ()


def reference(items: list[Any], currency: str | None) -> tuple[str, Any]:
    """("sum", the exact sum as text, the currency) or ("refused", the error's kind, code and field)."""
    if not all(isinstance(item, Money) for item in items):
        return "refused", (InvalidInput, ErrorCode.WRONG_TYPE, "amounts")
    expected = currency
    result = Decimal(0)
    for item in items:
        if expected is None:
            expected = item.currency
        if item.currency != expected:
            return "refused", (CurrencyMismatch, ErrorCode.CURRENCY_MISMATCH, "amounts")
        result = WIDE.add(result, item.amount)
    return "sum", (str(result), expected)


def outcome(items: list[Any], currency: str | None) -> tuple[str, Any]:
    try:
        with decimal.localcontext(HOSTILE):
            summed = total(items, currency=currency)
    except CurrencyMismatch as error:
        return "refused", (CurrencyMismatch, error.code, error.field)
    except InvalidInput as error:
        return "refused", (InvalidInput, error.code, error.field)
    return "sum", (str(summed.amount), summed.currency)


@st.composite
def items(draw: st.DrawFn) -> Any:
    places = draw(st.integers(0, 6))
    units = draw(st.integers(-(10 ** (20 + places)), 10 ** (20 + places)))
    currency = draw(st.sampled_from(("EUR", "EUR", "EUR", "JPY", "KWD")))
    amount = Decimal(units).scaleb(-places)
    kind = draw(st.sampled_from(("money",) * 12 + ("tagged", "other")))
    if kind == "tagged":
        return Tagged(amount, currency)
    if kind == "other":
        return draw(st.sampled_from((None, amount, "1.00 EUR", 0)))
    return Money(amount, currency)


@given(st.lists(items(), min_size=1, max_size=40), st.sampled_from((None, "EUR", "JPY")), st.booleans())
@example([Money("0.10", "EUR"), Money("0.20", "EUR")], None, False)
@example([Money("1.5", "EUR"), Money("-1.50", "EUR")], "EUR", True)
@example([Money("1", "EUR"), Tagged("2", "EUR")], None, False)
@example([Tagged("2", "EUR"), Money("1", "EUR")], None, True)
@example([None, Money("1", "EUR")], None, False)
@example([Money("1", "EUR"), Money("1", "JPY")], None, False)
@example([Money("1", "JPY")], "EUR", True)
@example([Decimal(1), Money("1", "EUR")], "EUR", False)
def test_total_matches_the_plain_walk(values: list[Any], currency: str | None, as_tuple: bool) -> None:
    sequence: Any = tuple(values) if as_tuple else values
    assert outcome(sequence, currency) == reference(values, currency)


def test_many_amounts_are_summed_exactly_past_the_ambient_precision() -> None:
    amounts = [Money(Decimal(n).scaleb(-2) + Decimal("1E+20"), "EUR") for n in range(10_000)]
    assert outcome(amounts, None) == reference(amounts, None)


@pytest.mark.parametrize("currency", ["EUR", None])
def test_an_object_that_only_looks_like_money_is_refused(currency: str | None) -> None:
    class Lookalike:
        _amount = Decimal(1)
        _currency = "EUR"

    assert outcome([Money("1", "EUR"), Lookalike()], currency) == (
        "refused",
        (InvalidInput, ErrorCode.WRONG_TYPE, "amounts"),
    )
