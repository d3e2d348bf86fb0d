"""A what-if summary counts up to every account a result may count, on every day of the longest period.

The docs simulate 1,000,000 accounts, as slices merged into one result. A merged summary of them,
suspended over the longest period (100 years), counts 36,525,000,000 account-days: within
``MAX_ACCOUNT_DAYS``, which is ``MAX_ACCOUNTS`` (one per account number a sample can give) times
``MAX_SIMULATION_DAYS``, the one bound of a result's counts. One more is refused.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import STANDARD
from cspcore.billing.collections.whatif.results import MAX_ACCOUNTS, MAX_SIMULATION_DAYS, Summary
from cspcore.billing.portfolio import sample_portfolio
from cspcore.billing.whatif import MAX_ACCOUNT_DAYS, SimulationResult, merge, simulate
from cspcore.errors import ErrorCode

COUNTS = ("suspensions", "account_days_suspended", "write_offs")
MILLION_OVER_A_CENTURY = 1_000_000 * MAX_SIMULATION_DAYS


def summary(**counts: int) -> Summary:
    zero = Money(0, "EUR")
    given = dict.fromkeys(COUNTS, 0) | counts
    return Summary(written_off=zero, overdue_at_microsoft_due=(), exposure=zero, **given)


def part(count: int) -> SimulationResult:
    day = dt.date(2024, 1, 1)
    result = simulate(STANDARD, sample_portfolio(seed=1, accounts=0), start=day, end=day)
    return attrs.evolve(result, summary=summary(**dict.fromkeys(COUNTS, count)))


def test_the_account_days_bound_is_every_account_on_every_day_of_the_longest_period() -> None:
    assert MAX_ACCOUNT_DAYS == MAX_ACCOUNTS * MAX_SIMULATION_DAYS


@pytest.mark.parametrize("field", COUNTS)
def test_a_million_accounts_over_a_century_are_counted(field: str) -> None:
    assert getattr(summary(**{field: MILLION_OVER_A_CENTURY}), field) == MILLION_OVER_A_CENTURY


def test_the_merge_of_a_million_accounts_suspended_over_a_century_is_counted() -> None:
    merged = merge([part(MILLION_OVER_A_CENTURY // 4)] * 4)
    assert merged.summary.account_days_suspended == MILLION_OVER_A_CENTURY


@pytest.mark.parametrize("field", COUNTS)
def test_one_account_day_past_the_bound_is_refused(field: str) -> None:
    assert getattr(summary(**{field: MAX_ACCOUNT_DAYS}), field) == MAX_ACCOUNT_DAYS
    with raises_invalid(field=field, code=ErrorCode.OUT_OF_RANGE):
        summary(**{field: MAX_ACCOUNT_DAYS + 1})


def test_a_merge_past_the_bound_is_refused() -> None:
    with raises_invalid(field="suspensions", code=ErrorCode.OUT_OF_RANGE):
        merge([part(MAX_ACCOUNT_DAYS // 2 + 1)] * 2)
