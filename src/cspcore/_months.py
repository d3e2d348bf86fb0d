"""Calendar months on (year, month, day) numbers: the one owner of month arithmetic (internal).

Adding months keeps the anchor's day, clamped to the end of the month reached (January 31 plus one
month is February 28 or 29). The answer is numbers, never a date, so it may name a day outside
:mod:`datetime`'s calendar, such as January 1, 10000 (the day after December 31, 9999): each caller
says what such a day means to it (:func:`cspcore.dates.add_months` refuses it; a term ending on
December 31, 9999 simply has no renewal).

>>> import datetime as dt
>>> shifted(dt.date(2024, 1, 31), 1), shifted(dt.date(9999, 12, 1), 1)
((2024, 2, 29), (10000, 1, 1))
"""

from __future__ import annotations

from calendar import isleap
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["MONTH_DAYS", "month_days", "ordinal", "shifted"]

#: The days of each month of a common year (index 1 to 12); February gains a day in leap years.
MONTH_DAYS: Final = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: The days of a common year before each month (index 1 to 12).
_BEFORE: Final = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def month_days(year: int, month: int) -> int:
    """The days of ``month`` (1 to 12) of ``year``, any year of the proleptic Gregorian calendar.

    >>> month_days(2024, 2), month_days(2100, 2), month_days(10000, 1)
    (29, 28, 31)
    """
    return 29 if month == 2 and isleap(year) else MONTH_DAYS[month]


def shifted(anchor: dt.date, months: int) -> tuple[int, int, int]:
    """``anchor`` plus ``months`` calendar months (negative: back), its day clamped to the month's end."""
    year, month0 = divmod(anchor.year * 12 + anchor.month - 1 + months, 12)
    month = month0 + 1
    return year, month, min(anchor.day, month_days(year, month))


def ordinal(year: int, month: int, day: int) -> int:
    """The proleptic Gregorian ordinal of a day, also outside years 1 to 9999.

    Within them it is :meth:`datetime.date.toordinal`; outside, the same count carries on (0 for
    December 31 of year 0, a leap year).

    >>> import datetime as dt
    >>> ordinal(2024, 3, 1) == dt.date(2024, 3, 1).toordinal(), ordinal(1, 1, 1), ordinal(0, 12, 31)
    (True, 1, 0)
    """
    before = year - 1
    leap_day = 1 if month > 2 and isleap(year) else 0
    return before * 365 + before // 4 - before // 100 + before // 400 + _BEFORE[month] + leap_day + day
