"""What evaluate and standings refuse (by field, problem, value and message) and what they accept."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import (
    STANDARD,
    Action,
    CollectionsPolicy,
    Commitment,
    Invoice,
    Ledger,
    Stage,
    evaluate,
    standings,
)
from cspcore.errors import CurrencyMismatch, ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def invoice(key: str, due: dt.date, amount: str = "100.00") -> Invoice:
    return Invoice(
        id=key, issued=due - dt.timedelta(days=30), due=due, currency="EUR", total_charges=eur(amount)
    )


def ledger() -> Ledger:
    return Ledger(invoices=(invoice("A", D(2024, 3, 1)),))


def refusal(call: Callable[[], object]) -> tuple[str, str, object]:
    with pytest.raises(InvalidInput) as caught:
        call()
    error = caught.value
    return (error.field, error.code, error.value)


def commitment(key: str = "s", amount: Money | None = None) -> Commitment:
    return Commitment(subscription_id=key, term_end=D(2024, 12, 31), remaining=amount or eur("10.00"))


# -- commitments ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["s", b"s", {"s": 1}])
def test_commitments_that_are_not_a_list_are_refused(value: Any) -> None:
    assert (
        "commitments",
        ErrorCode.WRONG_TYPE,
        value,
    ) == refusal(lambda: evaluate(STANDARD, ledger(), as_of=D(2024, 3, 2), commitments=value))


def test_commitments_given_as_a_set_are_refused_as_not_a_list() -> None:
    value = frozenset({commitment()})
    field, code, got = refusal(
        lambda: evaluate(STANDARD, ledger(), as_of=D(2024, 3, 2), commitments=value)  # type: ignore[arg-type]
    )
    assert ("commitments", ErrorCode.WRONG_TYPE, value) == (field, code, got)


def test_commitments_given_as_a_generator_are_refused_as_not_a_list() -> None:
    value = (c for c in [commitment()])
    field, code, got = refusal(
        lambda: evaluate(STANDARD, ledger(), as_of=D(2024, 3, 2), commitments=value)  # type: ignore[arg-type]
    )
    assert ("commitments", ErrorCode.WRONG_TYPE, value) == (field, code, got)


def test_a_commitment_of_the_wrong_type_is_refused_by_its_index() -> None:
    assert refusal(
        lambda: evaluate(
            STANDARD,
            ledger(),
            as_of=D(2024, 3, 2),
            commitments=[commitment(), "s-2"],  # type: ignore[list-item]
        )
    ) == (
        "commitments[1]",
        ErrorCode.WRONG_TYPE,
        "s-2",
    )


def test_a_commitment_in_another_currency_is_refused_by_its_index_and_amount() -> None:
    amount = Money("10.00", "USD")
    assert mismatch(
        lambda: evaluate(
            STANDARD,
            ledger(),
            as_of=D(2024, 3, 2),
            commitments=(commitment("s-1"), commitment("s-2", amount)),
        )
    ) == ("commitments[1].remaining", "EUR", "USD")


def test_commitments_as_a_list_or_a_tuple_give_the_same_standing() -> None:
    items = [commitment("s-1"), commitment("s-2", eur("5.00"))]
    as_list = evaluate(STANDARD, ledger(), as_of=D(2024, 4, 1), commitments=items)
    as_tuple = evaluate(STANDARD, ledger(), as_of=D(2024, 4, 1), commitments=tuple(items))
    assert (eur("15.00"), as_list) == (as_tuple.exposure, as_tuple)


# -- standings -----------------------------------------------------------------------------------------


def test_standings_are_each_ledgers_evaluation_in_order() -> None:
    late = Ledger(invoices=(invoice("A", D(2024, 2, 1)),))
    clear = Ledger(invoices=(invoice("B", D(2024, 4, 1)),))
    result = standings(STANDARD, (book for book in (late, ledger(), clear)), as_of=D(2024, 3, 10))
    expected = tuple(
        evaluate(STANDARD, book, as_of=D(2024, 3, 10))
        for book in (Ledger(invoices=(invoice("A", D(2024, 2, 1)),)), ledger(), clear)
    )
    assert expected == result
    assert [(s.stage.name if s.stage else None, s.days_past_due) for s in result] == [
        ("stop_renewal", 38),
        ("reminder", 9),
        (None, 0),
    ]


def test_standings_use_the_policy_given() -> None:
    early = CollectionsPolicy(
        name="early", stages=(Stage(name="stop", after_days=1, actions=(Action.SUSPEND_SUBSCRIPTIONS,)),)
    )
    result = standings(early, [ledger()], as_of=D(2024, 3, 2))
    assert ("stop", D(2024, 3, 2)) == (result[0].stage.name, result[0].as_of)  # type: ignore[union-attr]


def test_standings_refuse_a_policy_of_the_wrong_type_by_name() -> None:
    assert refusal(lambda: standings("standard", [], as_of=D(2024, 1, 1))) == (  # type: ignore[arg-type]
        "policy",
        ErrorCode.WRONG_TYPE,
        "standard",
    )


def test_standings_refuse_a_date_that_is_not_a_date_by_name() -> None:
    assert refusal(lambda: standings(STANDARD, [], as_of="2024-01-01")) == (  # type: ignore[arg-type]
        "as_of",
        ErrorCode.WRONG_TYPE,
        "2024-01-01",
    )


def test_standings_refuse_ledgers_that_are_not_iterable_by_name() -> None:
    assert refusal(lambda: standings(STANDARD, 5, as_of=D(2024, 1, 1))) == (  # type: ignore[arg-type]
        "ledgers",
        ErrorCode.WRONG_TYPE,
        5,
    )


def test_standings_refuse_an_item_that_is_not_a_ledger() -> None:
    assert refusal(
        lambda: standings(STANDARD, ["L"], as_of=D(2024, 1, 1))  # type: ignore[list-item]
    ) == ("ledger", ErrorCode.WRONG_TYPE, "L")


def mismatch(call: Callable[[], object]) -> tuple[str, str, str]:
    """The field and the two currencies of the CurrencyMismatch that ``call`` raises."""
    with pytest.raises(CurrencyMismatch) as caught:
        call()
    return caught.value.field, caught.value.left, caught.value.right
