"""A ledger holds no payment or credit note naming an invoice it does not hold.

``apply_payment`` and ``record_credit_note`` always refused one (``invoice_id``, code
``unknown_reference``); building the ledger whole refuses it the same way, naming the document
(``payments[i].invoice_id``, ``credit_notes[i].invoice_id``), instead of reading the money as
unnamed and spreading it over the other invoices.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import CreditNote, Invoice, Ledger, Payment, apply_payment, record_credit_note
from cspcore.billing.portfolio import portfolio_from_dict
from cspcore.errors import ErrorCode

D = dt.date(2024, 2, 29)
INVOICES = tuple(
    Invoice(id=f"I{n}", issued=D, currency="EUR", total_charges=Money("10.00", "EUR")) for n in range(3)
)


def payment(key: str, invoice_id: str | None = None) -> Payment:
    return Payment(id=key, amount=Money("4.00", "EUR"), received=D, invoice_id=invoice_id)


def note(key: str, invoice_id: str | None = None) -> CreditNote:
    return CreditNote(id=key, amount=Money("1.00", "EUR"), issued=D, invoice_id=invoice_id)


def test_a_payment_naming_an_unknown_invoice_is_refused_by_the_ledger() -> None:
    with raises_invalid(field="payments[1].invoice_id", code=ErrorCode.UNKNOWN_REFERENCE) as caught:
        Ledger(invoices=INVOICES, payments=(payment("P0", "I0"), payment("P1", "I9"), payment("P2")))
    assert caught.value.value == "I9"


def test_a_credit_note_naming_an_unknown_invoice_is_refused_by_the_ledger() -> None:
    with raises_invalid(field="credit_notes[0].invoice_id", code=ErrorCode.UNKNOWN_REFERENCE):
        Ledger(invoices=INVOICES, credit_notes=(note("C0", "nowhere"),))


def test_money_naming_an_invoice_is_refused_by_a_ledger_of_no_invoices() -> None:
    with raises_invalid(field="payments[0].invoice_id", code=ErrorCode.UNKNOWN_REFERENCE):
        Ledger(payments=(payment("P0", "I0"),))


def test_the_changes_refuse_it_with_the_same_code() -> None:
    book = Ledger(invoices=INVOICES)
    with raises_invalid(field="invoice_id", code=ErrorCode.UNKNOWN_REFERENCE):
        apply_payment(book, payment("P", "I9"))
    with raises_invalid(field="invoice_id", code=ErrorCode.UNKNOWN_REFERENCE):
        record_credit_note(book, note("C", "I9"))


def test_unnamed_money_and_money_naming_a_held_invoice_are_kept() -> None:
    book = Ledger(
        invoices=INVOICES, payments=(payment("P0", "I2"), payment("P1")), credit_notes=(note("C", "I1"),)
    )
    assert [p.invoice_id for p in book.payments] == ["I2", None]


def test_a_portfolio_file_names_the_account_and_the_payment() -> None:
    data = {
        "accounts": [
            {
                "id": "contoso",
                "currency": "EUR",
                "invoices": [{"id": "I-1", "issued": "2024-01-08", "total": "10"}],
                "payments": [{"id": "P-1", "amount": "10", "received": "2024-01-09", "invoice_id": "I-2"}],
            }
        ]
    }
    with raises_invalid(field="accounts[0].payments[0].invoice_id", code=ErrorCode.UNKNOWN_REFERENCE):
        portfolio_from_dict(data)


@given(named=st.text("Ii0129x -", min_size=1, max_size=4).filter(str.strip), position=st.integers(0, 3))
@example(named="I0 ", position=0)  # close to a held id, but not it
@example(named="i0", position=3)
def test_the_ledger_refuses_exactly_the_money_apply_payment_refuses(named: str, position: int) -> None:
    held = {invoice.id for invoice in INVOICES}
    others = [payment(f"P{n}", "I1") for n in range(3)]
    others.insert(position, payment("X", named))
    if named in held:
        book = Ledger(invoices=INVOICES, payments=tuple(others))
        assert book.payments[position].invoice_id == named
        apply_payment(Ledger(invoices=INVOICES), payment("X", named))
        return
    with raises_invalid(field=f"payments[{position}].invoice_id", code=ErrorCode.UNKNOWN_REFERENCE):
        Ledger(invoices=INVOICES, payments=tuple(others))
    with raises_invalid(field="invoice_id", code=ErrorCode.UNKNOWN_REFERENCE):
        apply_payment(Ledger(invoices=INVOICES), payment("X", named))
