"""Rule: an aging report's buckets are in the currency of its credit, checked when it is built."""

from __future__ import annotations

import datetime as dt

from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing.ledger.aging import Aging, AgingBucket
from cspcore.errors import CurrencyMismatch, ErrorCode


def bucket(amount: Money) -> AgingBucket:
    return AgingBucket(low=0, high=30, amount=amount, invoice_ids=())


def test_buckets_in_another_currency_than_the_credit_are_refused() -> None:
    with raises_invalid(field="buckets[1].amount", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
        Aging(
            as_of=dt.date(2024, 1, 1),
            buckets=(bucket(Money(5, "EUR")), bucket(Money(5, "USD"))),
            credit=Money(0, "EUR"),
        )


def test_buckets_in_the_credits_currency_add_up_to_the_total() -> None:
    report = Aging(
        as_of=dt.date(2024, 1, 1),
        buckets=(bucket(Money(5, "USD")), bucket(Money(7, "USD"))),
        credit=Money(0, "USD"),
    )
    assert report.total == Money(12, "USD")
