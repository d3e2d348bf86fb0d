"""Building stages and policies: what is accepted, and each refusal by field, value and whole message."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import STANDARD, Action, CollectionsPolicy, Stage

if TYPE_CHECKING:
    from collections.abc import Callable

R, F, B, S = Action.REMIND, Action.FINAL_NOTICE, Action.BLOCK_NEW_PURCHASES, Action.SUSPEND_SUBSCRIPTIONS


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def shown(value: object) -> str:
    """How an InvalidInput message shows a value: its repr, cut to 80 characters."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def refusal(call: Callable[[], object]) -> tuple[str, object, str]:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value.field, caught.value.value, str(caught.value)


def policy(*stages: Stage, grace_days: int = 0, **fields: Any) -> CollectionsPolicy:
    return CollectionsPolicy(name="p", stages=stages, grace_days=grace_days, **fields)


# -- stages ------------------------------------------------------------------------------------------


def test_a_stage_takes_its_actions_from_a_list_or_a_tuple_of_members_or_names() -> None:
    assert Stage(name="s", after_days=0, actions=["remind", "SUSPEND_SUBSCRIPTIONS"]).actions == (R, S)
    assert Stage(name="s", after_days=0, actions=(B,)).actions == (B,)
    assert Stage(name="s", after_days=0, actions=[R]) == Stage(name="s", after_days=0, actions=("remind",))


@pytest.mark.parametrize("actions", [b"remind", {"remind": 1}, None, 3])
def test_actions_that_are_not_actions_or_an_iterable_of_them_are_refused(actions: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        Stage(name="s", after_days=0, actions=actions)
    assert (caught.value.field, caught.value.value) == ("actions", actions)


@pytest.mark.parametrize(
    "make",
    [
        lambda: "remind",
        lambda: Action.REMIND,
        lambda: {Action.REMIND},
        lambda: frozenset({"remind"}),
        lambda: iter([R]),  # made afresh for each run: an iterator is read once
    ],
)
def test_one_action_a_set_or_any_iterable_of_actions_is_accepted(make: Any) -> None:
    assert Stage(name="s", after_days=0, actions=make()).actions == (R,)


def test_an_unknown_action_is_refused_at_its_position() -> None:
    allowed = (
        "remind, final_notice, block_new_purchases, suspend_subscriptions, turn_off_auto_renew, "
        "write_off, refer_to_agency"
    )
    assert (
        "actions[1]",
        "shout",
        f"actions[1]: unknown Action; expected one of: {allowed} (got 'shout')",
    ) == refusal(lambda: Stage(name="s", after_days=0, actions=["remind", "shout"]))


def test_a_stage_without_actions_is_refused() -> None:
    assert refusal(lambda: Stage(name="s", after_days=0, actions=[])) == (
        "actions",
        [],
        "actions: a stage needs at least one action (got [])",
    )


def test_an_action_listed_twice_is_refused_with_the_actions_by_value() -> None:
    assert refusal(lambda: Stage(name="s", after_days=0, actions=["REMIND", F, R])) == (
        "actions",
        ("remind", "final_notice", "remind"),
        "actions: lists an action twice (got ('remind', 'final_notice', 'remind'))",
    )


def test_after_days_runs_from_0_to_3660() -> None:
    assert (
        Stage(name="s", after_days=0, actions=[R]).after_days,
        Stage(name="s", after_days=3660, actions=[R]).after_days,
    ) == (0, 3660)
    assert refusal(lambda: Stage(name="s", after_days=-1, actions=[R])) == (
        "after_days",
        -1,
        "after_days: must be at least 0 (got -1)",
    )
    assert refusal(lambda: Stage(name="s", after_days=3661, actions=[R])) == (
        "after_days",
        3661,
        "after_days: must be at most 3660 (got 3661)",
    )
    assert refusal(lambda: Stage(name="s", after_days="3", actions=[R])) == (
        "after_days",
        "3",
        "after_days: expected an int (got '3')",
    )


def test_min_overdue_is_a_positive_amount_or_nothing() -> None:
    assert Stage(name="s", after_days=0, actions=[R]).min_overdue is None
    assert eur("0.01") == Stage(name="s", after_days=0, actions=[R], min_overdue=eur("0.01")).min_overdue
    assert (
        "min_overdue",
        eur("0"),
        "min_overdue: must be positive (leave it out for no minimum) (got Money('0', 'EUR'))",
    ) == refusal(lambda: Stage(name="s", after_days=0, actions=[R], min_overdue=eur("0")))
    assert (
        "min_overdue",
        eur("-5"),
        "min_overdue: must be positive (leave it out for no minimum) (got Money('-5', 'EUR'))",
    ) == refusal(lambda: Stage(name="s", after_days=0, actions=[R], min_overdue=eur("-5")))
    assert refusal(lambda: Stage(name="s", after_days=0, actions=[R], min_overdue="5")) == (
        "min_overdue",
        "5",
        "min_overdue: expected Money (got '5')",
    )


def test_min_unpaid_invoices_runs_from_1_to_10000_or_is_nothing() -> None:
    assert Stage(name="s", after_days=0, actions=[R]).min_unpaid_invoices is None
    assert (
        Stage(name="s", after_days=0, actions=[R], min_unpaid_invoices=1).min_unpaid_invoices,
        Stage(name="s", after_days=0, actions=[R], min_unpaid_invoices=10_000).min_unpaid_invoices,
    ) == (1, 10_000)
    assert refusal(lambda: Stage(name="s", after_days=0, actions=[R], min_unpaid_invoices=0)) == (
        "min_unpaid_invoices",
        0,
        "min_unpaid_invoices: must be at least 1 (got 0)",
    )
    assert refusal(lambda: Stage(name="s", after_days=0, actions=[R], min_unpaid_invoices=10_001)) == (
        "min_unpaid_invoices",
        10_001,
        "min_unpaid_invoices: must be at most 10000 (got 10001)",
    )
    assert refusal(lambda: Stage(name="s", after_days=0, actions=[R], min_unpaid_invoices="2")) == (
        "min_unpaid_invoices",
        "2",
        "min_unpaid_invoices: expected an int (got '2')",
    )


def test_a_stage_name_is_non_empty_text_of_at_most_200_characters() -> None:
    assert Stage(name="n" * 200, after_days=0, actions=[R]).name == "n" * 200
    assert ("name", "n" * 201, f"name: longer than 200 characters (got {shown('n' * 201)})") == refusal(
        lambda: Stage(name="n" * 201, after_days=0, actions=[R])
    )
    assert refusal(
        lambda: Stage(name=5, after_days=0, actions=[R])  # type: ignore[arg-type]
    ) == ("name", 5, "name: expected a str (got 5)")
    assert refusal(
        lambda: Stage(name="s", after_days=0, actions=[R], terminal="yes")  # type: ignore[arg-type]
    ) == ("terminal", "yes", "terminal: expected a bool (True or False) (got 'yes')")


# -- policies ----------------------------------------------------------------------------------------


def test_a_policy_takes_its_stages_and_exempt_accounts_from_any_plain_collection() -> None:
    stage = Stage(name="s", after_days=0, actions=[R])
    built = CollectionsPolicy(name="p", stages=[stage], exempt_accounts=["A", "B"])
    assert ((stage,), frozenset({"A", "B"}), 0, None) == (
        built.stages,
        built.exempt_accounts,
        built.grace_days,
        built.description,
    )
    for accounts in (("A", "B"), {"A", "B"}, frozenset({"A", "B"})):
        assert built == CollectionsPolicy(name="p", stages=(stage,), exempt_accounts=accounts)


@pytest.mark.parametrize("stages", ["x", b"x", {Stage(name="s", after_days=0, actions=[R])}, None])
def test_stages_that_are_not_a_list_are_refused(stages: Any) -> None:
    assert ("stages", stages, f"stages: expected a list of stages (got {shown(stages)})") == refusal(
        lambda: CollectionsPolicy(name="p", stages=stages)
    )


def test_a_stage_that_is_not_a_stage_is_refused_at_its_position() -> None:
    assert refusal(
        lambda: CollectionsPolicy(
            name="p", stages=[Stage(name="s", after_days=0, actions=[R]), {"name": "x"}]
        )
    ) == (
        "stages[1]",
        {"name": "x"},
        "stages[1]: expected Stage (got {'name': 'x'})",
    )


def test_a_policy_without_stages_is_refused() -> None:
    assert refusal(lambda: CollectionsPolicy(name="p", stages=[])) == (
        "stages",
        (),
        "stages: a policy needs at least one stage (got ())",
    )


@pytest.mark.parametrize("accounts", ["A-1", b"A", {"A-1": 1}, None, 5])
def test_exempt_accounts_that_are_not_a_collection_are_refused(accounts: Any) -> None:
    assert (
        "exempt_accounts",
        accounts,
        f"exempt_accounts: expected a list of account ids (got {accounts!r})",
    ) == refusal(lambda: CollectionsPolicy(name="p", stages=STANDARD.stages, exempt_accounts=accounts))


def test_an_exempt_account_id_must_be_text_at_its_position() -> None:
    assert refusal(lambda: CollectionsPolicy(name="p", stages=STANDARD.stages, exempt_accounts=["A", 7])) == (
        "exempt_accounts[1]",
        7,
        "exempt_accounts[1]: expected a str (got 7)",
    )
    assert refusal(lambda: CollectionsPolicy(name="p", stages=STANDARD.stages, exempt_accounts=[" "])) == (
        "exempt_accounts[0]",
        " ",
        "exempt_accounts[0]: must not be empty (got ' ')",
    )


def test_grace_days_run_from_0_to_3660() -> None:
    stage = Stage(name="s", after_days=0, actions=[R])
    assert (policy(stage).grace_days, policy(stage, grace_days=3660).grace_days) == (0, 3660)
    assert refusal(lambda: policy(stage, grace_days=-1)) == (
        "grace_days",
        -1,
        "grace_days: must be at least 0 (got -1)",
    )
    assert refusal(lambda: policy(stage, grace_days=3661)) == (
        "grace_days",
        3661,
        "grace_days: must be at most 3660 (got 3661)",
    )
    assert refusal(lambda: policy(stage, grace_days=True)) == (
        "grace_days",
        True,
        "grace_days: expected an int (got True)",
    )


def test_a_description_is_any_text_even_empty() -> None:
    stage = Stage(name="s", after_days=0, actions=[R])
    assert policy(stage, description="").description == ""
    assert refusal(lambda: policy(stage, description=3)) == (
        "description",
        3,
        "description: expected a str (got 3)",
    )
    assert refusal(lambda: CollectionsPolicy(name="", stages=[stage])) == (
        "name",
        "",
        "name: must not be empty (got '')",
    )


def test_a_repeated_stage_name_is_refused_naming_the_first_use() -> None:
    assert refusal(
        lambda: policy(
            Stage(name="a", after_days=0, actions=[R]),
            Stage(name="b", after_days=5, actions=[F]),
            Stage(name="a", after_days=9, actions=[B]),
        )
    ) == (
        "stages[2].name",
        "a",
        "stages[2].name: repeats stages[0].name (got 'a')",
    )


def test_every_amount_threshold_must_be_in_one_currency() -> None:
    one = policy(
        Stage(name="a", after_days=0, actions=[R], min_overdue=eur("10")),
        Stage(name="b", after_days=5, actions=[F]),
        Stage(name="c", after_days=9, actions=[B], min_overdue=eur("20")),
    )
    assert one.currency == "EUR"
    assert refusal(
        lambda: policy(
            Stage(name="a", after_days=0, actions=[R], min_overdue=eur("10")),
            Stage(name="b", after_days=5, actions=[F]),
            Stage(name="c", after_days=9, actions=[B], min_overdue=Money("20", "USD")),
        )
    ) == (
        "stages[2].min_overdue",
        ("EUR", "USD"),
        "stages[2].min_overdue: currencies differ: EUR and USD; convert explicitly first",
    )


def test_only_the_last_stage_may_be_terminal() -> None:
    last = policy(
        Stage(name="a", after_days=0, actions=[R]),
        Stage(name="b", after_days=5, actions=[F]),
        Stage(name="c", after_days=9, actions=[B], terminal=True),
    )
    assert [stage.terminal for stage in last.stages] == [False, False, True]
    assert refusal(
        lambda: policy(
            Stage(name="a", after_days=0, actions=[R]),
            Stage(name="b", after_days=5, actions=[F], terminal=True),
            Stage(name="c", after_days=9, actions=[B]),
        )
    ) == (
        "stages[1].terminal",
        True,
        "stages[1].terminal: only the last stage may be terminal (got True)",
    )


# -- the order of stages -----------------------------------------------------------------------------


def test_a_stage_may_not_come_before_the_previous_ones_day() -> None:
    assert refusal(
        lambda: policy(
            Stage(name="a", after_days=0, actions=[R]),
            Stage(name="b", after_days=5, actions=[F]),
            Stage(name="c", after_days=3, actions=[B]),
        )
    ) == (
        "stages[2].after_days",
        3,
        "stages[2].after_days: must not be less than stages[1].after_days (5) (got 3)",
    )


def test_a_stage_on_the_same_day_must_demand_more() -> None:
    assert refusal(
        lambda: policy(
            Stage(name="a", after_days=0, actions=[R]),
            Stage(name="b", after_days=5, actions=[F]),
            Stage(name="c", after_days=5, actions=[B]),
        )
    ) == (
        "stages[2]",
        "c",
        (
            "stages[2]: has the same after_days as stages[1] (5) and must demand a greater min_overdue or "
            "min_unpaid_invoices, else stages[1] could never be reached (got 'c')"
        ),
    )


def test_with_grace_days_the_same_after_days_is_still_the_same_day() -> None:
    assert refusal(
        lambda: policy(
            Stage(name="a", after_days=2, actions=[R]),
            Stage(name="b", after_days=2, actions=[F]),
            grace_days=2,
        )
    ) == (
        "stages[1]",
        "b",
        (
            "stages[1]: has the same after_days as stages[0] (2) and must demand a greater min_overdue or "
            "min_unpaid_invoices, else stages[0] could never be reached (got 'b')"
        ),
    )


def test_days_0_and_1_without_grace_are_both_the_first_day_past_due() -> None:
    assert refusal(
        lambda: policy(
            Stage(name="a", after_days=0, actions=[R]),
            Stage(name="b", after_days=0, actions=[F], min_overdue=eur("100")),
            Stage(name="c", after_days=1, actions=[B], min_overdue=eur("100")),
        )
    ) == (
        "stages[2].after_days",
        1,
        (
            "stages[2].after_days: with grace_days 0, 1 and stages[1].after_days (0) both mean the first "
            "day past due, so stages[1] could never be reached (got 1)"
        ),
    )


def test_later_days_need_no_greater_thresholds() -> None:
    # Days 1 and 2 past due (no grace) and days 1 and 6: distinct days, nothing more demanded.
    assert [
        s.name
        for s in policy(
            Stage(name="a", after_days=0, actions=[R]), Stage(name="b", after_days=2, actions=[F])
        ).stages
    ] == ["a", "b"]
    assert [
        s.name
        for s in policy(
            Stage(name="a", after_days=1, actions=[R]), Stage(name="b", after_days=6, actions=[F])
        ).stages
    ] == ["a", "b"]
    assert (
        len(
            policy(
                Stage(name="a", after_days=0, actions=[R]),
                Stage(name="b", after_days=4, actions=[F]),
                grace_days=1,
            ).stages
        )
        == 2
    )


def test_a_same_day_stage_may_demand_a_greater_amount_or_more_invoices() -> None:
    for before, after in [
        (
            Stage(name="a", after_days=5, actions=[R]),
            Stage(name="b", after_days=5, actions=[F], min_overdue=eur("0.01")),
        ),
        (
            Stage(name="a", after_days=5, actions=[R], min_overdue=eur("100")),
            Stage(name="b", after_days=5, actions=[F], min_overdue=eur("100.01")),
        ),
        (
            Stage(name="a", after_days=5, actions=[R]),
            Stage(name="b", after_days=5, actions=[F], min_unpaid_invoices=2),
        ),
        (
            Stage(name="a", after_days=5, actions=[R], min_overdue=eur("100")),
            Stage(name="b", after_days=5, actions=[F], min_unpaid_invoices=2),
        ),
        (
            Stage(name="a", after_days=5, actions=[R], min_unpaid_invoices=2),
            Stage(name="b", after_days=5, actions=[F], min_unpaid_invoices=3),
        ),
        (
            Stage(name="a", after_days=5, actions=[R], min_unpaid_invoices=3),
            Stage(name="b", after_days=5, actions=[F], min_overdue=eur("1"), min_unpaid_invoices=3),
        ),
    ]:
        assert (before, after) == policy(before, after).stages


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            Stage(name="a", after_days=5, actions=[R], min_overdue=eur("100")),
            Stage(name="b", after_days=5, actions=[F], min_overdue=eur("100")),
        ),
        (
            Stage(name="a", after_days=5, actions=[R], min_overdue=eur("100")),
            Stage(name="b", after_days=5, actions=[F], min_overdue=eur("99.99")),
        ),
        (
            Stage(name="a", after_days=5, actions=[R], min_overdue=eur("100")),
            Stage(name="b", after_days=5, actions=[F]),
        ),
        (
            Stage(name="a", after_days=5, actions=[R], min_unpaid_invoices=2),
            Stage(name="b", after_days=5, actions=[F], min_unpaid_invoices=2),
        ),
        (
            Stage(name="a", after_days=5, actions=[R], min_unpaid_invoices=2),
            Stage(name="b", after_days=5, actions=[F]),
        ),
        (
            Stage(name="a", after_days=5, actions=[R]),
            Stage(name="b", after_days=5, actions=[F], min_unpaid_invoices=1),
        ),
        (
            Stage(name="a", after_days=5, actions=[R], min_overdue=eur("100"), min_unpaid_invoices=2),
            Stage(name="b", after_days=5, actions=[F], min_overdue=eur("50"), min_unpaid_invoices=2),
        ),
    ],
)
def test_a_same_day_stage_demanding_no_more_is_refused(before: Stage, after: Stage) -> None:
    assert refusal(lambda: policy(before, after)) == (
        "stages[1]",
        "b",
        (
            "stages[1]: has the same after_days as stages[0] (5) and must demand a greater min_overdue or "
            "min_unpaid_invoices, else stages[0] could never be reached (got 'b')"
        ),
    )


def test_the_stage_method_finds_a_stage_by_name() -> None:
    assert STANDARD.stages[3] == STANDARD.stage("suspend")
    assert refusal(lambda: STANDARD.stage("nope")) == (
        "name",
        "nope",
        "name: no such stage in the policy (got 'nope')",
    )
