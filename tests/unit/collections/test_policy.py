from __future__ import annotations

import json
import tomllib
from typing import Any

import pytest

from cspcore import InvalidInput, Money
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
    with pytest.raises(InvalidInput, match="name: no such stage"):
        policy.stage("nope")


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        (
            [
                {"name": "a", "after_days": 5, "actions": ["remind"]},
                {"name": "b", "after_days": 1, "actions": ["remind"]},
            ],
            r"stages\[1\].after_days: must not be less than stages\[0\].after_days \(5\) \(got 1\)",
        ),
        (
            [
                {"name": "a", "after_days": 5, "actions": ["remind"]},
                {"name": "b", "after_days": 5, "actions": ["final_notice"]},
            ],
            r"stages\[1\]: has the same after_days as stages\[0\] \(5\)",
        ),
        (
            [
                {"name": "a", "after_days": 0, "actions": ["remind"]},
                {"name": "b", "after_days": 1, "actions": ["final_notice"]},
            ],
            r"stages\[1\].after_days: with grace_days 0, 1 and stages\[0\].after_days \(0\) both mean",
        ),
        (
            [{"name": "a", "after_days": -1, "actions": ["remind"]}],
            r"stages\[0\].after_days: must be at least 0",
        ),
        ([{"name": "a", "after_days": 1, "actions": ["shout"]}], r"stages\[0\].actions\[0\]: unknown Action"),
        (
            [{"name": "a", "after_days": 1, "actions": []}],
            r"stages\[0\].actions: a stage needs at least one action",
        ),
        (
            [{"name": "a", "after_days": 1, "actions": ["remind", "remind"]}],
            r"stages\[0\].actions: lists an action twice",
        ),
        ([{"name": "a", "after_days": 1}], r"stages\[0\].actions: is required"),
        (
            [{"name": "a", "after_days": 1, "actions": ["remind"], "colour": 1}],
            r"stages\[0\].colour: unknown key",
        ),
        (
            [{"name": "a", "after_days": 1, "actions": ["remind"], "min_overdue": "5"}],
            r"stages\[0\].min_overdue: expected",
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
            r"stages\[0\].min_overdue.amount: not a decimal",
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
            r"stages\[0\].min_overdue: must be positive",
        ),
        (
            [{"name": "a", "after_days": 1, "actions": ["remind"], "min_unpaid_invoices": 0}],
            r"stages\[0\].min_unpaid_invoices",
        ),
        (
            [{"name": "a", "after_days": 1, "actions": ["remind"], "terminal": "yes"}],
            r"stages\[0\].terminal: expected a bool",
        ),
        (
            [
                {"name": "a", "after_days": 1, "actions": ["remind"], "terminal": True},
                {"name": "b", "after_days": 2, "actions": ["remind"]},
            ],
            r"stages\[0\].terminal: only the last stage",
        ),
        (
            [
                {"name": "a", "after_days": 1, "actions": ["remind"]},
                {"name": "a", "after_days": 2, "actions": ["remind"]},
            ],
            r"stages\[1\].name: repeats stages\[0\].name",
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
            r"stages\[1\].min_overdue: currencies differ: EUR and USD",
        ),
        (["x"], r"stages\[0\]: expected a mapping"),
        ([], r"stages: a policy needs at least one stage"),
        ("x", r"stages: expected a list"),
    ],
)
def test_invalid_policies_are_refused_with_the_path_of_the_problem(stages: Any, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        CollectionsPolicy.from_dict(policy_dict(grace_days=0, stages=stages))


def test_bad_top_level_policy_data_is_refused() -> None:
    with pytest.raises(InvalidInput, match="policy: expected a mapping"):
        CollectionsPolicy.from_dict([])  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="name: is required"):
        CollectionsPolicy.from_dict({"stages": []})
    with pytest.raises(InvalidInput, match="grace: unknown key"):
        CollectionsPolicy.from_dict(policy_dict(grace=1))
    with pytest.raises(InvalidInput, match="grace_days: must be at least 0"):
        CollectionsPolicy.from_dict(policy_dict(grace_days=-1))
    with pytest.raises(InvalidInput, match="exempt_accounts"):
        CollectionsPolicy(name="p", stages=STANDARD.stages, exempt_accounts="A")
    with pytest.raises(InvalidInput, match="description"):
        CollectionsPolicy(name="p", stages=STANDARD.stages, description=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="stages: expected a list"):
        CollectionsPolicy(name="p", stages="x")
    with pytest.raises(InvalidInput, match="actions: expected an iterable"):
        Stage(name="a", after_days=1, actions=b"remind")


def test_the_presets_suspend_before_microsofts_net_60_falls_due_for_net_30_customers() -> None:
    # A customer invoice issued with Microsoft's (the 8th) on net 30 is due 30 days before Microsoft's
    # net-60 due date (billing-basics.md), so suspension must come at most 30 days past due.
    for policy in (LENIENT, STANDARD, STRICT):
        suspend = next(s for s in policy.stages if Action.SUSPEND_SUBSCRIPTIONS in s.actions)
        assert policy.grace_days + suspend.after_days <= 30
        assert policy.stages[-1].terminal
    assert list(PRESETS) == ["lenient", "standard", "strict"]
