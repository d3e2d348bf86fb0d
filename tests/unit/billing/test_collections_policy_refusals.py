"""Building stages and policies: what is accepted, and each refusal by field, value and whole message."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import STANDARD, Action, CollectionsPolicy, Stage
from cspcore.errors import ErrorCode

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
    return (caught.value.field, caught.value.value, caught.value.code)


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
    assert refusal(lambda: Stage(name="s", after_days=0, actions=["remind", "shout"])) == (  # type: ignore[list-item]
        "actions[1]",
        "shout",
        ErrorCode.UNKNOWN_VALUE,
    )


def test_a_stage_without_actions_is_refused() -> None:
    assert refusal(lambda: Stage(name="s", after_days=0, actions=[])) == (
        "actions",
        [],
        ErrorCode.EMPTY,
    )


def test_an_action_listed_twice_is_refused_with_the_actions_by_value() -> None:
    assert refusal(lambda: Stage(name="s", after_days=0, actions=["REMIND", F, R])) == (
        "actions",
        ("remind", "final_notice", "remind"),
        ErrorCode.DUPLICATE,
    )


def test_after_days_runs_from_0_to_3660() -> None:
    assert (
        Stage(name="s", after_days=0, actions=[R]).after_days,
        Stage(name="s", after_days=3660, actions=[R]).after_days,
    ) == (0, 3660)
    assert refusal(lambda: Stage(name="s", after_days=-1, actions=[R])) == (
        "after_days",
        -1,
        ErrorCode.OUT_OF_RANGE,
    )
    assert refusal(lambda: Stage(name="s", after_days=3661, actions=[R])) == (
        "after_days",
        3661,
        ErrorCode.OUT_OF_RANGE,
    )
    assert refusal(lambda: Stage(name="s", after_days="3", actions=[R])) == (  # type: ignore[arg-type]
        "after_days",
        "3",
        ErrorCode.WRONG_TYPE,
    )


def test_min_overdue_is_a_positive_amount_or_nothing() -> None:
    assert Stage(name="s", after_days=0, actions=[R]).min_overdue is None
    assert eur("0.01") == Stage(name="s", after_days=0, actions=[R], min_overdue=eur("0.01")).min_overdue
    assert (
        "min_overdue",
        eur("0"),
        ErrorCode.OUT_OF_RANGE,
    ) == refusal(lambda: Stage(name="s", after_days=0, actions=[R], min_overdue=eur("0")))
    assert (
        "min_overdue",
        eur("-5"),
        ErrorCode.OUT_OF_RANGE,
    ) == refusal(lambda: Stage(name="s", after_days=0, actions=[R], min_overdue=eur("-5")))
    assert refusal(lambda: Stage(name="s", after_days=0, actions=[R], min_overdue="5")) == (  # type: ignore[arg-type]
        "min_overdue",
        "5",
        ErrorCode.WRONG_TYPE,
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
        ErrorCode.OUT_OF_RANGE,
    )
    assert refusal(lambda: Stage(name="s", after_days=0, actions=[R], min_unpaid_invoices=10_001)) == (
        "min_unpaid_invoices",
        10_001,
        ErrorCode.OUT_OF_RANGE,
    )
    assert refusal(lambda: Stage(name="s", after_days=0, actions=[R], min_unpaid_invoices="2")) == (  # type: ignore[arg-type]
        "min_unpaid_invoices",
        "2",
        ErrorCode.WRONG_TYPE,
    )


def test_a_stage_name_is_non_empty_text_of_at_most_200_characters() -> None:
    assert Stage(name="n" * 200, after_days=0, actions=[R]).name == "n" * 200
    assert refusal(lambda: Stage(name="n" * 201, after_days=0, actions=[R])) == (
        "name",
        "n" * 201,
        ErrorCode.TOO_LONG,
    )
    assert refusal(
        lambda: Stage(name=5, after_days=0, actions=[R])  # type: ignore[arg-type]
    ) == ("name", 5, ErrorCode.WRONG_TYPE)
    assert refusal(
        lambda: Stage(name="s", after_days=0, actions=[R], terminal="yes")  # type: ignore[arg-type]
    ) == ("terminal", "yes", ErrorCode.WRONG_TYPE)


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
    assert ("stages", stages, ErrorCode.WRONG_TYPE) == refusal(
        lambda: CollectionsPolicy(name="p", stages=stages)
    )


def test_a_stage_that_is_not_a_stage_is_refused_at_its_position() -> None:
    assert refusal(
        lambda: CollectionsPolicy(
            name="p",
            stages=[Stage(name="s", after_days=0, actions=[R]), {"name": "x"}],  # type: ignore[list-item]
        )
    ) == (
        "stages[1]",
        {"name": "x"},
        ErrorCode.WRONG_TYPE,
    )


def test_a_policy_without_stages_is_refused() -> None:
    assert refusal(lambda: CollectionsPolicy(name="p", stages=[])) == (
        "stages",
        (),
        ErrorCode.EMPTY,
    )


@pytest.mark.parametrize("accounts", ["A-1", b"A", {"A-1": 1}, None, 5])
def test_exempt_accounts_that_are_not_a_collection_are_refused(accounts: Any) -> None:
    assert (
        "exempt_accounts",
        accounts,
        ErrorCode.WRONG_TYPE,
    ) == refusal(lambda: CollectionsPolicy(name="p", stages=STANDARD.stages, exempt_accounts=accounts))


def test_an_exempt_account_id_must_be_text_at_its_position() -> None:
    assert refusal(lambda: CollectionsPolicy(name="p", stages=STANDARD.stages, exempt_accounts=["A", 7])) == (  # type: ignore[list-item]
        "exempt_accounts[1]",
        7,
        ErrorCode.WRONG_TYPE,
    )
    assert refusal(lambda: CollectionsPolicy(name="p", stages=STANDARD.stages, exempt_accounts=[" "])) == (
        "exempt_accounts[0]",
        " ",
        ErrorCode.EMPTY,
    )


def test_grace_days_run_from_0_to_3660() -> None:
    stage = Stage(name="s", after_days=0, actions=[R])
    assert (policy(stage).grace_days, policy(stage, grace_days=3660).grace_days) == (0, 3660)
    assert refusal(lambda: policy(stage, grace_days=-1)) == (
        "grace_days",
        -1,
        ErrorCode.OUT_OF_RANGE,
    )
    assert refusal(lambda: policy(stage, grace_days=3661)) == (
        "grace_days",
        3661,
        ErrorCode.OUT_OF_RANGE,
    )
    assert refusal(lambda: policy(stage, grace_days=True)) == (
        "grace_days",
        True,
        ErrorCode.WRONG_TYPE,
    )


def test_a_description_is_any_text_even_empty() -> None:
    stage = Stage(name="s", after_days=0, actions=[R])
    assert policy(stage, description="").description == ""
    assert refusal(lambda: policy(stage, description=3)) == (
        "description",
        3,
        ErrorCode.WRONG_TYPE,
    )
    assert refusal(lambda: CollectionsPolicy(name="", stages=[stage])) == (
        "name",
        "",
        ErrorCode.EMPTY,
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
        ErrorCode.DUPLICATE,
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
        ErrorCode.CURRENCY_MISMATCH,
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
        ErrorCode.NOT_ALLOWED,
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
        ErrorCode.OUT_OF_ORDER,
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
        (ErrorCode.INCONSISTENT),
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
        (ErrorCode.INCONSISTENT),
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
        (ErrorCode.INCONSISTENT),
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
        (ErrorCode.INCONSISTENT),
    )


def test_the_stage_method_finds_a_stage_by_name() -> None:
    assert STANDARD.stages[3] == STANDARD.stage("suspend")
    assert refusal(lambda: STANDARD.stage("nope")) == (
        "name",
        "nope",
        ErrorCode.UNKNOWN_REFERENCE,
    )
