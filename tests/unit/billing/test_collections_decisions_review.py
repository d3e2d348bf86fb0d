"""When a standing must be looked at again: the first later day it could change with no new payment.

That is the earliest of the next document, the day the next open invoice falls overdue, and the day
a more severe stage's days are met while its amount and count already hold; none past a terminal
stage or for an exempt account. Each test builds fresh ledgers (the ledger memoises its timeline).
"""

from __future__ import annotations

import datetime as dt

from cspcore import Money
from cspcore.billing import (
    Action,
    CollectionsPolicy,
    Invoice,
    Ledger,
    Payment,
    Stage,
    evaluate,
)

D = dt.date


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def invoice(key: str, due: dt.date, amount: str = "100.00") -> Invoice:
    return Invoice(
        id=key, issued=due - dt.timedelta(days=30), due=due, currency="EUR", total_charges=eur(amount)
    )


def policy(*, terminal: bool = True, exempt: frozenset[str] = frozenset()) -> CollectionsPolicy:
    """Grace 2 days: remind from day 2, block and two from day 12, suspend from 22, end from 62."""
    return CollectionsPolicy(
        name="review",
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
            Stage(name="end", after_days=60, actions=(Action.WRITE_OFF,), terminal=terminal),
        ),
    )


def test_the_next_invoice_falling_overdue_comes_before_a_later_document() -> None:
    ledger = Ledger(
        invoices=(invoice("A", D(2024, 3, 1)), invoice("B", D(2024, 3, 10))),
        payments=(Payment(id="P", amount=eur("1.00"), received=D(2024, 3, 20)),),
    )
    assert D(2024, 3, 11) == evaluate(policy(), ledger, as_of=D(2024, 3, 5)).next_review


def test_a_later_document_comes_before_the_next_invoice_falling_overdue() -> None:
    ledger = Ledger(
        invoices=(invoice("A", D(2024, 3, 1)), invoice("B", D(2024, 3, 10))),
        payments=(Payment(id="P", amount=eur("1.00"), received=D(2024, 3, 7)),),
    )
    assert D(2024, 3, 7) == evaluate(policy(), ledger, as_of=D(2024, 3, 5)).next_review


def test_a_later_document_is_the_review_when_nothing_else_is_coming() -> None:
    ledger = Ledger(
        invoices=(invoice("A", D(2024, 5, 1)),),
        payments=(Payment(id="P", amount=eur("1.00"), received=D(2024, 4, 20)),),
    )
    assert D(2024, 4, 20) == evaluate(policy(), ledger, as_of=D(2024, 4, 10)).next_review


def test_the_last_stage_is_reviewed_on_the_day_its_days_are_met() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    standing = evaluate(policy(), ledger, as_of=D(2024, 3, 25))
    assert ("suspend", D(2024, 5, 2)) == (standing.stage.name, standing.next_review)  # type: ignore[union-attr]


def test_a_terminal_last_stage_is_never_reviewed_again() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    standing = evaluate(policy(), ledger, as_of=D(2024, 5, 2))
    assert (standing.stage.name, standing.next_review) == ("end", None)  # type: ignore[union-attr]


def test_an_overdue_amount_equal_to_the_next_stages_threshold_already_holds() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1), "150.00"),))
    standing = evaluate(policy(), ledger, as_of=D(2024, 3, 5))
    assert ("remind", D(2024, 3, 13)) == (standing.stage.name, standing.next_review)  # type: ignore[union-attr]


def test_an_overdue_amount_below_the_next_stages_threshold_skips_to_a_stage_it_can_reach() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1), "149.99"),))
    standing = evaluate(policy(), ledger, as_of=D(2024, 3, 5))
    assert D(2024, 3, 23) == standing.next_review


def test_a_stage_needing_more_invoices_is_not_a_review_day() -> None:
    two_only = CollectionsPolicy(
        name="two-only",
        stages=(
            Stage(name="remind", after_days=0, actions=(Action.REMIND,)),
            Stage(name="two", after_days=5, actions=(Action.FINAL_NOTICE,), min_unpaid_invoices=2),
        ),
    )
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    assert evaluate(two_only, ledger, as_of=D(2024, 3, 3)).next_review is None


def test_an_exempt_account_is_never_reviewed() -> None:
    ledger = Ledger(
        invoices=(invoice("A", D(2024, 3, 1)), invoice("B", D(2024, 3, 10))),
        payments=(Payment(id="P", amount=eur("1.00"), received=D(2024, 3, 20)),),
        account_id="acct",
    )
    standing = evaluate(policy(exempt=frozenset({"acct"})), ledger, as_of=D(2024, 3, 5))
    assert (standing.stage, standing.next_review) == (None, None)


def test_nothing_overdue_and_nothing_coming_means_no_review() -> None:
    ledger = Ledger(
        invoices=(invoice("A", D(2024, 3, 1)),),
        payments=(Payment(id="P", amount=eur("100.00"), received=D(2024, 2, 20)),),
    )
    assert evaluate(policy(), ledger, as_of=D(2024, 3, 5)).next_review is None


def test_an_empty_ledger_is_never_reviewed() -> None:
    assert evaluate(policy(), Ledger(), as_of=D(2024, 3, 5), currency="EUR").next_review is None


def test_before_the_first_document_the_review_is_that_document() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    assert D(2024, 1, 31) == evaluate(policy(), ledger, as_of=D(2024, 1, 1)).next_review


def test_a_non_terminal_last_stage_is_reviewed_at_the_next_document() -> None:
    ledger = Ledger(
        invoices=(invoice("A", D(2024, 3, 1)),),
        payments=(Payment(id="P", amount=eur("1.00"), received=D(2024, 6, 1)),),
    )
    standing = evaluate(policy(terminal=False), ledger, as_of=D(2024, 5, 10))
    assert ("end", D(2024, 6, 1)) == (standing.stage.name, standing.next_review)  # type: ignore[union-attr]


def test_a_one_stage_policy_not_yet_reached_is_reviewed_when_its_days_are_met() -> None:
    one = CollectionsPolicy(
        name="one", stages=(Stage(name="stop", after_days=5, actions=(Action.SUSPEND_SUBSCRIPTIONS,)),)
    )
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    standing = evaluate(one, ledger, as_of=D(2024, 3, 3))
    assert (None, D(2024, 3, 6)) == (standing.stage, standing.next_review)
