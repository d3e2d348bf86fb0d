"""Laws of the ledger: conservation, order independence, as-of monotonicity."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import Money
from cspcore.billing import (
    Invoice,
    InvoiceLine,
    Ledger,
    TaxBasis,
    TaxRule,
    aging,
    apply_tax,
    balance,
    settle,
)
from cspcore.testing.ledger import credit_notes, invoices, ledgers, payments, positive_money
from cspcore.testing.strategies import dates

if TYPE_CHECKING:
    import random

AS_OF = st.integers(min_value=0, max_value=700).map(lambda n: dt.date(2023, 11, 1) + dt.timedelta(days=n))


@given(ledgers(), AS_OF)
def test_money_is_conserved(ledger: Ledger, as_of: dt.date) -> None:
    state = settle(ledger, as_of=as_of, currency="EUR")
    applied = sum(state.applied.values(), Money.zero("EUR"))
    assert state.paid + state.credited == applied + state.credit
    assert state.balance == sum(state.outstanding.values(), Money.zero("EUR")) - state.credit
    assert all(not owed.is_negative() for owed in state.outstanding.values())


@given(ledgers(), AS_OF, st.randoms(use_true_random=False))
def test_the_order_documents_are_listed_in_does_not_matter(
    ledger: Ledger, as_of: dt.date, rnd: random.Random
) -> None:
    shuffled = Ledger(
        invoices=tuple(rnd.sample(ledger.invoices, len(ledger.invoices))),
        payments=tuple(rnd.sample(ledger.payments, len(ledger.payments))),
        credit_notes=tuple(rnd.sample(ledger.credit_notes, len(ledger.credit_notes))),
        voided=ledger.voided,
        written_off=ledger.written_off,
        closed_on=ledger.closed_on,
    )
    assert settle(ledger, as_of=as_of, currency="EUR") == settle(shuffled, as_of=as_of, currency="EUR")


@given(ledgers(closures=False), AS_OF)
def test_without_payments_the_balance_never_falls_as_time_passes(ledger: Ledger, as_of: dt.date) -> None:
    unpaid = Ledger(invoices=ledger.invoices)
    later = as_of + dt.timedelta(days=30)
    assert balance(unpaid, as_of=as_of, currency="EUR") <= balance(unpaid, as_of=later, currency="EUR")


@given(ledgers(), AS_OF)
def test_aging_buckets_add_up_to_the_outstanding_invoices(ledger: Ledger, as_of: dt.date) -> None:
    report = aging(ledger, as_of=as_of, currency="EUR")
    state = settle(ledger, as_of=as_of, currency="EUR")
    assert sum(state.outstanding.values(), Money.zero("EUR")) == report.total


@given(
    st.lists(positive_money("EUR"), min_size=1, max_size=8), st.sampled_from(["0.21", "0.2", "0.15", "0.055"])
)
def test_per_invoice_tax_lines_add_up_to_the_rounded_invoice_tax(amounts: list[Money], rate: str) -> None:
    from decimal import Decimal

    from cspcore import Rounding

    lines = [InvoiceLine(description=f"L{i}", amount=amount) for i, amount in enumerate(amounts)]
    rule = TaxRule(rate=Decimal(rate), rounding=Rounding.HALF_UP, basis=TaxBasis.PER_INVOICE)
    taxed = apply_tax(lines, rule)
    expected = (sum(amounts, Money.zero("EUR")) * Decimal(rate)).round(Rounding.HALF_UP)
    assert expected == sum((line.tax for line in taxed), Money.zero("EUR"))
    assert all(line.tax.is_rounded() for line in taxed)


@given(dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2090, 1, 1)), positive_money("EUR"))
@example(dt.date(2024, 2, 29), Money("1.00", "EUR"))
@example(dt.date(2024, 1, 31), Money("1.00", "EUR"))
def test_an_invoice_is_open_from_its_issue_date_and_paid_by_a_payment_of_its_total(
    day: dt.date, amount: Money
) -> None:
    from cspcore.billing import InvoiceStatus, Payment, apply_payment, status_of

    invoice = Invoice(id="I", issued=day, currency="EUR", total_charges=amount)
    ledger = apply_payment(
        Ledger(invoices=(invoice,)), Payment(id="P", amount=amount, received=day + dt.timedelta(days=3))
    )
    before, on, after = (status_of(invoice, ledger, as_of=day + dt.timedelta(days=n)) for n in (-1, 0, 3))
    assert (before, on, after) == (InvoiceStatus.DRAFT, InvoiceStatus.OPEN, InvoiceStatus.PAID)


@given(invoices(), payments(invoice_ids=("I",)), credit_notes(invoice_ids=("I",)))
def test_the_single_document_strategies_draw_valid_documents(
    invoice: Invoice, payment: object, note: object
) -> None:
    from cspcore.billing import CreditNote, Payment

    assert invoice.due is not None
    assert invoice.issued <= invoice.due
    assert isinstance(payment, Payment)
    assert isinstance(note, CreditNote)


@given(ledgers(), AS_OF)
def test_the_fast_balance_equals_the_full_settlement(ledger: Ledger, as_of: dt.date) -> None:
    assert settle(ledger, as_of=as_of, currency="EUR").balance == balance(ledger, as_of=as_of, currency="EUR")
