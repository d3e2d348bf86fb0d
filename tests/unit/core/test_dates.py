"""Examples for cspcore.dates."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.refusals import raises_invalid

from cspcore.dates import (
    add_days,
    add_months,
    add_years,
    days_in_month,
    days_in_year,
    days_inclusive,
    is_last_day_of_month,
    last_day_of_month,
)
from cspcore.errors import ErrorCode


@pytest.mark.parametrize(
    ("anchor", "months", "expected"),
    [
        (dt.date(2023, 1, 31), 1, dt.date(2023, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2024, 1, 31), 2, dt.date(2024, 3, 31)),
        (dt.date(2024, 1, 31), 3, dt.date(2024, 4, 30)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2024, 2, 29), 48, dt.date(2028, 2, 29)),
        (dt.date(2024, 3, 31), -1, dt.date(2024, 2, 29)),
        (dt.date(2024, 12, 31), 1, dt.date(2025, 1, 31)),
        (dt.date(2024, 1, 15), -13, dt.date(2022, 12, 15)),
        (dt.date(2024, 5, 30), 0, dt.date(2024, 5, 30)),
    ],
)
def test_add_months_clamps_to_month_end_from_the_anchor(
    anchor: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(anchor, months) == expected


def test_add_months_never_chains() -> None:
    chained = add_months(add_months(dt.date(2023, 1, 31), 1), 1)
    assert chained == dt.date(2023, 3, 28)
    assert add_months(dt.date(2023, 1, 31), 2) == dt.date(2023, 3, 31)


class CalendarDate(dt.date):
    """A date subclass, as calendar libraries (pendulum's ``Date``) make."""


def test_add_months_accepts_date_subclasses_and_returns_stdlib_dates() -> None:
    result = add_months(CalendarDate(2024, 1, 31), 1)
    assert result == dt.date(2024, 2, 29)
    assert type(result) is dt.date


@pytest.mark.parametrize(
    "bad",
    [dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 1, tzinfo=dt.UTC), "2024-01-01", None],  # noqa: DTZ001
)
def test_date_functions_refuse_datetimes_and_strings(bad: object) -> None:
    with raises_invalid(field="anchor", code=ErrorCode.WRONG_TYPE):
        add_months(bad, 1)  # type: ignore[arg-type]


def test_add_months_refuses_non_integer_counts_and_overflow() -> None:
    with raises_invalid(field="months", code=ErrorCode.WRONG_TYPE):
        add_months(dt.date(2024, 1, 1), 1.0)  # type: ignore[arg-type]
    with raises_invalid(field="months", code=ErrorCode.WRONG_TYPE):
        add_months(dt.date(2024, 1, 1), True)
    with raises_invalid(field="months", code=ErrorCode.OUT_OF_RANGE):
        add_months(dt.date(9999, 12, 1), 1)
    with raises_invalid(field="months", code=ErrorCode.OUT_OF_RANGE):
        add_months(dt.date(1, 1, 1), -1)


def test_add_years_clamps_feb_29() -> None:
    assert add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)


def test_add_days_and_its_bounds() -> None:
    assert add_days(dt.date(2024, 2, 28), 1) == dt.date(2024, 2, 29)
    assert add_days(dt.date(2024, 3, 1), -1) == dt.date(2024, 2, 29)
    with raises_invalid(field="days", code=ErrorCode.OUT_OF_RANGE):
        add_days(dt.date.max, 1)


def test_days_inclusive_counts_both_ends() -> None:
    # Partner Center counts June 20 to July 17 as 28 billing days.
    assert days_inclusive(dt.date(2022, 6, 20), dt.date(2022, 7, 17)) == 28
    assert days_inclusive(dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == 366
    assert days_inclusive(dt.date(2024, 1, 1), dt.date(2024, 1, 1)) == 1
    assert days_inclusive(dt.date(2024, 1, 2), dt.date(2024, 1, 1)) == 0


def test_days_inclusive_refuses_reversed_periods() -> None:
    with raises_invalid(field="end", code=ErrorCode.INCONSISTENT):
        days_inclusive(dt.date(2024, 1, 3), dt.date(2024, 1, 1))


def test_month_facts() -> None:
    assert last_day_of_month(dt.date(2100, 2, 1)) == dt.date(2100, 2, 28)
    assert last_day_of_month(dt.date(2000, 2, 1)) == dt.date(2000, 2, 29)
    assert is_last_day_of_month(dt.date(2023, 4, 30))
    assert not is_last_day_of_month(dt.date(2023, 3, 30))
    assert days_in_month(2024, 2) == 29
    assert days_in_year(2000) == 366
    assert days_in_year(1900) == 365


def test_month_facts_refuse_bad_numbers() -> None:
    with raises_invalid(field="month", code=ErrorCode.OUT_OF_RANGE):
        days_in_month(2024, 13)
    with raises_invalid(field="year", code=ErrorCode.OUT_OF_RANGE):
        days_in_year(0)
