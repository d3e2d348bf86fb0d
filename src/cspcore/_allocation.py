"""The arithmetic of :func:`cspcore.money.allocate`: largest-remainder splits in whole units (internal).

It works on Decimals and ints, never on :class:`~cspcore.money.Money`, so that :mod:`cspcore.money`
can build on it without an import cycle: ``allocate`` checks its Money and builds the parts.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from cspcore import _decimal, _validate
from cspcore.errors import ErrorCode, InvalidInput

__all__ = ["split"]

#: Stands for a quotient that does not even end: no whole number of units.
_NOT_WHOLE: Final = Decimal("0.5")


def _integer_weights(weights: object) -> list[int]:
    """``weights`` checked (a non-empty sequence of non-negative numbers, not all zero), scaled to ints."""
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence):
        raise InvalidInput("weights", "expected a sequence of weights", weights, code=ErrorCode.WRONG_TYPE)
    if not weights:
        raise InvalidInput("weights", "must not be empty", weights, code=ErrorCode.EMPTY)
    exact = [_validate.decimal(w, f"weights[{i}]", allow_negative=False) for i, w in enumerate(weights)]
    if not any(exact):
        raise InvalidInput("weights", "must not all be zero", weights, code=ErrorCode.OUT_OF_RANGE)
    # Bounded weights (10**±30, 50 digits) scale to integers of at most 110 digits: exact at prec 200.
    scale = max(0, *(-int(w.as_tuple().exponent) for w in exact))
    return [int(w.scaleb(scale, context=_decimal.QUANTIZE)) for w in exact]


def _whole_units(amount: Decimal, step: Decimal, shown: object, currency: str) -> int:
    """How many ``step``s make ``amount``; InvalidInput on field ``amount`` when that is no whole number."""
    try:
        units = _decimal.UNITS.divide(amount, step)
    except decimal.Inexact:  # a quotient that does not even end is no whole number
        units = _NOT_WHOLE
    if units != units.to_integral_value(context=_decimal.QUANTIZE):
        raise InvalidInput(
            "amount",
            f"must be a whole number of {step} {currency}; round it first",
            shown,
            code=ErrorCode.TOO_PRECISE,
        )
    return int(units)


def split(
    amount: Decimal, weights: object, *, step: Decimal, quantum: Decimal, currency: str, shown: object
) -> list[Decimal]:
    """``amount`` split in proportion to ``weights`` into whole ``step``s, each part on ``quantum``.

    The units left over after flooring go one each to the parts with the largest remainders, ties to
    the earlier part; a negative amount splits like its absolute value, negated. ``shown`` is what an
    error shows as the amount (the caller's Money).

    >>> split(
    ...     Decimal("1.00"), [1, 2], step=Decimal("0.01"), quantum=Decimal("0.01"), currency="EUR", shown=None
    ... )
    [Decimal('0.33'), Decimal('0.67')]
    """
    integers = _integer_weights(weights)
    units = _whole_units(amount, step, shown, currency)
    sign = -1 if units < 0 else 1
    units = abs(units)
    weight_sum = sum(integers)
    shares = [divmod(units * w, weight_sum) for w in integers]
    parts = [quotient for quotient, _ in shares]
    leftover = units - sum(parts)
    by_remainder = sorted(range(len(shares)), key=lambda i: (-shares[i][1], i))
    for index in by_remainder[:leftover]:
        parts[index] += 1
    multiply = _decimal.UNITS.multiply
    return [
        multiply(Decimal(sign * part), step).quantize(quantum, context=_decimal.QUANTIZE) for part in parts
    ]
