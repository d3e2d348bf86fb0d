"""UTC instants as time since the calendar's first instant, so that arithmetic at its ends cannot overflow.

Internal: the public names here are for :mod:`cspcore.support.business_hours` and
:mod:`cspcore.support.business_time` only.

A ``datetime`` holds nothing before 0001-01-01 or after 9999-12-31, yet the arithmetic of a schedule
steps past both on valid input: local midnight of 0001-01-01 in Prague is an instant of year 0 in
UTC, and the end of 9999-12-31 in New York one of year 10000. So the business-time arithmetic keeps
a UTC instant as the ``timedelta`` since 0001-01-01T00:00Z, which holds every instant a day's
schedule needs; a ``datetime`` is made only of an answer, and an answer outside the calendar is
refused by the caller, under its own argument.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> prague = ZoneInfo("Europe/Prague")
>>> ((start, end),) = day_intervals(prague, dt.date.min, ((dt.timedelta(0), dt.timedelta(hours=9)),))
>>> start < dt.timedelta(0)  # local midnight of the first day falls in year 0 in UTC
True
>>> instant_of(dt.datetime(1, 1, 1, 9, tzinfo=prague)) - start, end - start
(datetime.timedelta(seconds=32400), datetime.timedelta(seconds=32400))
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterator
    from zoneinfo import ZoneInfo

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "Ranges",
    "datetime_of",
    "day_intervals",
    "instant_of",
    "local_day",
    "midnight_of",
    "offset_after",
]

#: One day's ranges as offsets from local midnight (a close at midnight is an offset of one day).
Ranges = tuple[tuple[dt.timedelta, dt.timedelta], ...]

_EPOCH: Final = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
_ONE_DAY: Final = dt.timedelta(days=1)
_ZERO: Final = dt.timedelta(0)
_STEP: Final = dt.timedelta(hours=1)
_TICK: Final = dt.timedelta(microseconds=1)
FIRST_DAY: Final = dt.date.min
LAST_DAY: Final = dt.date.max
#: The first and last wall-clock instants of the calendar; the zone's offsets there stand for its
#: offsets just outside it (fold=1: after a change of offset at the very end, the new one).
_FIRST_WALL: Final = dt.datetime.combine(dt.date.min, dt.time.min)
_LAST_WALL: Final = dt.datetime.combine(dt.date.max, dt.time.max.replace(fold=1))


def instant_of(moment: dt.datetime) -> dt.timedelta:
    """An aware ``datetime`` as the time since 0001-01-01T00:00Z (negative before it); never overflows."""
    return moment - _EPOCH


def datetime_of(instant: dt.timedelta) -> dt.datetime:
    """The UTC ``datetime`` of an instant; ``OverflowError`` outside years 1 to 9999."""
    return _EPOCH + instant


def local_day(zone: ZoneInfo, moment: dt.datetime) -> dt.date:
    """The date of ``moment`` on the wall clock of ``zone``; ``OverflowError`` outside years 1 to 9999."""
    return moment.astimezone(zone).date()


def midnight_of(day: dt.date) -> dt.timedelta:
    """Local midnight of ``day`` as a wall-clock time since 0001-01-01T00:00 (no offset applied)."""
    return day - FIRST_DAY


def offset_after(zone: ZoneInfo, day: dt.date) -> dt.timedelta:
    """The zone's UTC offset at the local midnight that ends ``day`` (at 9999-12-31, at its last instant)."""
    if day < LAST_DAY:
        return zone.utcoffset(dt.datetime.combine(day + _ONE_DAY, dt.time(0))) or _ZERO
    return zone.utcoffset(_LAST_WALL) or _ZERO


def day_intervals(zone: ZoneInfo, day: dt.date, ranges: Ranges) -> list[tuple[dt.timedelta, dt.timedelta]]:
    """The open instants of a local date with these ranges, as sorted intervals ``[open, close)``.

    Intervals may touch, never overlap. On a day whose UTC offset changes, a range across the gap
    loses it and a range across the repeated hour gets both passes.
    """
    if not ranges:
        return []
    midnight = midnight_of(day)
    offset = zone.utcoffset(dt.datetime.combine(day, dt.time(0))) or _ZERO
    next_offset = offset_after(zone, day)
    if offset == next_offset:
        base = midnight - offset
        return [(base + o, base + c) for o, c in ranges]
    # The day's instants split into pieces of constant offset. A wall-clock range maps into each
    # piece by that piece's offset, so a range across a gap loses the gap and a range across a
    # repeated hour gets both passes.
    pieces = list(_pieces(zone, midnight - offset, midnight + _ONE_DAY - next_offset))
    found = [
        (max(midnight + o - piece_offset, p0), min(midnight + c - piece_offset, p1))
        for p0, p1, piece_offset in pieces
        for o, c in ranges
    ]
    return sorted((s, e) for s, e in found if s < e)


def _offset_at(zone: ZoneInfo, instant: dt.timedelta) -> dt.timedelta:
    try:
        local = (_EPOCH + instant).astimezone(zone)
    except OverflowError:  # outside the calendar: the offset at its nearer end
        return zone.utcoffset(_FIRST_WALL if instant < _ONE_DAY else _LAST_WALL) or _ZERO
    offset = local.utcoffset()
    return offset if offset is not None else _ZERO  # pragma: no cover - ZoneInfo always has one


def _pieces(
    zone: ZoneInfo, start: dt.timedelta, end: dt.timedelta
) -> Iterator[tuple[dt.timedelta, dt.timedelta, dt.timedelta]]:
    """Split ``[start, end)`` where the zone's offset changes, found to the microsecond."""
    cursor, current = start, _offset_at(zone, start)
    probe = start
    while probe < end:
        following = min(probe + _STEP, end)
        if _offset_at(zone, following) == current:
            probe = following
            continue
        low, high = probe, following
        while high - low > _TICK:
            middle = low + (high - low) // 2
            if _offset_at(zone, middle) == current:
                low = middle
            else:
                high = middle
        yield cursor, high, current
        cursor = probe = high
        current = _offset_at(zone, high)
    yield cursor, end, current
