"""Policies as plain data: to_dict's exact shape, from_dict's defaults and every refusal by its path."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import Action, CollectionsPolicy, Stage
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable

R, F, B, W = Action.REMIND, Action.FINAL_NOTICE, Action.BLOCK_NEW_PURCHASES, Action.WRITE_OFF


def refusal(call: Callable[[], object]) -> tuple[str, ErrorCode, object]:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value.field, caught.value.code, caught.value.value


def stage_refusal(**changes: Any) -> tuple[str, ErrorCode, object]:
    """The refusal of a one-stage policy whose stage has ``changes`` (None removes a key)."""
    item: dict[str, Any] = {"name": "r", "after_days": 1, "actions": ["remind"]}
    item.update(changes)
    item = {key: value for key, value in item.items() if value is not None}
    return refusal(lambda: CollectionsPolicy.from_dict({"name": "p", "stages": [item]}))


def with_threshold(threshold: object) -> tuple[str, ErrorCode, object]:
    return stage_refusal(min_overdue=threshold)


FULL = CollectionsPolicy(
    name="custom",
    description="Thresholds in euros",
    grace_days=3,
    exempt_accounts={"B-2", "A-1"},
    stages=(
        Stage(name="remind", after_days=0, actions=(R,)),
        Stage(name="big", after_days=0, actions=(F, B), min_overdue=Money("1000.50", "EUR")),
        Stage(name="many", after_days=10, actions=(B,), min_unpaid_invoices=2),
        Stage(name="off", after_days=90, actions=(W,), terminal=True),
    ),
)


def test_to_dict_writes_every_set_field_and_leaves_out_the_unset_ones() -> None:
    assert FULL.to_dict() == {
        "name": "custom",
        "description": "Thresholds in euros",
        "grace_days": 3,
        "exempt_accounts": ["A-1", "B-2"],
        "stages": [
            {"name": "remind", "after_days": 0, "actions": ["remind"]},
            {
                "name": "big",
                "after_days": 0,
                "actions": ["final_notice", "block_new_purchases"],
                "min_overdue": {"amount": "1000.50", "currency": "EUR"},
            },
            {"name": "many", "after_days": 10, "actions": ["block_new_purchases"], "min_unpaid_invoices": 2},
            {"name": "off", "after_days": 90, "actions": ["write_off"], "terminal": True},
        ],
    }
    assert CollectionsPolicy.from_dict(FULL.to_dict()) == FULL


def test_a_minimal_dict_gives_the_defaults() -> None:
    # No grace days, no exemptions, no description (docstring of CollectionsPolicy).
    built = CollectionsPolicy.from_dict(
        {"name": "x", "stages": [{"name": "r", "after_days": 3, "actions": ["remind"]}]}
    )
    assert CollectionsPolicy(name="x", stages=(Stage(name="r", after_days=3, actions=(R,)),)) == built
    assert (0, frozenset(), None) == (built.grace_days, built.exempt_accounts, built.description)
    assert (built.to_dict()) == {
        "name": "x",
        "grace_days": 0,
        "stages": [{"name": "r", "after_days": 3, "actions": ["remind"]}],
    }


def test_a_null_threshold_means_no_threshold() -> None:
    item = {"name": "r", "after_days": 3, "actions": ["remind"], "min_overdue": None}
    assert CollectionsPolicy.from_dict({"name": "x", "stages": [item]}).stages[0].min_overdue is None


def test_stages_may_be_any_sequence_of_mappings() -> None:
    item = {"name": "r", "after_days": 3, "actions": ("remind",)}
    assert CollectionsPolicy.from_dict({"name": "x", "stages": (item,)}) == CollectionsPolicy.from_dict(
        {"name": "x", "stages": [item]}
    )


def test_a_policy_that_is_not_a_mapping_is_refused() -> None:
    assert refusal(
        lambda: CollectionsPolicy.from_dict(["name"])  # type: ignore[arg-type]
    ) == ("policy", ErrorCode.WRONG_TYPE, ["name"])


def test_an_unknown_policy_key_is_refused_at_its_own_path() -> None:
    data = {"name": "x", "stages": [], "grace": 1}
    assert refusal(lambda: CollectionsPolicy.from_dict(data)) == ("grace", ErrorCode.UNKNOWN_VALUE, "grace")


@pytest.mark.parametrize("missing", ["name", "stages"])
def test_a_missing_policy_key_is_refused_without_a_value(missing: str) -> None:
    data = {"name": "x", "stages": [{"name": "r", "after_days": 3, "actions": ["remind"]}]}
    del data[missing]
    assert (missing, ErrorCode.MISSING, None) == refusal(lambda: CollectionsPolicy.from_dict(data))


@pytest.mark.parametrize("stages", ["remind", b"x", {"name": "r"}, 5, None])
def test_stages_that_are_not_a_list_are_refused(stages: object) -> None:
    assert ("stages", ErrorCode.WRONG_TYPE, stages) == refusal(
        lambda: CollectionsPolicy.from_dict({"name": "x", "stages": stages})
    )


def test_a_stage_that_is_not_a_mapping_is_refused_at_its_position() -> None:
    stages = [{"name": "r", "after_days": 3, "actions": ["remind"]}, ["name"]]
    assert refusal(lambda: CollectionsPolicy.from_dict({"name": "x", "stages": stages})) == (
        "stages[1]",
        ErrorCode.WRONG_TYPE,
        ["name"],
    )


def test_an_unknown_stage_key_is_refused_at_its_path() -> None:
    assert stage_refusal(colour="red") == ("stages[0].colour", ErrorCode.UNKNOWN_VALUE, "colour")


@pytest.mark.parametrize("missing", ["name", "after_days", "actions"])
def test_a_missing_stage_key_is_refused_at_its_path_without_a_value(missing: str) -> None:
    assert (f"stages[0].{missing}", ErrorCode.MISSING, None) == stage_refusal(**{missing: None})


def test_a_stages_own_refusals_carry_its_path_and_value() -> None:
    assert stage_refusal(after_days="3") == ("stages[0].after_days", ErrorCode.WRONG_TYPE, "3")
    assert stage_refusal(name=5) == ("stages[0].name", ErrorCode.WRONG_TYPE, 5)
    field, _, value = stage_refusal(min_unpaid_invoices=0)
    assert (field, value) == ("stages[0].min_unpaid_invoices", 0)
    assert stage_refusal(terminal="yes") == ("stages[0].terminal", ErrorCode.WRONG_TYPE, "yes")
    assert refusal(
        lambda: CollectionsPolicy.from_dict(
            {"name": "p", "stages": [{"name": "r", "after_days": 1, "actions": ["remind"], "terminal": None}]}
        )
    ) == ("stages[0].terminal", ErrorCode.WRONG_TYPE, None)


@pytest.mark.parametrize("threshold", ["5", ["amount", "currency"], 5])
def test_a_threshold_must_be_a_table(threshold: object) -> None:
    assert ("stages[0].min_overdue", ErrorCode.WRONG_TYPE, threshold) == with_threshold(threshold)


def test_a_threshold_is_exactly_an_amount_and_a_currency() -> None:
    assert with_threshold({"amount": "5"}) == ("stages[0].min_overdue.currency", ErrorCode.MISSING, None)
    assert with_threshold({"amount": "5", "currency": "EUR", "extra": 1}) == (
        "stages[0].min_overdue.extra",
        ErrorCode.UNKNOWN_VALUE,
        "extra",
    )


def test_a_threshold_amount_is_a_decimal_string() -> None:
    assert with_threshold({"amount": 5, "currency": "EUR"}) == (
        "stages[0].min_overdue.amount",
        ErrorCode.WRONG_TYPE,
        5,
    )
    # Money reports the amount as "amount": the path names it under min_overdue.
    assert with_threshold({"amount": "five", "currency": "EUR"}) == (
        "stages[0].min_overdue.amount",
        ErrorCode.NOT_A_NUMBER,
        "five",
    )


def test_a_threshold_currency_is_an_iso_code() -> None:
    assert with_threshold({"amount": "5", "currency": "eur"}) == (
        "stages[0].min_overdue.currency",
        ErrorCode.UNKNOWN_VALUE,
        "eur",
    )


def test_a_threshold_must_be_positive() -> None:
    field, _, value = with_threshold({"amount": "0", "currency": "EUR"})
    assert (field, value) == ("stages[0].min_overdue", Money("0", "EUR"))


@pytest.mark.parametrize("accounts", ["ABC", 5, None, {"A": 1}])
def test_exempt_accounts_that_are_not_a_list_are_refused(accounts: object) -> None:
    data = {
        "name": "x",
        "exempt_accounts": accounts,
        "stages": [{"name": "r", "after_days": 3, "actions": ["remind"]}],
    }
    field, _, value = refusal(lambda: CollectionsPolicy.from_dict(data))
    assert (field, value) == ("exempt_accounts", accounts)


def test_policy_level_refusals_carry_no_stage_path() -> None:
    data = {"name": "x", "grace_days": -1, "stages": [{"name": "r", "after_days": 3, "actions": ["remind"]}]}
    assert refusal(lambda: CollectionsPolicy.from_dict(data)) == ("grace_days", ErrorCode.OUT_OF_RANGE, -1)
