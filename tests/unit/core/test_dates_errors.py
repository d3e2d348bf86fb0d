"""Bad input and calendar edges for cspcore.dates: every refusal names its field, problem and value."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest

import cspcore.dates
from cspcore import InvalidInput
from cspcore.dates import (
    add_days,
    add_months,
    add_years,
    days_in_month,
    days_in_year,
    days_inclusive,
)
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable

#: The module, untyped, so that the table below can pass ill-typed arguments.
loose: Any = cspcore.dates
A_DATETIME = dt.datetime(2024, 1, 31, tzinfo=dt.UTC)
DATETIME_PROBLEM = "expected a date, got a datetime; pass .date() if that is meant"


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (lambda: loose.days_in_month(0, 1), "year", ErrorCode.OUT_OF_RANGE),
        (lambda: loose.days_in_month(10_000, 1), "year", ErrorCode.OUT_OF_RANGE),
        (lambda: loose.days_in_month("2024", 1), "year", ErrorCode.WRONG_TYPE),
        (lambda: loose.days_in_month(2024, 0), "month", ErrorCode.OUT_OF_RANGE),
        (lambda: loose.days_in_month(2024, 13), "month", ErrorCode.OUT_OF_RANGE),
        (lambda: loose.days_in_month(2024, True), "month", ErrorCode.WRONG_TYPE),
        (lambda: loose.days_in_year(0), "year", ErrorCode.OUT_OF_RANGE),
        (lambda: loose.days_in_year(10_000), "year", ErrorCode.OUT_OF_RANGE),
        (lambda: loose.days_in_year(2024.0), "year", ErrorCode.WRONG_TYPE),
        (
            lambda: loose.last_day_of_month("2024-01-31"),
            "day",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: loose.last_day_of_month(A_DATETIME), "day", ErrorCode.WRONG_TYPE),
        (lambda: loose.is_last_day_of_month(None), "day", ErrorCode.WRONG_TYPE),
        (
            lambda: loose.is_last_day_of_month(A_DATETIME),
            "day",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.add_months(A_DATETIME, 1),
            "anchor",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: loose.add_months(dt.date(2024, 1, 31), "1"), "months", ErrorCode.WRONG_TYPE),
        (
            lambda: loose.add_years(A_DATETIME, 1),
            "anchor",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: loose.add_years(dt.date(2024, 2, 29), 1.0), "years", ErrorCode.WRONG_TYPE),
        (lambda: loose.add_days(A_DATETIME, 1), "day", ErrorCode.WRONG_TYPE),
        (lambda: loose.add_days(dt.date(2024, 1, 1), False), "days", ErrorCode.WRONG_TYPE),
        (
            lambda: loose.days_inclusive(A_DATETIME, dt.date(2024, 2, 1)),
            "start",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.days_inclusive(dt.date(2024, 2, 1), "2024-02-29"),
            "end",
            ErrorCode.WRONG_TYPE,
        ),
    ],
)
def test_bad_input_names_the_field_the_problem_and_the_value(
    call: Callable[[], Any], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert field == caught.value.field
    assert code == caught.value.code


class TestCalendarEnds:
    def test_the_first_and_last_supported_years_have_their_days(self) -> None:
        assert days_in_month(1, 1) == 31
        assert days_in_month(9999, 12) == 31
        assert days_in_year(1) == 365
        assert days_in_year(9999) == 365

    def test_january_and_december_are_valid_months(self) -> None:
        assert days_in_month(2023, 1) == 31
        assert days_in_month(2023, 12) == 31

    def test_months_can_be_added_up_to_the_first_and_last_supported_month(self) -> None:
        assert dt.date(1, 1, 31) == add_months(dt.date(1, 12, 31), -11)
        assert dt.date(9999, 12, 31) == add_months(dt.date(9999, 1, 31), 11)

    def test_months_past_the_calendar_are_refused_naming_the_count(self) -> None:
        with pytest.raises(InvalidInput) as after:
            add_months(dt.date(9999, 12, 1), 1)
        assert (after.value.field, after.value.code) == ("months", ErrorCode.OUT_OF_RANGE)
        assert after.value.field == "months"
        assert after.value.value == 1
        with pytest.raises(InvalidInput) as before:
            add_months(dt.date(1, 1, 1), -1)
        assert (before.value.field, before.value.code) == ("months", ErrorCode.OUT_OF_RANGE)

    def test_years_past_the_calendar_are_refused_as_months(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            add_years(dt.date(9999, 1, 1), 1)
        assert (caught.value.field, caught.value.code) == ("months", ErrorCode.OUT_OF_RANGE)

    def test_days_can_be_added_up_to_the_first_and_last_day_of_the_calendar(self) -> None:
        assert dt.date.min == add_days(dt.date(1, 1, 2), -1)
        assert dt.date.max == add_days(dt.date(9999, 12, 30), 1)

    def test_days_past_the_calendar_are_refused_naming_the_count(self) -> None:
        with pytest.raises(InvalidInput) as after:
            add_days(dt.date.max, 1)
        assert (after.value.field, after.value.code) == ("days", ErrorCode.OUT_OF_RANGE)
        assert after.value.field == "days"
        assert after.value.value == 1
        with pytest.raises(InvalidInput) as before:
            add_days(dt.date.min, -2)
        assert (before.value.field, before.value.code) == ("days", ErrorCode.OUT_OF_RANGE)

    def test_an_end_two_days_before_the_start_is_refused_naming_the_start(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            days_inclusive(dt.date(2024, 3, 1), dt.date(2024, 2, 28))
        assert caught.value.field == "end"
        assert dt.date(2024, 2, 28) == caught.value.value
        assert (caught.value.field, caught.value.code) == ("end", ErrorCode.INCONSISTENT)
