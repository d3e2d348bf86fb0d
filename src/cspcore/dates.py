"""Calendar arithmetic that billing rules need, done one way everywhere.

* Months are added **from the anchor** and clamped to the month's end: Jan 31 + 1 month is Feb 28
  (Feb 29 in a leap year) and Jan 31 + 2 months is Mar 31, never Mar 28. Chaining ``+1 month``
  drifts; :func:`add_months` never chains.
* Day counts are inclusive of both ends, as Partner Center counts billing days
  (June 20 → July 17 is 28 days).

Every function accepts :class:`datetime.date` and pendulum ``Date`` values and refuses datetimes
(a ``datetime`` *is* a ``date`` subclass, so this is checked explicitly). Results are plain
:class:`datetime.date` values.

>>> import datetime as dt
>>> from cspcore.dates import add_months, days_inclusive
>>> add_months(dt.date(2024, 1, 31), 1), add_months(dt.date(2024, 1, 31), 2)
(datetime.date(2024, 2, 29), datetime.date(2024, 3, 31))
>>> days_inclusive(dt.date(2022, 6, 20), dt.date(2022, 7, 17))
28

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import calendar
import datetime as dt

from cspcore import _validate
from cspcore._months import month_days, shifted
from cspcore.errors import ErrorCode, InvalidInput

__all__ = [
    "add_days",
    "add_months",
    "add_years",
    "days_in_month",
    "days_in_year",
    "days_inclusive",
    "is_last_day_of_month",
    "last_day_of_month",
]

_MIN_ORDINAL = dt.date.min.toordinal()
_MAX_ORDINAL = dt.date.max.toordinal()


def days_in_month(year: int, month: int) -> int:
    """The number of days in ``month`` of ``year``.

    >>> days_in_month(2024, 2), days_in_month(2023, 2), days_in_month(2024, 4)
    (29, 28, 30)
    """
    _validate.integer(year, "year", minimum=1, maximum=9999)
    _validate.integer(month, "month", minimum=1, maximum=12)
    return month_days(year, month)


def days_in_year(year: int) -> int:
    """365 or 366.

    >>> days_in_year(2024), days_in_year(2100)
    (366, 365)
    """
    _validate.integer(year, "year", minimum=1, maximum=9999)
    return 366 if calendar.isleap(year) else 365


def last_day_of_month(day: dt.date) -> dt.date:
    """The last day of ``day``'s month.

    >>> last_day_of_month(dt.date(2023, 2, 10))
    datetime.date(2023, 2, 28)
    """
    d = _validate.date(day, "day")
    return dt.date(d.year, d.month, month_days(d.year, d.month))


def is_last_day_of_month(day: dt.date) -> bool:
    """Tell whether ``day`` is the last day of its month.

    >>> is_last_day_of_month(dt.date(2024, 2, 29)), is_last_day_of_month(dt.date(2024, 2, 28))
    (True, False)
    """
    d = _validate.date(day, "day")
    return d.day == month_days(d.year, d.month)


def add_months(anchor: dt.date, months: int) -> dt.date:
    """Add ``months`` calendar months to ``anchor``, clamping the day to the target month's end.

    Always computed from the anchor: ``add_months(d, 2)`` is not ``add_months(add_months(d, 1), 1)``
    when the anchor's day does not exist in the month between.

    Raises:
        InvalidInput: for a datetime, a non-integer count or a result outside years 1-9999.

    >>> add_months(dt.date(2023, 1, 31), 1), add_months(dt.date(2024, 3, 31), -1)
    (datetime.date(2023, 2, 28), datetime.date(2024, 2, 29))
    """
    d = _validate.date(anchor, "anchor")
    n = _validate.integer(months, "months")
    year, month, day_of_month = shifted(d, n)
    if not 1 <= year <= dt.MAXYEAR:
        raise InvalidInput(
            "months", "the result falls outside years 1-9999", months, code=ErrorCode.OUT_OF_RANGE
        )
    return dt.date(year, month, day_of_month)


def add_years(anchor: dt.date, years: int) -> dt.date:
    """Add whole years (12 months each), clamping Feb 29 to Feb 28 in common years.

    >>> add_years(dt.date(2024, 2, 29), 1)
    datetime.date(2025, 2, 28)
    """
    return add_months(anchor, 12 * _validate.integer(years, "years"))


def add_days(day: dt.date, days: int) -> dt.date:
    """Add ``days`` days, with a clear error instead of :class:`OverflowError` at the calendar's ends.

    >>> add_days(dt.date(2024, 2, 28), 1)
    datetime.date(2024, 2, 29)
    """
    d = _validate.date(day, "day")
    n = _validate.integer(days, "days")
    ordinal = d.toordinal() + n
    if not _MIN_ORDINAL <= ordinal <= _MAX_ORDINAL:
        raise InvalidInput("days", "the result falls outside years 1-9999", days, code=ErrorCode.OUT_OF_RANGE)
    return dt.date.fromordinal(ordinal)


def days_inclusive(start: dt.date, end: dt.date) -> int:
    """Count the days from ``start`` to ``end``, both included.

    ``end`` may be the day before ``start`` (an empty period, 0 days) but no earlier.

    >>> days_inclusive(dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    29
    >>> days_inclusive(dt.date(2024, 3, 1), dt.date(2024, 2, 29))
    0
    """
    s = _validate.date(start, "start")
    e = _validate.date(end, "end")
    count = e.toordinal() - s.toordinal() + 1
    if count < 0:
        raise InvalidInput(
            "end", f"is more than one day before start {s.isoformat()}", e, code=ErrorCode.INCONSISTENT
        )
    return count
