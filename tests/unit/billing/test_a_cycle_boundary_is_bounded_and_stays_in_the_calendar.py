"""``cycle_boundary`` moves at most ``MAX_MONTHS`` months either way and refuses a boundary before year 1
or after year 9999 with InvalidInput on ``months`` (``out_of_range``), never a ValueError; ``monthly`` is
a bool."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore.billing.cycles import MAX_MONTHS, cycle_boundary
from cspcore.errors import ErrorCode


@pytest.mark.parametrize(
    ("anchor", "months"),
    [
        (dt.date(9999, 12, 31), 1),
        (dt.date(9999, 12, 1), 1),
        (dt.date(1, 1, 31), -1),
        (dt.date(2024, 1, 31), 10**6),
        (dt.date(2024, 1, 31), -(10**6)),
        (dt.date(2024, 1, 31), MAX_MONTHS + 1),
    ],
)
def test_a_boundary_off_the_calendar_or_too_far_is_refused_on_months(anchor: dt.date, months: int) -> None:
    with raises_invalid(field="months", code=ErrorCode.OUT_OF_RANGE):
        cycle_boundary(anchor, months)


def test_the_calendars_first_and_last_months_are_reached() -> None:
    assert dt.date(9999, 12, 31) == cycle_boundary(dt.date(9999, 11, 30), 1)
    assert dt.date(1, 1, 31) == cycle_boundary(dt.date(1, 2, 28), -1)
    assert dt.date(9999, 12, 1) == cycle_boundary(dt.date(1, 1, 1), MAX_MONTHS - 1)


@pytest.mark.parametrize("monthly", [1, "yes", None])
def test_monthly_is_a_bool(monthly: object) -> None:
    with raises_invalid(field="monthly", code=ErrorCode.WRONG_TYPE):
        cycle_boundary(dt.date(2024, 1, 31), 1, monthly=monthly)  # type: ignore[arg-type]


@given(
    anchor=st.dates(),
    months=st.integers(min_value=-(10**7), max_value=10**7),
    monthly=st.booleans(),
)
@example(anchor=dt.date(9999, 12, 31), months=1, monthly=True)
@example(anchor=dt.date(1, 1, 1), months=-1, monthly=False)
@example(anchor=dt.date(2024, 2, 29), months=MAX_MONTHS, monthly=True)
def test_a_boundary_is_in_the_calendar_and_in_the_target_month_or_refused_on_months(
    anchor: dt.date, months: int, monthly: bool
) -> None:
    target = anchor.year * 12 + anchor.month - 1 + months
    if abs(months) > MAX_MONTHS or not 1 <= target // 12 <= 9999:
        with raises_invalid(field="months", code=ErrorCode.OUT_OF_RANGE):
            cycle_boundary(anchor, months, monthly=monthly)
    else:
        boundary = cycle_boundary(anchor, months, monthly=monthly)
        assert (boundary.year, boundary.month - 1) == divmod(target, 12)
