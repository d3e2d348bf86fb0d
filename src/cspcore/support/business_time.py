"""Business-time arithmetic: when a target is due, and how much business time lies between two instants.

Both count real elapsed time inside the open instants of a :class:`~cspcore.support.BusinessHours`
schedule (or round the clock with ``hours=None``), so results are exact to the microsecond across
daylight-saving changes.

>>> import datetime as dt
>>> from cspcore.support import BusinessHours, business_time_between, due_at
>>> prague = BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17))
>>> friday_4pm = dt.datetime(2024, 3, 8, 16, 0, tzinfo=dt.timezone.utc)  # 17:00 in Prague
>>> due = due_at(friday_4pm, dt.timedelta(hours=4), hours=prague)
>>> due.isoformat(), business_time_between(friday_4pm, due, hours=prague)
('2024-03-11T12:00:00+00:00', datetime.timedelta(seconds=14400))

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from cspcore import _validate
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.support._hours_args import check_hours, check_target

if TYPE_CHECKING:
    from cspcore.support.business_hours import BusinessHours

__all__ = ["business_time_between", "due_at"]

_UTC: Final = dt.UTC
_ONE_DAY: Final = dt.timedelta(days=1)
_ZERO: Final = dt.timedelta(0)
_MIDNIGHT: Final = dt.time(0)
#: A schedule with no open instant for this many consecutive days is refused (holidays that cover
#: everything would otherwise make ``due_at`` loop for ever).
_MAX_CLOSED_DAYS: Final = 3_700
#: The longest span, in days, that ``due_at`` scans and ``business_time_between`` measures (about 200
#: years); beyond it the answer is refused rather than computed day by day.
_MAX_SPAN_DAYS: Final = 73_050


def _naive_utc_intervals(hours: BusinessHours, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """A day's open intervals as naive UTC datetimes, the form the loops below compare."""
    return [(begin.replace(tzinfo=None), end.replace(tzinfo=None)) for begin, end in hours.utc_intervals(day)]


def _midnight(day: dt.date) -> dt.datetime:
    """Local midnight of ``day`` as a wall-clock (naive) datetime."""
    return dt.datetime.combine(day, _MIDNIGHT)


def due_at(received_at: dt.datetime, target: dt.timedelta, *, hours: BusinessHours | None) -> dt.datetime:
    """The instant a target is reached, counting only business time.

    The result is the earliest instant ``t`` at which ``target`` of business time has passed since
    ``received_at``; a target of zero is due at once. A request that arrives while the desk is
    closed starts counting at the next opening. With ``hours=None`` the clock runs round the clock
    (Microsoft's initial-response times for English-language break-fix support run so; see
    ``report-problems-on-behalf-of-a-customer.md``, "How quickly will I get an initial response?").

    Args:
        received_at: When the request arrived (timezone-aware).
        target: The business time allowed (``timedelta(hours=4)``).
        hours: The schedule, or ``None`` for round the clock.

    Returns:
        The due instant, in ``received_at``'s time zone, as a plain ``datetime`` (a subclass given,
        pendulum's ``DateTime`` say, is read as the plain ``datetime`` it holds).

    Raises:
        InvalidInput: A naive ``received_at`` or one whose tzinfo cannot convert from UTC
            (``naive_datetime``), a negative target, or a due date beyond year 9999.

    >>> import datetime as dt
    >>> from cspcore.support import BusinessHours
    >>> hours = BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17))
    >>> from zoneinfo import ZoneInfo
    >>> saturday = dt.datetime(2024, 3, 30, 10, 0, tzinfo=ZoneInfo("Europe/Prague"))
    >>> due_at(saturday, dt.timedelta(hours=8), hours=hours).isoformat()
    '2024-04-01T17:00:00+02:00'
    >>> due_at(saturday, dt.timedelta(hours=8), hours=None).isoformat()
    '2024-03-30T18:00:00+01:00'
    """
    start = _validate.aware_datetime(received_at, "received_at")
    remaining = check_target(target)
    schedule = check_hours(hours)
    if schedule is not None and not remaining:
        return start
    try:
        if schedule is None:
            due = start.astimezone(_UTC) + remaining
        else:
            due = _due(schedule, start, remaining).replace(tzinfo=_UTC)
        return _local(due, start, received_at)
    except OverflowError:
        raise InvalidInput(
            "target", "the due date would fall beyond year 9999", target, code=ErrorCode.OUT_OF_RANGE
        ) from None


def _local(due: dt.datetime, start: dt.datetime, received_at: object) -> dt.datetime:
    """``due`` in ``start``'s zone; a tzinfo that raises for this instant (it was checked) is refused."""
    try:
        return due.astimezone(start.tzinfo)
    except OverflowError:
        raise
    except Exception:  # noqa: BLE001 - the caller's tzinfo raised, whatever it raised
        raise InvalidInput(
            "received_at",
            "its tzinfo cannot give the local time of the due instant",
            received_at,
            code=ErrorCode.NAIVE_DATETIME,
        ) from None


def _due(hours: BusinessHours, start: dt.datetime, remaining: dt.timedelta) -> dt.datetime:  # noqa: C901, PLR0912 - the hot loop is kept flat for speed
    zone = hours.zone
    plan = hours.plan_lookup  # the start day is checked by the caller; the walk asks day after day
    cursor = start.astimezone(_UTC).replace(tzinfo=None)
    day = start.astimezone(zone).date()
    midnight = dt.datetime.combine(day, _MIDNIGHT)
    offset: dt.timedelta | None = None
    target = remaining
    closed_days = 0
    last_day = day + dt.timedelta(days=_MAX_SPAN_DAYS) if day.year < 9_700 else dt.date.max
    while True:
        following = midnight + _ONE_DAY
        ranges, total = plan(day)
        if ranges:
            if offset is None:
                offset = zone.utcoffset(midnight) or _ZERO
            next_offset = zone.utcoffset(following) or _ZERO
            if offset == next_offset:
                base = midnight - offset
                if remaining > total and cursor <= base + ranges[0][0]:
                    remaining -= total
                    cursor = base + ranges[-1][1]
                else:
                    for o, c in ranges:
                        end = base + c
                        if end <= cursor:
                            continue
                        begin = base + o
                        begin = max(begin, cursor)
                        available = end - begin
                        if remaining <= available:
                            return begin + remaining
                        remaining -= available
                        cursor = end
            else:
                for begin, end in _naive_utc_intervals(hours, day):
                    if end <= cursor:
                        continue
                    start_at = max(begin, cursor)
                    available = end - start_at
                    if remaining <= available:
                        return start_at + remaining
                    remaining -= available
                    cursor = end
            offset = next_offset
            closed_days = 0
        else:
            offset = None
            closed_days += 1
            if closed_days > _MAX_CLOSED_DAYS:
                raise InvalidInput(
                    "hours",
                    f"closed for more than {_MAX_CLOSED_DAYS} days in a row",
                    hours,
                    code=ErrorCode.OUT_OF_RANGE,
                )
        if day >= last_day:
            raise InvalidInput(
                "target",
                f"not reached within {_MAX_SPAN_DAYS} days of the schedule",
                target,
                code=ErrorCode.OUT_OF_RANGE,
            )
        midnight = following
        day += _ONE_DAY


def business_time_between(
    start: dt.datetime, end: dt.datetime, *, hours: BusinessHours | None
) -> dt.timedelta:
    """The business time from ``start`` to ``end`` (negative when ``end`` is earlier).

    ``business_time_between(t, due_at(t, d, hours=h), hours=h) == d`` for every ``t`` and ``d``.

    Args:
        start: An aware datetime.
        end: An aware datetime.
        hours: The schedule, or ``None`` for round the clock (then it is ``end - start``).

    Returns:
        The open time inside ``[start, end)``.

    Raises:
        InvalidInput: A naive datetime.

    >>> import datetime as dt
    >>> from cspcore.support import BusinessHours
    >>> hours = BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17))
    >>> friday = dt.datetime(2024, 3, 8, 15, 0, tzinfo=dt.UTC)
    >>> business_time_between(friday, friday + dt.timedelta(days=3), hours=hours)
    datetime.timedelta(seconds=28800)
    """
    first = _validate.aware_datetime(start, "start")
    last = _validate.aware_datetime(end, "end")
    schedule = check_hours(hours)
    if schedule is None:
        return _validate.instant(last, "end") - _validate.instant(first, "start")
    try:
        # Order by instant: datetimes of one zone compare by wall clock, ignoring ``fold`` (PEP 495).
        if _validate.instant(last, "end") < _validate.instant(first, "start"):
            return -_between(schedule, last, first)
        return _between(schedule, first, last)
    except OverflowError:
        raise InvalidInput(
            "end",
            "too close to the ends of the calendar (years 1 and 9999)",
            end,
            code=ErrorCode.OUT_OF_RANGE,
        ) from None


def _between(hours: BusinessHours, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    zone = hours.zone
    low = start.astimezone(_UTC).replace(tzinfo=None)
    high = end.astimezone(_UTC).replace(tzinfo=None)
    day = start.astimezone(zone).date()
    last_day = end.astimezone(zone).date()
    if (last_day - day).days > _MAX_SPAN_DAYS:
        raise InvalidInput(
            "end", f"more than {_MAX_SPAN_DAYS} days after start", end, code=ErrorCode.OUT_OF_RANGE
        )
    total = _ZERO
    while day <= last_day:
        midnight = _midnight(day)
        ranges, day_total = hours.day_plan(day)
        if ranges:
            offset = zone.utcoffset(midnight) or _ZERO
            if offset == (zone.utcoffset(midnight + _ONE_DAY) or _ZERO):
                base = midnight - offset
                if low <= base + ranges[0][0] and base + ranges[-1][1] <= high:
                    total += day_total
                    day += _ONE_DAY
                    continue
            for begin, finish in _naive_utc_intervals(hours, day):
                overlap = min(finish, high) - max(begin, low)
                if overlap > _ZERO:
                    total += overlap
        day += _ONE_DAY
    return total
