from __future__ import annotations

import json
import tomllib
from typing import Any

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode, InvalidInput, Money
from cspcore.billing import LENIENT, PRESETS, STANDARD, STRICT, Action, CollectionsPolicy, Stage


def policy_dict(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "p",
        "grace_days": 2,
        "stages": [
            {"name": "remind", "after_days": 0, "actions": ["remind"]},
            {"name": "suspend", "after_days": 20, "actions": ["suspend_subscriptions"]},
        ],
    }
    data.update(changes)
    return data


def test_a_policy_round_trips_through_json_and_toml_friendly_dicts() -> None:
    policy = CollectionsPolicy(
        name="custom",
        description="Thresholds in euros",
        grace_days=3,
        exempt_accounts={"A-1"},
        stages=(
            Stage(name="remind", after_days=0, actions=(Action.REMIND,)),
            Stage(
                name="big", after_days=0, actions=(Action.FINAL_NOTICE,), min_overdue=Money("1000.00", "EUR")
            ),
            Stage(name="many", after_days=10, actions=(Action.BLOCK_NEW_PURCHASES,), min_unpaid_invoices=2),
            Stage(name="off", after_days=90, actions=(Action.WRITE_OFF,), terminal=True),
        ),
    )
    data = policy.to_dict()
    assert policy == CollectionsPolicy.from_dict(json.loads(json.dumps(data)))
    assert data["stages"][1]["min_overdue"] == {"amount": "1000.00", "currency": "EUR"}
    toml = 'name = "t"\n[[stages]]\nname = "r"\nafter_days = 0\nactions = ["remind"]\n'
    assert CollectionsPolicy.from_dict(tomllib.loads(toml)).stages[0].name == "r"
    assert policy.currency == "EUR"
    assert policy.stages[2] == policy.stage("many")
    with raises_invalid(field="name", code=ErrorCode.UNKNOWN_REFERENCE):
        policy.stage("nope")


@pytest.mark.parametrize(
    ("stages", "expected"),
    [
        (
            [
                {"name": "a", "after_days": 5, "actions": ["remind"]},
                {"name": "b", "after_days": 1, "actions": ["remind"]},
            ],
            ("stages[1].after_days", None),
        ),
        (
            [
                {"name": "a", "after_days": 5, "actions": ["remind"]},
                {"name": "b", "after_days": 5, "actions": ["final_notice"]},
            ],
            ("stages[1]", None),
        ),
        (
            [
                {"name": "a", "after_days": 0, "actions": ["remind"]},
                {"name": "b", "after_days": 1, "actions": ["final_notice"]},
            ],
            ("stages[1].after_days", None),
        ),
        (
            [{"name": "a", "after_days": -1, "actions": ["remind"]}],
            ("stages[0].after_days", ErrorCode.OUT_OF_RANGE),
        ),
        (
            [{"name": "a", "after_days": 1, "actions": ["shout"]}],
            ("stages[0].actions[0]", ErrorCode.UNKNOWN_VALUE),
        ),
        (
            [{"name": "a", "after_days": 1, "actions": []}],
            ("stages[0].actions", None),
        ),
        (
            [{"name": "a", "after_days": 1, "actions": ["remind", "remind"]}],
            ("stages[0].actions", None),
        ),
        ([{"name": "a", "after_days": 1}], ("stages[0].actions", ErrorCode.MISSING)),
        (
            [{"name": "a", "after_days": 1, "actions": ["remind"], "colour": 1}],
            ("stages[0].colour", ErrorCode.UNKNOWN_VALUE),
        ),
        (
            [{"name": "a", "after_days": 1, "actions": ["remind"], "min_overdue": "5"}],
            ("stages[0].min_overdue", ErrorCode.WRONG_TYPE),
        ),
        (
            [
                {
                    "name": "a",
                    "after_days": 1,
                    "actions": ["remind"],
                    "min_overdue": {"amount": "x", "currency": "EUR"},
                }
            ],
            ("stages[0].min_overdue.amount", ErrorCode.NOT_A_NUMBER),
        ),
        (
            [
                {
                    "name": "a",
                    "after_days": 1,
                    "actions": ["remind"],
                    "min_overdue": {"amount": "0", "currency": "EUR"},
                }
            ],
            ("stages[0].min_overdue", None),
        ),
        (
            [{"name": "a", "after_days": 1, "actions": ["remind"], "min_unpaid_invoices": 0}],
            ("stages[0].min_unpaid_invoices", None),
        ),
        (
            [{"name": "a", "after_days": 1, "actions": ["remind"], "terminal": "yes"}],
            ("stages[0].terminal", ErrorCode.WRONG_TYPE),
        ),
        (
            [
                {"name": "a", "after_days": 1, "actions": ["remind"], "terminal": True},
                {"name": "b", "after_days": 2, "actions": ["remind"]},
            ],
            ("stages[0].terminal", None),
        ),
        (
            [
                {"name": "a", "after_days": 1, "actions": ["remind"]},
                {"name": "a", "after_days": 2, "actions": ["remind"]},
            ],
            ("stages[1].name", None),
        ),
        (
            [
                {
                    "name": "a",
                    "after_days": 1,
                    "actions": ["remind"],
                    "min_overdue": {"amount": "1", "currency": "EUR"},
                },
                {
                    "name": "b",
                    "after_days": 2,
                    "actions": ["remind"],
                    "min_overdue": {"amount": "1", "currency": "USD"},
                },
            ],
            ("stages[1].min_overdue", ErrorCode.CURRENCY_MISMATCH),
        ),
        (["x"], ("stages[0]", ErrorCode.WRONG_TYPE)),
        ([], ("stages", None)),
        ("x", ("stages", ErrorCode.WRONG_TYPE)),
    ],
)
def test_invalid_policies_are_refused_with_the_path_of_the_problem(
    stages: Any, expected: tuple[str, ErrorCode | None]
) -> None:
    with pytest.raises(InvalidInput) as caught:
        CollectionsPolicy.from_dict(policy_dict(grace_days=0, stages=stages))
    field, code = expected
    assert field == caught.value.field
    if code is not None:  # the rest are the stage's and the policy's own checks
        assert code == caught.value.code


def test_bad_top_level_policy_data_is_refused() -> None:
    for data, field, code in (
        ([], "policy", ErrorCode.WRONG_TYPE),
        ({"stages": []}, "name", ErrorCode.MISSING),
        (policy_dict(grace=1), "grace", ErrorCode.UNKNOWN_VALUE),
    ):
        with pytest.raises(InvalidInput) as caught:
            CollectionsPolicy.from_dict(data)  # type: ignore[arg-type]
        assert (field, code) == (caught.value.field, caught.value.code)
    with pytest.raises(InvalidInput, match="grace_days: must be at least 0"):
        CollectionsPolicy.from_dict(policy_dict(grace_days=-1))
    with pytest.raises(InvalidInput, match="exempt_accounts"):
        CollectionsPolicy(name="p", stages=STANDARD.stages, exempt_accounts="A")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="description"):
        CollectionsPolicy(name="p", stages=STANDARD.stages, description=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="stages: expected a list"):
        CollectionsPolicy(name="p", stages="x")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="actions: expected an iterable"):
        Stage(name="a", after_days=1, actions=b"remind")  # type: ignore[arg-type]


def test_the_presets_suspend_before_microsofts_net_60_falls_due_for_net_30_customers() -> None:
    # A customer invoice issued with Microsoft's (the 8th) on net 30 is due 30 days before Microsoft's
    # net-60 due date (billing-basics.md), so suspension must come at most 30 days past due.
    for policy in (LENIENT, STANDARD, STRICT):
        suspend = next(s for s in policy.stages if Action.SUSPEND_SUBSCRIPTIONS in s.actions)
        assert policy.grace_days + suspend.after_days <= 30
        assert policy.stages[-1].terminal
    assert list(PRESETS) == ["lenient", "standard", "strict"]
