"""cycle_boundary called directly: the month-end rule and its refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore import InvalidInput
from cspcore.billing.cycles import charge_cycles, cycle_boundary
from cspcore.errors import ErrorCode

D = dt.date


@pytest.mark.parametrize(
    ("anchor", "months", "monthly", "expected"),
    [
        (D(2021, 1, 31), 1, True, D(2021, 2, 28)),  # the last day lands on the last day
        (D(2021, 1, 30), 1, True, D(2021, 2, 27)),  # the day before the last on the day before the last
        (D(2021, 1, 30), 1, False, D(2021, 2, 28)),  # otherwise the day is kept, clamped
        (D(2021, 1, 29), 1, True, D(2021, 2, 28)),  # two days before the end: kept, clamped
        (D(2021, 3, 30), -1, True, D(2021, 2, 27)),  # and backwards
        (D(2021, 2, 27), 1, True, D(2021, 3, 30)),
        (D(2021, 2, 27), 1, False, D(2021, 3, 27)),
    ],
)
def test_cycle_boundaries_follow_the_month_end_rule_of_monthly_cycles(
    anchor: dt.date, months: int, monthly: bool, expected: dt.date
) -> None:
    assert expected == cycle_boundary(anchor, months, monthly=monthly)


def test_the_month_end_rule_is_the_default() -> None:
    assert D(2021, 2, 27) == cycle_boundary(D(2021, 1, 30), 1)


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (
            lambda: cycle_boundary("2021-01-01", 1),  # type: ignore[arg-type]
            "anchor",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: cycle_boundary(D(2021, 1, 1), "1"),  # type: ignore[arg-type]
            "months",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: charge_cycles("x"),  # type: ignore[arg-type]
            "subscription",
            ErrorCode.WRONG_TYPE,
        ),
    ],
)
def test_cycle_functions_refuse_other_values_by_name(call: object, field: str, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as refused:
        call()  # type: ignore[operator]
    assert (field, code) == (refused.value.field, refused.value.code)
