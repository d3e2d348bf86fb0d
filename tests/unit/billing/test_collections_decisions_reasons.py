"""Why a collections standing is what it is: every reason evaluate gives, compared whole.

Each test builds its own ledgers (a ledger memoises its timeline), so that nothing is reused between
tests. Policy rules: ``provide-billing-support.md`` (Collections policy); suspension consequences:
``create-a-new-subscription.md`` (Suspend a subscription); the 7-day window: ``cancel-subscriptions.md``.
"""

from __future__ import annotations

import datetime as dt

import attrs

from cspcore import Money
from cspcore.billing import (
    Action,
    CollectionsPolicy,
    Commitment,
    Invoice,
    Ledger,
    Stage,
    evaluate,
)
from cspcore.explain import Reason, Source

D = dt.date
POLICY_SOURCE = Source(document="provide-billing-support.md", section="Collections policy")
SUSPEND_SOURCE = Source(document="create-a-new-subscription.md", section="Suspend a subscription")
CANCEL_SOURCE = Source(document="cancel-subscriptions.md", section="Cancellation window")
NOTHING_OVERDUE = Reason(code="billing.collections.nothing_overdue", params={}, source=POLICY_SOURCE)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def invoice(key: str, due: dt.date, amount: str = "100.00", *, disputed: bool = False) -> Invoice:
    return Invoice(
        id=key,
        issued=due - dt.timedelta(days=30),
        due=due,
        currency="EUR",
        total_charges=eur(amount),
        disputed=disputed,
    )


def policy(*, exempt: frozenset[str] = frozenset()) -> CollectionsPolicy:
    """Grace 2 days: remind from day 2, block and two from day 12, suspend from 22, end from 62."""
    return CollectionsPolicy(
        name="decisions",
        grace_days=2,
        exempt_accounts=exempt,
        stages=(
            Stage(name="remind", after_days=0, actions=(Action.REMIND,)),
            Stage(
                name="block", after_days=10, actions=(Action.BLOCK_NEW_PURCHASES,), min_overdue=eur("150.00")
            ),
            Stage(
                name="two",
                after_days=10,
                actions=(Action.FINAL_NOTICE,),
                min_overdue=eur("150.00"),
                min_unpaid_invoices=2,
            ),
            Stage(
                name="suspend",
                after_days=20,
                actions=(Action.BLOCK_NEW_PURCHASES, Action.SUSPEND_SUBSCRIPTIONS),
            ),
            Stage(name="end", after_days=60, actions=(Action.WRITE_OFF,), terminal=True),
        ),
    )


def reached(stage: str, days: int, needed: int, overdue: str, count: int, *, key: str = "A") -> Reason:
    return Reason(
        code="billing.collections.stage_reached",
        params={
            "stage": stage,
            "days_past_due": days,
            "needed": needed,
            "invoice": key,
            "overdue": eur(overdue),
            "count": count,
        },
        source=POLICY_SOURCE,
    )


def held_days(stage: str, days: int, needed: int) -> Reason:
    return Reason(
        code="billing.collections.held_back_days",
        params={"stage": stage, "days_past_due": days, "needed": needed},
        source=POLICY_SOURCE,
    )


# -- exemptions --------------------------------------------------------------------------------------


def test_an_invoice_on_a_payment_plan_is_named_from_the_day_after_its_due_date() -> None:
    def ledger() -> Ledger:
        return Ledger(invoices=(invoice("A", D(2024, 3, 1)),), on_payment_plan={"A"})

    on_due_date = evaluate(policy(), ledger(), as_of=D(2024, 3, 1)).reasons
    day_after = evaluate(policy(), ledger(), as_of=D(2024, 3, 2)).reasons
    planned = Reason(
        code="billing.collections.exempt_payment_plan", params={"invoice": "A"}, source=POLICY_SOURCE
    )
    assert ((NOTHING_OVERDUE,), (planned, NOTHING_OVERDUE)) == (on_due_date, day_after)


def test_a_disputed_invoice_is_named_from_the_day_after_its_due_date() -> None:
    def ledger() -> Ledger:
        return Ledger(invoices=(invoice("X", D(2024, 3, 1), disputed=True),))

    on_due_date = evaluate(policy(), ledger(), as_of=D(2024, 3, 1)).reasons
    day_after = evaluate(policy(), ledger(), as_of=D(2024, 3, 2)).reasons
    disputed = Reason(
        code="billing.collections.exempt_disputed", params={"invoice": "X"}, source=POLICY_SOURCE
    )
    assert ((NOTHING_OVERDUE,), (disputed, NOTHING_OVERDUE)) == (on_due_date, day_after)


def test_an_exempt_account_is_named_after_its_exempt_invoices_and_nothing_else_is_said() -> None:
    ledger = Ledger(
        invoices=(invoice("A", D(2024, 3, 1)), invoice("X", D(2024, 2, 1), disputed=True)),
        account_id="acct",
    )
    standing = evaluate(policy(exempt=frozenset({"acct"})), ledger, as_of=D(2024, 6, 1))
    assert (
        Reason(code="billing.collections.exempt_disputed", params={"invoice": "X"}, source=POLICY_SOURCE),
        Reason(code="billing.collections.exempt_account", params={"account": "acct"}, source=POLICY_SOURCE),
    ) == standing.reasons


def test_an_empty_ledger_has_nothing_overdue() -> None:
    standing = evaluate(policy(), Ledger(), as_of=D(2024, 3, 1), currency="EUR")
    assert standing.reasons == (NOTHING_OVERDUE,)


def test_before_any_document_nothing_is_overdue() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),), on_payment_plan={"A"})
    assert evaluate(policy(), ledger, as_of=D(2024, 1, 1)).reasons == (NOTHING_OVERDUE,)


# -- the stage reached and the next one held back ------------------------------------------------------


def test_grace_days_hold_the_first_stage_back_by_days() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    standing = evaluate(policy(), ledger, as_of=D(2024, 3, 2))
    assert (held_days("remind", 1, 2),) == standing.reasons


def test_a_stage_reached_names_its_invoice_days_and_total_and_the_next_stage_held_back_by_amount() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    standing = evaluate(policy(), ledger, as_of=D(2024, 3, 13))
    assert (
        reached("remind", 12, 2, "100.00", 1),
        Reason(
            code="billing.collections.held_back_amount",
            params={"stage": "block", "overdue": eur("100.00"), "needed": eur("150.00")},
            source=POLICY_SOURCE,
        ),
    ) == standing.reasons


def test_the_next_stage_can_be_held_back_by_days_and_amount_at_once() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    standing = evaluate(policy(), ledger, as_of=D(2024, 3, 5))
    assert (
        reached("remind", 4, 2, "100.00", 1),
        held_days("block", 4, 12),
        Reason(
            code="billing.collections.held_back_amount",
            params={"stage": "block", "overdue": eur("100.00"), "needed": eur("150.00")},
            source=POLICY_SOURCE,
        ),
    ) == standing.reasons


def test_a_stage_needing_more_invoices_names_the_count_it_needs() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1), "150.00"),))
    standing = evaluate(policy(), ledger, as_of=D(2024, 3, 13))
    assert (
        reached("block", 12, 12, "150.00", 1),
        Reason(
            code="billing.collections.held_back_invoices",
            params={"stage": "two", "count": 1, "needed": 2},
            source=POLICY_SOURCE,
        ),
    ) == standing.reasons


def test_a_stage_needing_days_amount_and_invoices_names_all_three() -> None:
    strict = CollectionsPolicy(
        name="three",
        stages=(
            Stage(name="remind", after_days=0, actions=(Action.REMIND,)),
            Stage(
                name="agency",
                after_days=30,
                actions=(Action.REFER_TO_AGENCY,),
                min_overdue=eur("1000.00"),
                min_unpaid_invoices=3,
            ),
        ),
    )
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    standing = evaluate(strict, ledger, as_of=D(2024, 3, 11))
    assert (
        reached("remind", 10, 1, "100.00", 1),
        held_days("agency", 10, 30),
        Reason(
            code="billing.collections.held_back_amount",
            params={"stage": "agency", "overdue": eur("100.00"), "needed": eur("1000.00")},
            source=POLICY_SOURCE,
        ),
        Reason(
            code="billing.collections.held_back_invoices",
            params={"stage": "agency", "count": 1, "needed": 3},
            source=POLICY_SOURCE,
        ),
    ) == standing.reasons


def test_the_stage_before_the_last_names_the_last_one_held_back() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    standing = evaluate(policy(), ledger, as_of=D(2024, 3, 23))
    assert (reached("suspend", 22, 22, "100.00", 1), held_days("end", 22, 62)) == standing.reasons


def test_the_last_stage_only_says_that_it_applies() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    standing = evaluate(policy(), ledger, as_of=D(2024, 5, 2))
    assert (reached("end", 62, 62, "100.00", 1),) == standing.reasons


def test_a_standings_reasons_are_those_of_its_evaluation_and_an_evolved_copy_keeps_them() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    standing = attrs.evolve(evaluate(policy(), ledger, as_of=D(2024, 5, 2)), oldest_invoice_id=None)
    assert ((reached("end", 62, 62, "100.00", 1, key="A"),), None) == (
        standing.reasons,
        standing.oldest_invoice_id,
    )


# -- consequences of suspension ----------------------------------------------------------------------


def commitment(key: str, term_end: dt.date, amount: str, purchased: dt.date | None = None) -> Commitment:
    return Commitment(subscription_id=key, term_end=term_end, remaining=eur(amount), purchased=purchased)


def still_billed(key: str, amount: str, term_end: dt.date) -> Reason:
    return Reason(
        code="billing.collections.suspension_still_billed",
        params={"subscription": key, "amount": eur(amount), "term_end": term_end},
        source=SUSPEND_SOURCE,
    )


def test_suspension_names_each_live_subscription_by_term_end_and_its_open_cancellation_window() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    as_of = D(2024, 3, 23)  # suspend: 22 days past due
    commitments = [
        commitment("s-4", D(2024, 12, 31), "400.00", purchased=D(2024, 3, 15)),  # 8 days: window closed
        commitment("s-1", D(2024, 12, 31), "900.00", purchased=D(2024, 3, 16)),  # 7th day: still open
        commitment("s-2", as_of, "30.00"),  # its term ends today: still live
        commitment("s-3", D(2024, 3, 22), "0.00"),  # its term ended yesterday
    ]
    standing = evaluate(policy(), ledger, as_of=as_of, commitments=commitments)
    assert (
        reached("suspend", 22, 22, "100.00", 1),
        held_days("end", 22, 62),
        still_billed("s-2", "30.00", as_of),
        still_billed("s-1", "900.00", D(2024, 12, 31)),
        Reason(
            code="billing.collections.cancellable_until",
            params={"subscription": "s-1", "until": D(2024, 3, 23)},
            source=CANCEL_SOURCE,
        ),
        still_billed("s-4", "400.00", D(2024, 12, 31)),
    ) == standing.reasons


def test_suspension_exposure_and_deadlines_count_a_term_ending_on_the_day() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    as_of = D(2024, 3, 23)
    commitments = [
        commitment("s-1", D(2024, 12, 31), "900.00"),
        commitment("s-2", as_of, "30.00"),
        commitment("s-3", D(2024, 3, 22), "5.00"),
    ]
    standing = evaluate(policy(), ledger, as_of=as_of, commitments=commitments)
    assert (eur("930.00"), (("s-2", as_of), ("s-1", D(2024, 12, 31)))) == (
        standing.exposure,
        tuple((d.subscription_id, d.by) for d in standing.reactivation_deadlines),
    )


def test_a_cancellation_window_opened_before_the_day_is_named_until_its_seventh_day() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    as_of = D(2024, 3, 25)
    commitments = [commitment("s-1", D(2025, 3, 17), "1200.00", purchased=D(2024, 3, 18))]
    standing = evaluate(policy(), ledger, as_of=as_of, commitments=commitments)
    assert (
        still_billed("s-1", "1200.00", D(2025, 3, 17)),
        Reason(
            code="billing.collections.cancellable_until",
            params={"subscription": "s-1", "until": D(2024, 3, 25)},
            source=CANCEL_SOURCE,
        ),
    ) == standing.reasons[2:]


def test_a_stage_that_does_not_suspend_says_nothing_of_the_subscriptions() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    commitments = [commitment("s-1", D(2024, 12, 31), "900.00", purchased=D(2024, 3, 10))]
    standing = evaluate(policy(), ledger, as_of=D(2024, 3, 13), commitments=commitments)
    assert (
        None,
        (),
        (
            reached("remind", 12, 2, "100.00", 1),
            Reason(
                code="billing.collections.held_back_amount",
                params={"stage": "block", "overdue": eur("100.00"), "needed": eur("150.00")},
                source=POLICY_SOURCE,
            ),
        ),
    ) == (standing.exposure, standing.reactivation_deadlines, standing.reasons)
