"""A payment dated after a write-off reaches an invoice issued between the two, however the ledger was built.

An invoice written off on a day before the ledger's last payment, then a new invoice issued between the
write-off and that payment: the payment pays the new invoice (it falls due first), so the new invoice has
nothing left to write off after the payment, as in the ledger built whole from the same documents.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from cspcore import Money
from cspcore.billing import Invoice, Ledger, NothingToWriteOff, Payment, issue, outstanding, write_off

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date


def invoice(key: str, issued: dt.date, due: dt.date) -> Invoice:
    return Invoice(id=key, issued=issued, due=due, currency="EUR", total_charges=Money(100, "EUR"))


#: Due last: the payment on 1 March settles C, never A, so A can be written off on 1 February.
A = invoice("A", D(2024, 1, 1), D(2024, 6, 1))
C = invoice("C", D(2024, 1, 2), D(2024, 3, 1))
PAYMENT = Payment(id="P", received=D(2024, 3, 1), amount=Money(100, "EUR"))
#: Issued after A's write-off and before the payment, due before C: the payment settles it instead.
B = invoice("B", D(2024, 2, 15), D(2024, 2, 20))


def built_by_changes() -> Ledger:
    written = write_off(Ledger(invoices=(A, C), payments=(PAYMENT,)), "A", on=D(2024, 2, 1))
    return issue(written, B)


def built_whole() -> Ledger:
    return Ledger(invoices=(A, C, B), payments=(PAYMENT,), written_off={"A"}, closed_on={"A": D(2024, 2, 1)})


@pytest.mark.parametrize("build", [built_by_changes, built_whole])
def test_the_new_invoice_has_nothing_to_write_off_after_the_payment(build: Callable[[], Ledger]) -> None:
    book = build()
    assert book == built_whole()
    assert outstanding(B, book, as_of=D(2024, 3, 2)) == Money(0, "EUR")
    with pytest.raises(NothingToWriteOff) as caught:
        write_off(book, "B", on=D(2024, 3, 2))
    assert caught.value.reasons[0].code == "billing.ledger.nothing_to_write_off"


@pytest.mark.parametrize("build", [built_by_changes, built_whole])
def test_the_new_invoice_can_be_written_off_before_the_payment(build: Callable[[], Ledger]) -> None:
    assert write_off(build(), "B", on=D(2024, 2, 29)).written_off == {"A", "B"}
