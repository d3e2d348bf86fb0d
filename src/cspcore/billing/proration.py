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

import decimal
from decimal import Decimal
from typing import Final, Literal, TypeAlias

from cspcore import _decimal, _validate
from cspcore.billing import _bounds
from cspcore.billing.exchange import exchange_rate
from cspcore.enums import CspEnum
from cspcore.errors import ErrorCode, InvalidInput

__all__ = [
    "ProrationRounding",
    "ProrationRoundingSpelling",
    "Share",
    "negated",
    "prorated",
    "prorated_subtotal",
    "shown_price",
    "trusted_negated",
    "trusted_prorated",
    "trusted_shown_price",
    "trusted_subtotal",
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


#: The strings a :class:`ProrationRounding` may be given as (its values and names), for type checkers;
#: at run time any spelling :class:`~cspcore.enums.CspEnum` finds is accepted.
ProrationRoundingSpelling: TypeAlias = Literal[
    "unitPriceFirst", "lineTotal", "UNIT_PRICE_FIRST", "LINE_TOTAL"
]

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
#: A share's numerator is a price (a bounded number) times a day count (at most 7 digits): it may
#: have that many more digits, and be that much larger, than a number given to cspcore.
_DAY_DIGITS: Final = len(str(_bounds.MAX_DAYS))


# -- the checks of the public functions (once, at the edge) -------------------------------------------


def _numerator(value: object, field: str) -> Decimal:
    """A share's numerator: a finite Decimal within a bounded price times a bounded day count."""
    if not isinstance(value, Decimal):
        return _validate.decimal(value, field)  # an int or a str read as any number; anything else refused
    number = value if type(value) is Decimal else Decimal(value)
    if not number.is_finite():
        raise InvalidInput(field, "must be a finite number", value, code=ErrorCode.NOT_FINITE)
    if number and (
        abs(number.adjusted()) > _validate.MAX_EXPONENT + _DAY_DIGITS
        or _decimal.more_digits_than(number, _validate.MAX_DIGITS + _DAY_DIGITS)
    ):
        raise InvalidInput(
            field,
            "more digits or magnitude than a price times a day count",
            value,
            code=ErrorCode.OUT_OF_RANGE,
        )
    return number


def _share(share: object, field: str) -> Share:
    """``share`` checked: a (numerator, denominator) pair, the denominator a positive count of days."""
    if type(share) is not tuple or len(share) != 2:
        raise InvalidInput(
            field, "expected a (numerator, denominator) tuple", share, code=ErrorCode.WRONG_TYPE
        )
    numerator, denominator = share
    return _numerator(numerator, f"{field}[0]"), _bounds.days(denominator, f"{field}[1]", minimum=1)


def _positive(value: object, field: str) -> Decimal:
    """A quantum: a positive bounded number."""
    number = _validate.decimal(value, field)
    if number <= 0:
        raise InvalidInput(field, "must be positive", value, code=ErrorCode.OUT_OF_RANGE)
    return number


# -- the public functions ------------------------------------------------------------------------------


def prorated(price: Decimal | int | str, billing_days: int, cycle_days: int) -> Share:
    """``price / cycle_days x billing_days`` as an exact fraction (the price itself for a full cycle).

    ``price`` is any amount cspcore accepts (a float is refused); both day counts are whole days,
    ``cycle_days`` at least 1 and ``billing_days`` from 1 to ``cycle_days``.

    >>> prorated(Decimal("10.08"), 30, 30), prorated(Decimal("10.08"), 28, 30)
    ((Decimal('10.08'), 1), (Decimal('282.24'), 30))
    >>> try:
    ...     prorated(Decimal("10.08"), 31, 30)
    ... except InvalidInput as error:
    ...     print(error.field, error.code.value)
    billing_days out_of_range

    Raises:
        InvalidInput: a price that is no bounded number (``price``), a day count that is no int or out
            of its range (``billing_days``, ``cycle_days``).
    """
    amount = _validate.decimal(price, "price")
    cycle = _bounds.days(cycle_days, "cycle_days", minimum=1)
    billing = _validate.integer(billing_days, "billing_days", minimum=1, maximum=cycle)
    return trusted_prorated(amount, billing, cycle)


def shown_price(numerator: Decimal, denominator: int) -> Decimal:
    """The effective unit price of a fraction, as a line shows it (34 significant digits, or more).

    >>> shown_price(Decimal(1), 3)
    Decimal('0.3333333333333333333333333333333333')

    Raises:
        InvalidInput: a numerator that is no bounded number, a denominator that is no positive count
            of days.
    """
    checked, days = _share((numerator, denominator), "share")
    return trusted_shown_price(checked, days)


def whole_units(numerator: Decimal, denominator: Decimal) -> Decimal:
    """How many whole ``denominator`` fit in ``numerator``, toward zero (exact: divide-integer).

    >>> whole_units(Decimal("-9.408"), Decimal("0.01"))
    Decimal('-940')

    Raises:
        InvalidInput: a numerator that is no bounded number, a denominator that is not positive, a
            quotient too large to count.
    """
    checked = _numerator(numerator, "numerator")
    step = _positive(denominator, "denominator")
    try:
        return _divide_int(checked, step)
    except decimal.DecimalException as error:
        raise InvalidInput(
            "numerator", _decimal.problem(error), numerator, code=_decimal.code(error)
        ) from None


def negated(share: Share) -> Share:
    """The same share, negated: the refund half of a refund-and-recreate pair.

    >>> negated((Decimal("282.24"), 30))
    (Decimal('-282.24'), 30)
    """
    return trusted_negated(_share(share, "share"))


def prorated_subtotal(
    share: Share,
    quantity: int | Decimal | str,
    quantum: Decimal | int | str,
    rounding: ProrationRounding | ProrationRoundingSpelling,
    *,
    rate: Decimal | int | str = _ONE,
    price_quantum: Decimal | int | str | None = None,
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

    ``rounding`` is read as every enum is, by its value or its name (``"lineTotal"``,
    ``"UNIT_PRICE_FIRST"``); anything else is refused, never taken for the other rounding:

    >>> prorated_subtotal((Decimal("282.24"), 30), 12, Decimal("0.01"), "unitPriceFirst")
    Decimal('112.80')

    Raises:
        InvalidInput: on the field of the argument that is refused: a share that is no
            (numerator, day count) pair (``share[0]``, ``share[1]``), a quantity that is no number of at
            most 10**12 either way (``quantity``), a quantum that is not positive (``quantum``,
            ``price_quantum``), an unknown rounding (``rounding``), a rate that is no exchange rate
            (``rate``), or a subtotal too large to count in quanta (``share``).
    """
    checked = _share(share, "share")
    count = _validate.quantity(quantity, "quantity")
    step = _positive(quantum, "quantum")
    mode = _validate.enum_member(ProrationRounding, rounding, "rounding")
    factor = _ONE if rate is _ONE else exchange_rate(rate, "rate")
    cut = None if price_quantum is None else _positive(price_quantum, "price_quantum")
    try:
        return trusted_subtotal(checked, count, step, mode, rate=factor, price_quantum=cut)
    except decimal.DecimalException as error:
        raise InvalidInput("share", _decimal.problem(error), share, code=_decimal.code(error)) from None


# -- the trusted path: cspcore's own callers, their arguments already checked --------------------------


def trusted_prorated(price: Decimal, billing_days: int, cycle_days: int) -> Share:
    """:func:`prorated` of arguments already checked (cspcore's own callers, in their loops).

    >>> trusted_prorated(Decimal("10.08"), 28, 30)
    (Decimal('282.24'), 30)
    """
    if billing_days == cycle_days:
        return price, 1
    return _mul(price, billing_days), cycle_days


def trusted_negated(share: Share) -> Share:
    """:func:`negated` of a share already checked (cspcore's own callers, in their loops).

    >>> trusted_negated((Decimal("282.24"), 30))
    (Decimal('-282.24'), 30)
    """
    return share[0].copy_negate(), share[1]


def trusted_shown_price(numerator: Decimal, denominator: int) -> Decimal:
    """:func:`shown_price` of a share already checked (cspcore's own callers, in their loops).

    >>> trusted_shown_price(Decimal("282.24"), 30)
    Decimal('9.408')
    """
    if denominator == 1:
        return numerator
    context = _SHOWN if numerator.adjusted() < _WIDE_FROM else _SHOWN_WIDE
    return context.divide(numerator, denominator)


def trusted_subtotal(
    share: Share,
    quantity: int | Decimal,
    quantum: Decimal,
    rounding: ProrationRounding,
    *,
    rate: Decimal = _ONE,
    price_quantum: Decimal | None = None,
) -> Decimal:
    """:func:`prorated_subtotal` of arguments already checked (cspcore's own callers, in their loops).

    ``rounding`` must be the member itself; the arithmetic raises :class:`decimal.DecimalException`
    (for the caller to name its field) when a result cannot be had exactly.

    >>> trusted_subtotal((Decimal("282.24"), 30), 12, Decimal("0.01"), ProrationRounding.LINE_TOTAL)
    Decimal('112.89')
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
