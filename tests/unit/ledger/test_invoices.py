from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from tests.refusals import raises_invalid

from cspcore import Money
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
from cspcore.errors import CurrencyMismatch, ErrorCode

D = dt.date


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def test_the_total_is_derived_from_the_lines_and_checked_against_them() -> None:
    lines = (InvoiceLine(description="A", amount=eur("10.00"), tax=eur("2.10")),)
    assert eur("12.10") == Invoice(id="I", issued=D(2024, 1, 1), currency="EUR", lines=lines).total_charges
    with raises_invalid(field="total_charges", code=ErrorCode.INCONSISTENT):
        Invoice(id="I", issued=D(2024, 1, 1), currency="EUR", lines=lines, total_charges=eur("12.00"))


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"lines": "x"}, "lines", ErrorCode.WRONG_TYPE),
        (
            {"lines": (InvoiceLine(description="A", amount=Money(1, "USD")),)},
            "lines[0].amount",
            ErrorCode.CURRENCY_MISMATCH,
        ),
        ({"total_charges": Money(1, "USD")}, "total_charges", ErrorCode.CURRENCY_MISMATCH),
        ({"paid_amount": Money(1, "USD")}, "paid_amount", ErrorCode.CURRENCY_MISMATCH),
        ({"due": D(2023, 12, 31)}, "due", ErrorCode.INCONSISTENT),
        (
            {"billing_period_start": D(2024, 1, 2), "billing_period_end": D(2024, 1, 1)},
            "billing_period_end",
            ErrorCode.INCONSISTENT,
        ),
        ({"amendments": "x"}, "amendments", ErrorCode.WRONG_TYPE),
        ({"document_type": "receipt"}, "document_type", ErrorCode.UNKNOWN_VALUE),
        ({"currency": "XYZ"}, "currency", ErrorCode.UNKNOWN_VALUE),
    ],
)
def test_inconsistent_invoices_are_refused(changes: dict[str, object], field: str, code: ErrorCode) -> None:
    fields: dict[str, object] = {
        "id": "I",
        "issued": D(2024, 1, 1),
        "currency": "EUR",
        "total_charges": eur("1"),
    }
    fields.update(changes)
    with raises_invalid(field=field, code=code):
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
    with raises_invalid(field="tax", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
        InvoiceLine(description="A", amount=eur("1"), tax=Money(1, "USD"))
    with raises_invalid(field="charge", code=ErrorCode.WRONG_TYPE):
        InvoiceLine(description="A", amount=eur("1"), charge="x")  # type: ignore[arg-type]
    line = ChargeLine(
        order_date=D(2024, 1, 1), charge_type=ChargeType.NEW, product="E3", subscription_id="s",
        unit_price=eur("1"), effective_unit_price=eur("1"), quantity=Decimal(1), subtotal=eur("1"),
        charge_start=D(2024, 1, 1), charge_end=D(2024, 1, 31),
    )  # fmt: skip
    assert eur("1") == InvoiceLine(description="A", amount=eur("1"), charge=line).total


def test_payments_and_credit_notes_must_be_positive() -> None:
    with raises_invalid(field="amount", code=ErrorCode.OUT_OF_RANGE):
        Payment(id="P", amount=eur("0"), received=D(2024, 1, 1))
    with raises_invalid(field="amount", code=ErrorCode.OUT_OF_RANGE):
        CreditNote(id="C", amount=eur("-1"), issued=D(2024, 1, 1))


def test_a_ledger_holds_one_currency_unique_ids_and_no_negative_invoice() -> None:
    one = Invoice(id="I", issued=D(2024, 1, 1), currency="EUR", total_charges=eur("1"))
    with raises_invalid(field="invoices", code=ErrorCode.DUPLICATE):
        Ledger(invoices=(one, one))
    with raises_invalid(field="ledger", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
        Ledger(invoices=(one,), payments=(Payment(id="P", amount=Money(1, "USD"), received=D(2024, 1, 1)),))
    with raises_invalid(field="voided/written_off/on_payment_plan", code=ErrorCode.UNKNOWN_REFERENCE):
        Ledger(invoices=(one,), voided={"X"})
    with raises_invalid(field="invoices[0].total_charges", code=ErrorCode.OUT_OF_RANGE):
        Ledger(invoices=(Invoice(id="N", issued=D(2024, 1, 1), currency="EUR", total_charges=eur("-1")),))
    with raises_invalid(field="invoices", code=ErrorCode.WRONG_TYPE):
        Ledger(invoices="x")  # type: ignore[arg-type]
    with raises_invalid(field="ids", code=ErrorCode.WRONG_TYPE):
        Ledger(invoices=(one,), voided="I")  # type: ignore[arg-type]
    with raises_invalid(field="invoice_id", code=ErrorCode.UNKNOWN_REFERENCE):
        Ledger().invoice("I")


def test_the_ledger_currency_comes_from_any_document() -> None:
    assert Ledger().currency is None
    paid = Ledger(payments=(Payment(id="P", amount=eur("1"), received=D(2024, 1, 1)),))
    credited = Ledger(credit_notes=(CreditNote(id="C", amount=eur("1"), issued=D(2024, 1, 1)),))
    assert paid.currency == credited.currency == "EUR"
