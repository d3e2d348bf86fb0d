"""outstanding() and status_of() answer from the ledger's history exactly as a replay to as_of does."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspcore import InvalidInput, Money
from cspcore.billing import Allocation, Invoice, Ledger, Payment, issue, outstanding, settle, status_of, void
from cspcore.errors import CurrencyMismatch

D = dt.date


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    count = draw(st.integers(min_value=1, max_value=8))
    invoices = []
    for number in range(count):
        issued = D(2024, 1, 1) + dt.timedelta(days=draw(st.integers(0, 60)))
        due = issued + dt.timedelta(days=draw(st.integers(0, 30)))
        amount = Money(draw(st.integers(0, 500)), "EUR")
        invoices.append(
            Invoice(
                id=f"I{number}",
                issued=issued,
                due=due,
                currency="EUR",
                total_charges=amount,
                disputed=draw(st.booleans()),
            )
        )
    payments = [
        Payment(
            id=f"P{number}",
            amount=Money(draw(st.integers(1, 400)), "EUR"),
            received=D(2024, 1, 1) + dt.timedelta(days=draw(st.integers(0, 90))),
            allocation=draw(st.sampled_from(list(Allocation))),
            invoice_id=draw(st.sampled_from([None, *(i.id for i in invoices)])),
        )
        for number in range(draw(st.integers(0, 6)))
    ]
    book = Ledger(invoices=tuple(invoices), payments=tuple(payments))
    if draw(st.booleans()):
        book = void(book, invoices[0].id, on=invoices[0].issued + dt.timedelta(days=draw(st.integers(0, 40))))
    return book


@given(ledgers(), st.integers(min_value=-5, max_value=120))
def test_outstanding_and_status_equal_the_settlement_on_every_day(book: Ledger, offset: int) -> None:
    day = D(2024, 1, 1) + dt.timedelta(days=offset)
    state = settle(book, as_of=day)
    for invoice in book.invoices:
        assert outstanding(invoice, book, as_of=day) == state.outstanding.get(invoice.id, Money(0, "EUR"))
        assert status_of(invoice, book, as_of=day) == state.statuses[invoice.id]


def test_an_invoice_the_ledger_does_not_hold_or_holds_otherwise_is_refused() -> None:
    held = Invoice(id="A", issued=D(2024, 1, 1), currency="EUR", total_charges=Money(5, "EUR"))
    book = Ledger(invoices=(held,))
    stranger = Invoice(id="B", issued=D(2024, 1, 1), currency="EUR", total_charges=Money(5, "EUR"))
    changed = Invoice(id="A", issued=D(2024, 1, 1), currency="EUR", total_charges=Money(6, "EUR"))
    with pytest.raises(InvalidInput) as unknown:
        outstanding(stranger, book, as_of=D(2024, 2, 1))
    assert unknown.value.field == "invoice_id"
    with pytest.raises(InvalidInput) as differs:
        status_of(changed, book, as_of=D(2024, 2, 1))
    assert differs.value.field == "invoice"


def test_issue_adds_many_invoices_in_one_call_as_one_by_one() -> None:
    invoices = [
        Invoice(id=f"I{n}", issued=D(2024, 1, 1 + n), currency="EUR", total_charges=Money(n, "EUR"))
        for n in range(5)
    ]
    one_by_one = Ledger()
    for invoice in invoices:
        one_by_one = issue(one_by_one, invoice)
    assert issue(Ledger(), *invoices) == one_by_one
    usd = Invoice(id="U", issued=D(2024, 1, 1), currency="USD", total_charges=Money(1, "USD"))
    with pytest.raises(CurrencyMismatch) as caught:
        issue(Ledger(), invoices[0], usd)
    assert (caught.value.field, caught.value.left, caught.value.right) == ("more[0].currency", "EUR", "USD")
    with pytest.raises(InvalidInput) as twice:
        issue(one_by_one, invoices[0])
    assert twice.value.field == "invoices"
