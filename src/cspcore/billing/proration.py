"""Proration: the arithmetic of a charge for part of a charge cycle.

A change in the middle of a cycle is charged (or refunded) for the days from the change to the
cycle's end: ``effective unit price = unit price / charge cycle days x billing days``
(``common-billing-scenarios-onetime-recurring.md``). The price is kept as an exact fraction
(:data:`Share`) until a line shows it (:func:`shown_price`) or rounds its subtotal
(:func:`prorated_subtotal`, truncating toward zero as Excel's ROUNDDOWN, by :class:`ProrationRounding`).

>>> from decimal import Decimal
>>> share = prorated(Decimal("10.08"), 28, 30)
>>> shown_price(*share)
Decimal('9.408')
>>> prorated_subtotal(share, 12, Decimal("0.01"), ProrationRounding.LINE_TOTAL)
Decimal('112.89')
>>> prorated_subtotal(share, 12, Decimal("0.01"), ProrationRounding.UNIT_PRICE_FIRST)
Decimal('112.80')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from cspcore import _decimal
from cspcore.enums import CspEnum

__all__ = [
    "ProrationRounding",
    "Share",
    "negated",
    "prorated",
    "prorated_subtotal",
    "shown_price",
    "whole_units",
]


class ProrationRounding(CspEnum):
    """How a prorated line's subtotal is rounded (both truncate toward zero, as Excel's ROUNDDOWN).

    >>> ProrationRounding.UNIT_PRICE_FIRST.value
    'unitPriceFirst'
    """

    UNIT_PRICE_FIRST = "unitPriceFirst"
    """``ROUNDDOWN(EUP, 2) × quantity``: the reconciliation-file formula; Microsoft's cancellation,
    upgrade and billing-plan-change examples."""
    LINE_TOTAL = "lineTotal"
    """``ROUNDDOWN(EUP × quantity, 2)``: Microsoft's seat add/remove tables."""


#: A prorated price as an exact fraction: (numerator, denominator), the denominator a day count.
Share = tuple[Decimal, int]

# Every product and sum of proration is exact (the 200-digit context, Inexact trapped): bounded
# inputs (50 digits, quantities up to 10**12) keep them far inside 200 digits.
#: The effective unit price shown on a line is a quotient (a price x 19 / 30): 34 significant digits
#: (the shared division), or more for a price so large that 34 digits would not reach a trillionth of
#: its currency's minor unit. Subtotals never use it: they are truncated from the exact fraction.
_SHOWN: Final = _decimal.DIVISION
_SHOWN_WIDE: Final = _decimal.WIDE_DIVISION
#: Numerators from this magnitude on are shown with the wide division.
_WIDE_FROM: Final = 15
_mul = _decimal.EXACT.multiply
_divide_int = _decimal.EXACT.divide_int
_ONE: Final = Decimal(1)


def prorated(price: Decimal, billing_days: int, cycle_days: int) -> Share:
    """``price / cycle_days x billing_days`` as an exact fraction (the price itself for a full cycle).

    >>> prorated(Decimal("10.08"), 30, 30), prorated(Decimal("10.08"), 28, 30)
    ((Decimal('10.08'), 1), (Decimal('282.24'), 30))
    """
    if billing_days == cycle_days:
        return price, 1
    return _mul(price, billing_days), cycle_days


def shown_price(numerator: Decimal, denominator: int) -> Decimal:
    """The effective unit price of a fraction, as a line shows it (34 significant digits, or more).

    >>> shown_price(Decimal(1), 3)
    Decimal('0.3333333333333333333333333333333333')
    """
    if denominator == 1:
        return numerator
    context = _SHOWN if numerator.adjusted() < _WIDE_FROM else _SHOWN_WIDE
    return context.divide(numerator, denominator)


def whole_units(numerator: Decimal, denominator: Decimal) -> Decimal:
    """How many whole ``denominator`` fit in ``numerator``, toward zero (exact: divide-integer).

    >>> whole_units(Decimal("-9.408"), Decimal("0.01"))
    Decimal('-940')
    """
    return _divide_int(numerator, denominator)


def negated(share: Share) -> Share:
    """The same share, negated: the refund half of a refund-and-recreate pair.

    >>> negated((Decimal("282.24"), 30))
    (Decimal('-282.24'), 30)
    """
    return share[0].copy_negate(), share[1]


def prorated_subtotal(
    share: Share,
    quantity: int | Decimal,
    quantum: Decimal,
    rounding: ProrationRounding,
    *,
    rate: Decimal = _ONE,
    price_quantum: Decimal | None = None,
) -> Decimal:
    """A line's subtotal: the share times ``quantity``, truncated toward zero to ``quantum``.

    Rounded as :class:`ProrationRounding` says, always from the exact fraction (never from the
    shown quotient): the whole quanta of the unit price times the quantity
    (``UNIT_PRICE_FIRST``), or the whole quanta of the line (``LINE_TOTAL``).
    ``quantum`` is the currency's minor unit (0.01 for EUR).

    With an exchange ``rate`` (``PCToBCExchangeRate``: the share is in the pricing currency, the
    subtotal in the billing currency, whose minor unit ``quantum`` is), this is the one place of
    Microsoft's two ``Subtotal`` formulas (``modern-invoice-reconciliation-file.md``, Subtotal):

    * ``UNIT_PRICE_FIRST``, license or seat-based:
      ``ROUNDDOWN(EffectiveUnitPrice × PCToBCExchangeRate, 2) × BillableQuantity``, the price per
      seat converted and cut first;
    * ``LINE_TOTAL``, usage-based:
      ``ROUNDDOWN(ROUNDDOWN(EffectiveUnitPrice × BillableQuantity, 2) × PCToBCExchangeRate, 2)``, the
      line cut in the pricing currency (to ``price_quantum``, its minor unit; ``quantum`` when not
      given), then converted and cut again.

    At a rate of 1 both give exactly what they give without a rate.

    >>> prorated_subtotal((Decimal("-282.24"), 30), 10, Decimal("0.01"), ProrationRounding.LINE_TOTAL)
    Decimal('-94.08')
    >>> rate = Decimal("0.846202666")
    >>> prorated_subtotal(
    ...     (Decimal("10.08"), 1), 3, Decimal("0.01"), ProrationRounding.UNIT_PRICE_FIRST, rate=rate
    ... )
    Decimal('25.56')
    >>> prorated_subtotal((Decimal("10.08"), 1), 3, Decimal("0.01"), ProrationRounding.LINE_TOTAL, rate=rate)
    Decimal('25.58')
    """
    numerator, denominator = share
    step = _mul(quantum, denominator)
    if rounding is ProrationRounding.UNIT_PRICE_FIRST:
        converted = numerator if rate is _ONE else _mul(numerator, rate)  # pragma: no mutate - same value
        return _mul(_divide_int(converted, step), _mul(quantum, quantity))
    cut = quantum if price_quantum is None else price_quantum
    line = _mul(_divide_int(_mul(numerator, quantity), _mul(cut, denominator)), cut)
    if rate is _ONE and price_quantum is None:  # pragma: no mutate - a shortcut, the same value
        return line
    return _mul(_divide_int(_mul(line, rate), quantum), quantum)
