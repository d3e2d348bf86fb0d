"""cspcore._months: the month arithmetic on (year, month, day) numbers is the calendar's, and carries
on past its ends (the day after 9999-12-31, the days of year 0) by the same rules."""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore._months import month_days, ordinal, shifted
from cspcore.dates import add_months

DAYS = st.dates()


@given(DAYS)
@example(dt.date.min)
@example(dt.date.max)
@example(dt.date(2024, 2, 29))
def test_the_ordinal_of_a_calendar_day_is_its_toordinal(day: dt.date) -> None:
    assert ordinal(day.year, day.month, day.day) == day.toordinal()


@given(st.integers(-400, 10_400), st.integers(1, 12))
@example(0, 2)  # year 0 is a leap year
@example(10_000, 2)
def test_ordinals_count_each_day_of_a_month_once(year: int, month: int) -> None:
    days = month_days(year, month)
    assert days == calendar.monthrange(year % 400 + 400, month)[1]
    assert ordinal(year, month, days) - ordinal(year, month, 1) == days - 1
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    assert ordinal(*following, 1) == ordinal(year, month, days) + 1


@given(DAYS, st.integers(-12 * 10_000, 12 * 10_000))
@example(dt.date(2024, 1, 31), 1)
@example(dt.date(9999, 12, 1), 1)  # January 1, 10000: numbers only
@example(dt.date(1, 1, 31), -1)  # December 31 of year 0
def test_shifting_by_months_is_add_months_where_the_calendar_holds_the_answer(
    day: dt.date, months: int
) -> None:
    year, month, date_of_month = shifted(day, months)
    assert 1 <= month <= 12
    assert 1 <= date_of_month <= month_days(year, month)
    assert date_of_month == min(day.day, month_days(year, month))
    assert year * 12 + month - 1 == day.year * 12 + day.month - 1 + months
    if dt.MINYEAR <= year <= dt.MAXYEAR:
        assert dt.date(year, month, date_of_month) == add_months(day, months)
