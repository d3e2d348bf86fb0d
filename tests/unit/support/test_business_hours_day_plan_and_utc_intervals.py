"""A schedule's day plan and its UTC intervals agree with each other and with the business-time arithmetic."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore.errors import ErrorCode, InvalidInput
from cspcore.support import BusinessHours, business_time_between

PRAGUE = BusinessHours(
    tz="Europe/Prague",
    weekly={d: ((dt.time(0, 30), dt.time(3)), (dt.time(9), dt.time(17))) for d in range(7)},
    holidays={dt.date(2024, 5, 1)},
    overrides={dt.date(2024, 12, 24): ((dt.time(8), dt.time(12)),)},
)
DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))


def _local_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    zone = ZoneInfo(PRAGUE.tz)
    start = dt.datetime.combine(day, dt.time(0), tzinfo=zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    return start, end


@given(DAYS)
@example(dt.date(2024, 3, 31))  # clocks spring forward inside the 00:30-03:00 range
@example(dt.date(2024, 10, 27))  # clocks fall back inside it
@example(dt.date(2024, 5, 1))  # a holiday
@example(dt.date(2024, 12, 24))  # an override
def test_utc_intervals_measure_the_business_time_of_the_day(day: dt.date) -> None:
    intervals = PRAGUE.utc_intervals(day)
    start, end = _local_day_bounds(day)
    measured = sum((e - b for b, e in intervals), dt.timedelta(0))
    assert measured == business_time_between(start, end, hours=PRAGUE)
    assert intervals == sorted(intervals)
    for (_, first_end), (second_begin, _) in itertools.pairwise(intervals):
        assert first_end <= second_begin
    for begin, finish in intervals:
        assert begin.tzinfo is dt.UTC
        assert begin < finish
        assert PRAGUE.is_open(begin)
        assert not PRAGUE.is_open(finish) or any(b == finish for b, _ in intervals)


@given(DAYS)
@example(dt.date(2024, 3, 31))
@example(dt.date(2024, 10, 27))
def test_day_plan_total_is_its_ranges_and_matches_the_intervals_when_the_offset_holds(day: dt.date) -> None:
    ranges, total = PRAGUE.day_plan(day)
    assert total == sum((close - opens for opens, close in ranges), dt.timedelta(0))
    assert len(ranges) == len(PRAGUE.ranges_on(day))
    zone = ZoneInfo(PRAGUE.tz)
    start, end = _local_day_bounds(day)
    same_offset = zone.utcoffset(start.replace(tzinfo=None)) == zone.utcoffset(end.replace(tzinfo=None))
    measured = sum((e - b for b, e in PRAGUE.utc_intervals(day)), dt.timedelta(0))
    if same_offset:
        assert measured == total
    else:
        assert abs(measured - total) == dt.timedelta(hours=1)


def test_a_holiday_has_an_empty_plan_and_an_override_replaces_the_week() -> None:
    assert PRAGUE.day_plan(dt.date(2024, 5, 1)) == ((), dt.timedelta(0))
    assert PRAGUE.day_plan(dt.date(2024, 12, 24)) == (
        ((dt.timedelta(hours=8), dt.timedelta(hours=12)),),
        dt.timedelta(hours=4),
    )


@pytest.mark.parametrize("bad", [dt.datetime(2024, 1, 1, tzinfo=dt.UTC), "2024-01-01", None, 20240101])
@pytest.mark.parametrize("method", ["day_plan", "utc_intervals"])
def test_a_day_that_is_not_a_date_is_refused(method: str, bad: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        getattr(PRAGUE, method)(bad)
    assert caught.value.field == "day"


def test_open_hours_before_year_1_in_utc_are_refused_not_overflowed() -> None:
    """00:30 on 0001-01-01 in Prague (local mean time, UTC+0:57:44) is an instant of year 0 in UTC."""
    with pytest.raises(InvalidInput) as caught:
        PRAGUE.utc_intervals(dt.date.min)
    assert (caught.value.field, caught.value.code) == ("day", ErrorCode.OUT_OF_RANGE)


def test_the_last_day_of_the_calendar_has_its_intervals() -> None:
    assert PRAGUE.utc_intervals(dt.date.max) == [
        (dt.datetime(9999, 12, 30, 23, 30, tzinfo=dt.UTC), dt.datetime(9999, 12, 31, 2, tzinfo=dt.UTC)),
        (dt.datetime(9999, 12, 31, 8, tzinfo=dt.UTC), dt.datetime(9999, 12, 31, 16, tzinfo=dt.UTC)),
    ]
