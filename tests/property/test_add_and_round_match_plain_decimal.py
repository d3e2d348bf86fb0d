"""Money's hot arithmetic, `(a + b).round()`, is plain Decimal arithmetic digit for digit.

The references below are the straightforward implementations: the exact sum in a context wide enough
for any two amounts, then ``Decimal.quantize`` to the currency's minor unit with the named mode (the
way ``round`` was written before it took a per-mode context), with a zero never negative. Results are
compared as strings, so that the exponent (``1.10`` against ``1.1``) must agree too, whatever the
ambient context says.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import Money, Rounding
from cspcore.money import MAX_MAGNITUDE, exact_money, minor_units

#: Wide enough for any sum of two amounts to be exact (and trapping if one were not).
WIDE = decimal.Context(prec=400, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[decimal.Inexact])
#: Quantizing: the same width, the mode passed on every call.
ROUNDING = decimal.Context(prec=400, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
#: A hostile ambient context: three digits, flooring, trapping every rounding.
HOSTILE = decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, traps=[decimal.Inexact, decimal.Rounded])
CURRENCIES = ("JPY", "EUR", "USD", "KWD", "CLF", "HUF", "CHF")
#: Half-up by its name, which ``round`` accepts too (typed as a Rounding for mypy's sake).
BY_NAME: Any = "half_up"


def reference_round(amount: Decimal, currency: str, rounding: Rounding) -> Decimal:
    quantum = Decimal(1).scaleb(-minor_units(currency))
    rounded = amount.quantize(quantum, rounding=rounding.value, context=ROUNDING)
    return rounded or rounded.copy_abs()


@st.composite
def amounts(draw: st.DrawFn) -> Decimal:
    """Either sign, up to 30 integer digits and 8 decimals (a sum of two stays far under 10**61)."""
    places = draw(st.integers(0, 8))
    units = draw(st.integers(-(10 ** (30 + places)) + 1, 10 ** (30 + places) - 1))
    return Decimal(units).scaleb(-places)


@given(amounts(), amounts(), st.sampled_from(CURRENCIES), st.sampled_from(list(Rounding)))
@example(Decimal("0.005"), Decimal("-0.01"), "EUR", Rounding.HALF_UP)
@example(Decimal("-0.004"), Decimal(0), "USD", Rounding.HALF_UP)
@example(Decimal("-0.0001"), Decimal("0.0000"), "EUR", Rounding.CEILING)
@example(Decimal("2.345"), Decimal(0), "EUR", Rounding.HALF_EVEN)
@example(Decimal("-1234.5"), Decimal("0.0"), "JPY", Rounding.HALF_DOWN)
@example(Decimal("1.2345"), Decimal("-0.00005"), "KWD", Rounding.UP)
@example(Decimal("-0.00005"), Decimal(0), "CLF", Rounding.FLOOR)
@example(Decimal("9" * 30), Decimal("0.99999999"), "EUR", Rounding.HALF_UP)
@example(Decimal("1E+30"), Decimal("-1E-8"), "JPY", Rounding.DOWN)
def test_add_then_round_is_the_exact_sum_quantized(
    a: Decimal, b: Decimal, currency: str, rounding: Rounding
) -> None:
    exact = WIDE.add(a, b)
    with decimal.localcontext(HOSTILE):
        added = Money(a, currency) + Money(b, currency)
        rounded = added.round(rounding)
        default = added.round()
        named = added.round(BY_NAME)  # the general path, which the default's shortcut skips
    assert str(added.amount) == str(exact or exact.copy_abs())
    assert str(rounded.amount) == str(reference_round(exact, currency, rounding))
    assert str(default.amount) == str(named.amount) == str(reference_round(exact, currency, Rounding.HALF_UP))
    assert rounded.currency == default.currency == currency


@given(st.integers(0, 10 ** (MAX_MAGNITUDE - 1) * 9), st.integers(0, 8), st.sampled_from(list(Rounding)))
@example(10**MAX_MAGNITUDE - 1, 4, Rounding.UP)
@example(10**MAX_MAGNITUDE - 1, 0, Rounding.HALF_UP)
def test_round_near_the_largest_amount_is_exact(units: int, places: int, rounding: Rounding) -> None:
    amount = Decimal(-units).scaleb(-places)
    if amount.adjusted() >= MAX_MAGNITUDE:
        return
    for currency in ("JPY", "EUR", "KWD"):
        money = exact_money(amount, currency)
        assert str(money.round(rounding).amount) == str(reference_round(amount, currency, rounding))
