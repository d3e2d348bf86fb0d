"""Law: a suspension for non-payment and the reactivation once paid act on the same subscriptions.

When no subscription's term end (its reactivation deadline, ``create-a-new-subscription.md``,
"Suspend a subscription") has passed by the payment, every subscription suspended is reactivated
and nothing else; past it, a subscription is reported instead, never reactivated.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from cspcore import Money
from cspcore.billing import (
    STANDARD,
    Commitment,
    Invoice,
    Ledger,
    Payment,
    apply_payment,
    evaluate,
    reactivation_events,
    suspension_events,
)

DUE = dt.date(2024, 2, 7)
SUSPENDED_ON = dt.date(2024, 3, 2)  # 24 days past due: STANDARD's suspend stage
LEDGER = Ledger(
    invoices=(
        Invoice(
            id="C-1",
            issued=dt.date(2024, 1, 8),
            due=DUE,
            currency="EUR",
            total_charges=Money("500.00", "EUR"),
        ),
    )
)


def at(day: dt.date, minutes: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)


commitments = st.dictionaries(
    st.text(alphabet="abcdef0123456789-", min_size=1, max_size=12),
    st.integers(min_value=-30, max_value=1100),
    max_size=8,
).map(
    lambda terms: tuple(
        Commitment(
            subscription_id=name,
            term_end=SUSPENDED_ON + dt.timedelta(days=offset),
            remaining=Money(max(0, offset), "EUR"),
        )
        for name, offset in terms.items()
    )
)


@given(
    commitments,
    st.integers(min_value=0, max_value=1200),
    st.integers(min_value=0, max_value=1439),
    st.integers(min_value=0, max_value=1439),
)
def test_reactivation_after_payment_acts_on_exactly_the_suspended_subscriptions_still_in_term(
    owed: tuple[Commitment, ...], paid_after: int, suspend_minute: int, reactivate_minute: int
) -> None:
    paid = SUSPENDED_ON + dt.timedelta(days=paid_after)
    before = evaluate(STANDARD, LEDGER, as_of=SUSPENDED_ON, commitments=owed)
    ledger = apply_payment(LEDGER, Payment(id="P-1", amount=Money("500.00", "EUR"), received=paid))
    after = evaluate(STANDARD, ledger, as_of=paid, commitments=owed)
    suspended = suspension_events(before, at=at(SUSPENDED_ON, suspend_minute))
    reactivated = reactivation_events(before, after, at=at(paid, reactivate_minute))

    live = {c.subscription_id for c in owed if c.term_end >= SUSPENDED_ON}
    assert set(suspended.subscriptions) == live
    still_in_term = {c.subscription_id for c in owed if c.term_end >= paid}
    assert set(reactivated.subscriptions) == live & still_in_term
    if live <= still_in_term:  # nothing expired: the round trip names the same set
        assert set(reactivated.subscriptions) == set(suspended.subscriptions)
    reported = {
        r.params["subscription"]
        for r in reactivated.reasons
        if r.code == "billing.collections.reactivation_deadline_passed"
    }
    assert reported == live - still_in_term
    assert all(event.at == at(SUSPENDED_ON, suspend_minute) for event in suspended.events)
