"""Hypothesis strategies for invoices, payments, credit notes and ledgers.

>>> import datetime as dt
>>> from hypothesis import given
>>> from cspcore.billing import balance
>>> from cspcore.testing.ledger import ledgers
>>> @given(ledgers(currency="EUR"))
... def test_balance_is_in_the_ledgers_currency(ledger):
...     assert balance(ledger, as_of=dt.date(2030, 1, 1), currency="EUR").currency == "EUR"
>>> test_balance_is_in_the_ledgers_currency()

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from cspcore.billing.invoices import Allocation, CreditNote, Invoice, Ledger, Payment
from cspcore.money import Money, minor_units

__all__ = ["credit_notes", "invoices", "ledgers", "payments", "positive_money"]

_START = dt.date(2023, 12, 1)


def positive_money(currency: str, *, max_units: int = 500_000) -> st.SearchStrategy[Money]:
    """Positive amounts on the currency's minor units (at most ``max_units`` minor units)."""
    digits = minor_units(currency)
    return st.integers(min_value=1, max_value=max_units).map(
        lambda units: Money(Decimal(units).scaleb(-digits), currency)
    )


def _days(start: dt.date, span: int) -> st.SearchStrategy[dt.date]:
    return st.integers(min_value=0, max_value=span).map(lambda n: start + dt.timedelta(days=n))


def invoices(
    *,
    currency: str = "EUR",
    ids: st.SearchStrategy[str] | None = None,
    start: dt.date = _START,
    span: int = 400,
) -> st.SearchStrategy[Invoice]:
    """Invoices (totals only, no lines) with a due date 0-60 days after issue; some disputed."""
    return st.builds(
        lambda invoice_id, issued, net, amount, disputed: Invoice(
            id=invoice_id,
            issued=issued,
            due=issued + dt.timedelta(days=net),
            currency=currency,
            total_charges=amount,
            disputed=disputed,
        ),
        ids if ids is not None else st.text("ABCDEFGH0123456789", min_size=1, max_size=6),
        _days(start, span),
        st.sampled_from((0, 14, 30, 60)),
        positive_money(currency) | st.just(Money.zero(currency)),
        st.sampled_from((False, False, False, True)),
    )


def payments(
    *,
    currency: str = "EUR",
    invoice_ids: tuple[str, ...] = (),
    start: dt.date = _START,
    span: int = 460,
) -> st.SearchStrategy[Payment]:
    """Payments, some naming one of ``invoice_ids``, with either allocation order."""
    named = st.none() if not invoice_ids else st.none() | st.sampled_from(invoice_ids)
    return st.builds(
        lambda pid, amount, received, invoice_id, allocation: Payment(
            pid, amount, received, invoice_id=invoice_id, allocation=allocation
        ),
        st.text("PQRS0123456789", min_size=1, max_size=6),
        positive_money(currency),
        _days(start, span),
        named,
        st.sampled_from(Allocation),
    )


def credit_notes(
    *,
    currency: str = "EUR",
    invoice_ids: tuple[str, ...] = (),
    start: dt.date = _START,
    span: int = 460,
) -> st.SearchStrategy[CreditNote]:
    """Credit notes, some naming one of ``invoice_ids``."""
    named = st.none() if not invoice_ids else st.none() | st.sampled_from(invoice_ids)
    return st.builds(
        lambda cid, amount, issued, invoice_id: CreditNote(cid, amount, issued, invoice_id=invoice_id),
        st.text("CN0123456789", min_size=1, max_size=6),
        positive_money(currency, max_units=50_000),
        _days(start, span),
        named,
    )


@st.composite
def ledgers(
    draw: st.DrawFn,
    *,
    currency: str = "EUR",
    max_invoices: int = 8,
    max_payments: int = 8,
    closures: bool = True,
) -> Ledger:
    """Ledgers of one currency: unique ids, payments and credit notes, some voids and write-offs."""
    docs = draw(
        st.lists(invoices(currency=currency), max_size=max_invoices, unique_by=lambda invoice: invoice.id)
    )
    ids = tuple(invoice.id for invoice in docs)
    paid = draw(
        st.lists(
            payments(currency=currency, invoice_ids=ids), max_size=max_payments, unique_by=lambda p: p.id
        )
    )
    notes = draw(
        st.lists(credit_notes(currency=currency, invoice_ids=ids), max_size=2, unique_by=lambda c: c.id)
    )
    voided: set[str] = set()
    written: set[str] = set()
    closed: list[tuple[str, dt.date]] = []
    if closures and ids:
        for invoice in docs:
            choice = draw(st.sampled_from(("keep", "keep", "keep", "void", "write_off")))
            if choice == "keep":
                continue
            on = invoice.issued + dt.timedelta(days=draw(st.integers(min_value=0, max_value=200)))
            (voided if choice == "void" else written).add(invoice.id)
            closed.append((invoice.id, on))
    return Ledger(
        invoices=tuple(docs),
        payments=tuple(paid),
        credit_notes=tuple(notes),
        voided=frozenset(voided),
        written_off=frozenset(written),
        closed_on=tuple(closed),
    )
