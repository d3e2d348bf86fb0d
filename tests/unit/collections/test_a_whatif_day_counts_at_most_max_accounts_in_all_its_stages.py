"""Rule: a what-if day counts at most ``MAX_ACCOUNTS`` accounts in all its stages, of a bounded many.

Each account sits in one stage a day, so a ``DayPoint`` whose counts add up to more than
``MAX_ACCOUNTS`` is refused (``accounts``, ``out_of_range``), though each count alone is in range; a
point holds at most ``clear``'s count and one per stage of a policy, and a policy at most
``MAX_STAGES`` stages. ``merge`` adds its parts' counts up through the same check.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import CollectionsPolicy, Stage
from cspcore.billing.collections.policy import MAX_STAGES
from cspcore.billing.collections.whatif.results import MAX_ACCOUNTS
from cspcore.billing.whatif import DayPoint, SimulationResult, Summary, merge
from cspcore.errors import ErrorCode

D = dt.date
EUR = Money(0, "EUR")


def point(accounts: tuple[int, ...]) -> DayPoint:
    return DayPoint(day=D(2024, 1, 1), accounts=accounts, overdue=(EUR,) * len(accounts))


def result(accounts: tuple[int, ...]) -> SimulationResult:
    summary = Summary(
        suspensions=0,
        account_days_suspended=0,
        write_offs=0,
        written_off=EUR,
        overdue_at_microsoft_due=(),
        exposure=EUR,
    )
    fields: dict[str, Any] = {
        "policy": "p",
        "start": D(2024, 1, 1),
        "end": D(2024, 1, 1),
        "currency": "EUR",
        "stage_names": ("clear", "remind")[: len(accounts)],
        "transitions": (),
        "series": (point(accounts),),
        "summary": summary,
    }
    return SimulationResult(**fields)


def test_a_day_point_takes_max_accounts_in_all() -> None:
    assert sum(point((MAX_ACCOUNTS - 1, 1)).accounts) == MAX_ACCOUNTS


@pytest.mark.parametrize(
    "accounts",
    [(MAX_ACCOUNTS, MAX_ACCOUNTS), (MAX_ACCOUNTS, 1), (1, MAX_ACCOUNTS), (MAX_ACCOUNTS // 2 + 1,) * 2],
)
def test_a_day_point_refuses_more_than_max_accounts_in_all(accounts: tuple[int, ...]) -> None:
    with raises_invalid(field="accounts", code=ErrorCode.OUT_OF_RANGE):
        point(accounts)


def test_a_day_point_holds_clear_and_at_most_max_stages_counts() -> None:
    assert len(point((0,) * (1 + MAX_STAGES)).accounts) == 1 + MAX_STAGES
    with raises_invalid(field="accounts", code=ErrorCode.TOO_LONG):
        point((0,) * (2 + MAX_STAGES))


def test_a_policy_holds_at_most_max_stages_stages() -> None:
    def ladder(many: int) -> list[Stage]:
        return [Stage(name=f"s{i}", after_days=i + 1, actions=("remind",)) for i in range(many)]

    assert len(CollectionsPolicy(name="p", stages=ladder(MAX_STAGES)).stages) == MAX_STAGES
    with raises_invalid(field="stages", code=ErrorCode.TOO_LONG):
        CollectionsPolicy(name="p", stages=ladder(MAX_STAGES + 1))


def test_merge_refuses_parts_that_count_more_than_max_accounts_in_all() -> None:
    assert merge([result((MAX_ACCOUNTS - 1, 0)), result((0, 1))]).series[0].accounts == (MAX_ACCOUNTS - 1, 1)
    with raises_invalid(field="results", code=ErrorCode.OUT_OF_RANGE):
        merge([result((MAX_ACCOUNTS, 0)), result((0, 1))])
    with raises_invalid(field="results", code=ErrorCode.OUT_OF_RANGE):
        merge([result((MAX_ACCOUNTS,)), result((1,))])
