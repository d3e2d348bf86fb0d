"""A ledger's index lists the open invoices of any day as replaying the ledger up to that day does.

``LedgerIndex.open_on`` answers the first document day asked about by a walk over every invoice ever
open, and later ones from the invoices' open intervals (a segment tree over the document days), so
that asking about every day never costs days x invoices. Either way the answer is the replay's open
list on that day: ``(due ordinal, outstanding, id)`` in due order, every amount with its exponent,
whatever order the days are asked in, and a day before the first document has none.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hypothesis import example, given
from hypothesis import strategies as st
from tests.internal.billing.test_the_index_overdue_changes_equal_a_day_by_day_recount import (
    DUE_ON_THE_LAST_DAY,
    MIXED_EXPONENTS_SPREAD,
    VOID_RELEASES_CREDIT_TO_AN_OVERDUE_INVOICE,
    WRITTEN_OFF_AND_CREDITED_EARLY,
    spread_ledgers,
)

from cspcore.billing import Ledger
from cspcore.billing.ledger import LedgerIndex
from cspcore.billing.ledger._replay import events, replay
from cspcore.testing.ledger import ledgers

if TYPE_CHECKING:
    import random


def days_of(ledger: Ledger) -> list[int]:
    """Every day from the day before the first document to the day after the last."""
    documents = events(ledger)
    if not documents:
        return [dt.date(2024, 2, 29).toordinal()]
    return list(range(documents[0][0] - 1, min(documents[-1][0] + 2, dt.date.max.toordinal() + 1)))


@given(spread_ledgers() | ledgers(max_invoices=5, max_payments=5), st.randoms(use_true_random=False))
@example(MIXED_EXPONENTS_SPREAD, None)
@example(VOID_RELEASES_CREDIT_TO_AN_OVERDUE_INVOICE, None)
@example(WRITTEN_OFF_AND_CREDITED_EARLY, None)
@example(DUE_ON_THE_LAST_DAY, None)
@example(Ledger(), None)
def test_the_open_invoices_of_any_day_are_the_replays_in_any_order_asked(
    ledger: Ledger, shuffle: random.Random | None
) -> None:
    days = days_of(ledger)
    if shuffle is not None:
        shuffle.shuffle(days)
    index = LedgerIndex(ledger)
    for day in days:
        expected = replay(ledger, dt.date.fromordinal(day)).open_view()
        assert repr(index.open_on(day)) == repr(expected)
