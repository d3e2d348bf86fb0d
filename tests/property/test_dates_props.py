"""Laws of calendar arithmetic."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore.dates import add_days, add_months, days_inclusive, is_last_day_of_month, last_day_of_month
from cspcore.testing.strategies import dates

month_counts = st.integers(-240, 240)


@given(dates(), month_counts)
@example(dt.date(2024, 1, 31), 1)
@example(dt.date(2024, 2, 29), 12)
@example(dt.date(2023, 3, 31), -1)
@example(dt.date(2024, 12, 31), 2)
def test_add_months_lands_in_the_right_month_without_overflowing(anchor: dt.date, months: int) -> None:
    result = add_months(anchor, months)
    assert (result.year * 12 + result.month) - (anchor.year * 12 + anchor.month) == months
    assert result.day == min(anchor.day, last_day_of_month(result).day)


@given(dates(), month_counts)
@example(dt.date(2024, 1, 31), 1)
def test_add_months_keeps_the_day_or_clamps_to_the_month_end(anchor: dt.date, months: int) -> None:
    result = add_months(anchor, months)
    assert result.day == anchor.day or (is_last_day_of_month(result) and result.day < anchor.day)


@given(dates(), month_counts)
@example(dt.date(2024, 1, 31), 1)
def test_add_months_round_trips_when_the_day_exists(anchor: dt.date, months: int) -> None:
    there = add_months(anchor, months)
    if there.day == anchor.day:
        assert add_months(there, -months) == anchor


@given(dates(), st.integers(0, 48), st.integers(0, 48))
@example(dt.date(2023, 1, 31), 1, 1)
def test_add_months_is_monotone(anchor: dt.date, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert add_months(anchor, low) <= add_months(anchor, high)


@given(dates(), st.integers(0, 5000))
def test_days_inclusive_counts_added_days(start: dt.date, days: int) -> None:
    assert days_inclusive(start, add_days(start, days)) == days + 1


@given(dates(), dates(), dates())
def test_days_inclusive_is_additive_over_adjacent_periods(a: dt.date, b: dt.date, c: dt.date) -> None:
    first, middle, last = sorted((a, b, c))
    assert days_inclusive(first, middle) + days_inclusive(add_days(middle, 1), last) == days_inclusive(
        first, last
    )
