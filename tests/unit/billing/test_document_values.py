"""The shared billing values: charge lines, invoices, payments, credit notes and ledgers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from tests.refusals import raises_invalid

from cspcore import CurrencyMismatch, Money
from cspcore.billing import (
    BillingFrequency,
    ChargeLine,
    ChargeType,
    CreditNote,
    DocumentType,
    Invoice,
    InvoiceLine,
    Ledger,
    Payment,
    Term,
)
from cspcore.errors import ErrorCode


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def charge(**changes: Any) -> ChargeLine:
    fields: dict[str, Any] = {
        "order_date": dt.date(2022, 6, 20),
        "charge_type": "addQuantity",
        "product": "Microsoft 365 E3",
        "subscription_id": "sub-1",
        "unit_price": eur("31.00"),
        "effective_unit_price": eur("-28.00"),
        "quantity": 2,
        "subtotal": eur("-56.00"),
        "charge_start": dt.date(2022, 6, 20),
        "charge_end": dt.date(2022, 7, 17),
    }
    fields.update(changes)
    return ChargeLine(**fields)


class TestChargeLine:
    def test_derives_tax_and_total(self) -> None:
        line = charge()
        assert line.charge_type is ChargeType.ADD_QUANTITY
        assert line.quantity == Decimal(2)
        assert line.tax == eur("0")
        assert line.total == eur("-56.00")
        assert line.days == 28
        assert line.is_refund
        assert line.currency == "EUR"

    def test_checks_a_given_total(self) -> None:
        assert charge(tax=eur("-11.76"), total=eur("-67.76")).total == eur("-67.76")
        with raises_invalid(field="total", code=ErrorCode.INCONSISTENT):
            charge(tax=eur("-11.76"), total=eur("-56.00"))

    @pytest.mark.parametrize(
        ("field", "value", "code"),
        [
            ("unit_price", Money("31", "USD"), ErrorCode.CURRENCY_MISMATCH),
            ("effective_unit_price", Money("31", "USD"), ErrorCode.CURRENCY_MISMATCH),
            ("tax", Money("1", "USD"), ErrorCode.CURRENCY_MISMATCH),
            ("charge_type", "refund", ErrorCode.UNKNOWN_VALUE),
            ("quantity", 2.0, ErrorCode.WRONG_TYPE),
            ("order_date", dt.datetime(2022, 6, 20, tzinfo=dt.UTC), ErrorCode.WRONG_TYPE),
            ("qualifiers", "Trial", ErrorCode.WRONG_TYPE),
            ("charge_end", dt.date(2022, 6, 19), ErrorCode.INCONSISTENT),
            ("product", "", ErrorCode.EMPTY),
        ],
    )
    def test_refuses_inconsistent_fields(self, field: str, value: object, code: ErrorCode) -> None:
        with raises_invalid(field=field, code=code):
            charge(**{field: value})

    def test_qualifiers_become_a_tuple(self) -> None:
        assert charge(qualifiers=["Trial"]).qualifiers == ("Trial",)


class TestInvoice:
    def test_total_charges_derive_from_the_lines(self) -> None:
        invoice = Invoice(
            id="G1",
            issued=dt.date(2024, 2, 8),
            currency="EUR",
            lines=(
                InvoiceLine(description="a", amount=eur("10"), tax=eur("2.10")),
                InvoiceLine(description="b", amount=eur("-1")),
            ),
        )
        assert invoice.total_charges == eur("11.10")
        assert invoice.subtotal == eur("9")
        assert invoice.tax == eur("2.10")
        assert invoice.document_type is DocumentType.INVOICE
        assert invoice.lines[0].total == eur("12.10")

    def test_a_summary_invoice_may_carry_only_its_total(self) -> None:
        invoice = Invoice(id="G2", issued=dt.date(2024, 2, 8), currency="EUR", total_charges=eur("99"))
        assert invoice.total_charges == eur("99")
        assert invoice.subtotal == eur("0")

    def test_document_type_accepts_partner_center_spellings(self) -> None:
        invoice = Invoice(id="G3", issued=dt.date(2024, 2, 8), currency="EUR", document_type="void_note")
        assert invoice.document_type is DocumentType.VOID_NOTE

    @pytest.mark.parametrize(
        ("changes", "field", "code"),
        [
            ({"currency": "XXX1"}, "currency", ErrorCode.UNKNOWN_VALUE),
            (
                {"lines": (InvoiceLine(description="a", amount=Money("1", "USD")),)},
                "lines[0].amount",
                ErrorCode.CURRENCY_MISMATCH,
            ),
            (
                {"lines": (InvoiceLine(description="a", amount=eur("1")),), "total_charges": eur("2")},
                "total_charges",
                ErrorCode.INCONSISTENT,
            ),
            ({"total_charges": Money("1", "USD")}, "total_charges", ErrorCode.CURRENCY_MISMATCH),
            ({"paid_amount": Money("1", "USD")}, "paid_amount", ErrorCode.CURRENCY_MISMATCH),
            ({"due": dt.date(2024, 2, 7)}, "due", ErrorCode.INCONSISTENT),
            (
                {"billing_period_start": dt.date(2024, 2, 1), "billing_period_end": dt.date(2024, 1, 31)},
                "billing_period_end",
                ErrorCode.INCONSISTENT,
            ),
            ({"lines": "x"}, "lines", ErrorCode.WRONG_TYPE),
            ({"lines": ("x",)}, "lines[0]", ErrorCode.WRONG_TYPE),
            ({"amendments": "x"}, "amendments", ErrorCode.WRONG_TYPE),
            ({"amendments": ("x",)}, "amendments[0]", ErrorCode.WRONG_TYPE),
            ({"disputed": "yes"}, "disputed", ErrorCode.WRONG_TYPE),
        ],
    )
    def test_refuses_inconsistent_documents(
        self, changes: dict[str, Any], field: str, code: ErrorCode
    ) -> None:
        fields: dict[str, Any] = {"id": "G4", "issued": dt.date(2024, 2, 8), "currency": "EUR"}
        fields.update(changes)
        with raises_invalid(field=field, code=code):
            Invoice(**fields)

    def test_line_tax_must_share_the_currency(self) -> None:
        with raises_invalid(field="tax", code=ErrorCode.CURRENCY_MISMATCH):
            InvoiceLine(description="a", amount=eur("1"), tax=Money("1", "USD"))
        with raises_invalid(field="charge", code=ErrorCode.WRONG_TYPE):
            InvoiceLine(description="a", amount=eur("1"), charge="x")  # type: ignore[arg-type]


class TestPaymentsAndCredits:
    def test_must_be_positive(self) -> None:
        assert Payment(id="p1", amount=eur("1"), received=dt.date(2024, 1, 1)).invoice_id is None
        assert (
            CreditNote(id="c1", amount=eur("1"), issued=dt.date(2024, 1, 1), invoice_id="G1").invoice_id
            == "G1"
        )
        with raises_invalid(field="amount", code=ErrorCode.OUT_OF_RANGE):
            Payment(id="p1", amount=eur("0"), received=dt.date(2024, 1, 1))
        with raises_invalid(field="amount", code=ErrorCode.OUT_OF_RANGE):
            CreditNote(id="c1", amount=eur("-1"), issued=dt.date(2024, 1, 1))


class TestLedger:
    def invoice(self, invoice_id: str, currency: str = "EUR") -> Invoice:
        return Invoice(
            id=invoice_id, issued=dt.date(2024, 1, 1), currency=currency, total_charges=Money(1, currency)
        )

    def test_holds_one_account_in_one_currency(self) -> None:
        ledger = Ledger(
            invoices=(self.invoice("a"),),
            payments=(Payment(id="p", amount=eur("1"), received=dt.date(2024, 1, 2)),),
        )
        assert ledger.currency == "EUR"
        assert ledger.invoice("a").id == "a"
        assert Ledger().currency is None
        assert (
            Ledger(payments=(Payment(id="p", amount=eur("1"), received=dt.date(2024, 1, 2)),)).currency
            == "EUR"
        )
        assert (
            Ledger(credit_notes=(CreditNote(id="c", amount=eur("1"), issued=dt.date(2024, 1, 2)),)).currency
            == "EUR"
        )

    def test_refuses_duplicates_mixed_currencies_and_unknown_ids(self) -> None:
        with raises_invalid(field="invoices", code=ErrorCode.DUPLICATE):
            Ledger(invoices=(self.invoice("a"), self.invoice("a")))
        with pytest.raises(CurrencyMismatch) as mixed:
            Ledger(invoices=(self.invoice("a"), self.invoice("b", "USD")))
        assert (mixed.value.field, mixed.value.left, mixed.value.right) == ("ledger", "EUR", "USD")
        with raises_invalid(field="voided/written_off/on_payment_plan", code=ErrorCode.UNKNOWN_REFERENCE):
            Ledger(invoices=(self.invoice("a"),), voided=["b"])
        with raises_invalid(field="invoice_id", code=ErrorCode.UNKNOWN_REFERENCE):
            Ledger().invoice("a")
        with raises_invalid(field="ids", code=ErrorCode.WRONG_TYPE):
            Ledger(voided="a")  # type: ignore[arg-type]
        with raises_invalid(field="payments[0]", code=ErrorCode.WRONG_TYPE):
            Ledger(payments=[1])  # type: ignore[list-item]


def test_terms_and_frequencies_know_their_months() -> None:
    assert [t.months for t in Term] == [1, 12, 36]
    assert [f.months for f in BillingFrequency] == [1, 12, 36, None]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("reference_id", 7, ErrorCode.WRONG_TYPE),
        ("customer_id", "", ErrorCode.EMPTY),
        ("term_and_billing_cycle", 1.5, ErrorCode.WRONG_TYPE),
        ("billing_frequency", ["Monthly"], ErrorCode.WRONG_TYPE),
        ("subscription_start", "2022-06-20", ErrorCode.WRONG_TYPE),
        ("subscription_end", dt.datetime(2023, 6, 19, tzinfo=dt.UTC), ErrorCode.WRONG_TYPE),
    ],
)
def test_charge_line_refuses_malformed_optional_fields(field: str, value: object, code: ErrorCode) -> None:
    with raises_invalid(field=field, code=code):
        charge(**{field: value})
