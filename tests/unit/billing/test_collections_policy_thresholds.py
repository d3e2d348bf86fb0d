"""A policy's thresholds as evaluate and schedule apply them: days after grace, amounts, counts, currency."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import (
    Action,
    CollectionsPolicy,
    Invoice,
    Ledger,
    ScheduledAction,
    Stage,
    evaluate,
    schedule,
)
from cspcore.errors import CurrencyMismatch, ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date
DUE = D(2024, 3, 1)
R, F, B, S, W = (
    Action.REMIND,
    Action.FINAL_NOTICE,
    Action.BLOCK_NEW_PURCHASES,
    Action.SUSPEND_SUBSCRIPTIONS,
    Action.WRITE_OFF,
)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def invoice(
    key: str = "A", amount: str = "100.00", *, due: dt.date | None = DUE, currency: str = "EUR"
) -> Invoice:
    return Invoice(
        id=key,
        issued=D(2024, 2, 1),
        due=due,
        currency=currency,
        total_charges=Money(amount, currency),
    )


def refusal(call: Callable[[], object]) -> tuple[str, object, str]:
    with pytest.raises(InvalidInput) as caught:
        call()
    return (caught.value.field, caught.value.value, caught.value.code)


def stage_on(policy: CollectionsPolicy, days_past_due: int, *invoices: Invoice) -> str | None:
    ledger = Ledger(invoices=invoices or (invoice(),))
    standing = evaluate(policy, ledger, as_of=DUE + dt.timedelta(days=days_past_due))
    return None if standing.stage is None else standing.stage.name


def test_after_days_0_without_grace_starts_on_the_first_day_past_due() -> None:
    policy = CollectionsPolicy(
        name="p",
        stages=(
            Stage(name="remind", after_days=0, actions=(R,)),
            Stage(name="block", after_days=3, actions=(B,)),
        ),
    )
    assert [stage_on(policy, day) for day in range(4)] == [None, "remind", "remind", "block"]


def test_grace_days_add_to_every_stages_days() -> None:
    policy = CollectionsPolicy(
        name="p",
        grace_days=2,
        stages=(
            Stage(name="remind", after_days=0, actions=(R,)),
            Stage(name="block", after_days=5, actions=(B,)),
        ),
    )
    assert [stage_on(policy, day) for day in range(8)] == [
        None,
        None,
        "remind",
        "remind",
        "remind",
        "remind",
        "remind",
        "block",
    ]


def test_an_amount_threshold_counts_when_equalled() -> None:
    policy = CollectionsPolicy(
        name="p",
        stages=(
            Stage(name="remind", after_days=0, actions=(R,)),
            Stage(name="block", after_days=0, actions=(B,), min_overdue=eur("150.00")),
        ),
    )
    assert stage_on(policy, 1, invoice(amount="149.99")) == "remind"
    assert stage_on(policy, 1, invoice(amount="150.00")) == "block"


def test_a_policy_whose_every_stage_has_an_amount_threshold_applies_them() -> None:
    policy = CollectionsPolicy(
        name="p",
        stages=(
            Stage(name="small", after_days=0, actions=(R,), min_overdue=eur("50.00")),
            Stage(name="large", after_days=0, actions=(B,), min_overdue=eur("150.00")),
        ),
    )
    assert [stage_on(policy, 1, invoice(amount=amount)) for amount in ("49.99", "50.00", "150.00")] == [
        None,
        "small",
        "large",
    ]


def test_a_stage_without_a_count_needs_one_overdue_invoice_and_a_count_counts_when_equalled() -> None:
    policy = CollectionsPolicy(
        name="p",
        stages=(
            Stage(name="remind", after_days=1, actions=(R,)),
            Stage(name="block", after_days=1, actions=(B,), min_unpaid_invoices=2),
        ),
    )
    assert stage_on(policy, 1, invoice("A")) == "remind"
    assert stage_on(policy, 1, invoice("A"), invoice("B", due=DUE + dt.timedelta(days=-3))) == "block"


def test_a_policy_with_thresholds_in_one_currency_refuses_a_ledger_in_another() -> None:
    policy = CollectionsPolicy(
        name="euro",
        stages=(
            Stage(name="remind", after_days=0, actions=(R,)),
            Stage(name="block", after_days=5, actions=(B,), min_overdue=eur("1.00")),
        ),
    )
    usd = Ledger(invoices=(invoice(currency="USD"),))
    assert mismatch(lambda: evaluate(policy, usd, as_of=DUE)) == ("policy", "EUR", "USD")
    plain = CollectionsPolicy(name="plain", stages=(Stage(name="remind", after_days=0, actions=(R,)),))
    assert evaluate(plain, usd, as_of=DUE + dt.timedelta(days=1)).stage.name == "remind"  # type: ignore[union-attr]


# -- schedule ----------------------------------------------------------------------------------------

LADDER = CollectionsPolicy(
    name="ladder",
    grace_days=1,
    stages=(
        Stage(name="remind", after_days=0, actions=(R,)),
        Stage(name="big", after_days=0, actions=(F,), min_overdue=eur("500.00")),
        Stage(name="many", after_days=4, actions=(B,), min_unpaid_invoices=2),
        Stage(name="suspend", after_days=9, actions=(B, S)),
        Stage(name="huge", after_days=9, actions=(B, S, W), min_overdue=eur("1000.00"), terminal=True),
    ),
)


def scheduled(policy: CollectionsPolicy, item: Invoice) -> list[tuple[dt.date, str, tuple[Action, ...]]]:
    return [(entry.on, entry.stage.name, entry.actions) for entry in schedule(policy, item)]


def test_schedule_lists_only_the_stages_one_invoice_reaches_on_its_own() -> None:
    # "many" needs two invoices; "big" and "huge" need amounts this invoice does not reach.
    assert [
        (D(2024, 3, 2), "remind", (R,)),
        (D(2024, 3, 11), "suspend", (B, S)),
    ] == scheduled(LADDER, invoice(amount="499.99"))


def test_schedule_keeps_the_most_severe_stage_of_a_day() -> None:
    assert [
        (D(2024, 3, 2), "big", (F,)),
        (D(2024, 3, 11), "suspend", (B, S)),
    ] == scheduled(LADDER, invoice(amount="500.00"))
    assert [
        (D(2024, 3, 2), "big", (F,)),
        (D(2024, 3, 11), "huge", (B, S, W)),
    ] == scheduled(LADDER, invoice(amount="1000.00"))


def test_schedule_gives_whole_scheduled_actions() -> None:
    assert (
        ScheduledAction(on=D(2024, 3, 2), stage=LADDER.stages[0], actions=(R,)),
        ScheduledAction(on=D(2024, 3, 11), stage=LADDER.stages[3], actions=(B, S)),
    ) == schedule(LADDER, invoice())


def test_an_invoice_without_a_due_date_is_scheduled_from_its_issue_date() -> None:
    assert [D(2024, 2, 2), D(2024, 2, 11)] == [item.on for item in schedule(LADDER, invoice(due=None))]


def test_nothing_is_scheduled_for_a_disputed_or_zero_invoice() -> None:
    disputed = Invoice(
        id="A", issued=D(2024, 2, 1), due=DUE, currency="EUR", total_charges=eur("100.00"), disputed=True
    )
    assert schedule(LADDER, disputed) == ()
    assert schedule(LADDER, invoice(amount="0.00")) == ()


def test_schedule_refuses_an_invoice_in_another_currency_than_the_thresholds() -> None:
    assert mismatch(lambda: schedule(LADDER, invoice(currency="USD"))) == ("policy", "EUR", "USD")
    plain = CollectionsPolicy(name="plain", stages=(Stage(name="remind", after_days=0, actions=(R,)),))
    assert [D(2024, 3, 2)] == [item.on for item in schedule(plain, invoice(currency="USD"))]


def test_schedule_refuses_values_of_the_wrong_type() -> None:
    assert refusal(
        lambda: schedule("ladder", invoice())  # type: ignore[arg-type]
    ) == ("policy", "ladder", ErrorCode.WRONG_TYPE)
    assert refusal(
        lambda: schedule(LADDER, "A")  # type: ignore[arg-type]
    ) == ("invoice", "A", ErrorCode.WRONG_TYPE)


def mismatch(call: Callable[[], object]) -> tuple[str, str, str]:
    """The field and the two currencies of the CurrencyMismatch that ``call`` raises."""
    with pytest.raises(CurrencyMismatch) as caught:
        call()
    return caught.value.field, caught.value.left, caught.value.right
