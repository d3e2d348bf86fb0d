"""The one owner of cspcore's decimal arithmetic: its contexts and its exact operations (internal).

Every rule that adds, multiplies, divides or rounds amounts does it here or through
:class:`~cspcore.money.Money`, never in the ambient :mod:`decimal` context and never in a context
of its own: what "exact" means, how many digits a quotient keeps, and how far an amount may grow
are decided once.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from cspcore.errors import ErrorCode, InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

__all__ = [
    "DIVISION",
    "EXACT",
    "MAX_MAGNITUDE",
    "QUANTIZE",
    "QUANTIZE_WITH",
    "TOO_LARGE",
    "UNITS",
    "WIDE_DIVISION",
    "code",
    "exact",
    "exact_sum",
    "more_digits_than",
    "problem",
    "round_down",
    "rounded_share",
]

#: Every amount is below 10**61 in magnitude (at most 61 digits before the point): ten times the
#: largest product of two inputs (10**30 each), and small enough that rounding, allocating and
#: formatting stay quick. An operation whose result would reach it raises InvalidInput instead.
MAX_MAGNITUDE: Final = 61
#: Exact arithmetic: enough precision for any amount ``_validate`` accepts, a trap on Inexact so
#: that a result which would need rounding raises instead of being rounded silently, and a trap on
#: Overflow (at :data:`MAX_MAGNITUDE`) so that no amount grows past what rounding can handle.
EXACT: Final = decimal.Context(
    prec=200,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=MAX_MAGNITUDE - 1,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow, decimal.Inexact],
)
#: Division cannot always be exact (1/3); it keeps 34 significant digits, rounded half-even.
DIVISION: Final = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=MAX_MAGNITUDE - 1,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
#: Division for a quotient whose numerator is too large for 34 digits to reach a trillionth of a
#: minor unit (a prorated price of a huge amount): 80 significant digits, rounded half-even.
WIDE_DIVISION: Final = decimal.Context(
    prec=80,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=MAX_MAGNITUDE - 1,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
#: Counting whole minor units or cash steps in an amount: exact (an amount has at most 200 digits
#: and every step is 1, 2 or 5 times a power of ten, so the quotient has at most 202 digits).
UNITS: Final = decimal.Context(
    prec=400,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow, decimal.Inexact],
)
#: Quantizing: rounding is passed explicitly on every call; the context only bounds precision.
QUANTIZE: Final = decimal.Context(
    prec=200,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.Overflow],
)


def _quantizer(mode: str) -> Callable[[Decimal, Decimal], Decimal]:
    context = QUANTIZE.copy()
    context.rounding = mode
    quantize: Callable[[Decimal, Decimal], Decimal] = context.quantize
    return quantize


#: Quantizing with one rounding mode, a bound ``Context.quantize(value, quantum)`` per :mod:`decimal`
#: rounding constant: :data:`QUANTIZE`'s bounds with the mode as the context's own rounding. Two
#: positional arguments cost a hot path (``Money.round``) less than ``Decimal.quantize``'s three.
QUANTIZE_WITH: Final[Mapping[str, Callable[[Decimal, Decimal], Decimal]]] = MappingProxyType(
    {
        mode: _quantizer(mode)
        for mode in (
            decimal.ROUND_HALF_UP,
            decimal.ROUND_HALF_EVEN,
            decimal.ROUND_HALF_DOWN,
            decimal.ROUND_DOWN,
            decimal.ROUND_UP,
            decimal.ROUND_FLOOR,
            decimal.ROUND_CEILING,
            decimal.ROUND_05UP,
        )
    }
)

#: A share (price x effective / list unit price): 100 digits, ROUND_05UP, so that rounding the
#: quotient to a minor unit afterwards gives what rounding the exact quotient would.
_SHARE: Final = decimal.Context(
    prec=100,
    rounding=decimal.ROUND_05UP,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


#: Why an exact operation failed, by the signal it raised.
TOO_LARGE: Final = f"the result is 10**{MAX_MAGNITUDE} or more in magnitude"
_TOO_LONG: Final = "the exact result needs more than 200 significant digits"


def problem(error: decimal.DecimalException) -> str:
    """What a failed exact operation ran into, in words.

    >>> problem(decimal.Inexact())
    'the exact result needs more than 200 significant digits'
    """
    # Overflow subclasses Inexact but is no question of digits: name it for what it is.
    if isinstance(error, decimal.Overflow):
        return TOO_LARGE
    if type(error) is decimal.Inexact:
        return _TOO_LONG
    return f"arithmetic failed: {type(error).__name__}"


def code(error: decimal.DecimalException) -> ErrorCode:
    """The code of an exact operation's failure: too large is out of range, anything else too many digits.

    >>> code(decimal.Overflow()), code(decimal.Inexact())
    (<ErrorCode.OUT_OF_RANGE: 'out_of_range'>, <ErrorCode.TOO_MANY_DIGITS: 'too_many_digits'>)
    """
    return ErrorCode.OUT_OF_RANGE if isinstance(error, decimal.Overflow) else ErrorCode.TOO_MANY_DIGITS


_text: Final = Decimal.__str__


def more_digits_than(value: Decimal, limit: int) -> bool:
    """Whether the finite ``value`` has more than ``limit`` significant digits in its coefficient.

    The text of a Decimal holds every digit of its coefficient, so a text no longer than ``limit``
    needs no count (``as_tuple`` costs about five times what the text does). Decimal's own text is
    read, whatever a subclass says of itself.

    >>> more_digits_than(Decimal("1234.56"), 5), more_digits_than(Decimal("1E+40"), 5)
    (True, False)
    """
    return len(_text(value)) > limit and len(value.as_tuple().digits) > limit


def exact(operation: Any, *args: Decimal) -> Decimal:
    """``operation(*args)`` (a context's method), or InvalidInput on field ``amount`` when it cannot be exact.

    >>> exact(EXACT.add, Decimal("0.1"), Decimal("0.2"))
    Decimal('0.3')
    >>> try:
    ...     exact(EXACT.multiply, Decimal("1e40"), Decimal("1e40"))
    ... except InvalidInput as error:
    ...     print(error.field, "|", problem(decimal.Overflow()))
    amount | the result is 10**61 or more in magnitude
    """
    try:
        result: Decimal = operation(*args)
    except decimal.DecimalException as error:
        raise InvalidInput("amount", problem(error), args, code=code(error)) from None
    return result


def round_down(value: Decimal, quantum: Decimal) -> Decimal:
    """``value`` truncated toward zero to ``quantum`` (Excel's ROUNDDOWN), whatever the ambient context.

    >>> round_down(Decimal("9.408"), Decimal("0.01")), round_down(Decimal("-9.408"), Decimal("0.01"))
    (Decimal('9.40'), Decimal('-9.40'))
    """
    return value.quantize(quantum, rounding=decimal.ROUND_DOWN, context=QUANTIZE)


def exact_sum(amounts: Iterable[Decimal]) -> Decimal:
    """The amounts added up exactly in :data:`EXACT` (``sum`` would use the ambient context).

    >>> exact_sum([Decimal("0.1"), Decimal("0.20"), Decimal(3)])
    Decimal('3.30')
    >>> exact_sum([])
    Decimal('0')
    """
    add = EXACT.add
    result = Decimal(0)
    for amount in amounts:
        result = add(result, amount)
    return result


def rounded_share(numerator: Decimal, denominator: Decimal, quantum: Decimal, rounding: str) -> Decimal:
    """``numerator / denominator`` rounded to ``quantum`` with ``rounding``, as the exact quotient would be.

    The quotient is carried to 100 digits with ROUND_05UP, which keeps the information a later
    rounding to the quantum needs (a 34-digit quotient could land on a half cent the exact one
    passes). Raises :class:`decimal.DecimalException` (for the caller to name its field) when the
    quotient cannot be had within the bounds.

    >>> rounded_share(Decimal("2"), Decimal("3"), Decimal("0.01"), decimal.ROUND_HALF_UP)
    Decimal('0.67')
    """
    quotient = _SHARE.divide(numerator, denominator)
    return quotient.quantize(quantum, rounding=rounding, context=_SHARE)
