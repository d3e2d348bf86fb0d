"""Issuing invoices one call at a time builds the ledger that issuing them all at once builds."""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import Invoice, Ledger, Payment, issue


def invoice(key: str, amount: str = "10", day: int = 1) -> Invoice:
    return Invoice(id=key, issued=dt.date(2024, 3, day), currency="EUR", total_charges=Money(amount, "EUR"))


INVOICES = [invoice(f"I{n}", str(n + 1), n % 28 + 1) for n in range(30)]


def test_one_call_per_invoice_equals_one_call_for_all() -> None:
    book = Ledger(payments=(Payment(id="P", amount=Money(5, "EUR"), received=dt.date(2024, 3, 2)),))
    for item in INVOICES:
        book = issue(book, item)
    assert issue(Ledger(payments=book.payments), *INVOICES) == book
    assert book.invoices == tuple(INVOICES)


def test_issuing_from_an_older_ledger_leaves_the_newer_one_alone() -> None:
    base = issue(Ledger(), INVOICES[0])
    newer = issue(base, INVOICES[1])
    other = issue(base, INVOICES[2])
    assert [i.id for i in newer.invoices] == ["I0", "I1"]
    assert [i.id for i in other.invoices] == ["I0", "I2"]
    assert issue(other, INVOICES[1]).invoices == (INVOICES[0], INVOICES[2], INVOICES[1])
    assert issue(newer, INVOICES[2]) == Ledger(invoices=(INVOICES[0], INVOICES[1], INVOICES[2]))


def test_an_id_the_ledger_holds_is_refused_however_it_was_built() -> None:
    built = Ledger(invoices=tuple(INVOICES[:3]))
    grown = issue(issue(Ledger(), INVOICES[0]), INVOICES[1])
    for book in (built, grown, issue(built, INVOICES[5])):
        with pytest.raises(InvalidInput) as caught:
            issue(book, invoice("I1", "99"))
        assert (caught.value.field, caught.value.value) == ("invoices", "I1")


def test_an_id_only_a_sibling_ledger_holds_is_not_refused() -> None:
    base = issue(Ledger(), INVOICES[0])
    issue(base, INVOICES[1])
    assert issue(base, invoice("I1", "99")).invoices[-1].total_charges == Money("99", "EUR")


def test_repeated_ids_among_the_new_invoices_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        issue(Ledger(), INVOICES[0], INVOICES[1], invoice("I0", "3"))
    assert (caught.value.field, caught.value.value) == ("invoices", "I0")
