"""Rounding modes, named: every rounding in cspcore says which one it does.

:class:`Rounding` is re-exported by :mod:`cspcore.money` and :mod:`cspcore`.

>>> from decimal import Decimal
>>> Rounding.HALF_EVEN.value == "ROUND_HALF_EVEN"
True
>>> Decimal("2.345").quantize(Decimal("0.01"), rounding=rounding_mode(Rounding.HALF_UP))
Decimal('2.35')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import decimal
from typing import Literal, TypeAlias

from cspcore import _validate
from cspcore.enums import CspEnum

__all__ = ["Rounding", "RoundingSpelling", "rounding_mode"]


class Rounding(CspEnum):
    """A rounding mode, named. Values are the :mod:`decimal` module's constants.

    Each member's ``mode`` is its value as a plain attribute, for hot paths (enum's ``value`` is a
    slow descriptor).
    """

    mode: str

    HALF_UP = decimal.ROUND_HALF_UP
    """Ties away from zero (2.345 → 2.35, -2.345 → -2.35): invoices and most tax rules."""
    HALF_EVEN = decimal.ROUND_HALF_EVEN
    """Ties to the even digit (2.345 → 2.34): banker's rounding, babel's default."""
    HALF_DOWN = decimal.ROUND_HALF_DOWN
    """Ties toward zero (2.345 → 2.34)."""
    DOWN = decimal.ROUND_DOWN
    """Toward zero (truncate): Excel's ROUNDDOWN, used by Microsoft's reconciliation formulas."""
    UP = decimal.ROUND_UP
    """Away from zero."""
    FLOOR = decimal.ROUND_FLOOR
    """Toward negative infinity."""
    CEILING = decimal.ROUND_CEILING
    """Toward positive infinity."""


for _member in Rounding:
    _member.mode = _member.value

#: The strings a :class:`Rounding` may be given as where a constructor takes one (its values and names),
#: for type checkers.
RoundingSpelling: TypeAlias = Literal[
    "ROUND_HALF_UP",
    "ROUND_HALF_EVEN",
    "ROUND_HALF_DOWN",
    "ROUND_DOWN",
    "ROUND_UP",
    "ROUND_FLOOR",
    "ROUND_CEILING",
    "HALF_UP",
    "HALF_EVEN",
    "HALF_DOWN",
    "DOWN",
    "UP",
    "FLOOR",
    "CEILING",
]


def rounding_mode(value: object, field: str = "rounding") -> str:
    """The :mod:`decimal` constant of a :class:`Rounding` (or of a name or value of one), else InvalidInput.

    >>> rounding_mode("half_even"), rounding_mode(Rounding.DOWN)
    ('ROUND_HALF_EVEN', 'ROUND_DOWN')
    """
    if type(value) is Rounding:
        return value.mode
    return str(_validate.enum_member(Rounding, value, field).value)
