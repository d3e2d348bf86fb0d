"""The history ``write_off`` reads is handed on by a change that touches one invoice alone, and only then.

A payment or credit note that lands whole on the invoice it names after the last day anything reached
it, invoices issued after every document while no credit is on hand, and a closure hand the history on;
the history then answers, for every invoice not closed, as an index of the ledger built whole does. Any
other change drops it (the next write-off replays the ledger). Two ledgers changed from one ledger in
two ways each keep a history of their own.
"""

from __future__ import annotations

import datetime as dt

from tests.ledger_closures import whole

from cspcore import Money
from cspcore.billing import (
    CreditNote,
    Invoice,
    Ledger,
    Payment,
    apply_payment,
    issue,
    record_credit_note,
    write_off,
)
from cspcore.billing.ledger._history import history_of
from cspcore.billing.ledger._index import LedgerIndex
from cspcore.billing.ledger.account import beside
from cspcore.billing.ledger.invoices import InvoiceStatus

DAY = dt.date(2024, 1, 1)


def on(days: int) -> dt.date:
    return DAY + dt.timedelta(days=days)


def invoice(key: str, days: int, amount: str = "100") -> Invoice:
    return Invoice(id=key, issued=on(days), currency="EUR", total_charges=Money(amount, "EUR"))


def paid(key: str, days: int, amount: str, invoice_id: str | None) -> Payment:
    return Payment(id=key, received=on(days), amount=Money(amount, "EUR"), invoice_id=invoice_id)


def with_history() -> Ledger:
    """A, B and C issued; C written off on day 40: the history is built and handed on."""
    book = write_off(Ledger(invoices=[invoice("A", 0), invoice("B", 1), invoice("C", 2)]), "C", on=on(40))
    assert beside(book).history is not None
    return book


def its_own(book: Ledger) -> None:
    """The history beside ``book`` is there, and answers as an index of the ledger built whole."""
    history = beside(book).history
    assert history is not None
    own = LedgerIndex(whole(book))
    closed = book.voided | book.written_off
    last = max([*own.days, *(day.toordinal() for _key, day in book.closed_on)])
    assert history.last == last
    for document in book.invoices:
        key = document.id
        if key not in closed:
            assert history.change_days(key) == own.change_days[key]
            assert history.changes(key) == own.changes[key]
            assert history.last_change(key) == own.change_days[key][-1]
            for day in (*own.change_days[key], last + 1):
                assert history.at(key, day) == own.at(key, day)


def test_a_payment_landing_whole_on_its_invoice_hands_the_history_on() -> None:
    book = apply_payment(with_history(), paid("P1", 50, "40", "A"))
    its_own(book)
    history = beside(book).history
    assert history is not None
    assert history.at("A", on(50).toordinal()) == (Money("60", "EUR").amount, InvoiceStatus.PARTIALLY_PAID)
    book = apply_payment(book, paid("P2", 51, "60", "A"))  # the rest: paid
    its_own(book)
    book = apply_payment(book, paid("P3", 52, "100", "B"))
    its_own(book)


def test_a_credit_note_landing_whole_on_its_invoice_hands_the_history_on() -> None:
    note = CreditNote(id="N1", issued=on(50), amount=Money("30", "EUR"), invoice_id="B")
    its_own(record_credit_note(with_history(), note))


def test_a_payment_over_what_its_invoice_owes_or_not_after_its_last_change_drops_the_history() -> None:
    assert beside(apply_payment(with_history(), paid("P1", 50, "100.01", "A"))).history is None
    assert beside(apply_payment(with_history(), paid("P1", 0, "10", "A"))).history is None  # its issue day
    assert beside(apply_payment(with_history(), paid("P1", 50, "10", None))).history is None  # no invoice


def test_invoices_issued_after_every_document_hand_the_history_on() -> None:
    book = issue(with_history(), invoice("D", 60), invoice("E", 61, "0"))
    its_own(book)
    history = beside(book).history
    assert history is not None
    assert history.at("D", on(60).toordinal())[1] is InvoiceStatus.OPEN
    assert history.at("E", on(61).toordinal())[1] is InvoiceStatus.PAID
    assert history.last == on(61).toordinal()


def test_an_invoice_dated_before_the_last_document_drops_the_history() -> None:
    assert beside(issue(with_history(), invoice("D", 30))).history is None  # before the write-off's day
    assert beside(issue(with_history(), invoice("D", 40))).history is None  # on it


def test_an_invoice_issued_while_credit_is_on_hand_drops_the_history() -> None:
    in_credit = apply_payment(Ledger(invoices=[invoice("A", 0)]), paid("P1", 5, "130", None))  # 30 on hand
    settled = apply_payment(Ledger(invoices=[invoice("A", 0)]), paid("P1", 5, "100", None))
    later = [invoice("D", 60)]
    assert history_of(LedgerIndex(in_credit)).issued(later) is None
    assert history_of(LedgerIndex(settled)).issued(later) is not None
    assert history_of(LedgerIndex(Ledger())).issued(later) is not None  # nothing yet: no credit either


def test_a_history_of_no_documents_takes_an_invoice_issued_on_the_calendars_first_day() -> None:
    first = Invoice(id="D", issued=dt.date.min, currency="EUR", total_charges=Money("5", "EUR"))
    history = history_of(LedgerIndex(Ledger()))
    assert history.last == 0  # before every day
    carried = history.issued([first])
    assert carried is not None
    assert carried.last == dt.date.min.toordinal()
    assert carried.change_days("D") == [dt.date.min.toordinal()]


def test_two_ledgers_changed_from_one_each_keep_a_history_of_their_own() -> None:
    base = apply_payment(with_history(), paid("P1", 50, "10", "A"))
    first = apply_payment(base, paid("P2", 51, "20", "A"))
    second = apply_payment(base, paid("P3", 52, "30", "B"))
    third = issue(first, invoice("D", 60))
    fourth = issue(second, invoice("E", 61))  # from a ledger older than its chain's newest: its own log
    for book in (base, first, second, third, fourth):
        its_own(book)
    for book, key in ((first, "A"), (second, "B"), (third, "D")):
        assert write_off(book, key, on=on(70)) == write_off(whole(book), key, on=on(70))
