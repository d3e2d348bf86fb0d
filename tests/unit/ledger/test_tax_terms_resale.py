from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from tests.refusals import raises_invalid

from cspcore import CurrencyMismatch, Money, Rounding
from cspcore.billing import (
    DUE_ON_RECEIPT,
    MICROSOFT_NET_60,
    ChargeLine,
    ChargeType,
    InvoiceLine,
    NegativeInvoice,
    PaymentTerms,
    Pricing,
    TaxBasis,
    TaxRule,
    apply_tax,
    customer_invoice,
    customer_price,
    due_date,
    microsoft_tax_total,
    tax_for,
)
from cspcore.errors import ErrorCode

D = dt.date


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def charge(
    subtotal: str, *, product: str = "E3", unit: str = "36.00", eup: str = "36.00", qty: int = 1
) -> ChargeLine:
    return ChargeLine(
        order_date=D(2024, 1, 1),
        charge_type=ChargeType.NEW,
        product=product,
        subscription_id="s-1",
        unit_price=eur(unit),
        effective_unit_price=eur(eup),
        quantity=Decimal(qty),
        subtotal=eur(subtotal),
        charge_start=D(2024, 1, 1),
        charge_end=D(2024, 1, 31),
    )


def test_microsoft_rounds_each_lines_tax_down_then_adds() -> None:
    lines = [InvoiceLine(description=f"L{i}", amount=eur("0.99")) for i in range(3)]
    taxed = apply_tax(lines, TaxRule(rate=Decimal("0.21")))
    assert [eur("0.20")] * 3 == [line.tax for line in taxed]
    assert eur("0.60") == microsoft_tax_total([eur("0.2079")] * 3)


def test_per_invoice_tax_is_rounded_once_and_spread_by_largest_remainder() -> None:
    lines = [
        InvoiceLine(description="A", amount=eur("0.99")),
        InvoiceLine(description="B", amount=eur("0.99")),
        InvoiceLine(description="C", amount=eur("0.99")),
    ]
    rule = TaxRule(rate=Decimal("0.21"), rounding=Rounding.HALF_UP, basis=TaxBasis.PER_INVOICE)
    assert [eur("0.21"), eur("0.21"), eur("0.20")] == [line.tax for line in apply_tax(lines, rule)]


def test_per_invoice_tax_handles_credit_lines_and_several_rates() -> None:
    lines = [
        InvoiceLine(description="A", amount=eur("10.05")),
        InvoiceLine(description="B", amount=eur("-3.33")),
        InvoiceLine(description="C", amount=eur("7.77")),
    ]
    rule = TaxRule(rate=Decimal("0.21"), rounding=Rounding.HALF_UP, basis=TaxBasis.PER_INVOICE)
    taxed = apply_tax(lines, rule, rates=[None, None, Decimal("0.1")])
    assert (eur("6.72") * Decimal("0.21")).round() == taxed[0].tax + taxed[1].tax
    assert eur("0.78") == taxed[2].tax
    negative = [
        InvoiceLine(description="A", amount=eur("-0.99")),
        InvoiceLine(description="B", amount=eur("-0.99")),
    ]
    assert eur("-0.42") == sum((line.tax for line in apply_tax(negative, rule)), eur("0"))


def test_tax_for_one_amount_uses_the_rule_or_a_given_rate() -> None:
    assert eur("2.09") == tax_for(eur("9.99"), TaxRule(rate=Decimal("0.21")))
    assert eur("1.00") == tax_for(
        eur("9.99"), TaxRule(rate=Decimal("0.21"), rounding="HALF_UP"), rate=Decimal("0.1")
    )


def test_bad_tax_input_is_refused() -> None:
    with raises_invalid(field="rate", code=ErrorCode.OUT_OF_RANGE):
        TaxRule(rate=Decimal(21))
    with raises_invalid(field="rates", code=ErrorCode.INCONSISTENT):
        apply_tax([InvoiceLine(description="A", amount=eur("1"))], TaxRule(rate=Decimal("0.2")), rates=[])
    with raises_invalid(field="lines[1]", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
        apply_tax(
            [
                InvoiceLine(description="A", amount=eur("1")),
                InvoiceLine(description="B", amount=Money(1, "USD")),
            ],
            TaxRule(rate=Decimal("0.2")),
        )
    with raises_invalid(field="taxes[0]", code=ErrorCode.WRONG_TYPE):
        microsoft_tax_total(["1"])  # type: ignore[list-item]
    assert apply_tax([], TaxRule(rate=Decimal("0.2"))) == ()


def test_microsoft_invoices_are_due_net_60_and_partner_terms_are_configurable() -> None:
    assert D(2024, 4, 8) == due_date(D(2024, 2, 8), MICROSOFT_NET_60)
    assert D(2024, 2, 8) == due_date(D(2024, 2, 8), DUE_ON_RECEIPT)
    assert D(2024, 3, 15) == due_date(D(2024, 2, 1), PaymentTerms(net_days=15, end_of_month=True))
    with raises_invalid(field="net_days", code=ErrorCode.OUT_OF_RANGE):
        PaymentTerms(net_days=-1)


def test_markup_prices_the_customer_line_from_microsofts_subtotal() -> None:
    assert eur("41.40") == customer_price(charge("36.00"), Pricing(markup=Decimal("0.15")))
    assert eur("33.33") == customer_price(
        charge("33.333"), Pricing(markup=Decimal(0), rounding=Rounding.DOWN)
    )


def test_a_price_list_prorates_like_microsofts_line() -> None:
    line = charge("18.00", eup="18.00", qty=1)
    assert eur("20.00") == customer_price(line, Pricing(price_list={"E3": eur("40.00")}))
    free = charge("0", unit="0", eup="0")
    assert eur("0") == customer_price(free, Pricing(price_list={"E3": eur("40.00")}))


def test_pricing_refuses_what_it_cannot_price() -> None:
    with raises_invalid(field="pricing", code=ErrorCode.MISSING):
        Pricing()
    with raises_invalid(field="markup", code=ErrorCode.OUT_OF_RANGE):
        Pricing(markup=Decimal(-1))
    with raises_invalid(field="price_list", code=ErrorCode.WRONG_TYPE):
        Pricing(price_list=[("E3", eur("1"))])  # type: ignore[arg-type]
    with raises_invalid(field="line.product", code=ErrorCode.UNKNOWN_REFERENCE):
        customer_price(charge("1"), Pricing(price_list={"Other": eur("1")}))
    with raises_invalid(field="price_list['E3']", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
        customer_price(charge("1"), Pricing(price_list={"E3": Money(1, "USD")}))


def test_a_customer_invoice_carries_its_charge_lines_tax_and_due_date() -> None:
    lines = [charge("36.00"), charge("-12.00")]
    invoice = customer_invoice(
        lines,
        id="C-1",
        issued=D(2024, 2, 1),
        pricing=Pricing(markup=Decimal("0.10")),
        tax=TaxRule(rate=Decimal("0.21")),
        terms=PaymentTerms(net_days=14),
        customer_id="cust",
    )
    assert (eur("26.40"), eur("5.54"), D(2024, 2, 15), "cust") == (
        invoice.subtotal,
        invoice.tax,
        invoice.due,
        invoice.customer_id,
    )
    assert lines[0] == invoice.lines[0].charge


def test_a_negative_customer_invoice_is_refused_in_favour_of_a_credit_note() -> None:
    with pytest.raises(NegativeInvoice) as caught:
        customer_invoice([charge("-5.00")], id="C", issued=D(2024, 2, 1), pricing=Pricing(markup=Decimal(0)))
    assert caught.value.reasons[0].code == "billing.ledger.negative_invoice"


def test_a_customer_invoice_needs_lines_of_one_currency() -> None:
    usd = ChargeLine(
        order_date=D(2024, 1, 1), charge_type=ChargeType.NEW, product="E3", subscription_id="s",
        unit_price=Money(1, "USD"), effective_unit_price=Money(1, "USD"), quantity=Decimal(1),
        subtotal=Money(1, "USD"), charge_start=D(2024, 1, 1), charge_end=D(2024, 1, 31),
    )  # fmt: skip
    with raises_invalid(field="lines[1]", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
        customer_invoice([charge("1"), usd], id="C", issued=D(2024, 2, 1), pricing=Pricing(markup=Decimal(0)))
