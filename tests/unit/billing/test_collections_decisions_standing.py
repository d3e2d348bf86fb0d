"""Where an account stands on a day: evaluate's standings compared whole with ones built by hand.

Rules (``provide-billing-support.md``, docs/collections.md): days count from the due date of the
oldest overdue, undisputed invoice not under a payment plan; a stage applies when all its conditions
hold, each counting when equalled; the most severe such stage wins; exempt accounts never trigger.
Every test builds fresh ledgers, since a ledger memoises its timeline and day summaries.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import (
    STANDARD,
    Action,
    CollectionsPolicy,
    Commitment,
    Invoice,
    Ledger,
    Payment,
    ReactivationDeadline,
    Stage,
    Standing,
    evaluate,
)
from cspcore.errors import CurrencyMismatch, ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date
REMIND = (Action.REMIND,)
BLOCK = (Action.BLOCK_NEW_PURCHASES,)
TWO = (Action.FINAL_NOTICE,)
SUSPEND = (Action.BLOCK_NEW_PURCHASES, Action.SUSPEND_SUBSCRIPTIONS)
END = (Action.WRITE_OFF,)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def invoice(key: str, due: dt.date, amount: str = "100.00") -> Invoice:
    return Invoice(
        id=key, issued=due - dt.timedelta(days=30), due=due, currency="EUR", total_charges=eur(amount)
    )


def policy(*, exempt: frozenset[str] = frozenset()) -> CollectionsPolicy:
    """Grace 2 days: remind from day 2, block and two from day 12, suspend from 22, end from 62."""
    return CollectionsPolicy(
        name="decisions",
        grace_days=2,
        exempt_accounts=exempt,
        stages=(
            Stage(name="remind", after_days=0, actions=REMIND),
            Stage(name="block", after_days=10, actions=BLOCK, min_overdue=eur("150.00")),
            Stage(name="two", after_days=10, actions=TWO, min_overdue=eur("150.00"), min_unpaid_invoices=2),
            Stage(name="suspend", after_days=20, actions=SUSPEND),
            Stage(name="end", after_days=60, actions=END, terminal=True),
        ),
    )


POLICY = policy()


def standing(
    as_of: dt.date,
    stage: str | None = None,
    *,
    days: int = 0,
    overdue: str = "0",
    count: int = 0,
    review: dt.date | None = None,
    oldest: str | None = None,
    exposure: Money | None = None,
    deadlines: tuple[ReactivationDeadline, ...] = (),
) -> Standing:
    chosen = POLICY.stage(stage) if stage is not None else None
    return Standing(
        as_of=as_of,
        stage=chosen,
        days_past_due=days,
        overdue=eur(overdue),
        unpaid_invoices=count,
        actions=chosen.actions if chosen is not None else (),
        next_review=review,
        oldest_invoice_id=oldest,
        exposure=exposure,
        reactivation_deadlines=deadlines,
    )


# -- nothing overdue -----------------------------------------------------------------------------------


def test_an_empty_ledger_stands_clear_in_the_currency_given() -> None:
    actual = evaluate(policy(), Ledger(), as_of=D(2024, 3, 1), currency="EUR")
    assert standing(D(2024, 3, 1)) == actual


def test_before_its_first_document_a_ledger_stands_clear_until_that_document() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    assert standing(D(2024, 1, 1), review=D(2024, 1, 31)) == evaluate(policy(), ledger, as_of=D(2024, 1, 1))


def test_an_invoice_not_yet_due_counts_for_nothing_until_the_day_after_its_due_date() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    assert standing(D(2024, 3, 1), review=D(2024, 3, 2)) == evaluate(policy(), ledger, as_of=D(2024, 3, 1))


def test_an_invoice_paid_on_the_day_counts_for_nothing_that_day() -> None:
    ledger = Ledger(
        invoices=(invoice("A", D(2024, 3, 1)),),
        payments=(Payment(id="P", amount=eur("100.00"), received=D(2024, 3, 20)),),
    )
    assert standing(D(2024, 3, 20)) == evaluate(policy(), ledger, as_of=D(2024, 3, 20))


def test_the_day_before_a_payment_the_invoice_still_counts() -> None:
    ledger = Ledger(
        invoices=(invoice("A", D(2024, 3, 1)),),
        payments=(Payment(id="P", amount=eur("100.00"), received=D(2024, 3, 20)),),
    )
    expected = standing(
        D(2024, 3, 19), "remind", days=18, overdue="100.00", count=1, review=D(2024, 3, 20), oldest="A"
    )
    assert expected == evaluate(policy(), ledger, as_of=D(2024, 3, 19))


# -- stages --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "stage", "days", "review"),
    [
        (D(2024, 3, 2), None, 1, D(2024, 3, 3)),
        (D(2024, 3, 3), "remind", 2, D(2024, 3, 13)),
        (D(2024, 3, 12), "remind", 11, D(2024, 3, 13)),
        (D(2024, 3, 13), "block", 12, D(2024, 3, 23)),
        (D(2024, 3, 22), "block", 21, D(2024, 3, 23)),
        (D(2024, 3, 23), "suspend", 22, D(2024, 5, 2)),
        (D(2024, 5, 1), "suspend", 61, D(2024, 5, 2)),
        (D(2024, 5, 2), "end", 62, None),
    ],
)
def test_each_stage_applies_from_its_first_day(
    as_of: dt.date, stage: str | None, days: int, review: dt.date | None
) -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1), "200.00"),))
    expected = standing(as_of, stage, days=days, overdue="200.00", count=1, review=review, oldest="A")
    assert expected == evaluate(policy(), ledger, as_of=as_of)


def test_a_stage_applies_when_amount_and_count_exactly_equal_its_thresholds() -> None:
    ledger = Ledger(
        invoices=(
            invoice("A", D(2024, 3, 1), "100.00"),
            invoice("B", D(2024, 3, 2), "50.00"),
            invoice("C", D(2024, 4, 1), "10.00"),
        )
    )
    expected = standing(
        D(2024, 3, 13), "two", days=12, overdue="150.00", count=2, review=D(2024, 3, 23), oldest="A"
    )
    assert expected == evaluate(policy(), ledger, as_of=D(2024, 3, 13))


def test_a_cent_short_of_the_amount_holds_a_stage_back() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1), "100.00"), invoice("B", D(2024, 3, 2), "49.99")))
    expected = standing(
        D(2024, 3, 13), "remind", days=12, overdue="149.99", count=2, review=D(2024, 3, 23), oldest="A"
    )
    assert expected == evaluate(policy(), ledger, as_of=D(2024, 3, 13))


def test_days_count_from_the_oldest_overdue_invoice_and_later_ones_are_upcoming() -> None:
    ledger = Ledger(
        invoices=(
            invoice("B", D(2024, 3, 5), "20.00"),
            invoice("A", D(2024, 3, 1), "30.00"),
            invoice("C", D(2024, 3, 20), "40.00"),
        )
    )
    expected = standing(
        D(2024, 3, 10), "remind", days=9, overdue="50.00", count=2, review=D(2024, 3, 21), oldest="A"
    )
    assert expected == evaluate(policy(), ledger, as_of=D(2024, 3, 10))


def test_a_ledger_evaluated_on_several_days_gives_what_a_fresh_one_gives_on_each() -> None:
    def book() -> Ledger:
        return Ledger(
            invoices=(invoice("A", D(2024, 3, 1)), invoice("B", D(2024, 3, 10), "60.00")),
            payments=(Payment(id="P", amount=eur("100.00"), received=D(2024, 3, 15), invoice_id="A"),),
        )

    shared = book()
    days = [D(2024, 3, 14), D(2024, 3, 2), D(2024, 3, 16), D(2024, 3, 14), D(2024, 2, 1), D(2024, 4, 1)]
    assert [evaluate(policy(), book(), as_of=day) for day in days] == [
        evaluate(policy(), shared, as_of=day) for day in days
    ]
    assert standing(
        D(2024, 3, 16), "remind", days=6, overdue="60.00", count=1, review=D(2024, 4, 1), oldest="B"
    ) == (evaluate(policy(), shared, as_of=D(2024, 3, 16)))


# -- exempt accounts ----------------------------------------------------------------------------------------


def test_an_exempt_account_reports_its_overdue_invoices_but_no_stage_or_review() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),), account_id="acct")
    commitments = [Commitment(subscription_id="s", term_end=D(2024, 12, 31), remaining=eur("5.00"))]
    actual = evaluate(
        policy(exempt=frozenset({"acct"})), ledger, as_of=D(2024, 3, 25), commitments=commitments
    )
    assert standing(D(2024, 3, 25), days=24, overdue="100.00", count=1, oldest="A") == actual


def test_a_policy_exempting_other_accounts_still_acts_on_this_one() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),), account_id="acct")
    actual = evaluate(policy(exempt=frozenset({"other"})), ledger, as_of=D(2024, 3, 3))
    assert (
        standing(
            D(2024, 3, 3), "remind", days=2, overdue="100.00", count=1, review=D(2024, 3, 23), oldest="A"
        )
        == actual
    )


def test_an_account_without_an_id_is_not_exempt() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    actual = evaluate(policy(exempt=frozenset({"acct"})), ledger, as_of=D(2024, 3, 3))
    assert actual.stage.name == "remind"  # type: ignore[union-attr]


# -- suspension ------------------------------------------------------------------------------------------


def test_suspension_without_commitments_shows_no_exposure() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    expected = standing(
        D(2024, 3, 23), "suspend", days=22, overdue="100.00", count=1, review=D(2024, 5, 2), oldest="A"
    )
    assert expected == evaluate(policy(), ledger, as_of=D(2024, 3, 23))


def test_suspension_with_commitments_shows_the_exposure_and_each_deadline() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    commitments = (
        Commitment(subscription_id="s-2", term_end=D(2024, 12, 31), remaining=eur("900.00")),
        Commitment(subscription_id="s-1", term_end=D(2024, 6, 30), remaining=eur("300.00")),
    )
    expected = standing(
        D(2024, 3, 23),
        "suspend",
        days=22,
        overdue="100.00",
        count=1,
        review=D(2024, 5, 2),
        oldest="A",
        exposure=eur("1200.00"),
        deadlines=(
            ReactivationDeadline(subscription_id="s-1", by=D(2024, 6, 30)),
            ReactivationDeadline(subscription_id="s-2", by=D(2024, 12, 31)),
        ),
    )
    assert expected == evaluate(policy(), ledger, as_of=D(2024, 3, 23), commitments=commitments)


def test_a_stage_that_does_not_suspend_ignores_the_commitments() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    commitments = [Commitment(subscription_id="s", term_end=D(2024, 12, 31), remaining=eur("900.00"))]
    expected = standing(
        D(2024, 3, 3), "remind", days=2, overdue="100.00", count=1, review=D(2024, 3, 23), oldest="A"
    )
    assert expected == evaluate(policy(), ledger, as_of=D(2024, 3, 3), commitments=commitments)


def test_a_clear_account_ignores_the_commitments() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    commitments = [Commitment(subscription_id="s", term_end=D(2024, 12, 31), remaining=eur("900.00"))]
    assert standing(D(2024, 3, 1), review=D(2024, 3, 2)) == evaluate(
        POLICY, ledger, as_of=D(2024, 3, 1), commitments=commitments
    )


# -- inputs ----------------------------------------------------------------------------------------------


def refusal(call: Callable[[], object]) -> tuple[str, str, object]:
    with pytest.raises(InvalidInput) as caught:
        call()
    error = caught.value
    return (error.field, error.code, error.value)


class CalendarDate(dt.date):
    """A date subclass, as calendar libraries (pendulum's ``Date``) make."""


def test_a_date_subclass_is_accepted_as_the_day() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    expected = standing(
        D(2024, 3, 3), "remind", days=2, overdue="100.00", count=1, review=D(2024, 3, 23), oldest="A"
    )
    assert expected == evaluate(policy(), ledger, as_of=CalendarDate(2024, 3, 3))


def test_a_datetime_is_refused_as_the_day() -> None:
    moment = dt.datetime(2024, 3, 3, tzinfo=dt.UTC)
    assert (
        "as_of",
        ErrorCode.WRONG_TYPE,
        moment,
    ) == refusal(lambda: evaluate(policy(), Ledger(), as_of=moment, currency="EUR"))


def test_a_string_is_refused_as_the_day() -> None:
    assert refusal(lambda: evaluate(policy(), Ledger(), as_of="2024-03-03", currency="EUR")) == (  # type: ignore[arg-type]
        "as_of",
        ErrorCode.WRONG_TYPE,
        "2024-03-03",
    )


def test_a_policy_of_the_wrong_type_is_refused_by_name() -> None:
    assert refusal(lambda: evaluate("standard", Ledger(), as_of=D(2024, 1, 1))) == (  # type: ignore[arg-type]
        "policy",
        ErrorCode.WRONG_TYPE,
        "standard",
    )


def test_a_ledger_of_the_wrong_type_is_refused_by_name() -> None:
    assert refusal(
        lambda: evaluate(STANDARD, [], as_of=D(2024, 1, 1))  # type: ignore[arg-type]
    ) == ("ledger", ErrorCode.WRONG_TYPE, [])


def test_an_empty_ledger_without_a_currency_is_refused_under_a_policy_without_thresholds() -> None:
    assert refusal(lambda: evaluate(STANDARD, Ledger(), as_of=D(2024, 1, 1))) == (
        "currency",
        ErrorCode.MISSING,
        None,
    )


def test_an_empty_ledger_takes_the_currency_of_the_policys_thresholds() -> None:
    assert evaluate(policy(), Ledger(), as_of=D(2024, 1, 1)).overdue == eur("0")


def test_a_ledger_in_another_currency_than_the_thresholds_is_refused() -> None:
    usd = Ledger(
        invoices=(Invoice(id="U", issued=D(2024, 1, 1), currency="USD", total_charges=Money(1, "USD")),)
    )
    assert mismatch(lambda: evaluate(policy(), usd, as_of=D(2024, 1, 1))) == ("policy", "EUR", "USD")


def test_a_policy_without_amount_thresholds_fits_a_ledger_in_any_currency() -> None:
    usd = Ledger(
        invoices=(
            Invoice(
                id="U",
                issued=D(2024, 1, 1),
                due=D(2024, 1, 31),
                currency="USD",
                total_charges=Money(5, "USD"),
            ),
        )
    )
    actual = evaluate(STANDARD, usd, as_of=D(2024, 2, 3))
    assert ("reminder", 3, Money(5, "USD")) == (actual.stage.name, actual.days_past_due, actual.overdue)  # type: ignore[union-attr]


def test_a_currency_given_for_a_ledger_with_documents_is_not_needed() -> None:
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1)),))
    expected = standing(
        D(2024, 3, 3), "remind", days=2, overdue="100.00", count=1, review=D(2024, 3, 23), oldest="A"
    )
    assert expected == evaluate(policy(), ledger, as_of=D(2024, 3, 3), currency="EUR")


def test_a_policy_whose_every_stage_has_an_amount_threshold_compares_the_amount() -> None:
    amounts = CollectionsPolicy(
        name="amounts",
        stages=(
            Stage(name="remind", after_days=0, actions=REMIND, min_overdue=eur("100.00")),
            Stage(name="block", after_days=0, actions=BLOCK, min_overdue=eur("500.00")),
        ),
    )
    ledger = Ledger(invoices=(invoice("A", D(2024, 3, 1), "100.00"), invoice("B", D(2024, 3, 5), "399.99")))
    on_the_first = evaluate(amounts, ledger, as_of=D(2024, 3, 2))
    on_the_sixth = evaluate(amounts, ledger, as_of=D(2024, 3, 6))
    assert [("remind", eur("100.00")), ("remind", eur("499.99"))] == [
        (s.stage.name, s.overdue)  # type: ignore[union-attr]
        for s in (on_the_first, on_the_sixth)
    ]


def mismatch(call: Callable[[], object]) -> tuple[str, str, str]:
    """The field and the two currencies of the CurrencyMismatch that ``call`` raises."""
    with pytest.raises(CurrencyMismatch) as caught:
        call()
    return caught.value.field, caught.value.left, caught.value.right
