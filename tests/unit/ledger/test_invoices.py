from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import (
    ChargeLine,
    ChargeType,
    CreditNote,
    DocumentType,
    Invoice,
    InvoiceLine,
    Ledger,
    Payment,
)
from cspcore.errors import CurrencyMismatch

D = dt.date


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def test_the_total_is_derived_from_the_lines_and_checked_against_them() -> None:
    lines = (InvoiceLine(description="A", amount=eur("10.00"), tax=eur("2.10")),)
    assert eur("12.10") == Invoice(id="I", issued=D(2024, 1, 1), currency="EUR", lines=lines).total_charges
    with pytest.raises(InvalidInput, match="total_charges: does not match the lines"):
        Invoice(id="I", issued=D(2024, 1, 1), currency="EUR", lines=lines, total_charges=eur("12.00"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"lines": "x"}, "lines: expected a tuple"),
        (
            {"lines": (InvoiceLine(description="A", amount=Money(1, "USD")),)},
            r"lines\[0\]\.amount: currencies differ",
        ),
        ({"total_charges": Money(1, "USD")}, "total_charges: currencies differ: EUR and USD"),
        ({"paid_amount": Money(1, "USD")}, "paid_amount: currencies differ: EUR and USD"),
        ({"due": D(2023, 12, 31)}, "due: is before the issue date"),
        ({"billing_period_start": D(2024, 1, 2), "billing_period_end": D(2024, 1, 1)}, "billing_period_end"),
        ({"amendments": "x"}, "amendments: expected a tuple"),
        ({"document_type": "receipt"}, "document_type: unknown DocumentType"),
        ({"currency": "XYZ"}, "currency"),
    ],
)
def test_inconsistent_invoices_are_refused(changes: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {
        "id": "I",
        "issued": D(2024, 1, 1),
        "currency": "EUR",
        "total_charges": eur("1"),
    }
    fields.update(changes)
    with pytest.raises(InvalidInput, match=message):
        Invoice(**fields)  # type: ignore[arg-type]


def test_document_types_and_amendments_are_kept() -> None:
    note = Invoice(
        id="N", issued=D(2024, 1, 2), currency="EUR", total_charges=eur("-1"), document_type="credit_note"
    )
    invoice = Invoice(
        id="I", issued=D(2024, 1, 1), currency="EUR", total_charges=eur("1"), amendments=(note,)
    )
    assert (DocumentType.CREDIT_NOTE, note) == (note.document_type, invoice.amendments[0])


def test_lines_check_their_tax_and_charge() -> None:
    with pytest.raises(CurrencyMismatch, match="tax: currencies differ: EUR and USD"):
        InvoiceLine(description="A", amount=eur("1"), tax=Money(1, "USD"))
    with pytest.raises(InvalidInput, match="charge: expected ChargeLine"):
        InvoiceLine(description="A", amount=eur("1"), charge="x")  # type: ignore[arg-type]
    line = ChargeLine(
        order_date=D(2024, 1, 1), charge_type=ChargeType.NEW, product="E3", subscription_id="s",
        unit_price=eur("1"), effective_unit_price=eur("1"), quantity=Decimal(1), subtotal=eur("1"),
        charge_start=D(2024, 1, 1), charge_end=D(2024, 1, 31),
    )  # fmt: skip
    assert eur("1") == InvoiceLine(description="A", amount=eur("1"), charge=line).total


def test_payments_and_credit_notes_must_be_positive() -> None:
    with pytest.raises(InvalidInput, match="amount: a payment must be positive"):
        Payment(id="P", amount=eur("0"), received=D(2024, 1, 1))
    with pytest.raises(InvalidInput, match="amount: a credit note must be positive"):
        CreditNote(id="C", amount=eur("-1"), issued=D(2024, 1, 1))


def test_a_ledger_holds_one_currency_unique_ids_and_no_negative_invoice() -> None:
    one = Invoice(id="I", issued=D(2024, 1, 1), currency="EUR", total_charges=eur("1"))
    with pytest.raises(InvalidInput, match="invoices: invoice ids must be unique"):
        Ledger(invoices=(one, one))
    with pytest.raises(CurrencyMismatch, match="ledger: currencies differ"):
        Ledger(invoices=(one,), payments=(Payment(id="P", amount=Money(1, "USD"), received=D(2024, 1, 1)),))
    with pytest.raises(InvalidInput, match="name invoices the ledger does not hold"):
        Ledger(invoices=(one,), voided={"X"})
    with pytest.raises(
        InvalidInput, match=r"invoices\[0\]\.total_charges: an invoice in a ledger never goes negative"
    ):
        Ledger(invoices=(Invoice(id="N", issued=D(2024, 1, 1), currency="EUR", total_charges=eur("-1")),))
    with pytest.raises(InvalidInput, match="invoices: expected a tuple"):
        Ledger(invoices="x")
    with pytest.raises(InvalidInput, match="ids: expected a set"):
        Ledger(invoices=(one,), voided="I")
    with pytest.raises(InvalidInput, match="invoice_id: no such invoice"):
        Ledger().invoice("I")


def test_the_ledger_currency_comes_from_any_document() -> None:
    assert Ledger().currency is None
    paid = Ledger(payments=(Payment(id="P", amount=eur("1"), received=D(2024, 1, 1)),))
    credited = Ledger(credit_notes=(CreditNote(id="C", amount=eur("1"), issued=D(2024, 1, 1)),))
    assert paid.currency == credited.currency == "EUR"
