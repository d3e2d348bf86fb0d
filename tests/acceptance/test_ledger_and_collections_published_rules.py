"""Microsoft's published payment, tax and credit rules, applied (pages cited per test)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cspcore import Money
from cspcore.billing import (
    MICROSOFT_NET_60,
    Invoice,
    InvoiceLine,
    Ledger,
    TaxRule,
    apply_tax,
    credit_check,
    due_date,
    microsoft_standing,
    microsoft_tax_total,
)


def test_csp_invoices_are_due_net_60_days_from_the_invoice_date() -> None:
    # billing-basics.md, "Payment terms": "net 60 days from the date of the invoice".
    # azure-plan-billing.md: invoices available by the 8th; "Partners have 60 days to remit payment".
    assert dt.date(2024, 8, 7) == due_date(dt.date(2024, 6, 8), MICROSOFT_NET_60)


def test_tax_is_rounded_down_per_transaction_then_added() -> None:
    # understand-your-invoice.md, "Tax": rounded down to two decimals per transaction, then summed.
    transactions = [Money("10.00", "EUR"), Money("10.00", "EUR"), Money("10.00", "EUR")]
    lines = [InvoiceLine(description="t", amount=amount) for amount in transactions]
    taxed = apply_tax(lines, TaxRule(rate=Decimal("0.0825")))
    assert [Money("0.82", "EUR")] * 3 == [line.tax for line in taxed]
    assert Money("2.46", "EUR") == microsoft_tax_total([Money("0.825", "EUR")] * 3)


def test_past_due_is_delinquent_and_more_than_60_days_overdue_risks_suspension() -> None:
    # billing-basics.md: unpaid by the due date -> delinquent.
    # suspended-partner-center-account.md: "more than 60 days overdue" is a suspension trigger.
    invoice = Invoice(
        id="G000123", issued=dt.date(2024, 1, 8), currency="USD", total_charges=Money(500, "USD")
    )
    ledger = Ledger(invoices=(invoice,))
    due = dt.date(2024, 3, 8)
    on_day_60 = microsoft_standing(ledger, as_of=due + dt.timedelta(days=60))
    on_day_61 = microsoft_standing(ledger, as_of=due + dt.timedelta(days=61))
    assert (on_day_60.delinquent, on_day_60.suspension_risk) == (True, False)
    assert on_day_61.suspension_risk


def test_credit_limit_available_balance_formula() -> None:
    # credit-limit-enforcement.md: Credit Limit - (Incoming Purchase + Outstanding Unpaid Invoices
    # + Unbilled Charges - Overpayment); renewals and ongoing consumption are not limited.
    usd = Money.zero("USD")
    check = credit_check(
        usd + Money(50_000, "USD"),
        incoming_purchase=Money(5_000, "USD"),
        outstanding_unpaid=Money(30_000, "USD"),
        unbilled=Money(12_000, "USD"),
        overpayment=Money(1_000, "USD"),
    )
    assert (Money(4_000, "USD"), True) == (check.available, check.is_allowed)
    renewal = credit_check(Money(1, "USD"), incoming_purchase=Money(5_000, "USD"), renewal=True)
    assert renewal.is_allowed
