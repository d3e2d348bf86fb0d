"""What a ledger keeps beside its fields (its document ids, its index, the history closures read) lives
in the ledger's own slot: found again while the ledger lives, built once, and gone with the ledger.

The core keeps no memo of answers (docs/conventions.md, "No memo of answers"): nothing of a ledger is
kept anywhere but in the ledger, so a long-running process that builds many ledgers keeps none of them.
"""

from __future__ import annotations

import datetime as dt
import gc
import weakref

from cspcore import Money
from cspcore.billing import Invoice, Ledger
from cspcore.billing.ledger.account import beside, held, ids_of


def _ledger() -> Ledger:
    invoice = Invoice(
        id="I-1", issued=dt.date(2024, 1, 1), currency="EUR", total_charges=Money("50.00", "EUR")
    )
    return Ledger(invoices=(invoice,), account_id="contoso")


def test_a_ledger_that_kept_its_ids_is_collected_like_any_other() -> None:
    ledger = _ledger()
    assert ledger.invoice("I-1").id == "I-1"  # a lookup keeps its ids beside the ledger
    assert beside(ledger).ids["invoices"].positions == {"I-1": 0}
    gone = weakref.ref(ledger)
    del ledger
    gc.collect()
    assert gone() is None


def test_a_ledger_asked_about_again_finds_what_was_kept() -> None:
    ledger = _ledger()
    kept = beside(ledger)
    assert beside(ledger) is kept
    assert held(ledger, "invoices", "I-1") == 0
    assert held(ledger, "invoices", "I-2") is None


def test_a_ledgers_ids_are_built_once_and_kept() -> None:
    """``Ledger.invoice`` is a lookup: the first question builds the ids, later ones reuse them."""
    ledger = _ledger()
    ids = ids_of(ledger, "invoices")
    assert ids.positions == {"I-1": 0}
    assert ids_of(ledger, "invoices") is ids
    assert beside(ledger).ids["invoices"] is ids
