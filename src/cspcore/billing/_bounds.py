"""(internal) The bounds of billing's counts, day numbers and collections, in one place.

Every int a billing value holds is a count of days or of things, and every collection a caller hands
in is read at most :data:`~cspcore._validate.MAX_ITEMS` items far: a hostile input (an int of 5,000
digits, ``itertools.count()``) is refused with an :class:`~cspcore.errors.InvalidInput` naming the
field, never kept or read without end.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from cspcore import _validate

#: The most days any billing count can span: the calendar's whole length (0001-01-01 is day 1,
#: 9999-12-31 day 3,652,059), so days past due, cycle lengths and aging edges stay within it.
MAX_DAYS: Final = dt.date.max.toordinal()
#: The most of anything a billing value counts (invoices, accounts, suspensions): the most items
#: read from one collection.
MAX_COUNT: Final = _validate.MAX_ITEMS


def days(value: object, field: str, *, minimum: int = 0) -> int:
    """``value`` as a number of days, from ``minimum`` to :data:`MAX_DAYS`.

    >>> days(30, "days_past_due")
    30
    >>> days(10**40, "days_past_due")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: days_past_due: must be at most 3652059 (got 1000...)
    """
    return _validate.integer(value, field, minimum=minimum, maximum=MAX_DAYS)


def count(value: object, field: str, *, maximum: int = MAX_COUNT) -> int:
    """``value`` as a count of things, from 0 to ``maximum``.

    >>> count(3, "unpaid_invoices")
    3
    """
    return _validate.integer(value, field, minimum=0, maximum=maximum)
