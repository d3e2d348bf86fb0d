"""``due_at`` counts only business time: its day-plan walk equals a plain loop over wall-clock ranges.

The reference is the straightforward reading of a schedule whose ranges lie away from the hours clocks
change (Prague, 9:00-12:00 and 13:00-17:00 on weekdays, Czech public holidays): walk the local days, skip
the holidays and weekends, and spend the target range by range in wall-clock time. ``due_at`` (which
works in UTC offsets per day, skips whole days by their totals, and handles days whose offset changes)
must give the same instant, to the microsecond, for any request and target.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore.support import BusinessHours, due_at

ZONE = ZoneInfo("Europe/Prague")
WEEKLY = {d: ((dt.time(9), dt.time(12)), (dt.time(13), dt.time(17))) for d in range(5)}
HOLIDAYS = frozenset(
    dt.date(year, month, day)
    for year, easter_friday, easter_monday in ((2024, (3, 29), (4, 1)), (2025, (4, 18), (4, 21)))
    for month, day in (
        (1, 1), easter_friday, easter_monday, (5, 1), (5, 8), (7, 5), (7, 6), (9, 28), (10, 28),
        (11, 17), (12, 24), (12, 25), (12, 26),
    )
)  # fmt: skip
HOURS = BusinessHours(tz="Europe/Prague", weekly=WEEKLY, holidays=HOLIDAYS)
FIRST = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def reference_due(start: dt.datetime, target: dt.timedelta) -> dt.datetime:
    """Walk the local days; skip holidays; spend each range in wall-clock time (no range meets a DST hour)."""
    local = start.astimezone(ZONE).replace(tzinfo=None)
    remaining, day = target, local.date()
    if not remaining:
        return start
    while True:
        if day not in HOLIDAYS:
            for opens, closes in WEEKLY.get(day.weekday(), ()):
                begin, end = dt.datetime.combine(day, opens), dt.datetime.combine(day, closes)
                if end <= local:
                    continue
                begin = max(begin, local)
                if remaining <= end - begin:
                    return (begin + remaining).replace(tzinfo=ZONE)
                remaining -= end - begin
        day += dt.timedelta(days=1)


def _at(local: str) -> dt.datetime:
    return dt.datetime.fromisoformat(local).replace(tzinfo=ZONE)


@given(
    st.integers(0, 2 * 365 * 24 * 3600 * 10**6 - 1).map(lambda us: FIRST + dt.timedelta(microseconds=us)),
    st.integers(0, 200 * 3600 * 10**6).map(lambda us: dt.timedelta(microseconds=us)),
)
@example(_at("2024-03-29T10:00"), dt.timedelta(hours=8))  # Good Friday, then Easter Monday
@example(_at("2024-03-30T23:30"), dt.timedelta(hours=8))  # the night clocks spring forward
@example(_at("2024-10-27T02:30"), dt.timedelta(hours=8))  # inside the repeated hour
@example(_at("2024-10-25T16:59:59.999999"), dt.timedelta(microseconds=2))  # across a weekend
@example(_at("2024-12-23T17:00"), dt.timedelta(hours=8))  # closing time, then Christmas
@example(_at("2024-07-04T12:00"), dt.timedelta(hours=5))  # lunch, then a holiday on a Friday
@example(_at("2025-12-31T08:00"), dt.timedelta(0))
@example(_at("2024-01-01T00:00"), dt.timedelta(hours=3))  # New Year's Day, then the range end exactly
def test_due_at_equals_the_plain_wall_clock_loop(start: dt.datetime, target: dt.timedelta) -> None:
    assert due_at(start, target, hours=HOURS) == reference_due(start, target)
