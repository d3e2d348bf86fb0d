"""A voided invoice stops counting on the day it is voided, even the day it was issued.

The balance of a fresh ledger is worked out in one pass over its documents; a ledger that has
built its replay index (an aging or a status asked first) gives the same figure.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore import Money
from cspcore.billing import Invoice, Ledger, balance, status_of, void

ISSUED = dt.date(2024, 2, 29)


def ledger_voided_on(day: dt.date) -> Ledger:
    invoice = Invoice(
        id="A",
        issued=ISSUED,
        due=ISSUED + dt.timedelta(days=30),
        currency="EUR",
        total_charges=Money("120.00", "EUR"),
    )
    kept = Invoice(id="B", issued=ISSUED, currency="EUR", total_charges=Money("5.00", "EUR"))
    return void(Ledger(invoices=(invoice, kept)), "A", on=day)


@pytest.mark.parametrize("indexed", [False, True], ids=["one pass", "index"])
def test_an_invoice_voided_on_its_issue_day_never_counts(indexed: bool) -> None:
    book = ledger_voided_on(ISSUED)
    if indexed:
        status_of(book.invoices[1], book, as_of=ISSUED)  # builds the ledger's index
    assert balance(book, as_of=ISSUED) == Money("5.00", "EUR")


@pytest.mark.parametrize("indexed", [False, True], ids=["one pass", "index"])
def test_an_invoice_counts_until_the_day_it_is_voided(indexed: bool) -> None:
    voided = ISSUED + dt.timedelta(days=5)
    book = ledger_voided_on(voided)
    if indexed:
        status_of(book.invoices[1], book, as_of=voided)
    owed = [balance(book, as_of=ISSUED + dt.timedelta(days=n)).amount for n in (0, 4, 5, 6)]
    assert [str(amount) for amount in owed] == ["125.00", "125.00", "5.00", "5.00"]
