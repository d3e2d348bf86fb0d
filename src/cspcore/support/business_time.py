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
from cspcore.support._timeline import (
    LAST_DAY,
    datetime_of,
    day_intervals,
    instant_of,
    local_day,
    midnight_of,
    offset_after,
)

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from cspcore.support.business_hours import BusinessHours

__all__ = ["business_time_between", "due_at"]

_ONE_DAY: Final = dt.timedelta(days=1)
_ZERO: Final = dt.timedelta(0)
_MIDNIGHT: Final = dt.time(0)
#: A schedule with no open instant for this many consecutive days is refused (holidays that cover
#: everything would otherwise make ``due_at`` loop for ever).
_MAX_CLOSED_DAYS: Final = 3_700
#: The longest span, in days, that ``due_at`` scans and ``business_time_between`` measures (about 200
#: years); beyond it the answer is refused rather than computed day by day.
_MAX_SPAN_DAYS: Final = 73_050


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
            (``naive_datetime``), a negative target, a due date beyond year 9999 (``target``,
            ``out_of_range``), or a ``received_at`` outside years 1 to 9999 in UTC or on the
            schedule's wall clock (``out_of_range``). Near the ends of the calendar the answer is
            exact, like anywhere else.

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
    moment = _validate.aware_datetime(received_at, "received_at")
    start = instant_of(_validate.instant(moment, "received_at"))  # inside the calendar in UTC
    remaining = check_target(target)
    schedule = check_hours(hours)
    if schedule is None:
        reached = start + remaining
    elif not remaining:
        return moment
    else:
        reached = _due(schedule, _day_of(schedule.zone, moment, "received_at", received_at), start, remaining)
    try:
        due = datetime_of(reached)
    except OverflowError:
        raise _beyond_the_calendar(target) from None
    return _local(due, moment, received_at, target)


def _beyond_the_calendar(target: object) -> InvalidInput:
    return InvalidInput(
        "target", "the due date would fall beyond year 9999", target, code=ErrorCode.OUT_OF_RANGE
    )


def _day_of(zone: ZoneInfo, moment: dt.datetime, field: str, value: object) -> dt.date:
    """The date of an instant (inside the calendar in UTC) on the schedule's wall clock, or a refusal."""
    try:
        return local_day(zone, moment)
    except OverflowError:
        raise InvalidInput(
            field,
            "its date on the schedule's wall clock falls before year 1 or after year 9999",
            value,
            code=ErrorCode.OUT_OF_RANGE,
        ) from None


def _local(due: dt.datetime, start: dt.datetime, received_at: object, target: object) -> dt.datetime:
    """``due`` in ``start``'s zone; a tzinfo that raises for this instant (it was checked) is refused."""
    try:
        return due.astimezone(start.tzinfo)
    except OverflowError:  # the due instant is in the calendar in UTC, not on the caller's wall clock
        raise _beyond_the_calendar(target) from None
    except Exception:  # noqa: BLE001 - the caller's tzinfo raised, whatever it raised
        raise InvalidInput(
            "received_at",
            "its tzinfo cannot give the local time of the due instant",
            received_at,
            code=ErrorCode.NAIVE_DATETIME,
        ) from None


def _due(hours: BusinessHours, day: dt.date, cursor: dt.timedelta, remaining: dt.timedelta) -> dt.timedelta:  # noqa: C901, PLR0912, PLR0915 - the hot loop is kept flat for speed
    """The instant (time since the calendar's start) ``remaining`` business time after ``cursor``.

    ``day`` is ``cursor``'s local date. Instants are ``timedelta`` values (``cspcore.support._timeline``), so
    local midnight of 0001-01-01 east of Greenwich, or the end of 9999-12-31 west of it, is no overflow.
    """
    zone = hours.zone
    plan = hours.plan_lookup  # the start day is checked by the caller; the walk asks day after day
    one_day = _ONE_DAY
    wall = dt.datetime.combine(day, _MIDNIGHT)  # local midnight, as the zone reads it
    epoch = wall - midnight_of(day)  # so that ``wall - epoch`` is that midnight in ``_timeline``'s terms
    offset: dt.timedelta | None = None
    target = remaining
    closed_days = 0
    last_day = day + dt.timedelta(days=_MAX_SPAN_DAYS) if day.year < 9_700 else LAST_DAY
    while True:
        ranges, total = plan(day)
        if ranges:
            if offset is None:
                offset = zone.utcoffset(wall) or _ZERO
            try:
                next_offset = zone.utcoffset(wall + one_day) or _ZERO
            except OverflowError:  # 9999-12-31: no midnight follows it in a datetime
                next_offset = offset_after(zone, day)
            if offset == next_offset:
                base = wall - epoch - offset
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
                for begin, end in day_intervals(zone, day, ranges):
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
            if day == LAST_DAY:
                raise _beyond_the_calendar(target)
            raise InvalidInput(
                "target",
                f"not reached within {_MAX_SPAN_DAYS} days of the schedule",
                target,
                code=ErrorCode.OUT_OF_RANGE,
            )
        wall += one_day
        day += one_day


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
        InvalidInput: A naive datetime; ``start`` or ``end`` outside years 1 to 9999 in UTC or on
            the schedule's wall clock (``out_of_range``); a span of more than about 200 years.

    >>> import datetime as dt
    >>> from cspcore.support import BusinessHours
    >>> hours = BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17))
    >>> friday = dt.datetime(2024, 3, 8, 15, 0, tzinfo=dt.UTC)
    >>> business_time_between(friday, friday + dt.timedelta(days=3), hours=hours)
    datetime.timedelta(seconds=28800)
    """
    first = _validate.instant(start, "start")
    last = _validate.instant(end, "end")
    schedule = check_hours(hours)
    if schedule is None:
        return last - first
    zone = schedule.zone
    first_day = _day_of(zone, first, "start", start)
    last_day = _day_of(zone, last, "end", end)
    # Order by instant: datetimes of one zone compare by wall clock, ignoring ``fold`` (PEP 495).
    if last < first:
        if (first_day - last_day).days > _MAX_SPAN_DAYS:
            raise InvalidInput(
                "start", f"more than {_MAX_SPAN_DAYS} days after end", start, code=ErrorCode.OUT_OF_RANGE
            )
        return -_between(schedule, (last_day, instant_of(last)), (first_day, instant_of(first)))
    if (last_day - first_day).days > _MAX_SPAN_DAYS:
        raise InvalidInput(
            "end", f"more than {_MAX_SPAN_DAYS} days after start", end, code=ErrorCode.OUT_OF_RANGE
        )
    return _between(schedule, (first_day, instant_of(first)), (last_day, instant_of(last)))


def _between(
    hours: BusinessHours, start: tuple[dt.date, dt.timedelta], end: tuple[dt.date, dt.timedelta]
) -> dt.timedelta:
    """The open time from ``start`` to ``end``, each a local date and its instant (``instant_of``)."""
    zone = hours.zone
    day, low = start
    last_day, high = end
    total = _ZERO
    while True:
        ranges, day_total = hours.plan_lookup(day)
        if ranges:
            midnight = midnight_of(day)
            offset = zone.utcoffset(dt.datetime.combine(day, _MIDNIGHT)) or _ZERO
            base = midnight - offset
            if (
                offset == offset_after(zone, day)
                and low <= base + ranges[0][0]
                and base + ranges[-1][1] <= high
            ):
                total += day_total
            else:
                for begin, finish in day_intervals(zone, day, ranges):
                    overlap = min(finish, high) - max(begin, low)
                    if overlap > _ZERO:
                        total += overlap
        if day >= last_day:
            return total
        day += _ONE_DAY
