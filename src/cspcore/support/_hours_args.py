"""Argument checks shared by the business-time arithmetic and the SLA clock.

Internal: the public names here are for :mod:`cspcore.support.business_time`,
:mod:`cspcore.support.clock` and :mod:`cspcore.support.offering` only.

>>> import datetime as dt
>>> check_target(dt.timedelta(hours=4))
datetime.timedelta(seconds=14400)
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from cspcore.errors import ErrorCode, InvalidInput
from cspcore.support.business_hours import BusinessHours

__all__ = ["MAX_TARGET", "check_hours", "check_target"]

#: The longest target (or banked time) a clock may have: the whole calendar, years 1 to 9999. Sums
#: and differences of such spans stay inside what a ``timedelta`` holds.
MAX_TARGET: Final = dt.date.max - dt.date.min
_ZERO: Final = dt.timedelta(0)


def check_target(target: object, field: str = "target") -> dt.timedelta:
    """A business-time target (or banked time): a ``timedelta`` from zero to the whole calendar."""
    if not isinstance(target, dt.timedelta):
        raise InvalidInput(field, "expected a datetime.timedelta", target, code=ErrorCode.WRONG_TYPE)
    if target < _ZERO:
        raise InvalidInput(field, "must not be negative", target, code=ErrorCode.OUT_OF_RANGE)
    if target > MAX_TARGET:
        raise InvalidInput(
            field, "longer than the whole calendar (years 1 to 9999)", target, code=ErrorCode.OUT_OF_RANGE
        )
    return target


def check_hours(hours: object) -> BusinessHours | None:
    """A schedule, or ``None`` for round the clock."""
    if hours is not None and not isinstance(hours, BusinessHours):
        raise InvalidInput(
            "hours", "expected BusinessHours, or None for round the clock", hours, code=ErrorCode.WRONG_TYPE
        )
    return hours
