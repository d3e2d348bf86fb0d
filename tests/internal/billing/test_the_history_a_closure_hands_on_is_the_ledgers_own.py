"""The history kept beside a ledger answers, for every invoice it has not closed, as the ledger's own index.

``void`` and ``write_off`` hand the history they read on to the ledger they give only when the closure
changes no other invoice's history. Whatever the sequence of closures and payments, the history beside
each ledger of the chain holds, for each invoice the ledger has not closed, the very days and amounts
an index built from the ledger's documents holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import given, settings
from tests.ledger_closures import ANY_STEPS, Step, crowded_ledgers, run, whole

from cspcore.billing.ledger._index import LedgerIndex
from cspcore.billing.ledger.account import beside
from cspcore.testing.ledger import ledgers

if TYPE_CHECKING:
    from cspcore.billing import Ledger


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


@settings(max_examples=300)
@given(crowded_ledgers() | ledgers(max_invoices=6, max_payments=6), ANY_STEPS)
def test_the_history_beside_each_ledger_of_a_chain_is_its_own(book: Ledger, steps: list[Step]) -> None:
    run(book, steps, check=history_is_the_ledgers_own)
