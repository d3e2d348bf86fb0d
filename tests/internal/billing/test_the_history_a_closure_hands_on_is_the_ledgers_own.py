"""The history kept beside a ledger answers, for every invoice it has not closed, as the ledger's own index.

``void`` and ``write_off`` hand the history they read on to the ledger they give only when the closure
changes no other invoice's history. Whatever the sequence of closures and payments, the history beside
each ledger of the chain holds, for each invoice the ledger has not closed, the very days and amounts
an index built from the ledger's documents holds.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from tests.ledger_closures import ANY_STEPS, START, Step, crowded_ledgers, invoice, run, whole

from cspcore import Money
from cspcore.billing import Ledger, Payment
from cspcore.billing.ledger._index import LedgerIndex
from cspcore.billing.ledger.account import beside
from cspcore.testing.ledger import ledgers


def history_is_the_ledgers_own(book: Ledger) -> None:
    history = beside(book).history
    if history is None:
        return
    own = LedgerIndex(whole(book))
    closed = book.voided | book.written_off
    for document in book.invoices:
        key = document.id
        if key not in closed:
            assert history.change_days(key) == own.change_days[key]
            assert history.changes(key) == own.changes[key]


#: A write-off (I0, day 31) dated before the ledger's last document (a payment on day 60 that settles I1,
#: due first), then an invoice issued between the two (day 45) and due before I1: the payment settles it,
#: so the history's last day must be the payment's, not the write-off's.
BETWEEN = Ledger(
    invoices=(invoice("I0", 0, 100, net=152), invoice("I1", 1, 100, net=59)),
    payments=(Payment(id="P0", received=START + dt.timedelta(days=60), amount=Money(100, "EUR")),),
)


@settings(max_examples=300)
@given(crowded_ledgers() | ledgers(max_invoices=6, max_payments=6), ANY_STEPS)
@example(
    BETWEEN, [(("write_off", 0, 31), False), (("issue", 100, 45, 5), False), (("write_off", 2, 15), False)]
)
def test_the_history_beside_each_ledger_of_a_chain_is_its_own(book: Ledger, steps: list[Step]) -> None:
    run(book, steps, check=history_is_the_ledgers_own)
