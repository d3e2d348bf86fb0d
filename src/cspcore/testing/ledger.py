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

from cspcore import _decimal
from cspcore.billing.collections import Action, CollectionsPolicy, Stage
from cspcore.billing.invoices import Allocation, CreditNote, Invoice, Ledger, Payment
from cspcore.money import Money, minor_units

__all__ = ["credit_notes", "invoices", "ledgers", "payments", "policies", "positive_money"]

#: Minor units as an amount, exactly: ``Decimal.scaleb`` alone rounds in the ambient context.
_scaleb = _decimal.EXACT.scaleb

_START = dt.date(2023, 12, 1)


def positive_money(currency: str, *, max_units: int = 500_000) -> st.SearchStrategy[Money]:
    """Positive amounts on the currency's minor units (at most ``max_units`` minor units)."""
    digits = minor_units(currency)
    return st.integers(min_value=1, max_value=max_units).map(
        lambda units: Money(_scaleb(Decimal(units), -digits), currency)
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
            id=pid, amount=amount, received=received, invoice_id=invoice_id, allocation=allocation
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
        lambda cid, amount, issued, invoice_id: CreditNote(
            id=cid, amount=amount, issued=issued, invoice_id=invoice_id
        ),
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
    max_invoices: int = 4,
    max_payments: int = 4,
    closures: bool = True,
) -> Ledger:
    """Ledgers of one currency: unique ids, payments and credit notes, some voids and write-offs.

    Drawn from plain integers (fast to generate and to shrink): ids are ``I0``, ``P0``, ``C0``...
    """
    digits = minor_units(currency)

    def money(units: int) -> Money:
        return Money(_scaleb(Decimal(units), -digits), currency)

    day = st.integers(min_value=0, max_value=400)
    rows = draw(
        st.lists(
            st.tuples(day, st.sampled_from((0, 14, 30, 60)), st.integers(0, 200_000), st.integers(0, 9)),
            max_size=max_invoices,
        )
    )
    docs = tuple(
        Invoice(
            id=f"I{n}",
            issued=_START + dt.timedelta(days=issued),
            due=_START + dt.timedelta(days=issued + net),
            currency=currency,
            total_charges=money(units),
            disputed=flag == 0,
        )
        for n, (issued, net, units, flag) in enumerate(rows)
    )
    ids = tuple(invoice.id for invoice in docs)
    target = st.none() if not ids else st.none() | st.sampled_from(ids)
    pay_rows = draw(
        st.lists(
            st.tuples(st.integers(0, 460), st.integers(1, 200_000), target, st.sampled_from(Allocation)),
            max_size=max_payments,
        )
    )
    paid = tuple(
        Payment(
            id=f"P{n}",
            amount=money(units),
            received=_START + dt.timedelta(days=received),
            invoice_id=key,
            allocation=how,
        )
        for n, (received, units, key, how) in enumerate(pay_rows)
    )
    note_rows = draw(st.lists(st.tuples(st.integers(0, 460), st.integers(1, 50_000), target), max_size=2))
    notes = tuple(
        CreditNote(id=f"C{n}", amount=money(units), issued=_START + dt.timedelta(days=issued), invoice_id=key)
        for n, (issued, units, key) in enumerate(note_rows)
    )
    voided: set[str] = set()
    written: set[str] = set()
    closed: list[tuple[str, dt.date]] = []
    if closures and ids:
        choices = draw(
            st.lists(st.tuples(st.integers(0, 9), st.integers(0, 200)), min_size=len(ids), max_size=len(ids))
        )
        for invoice, (choice, after) in zip(docs, choices, strict=True):
            if choice > 1:
                continue
            (voided if choice == 0 else written).add(invoice.id)
            closed.append((invoice.id, invoice.issued + dt.timedelta(days=after)))
    return Ledger(
        invoices=docs,
        payments=paid,
        credit_notes=notes,
        voided=frozenset(voided),
        written_off=frozenset(written),
        closed_on=tuple(closed),
    )


@st.composite
def policies(draw: st.DrawFn, *, currency: str = "EUR", max_stages: int = 6) -> CollectionsPolicy:
    """Valid collections policies: ordered stages, ties broken by stricter thresholds."""
    grace = draw(st.integers(min_value=0, max_value=10))
    days = sorted(draw(st.lists(st.integers(min_value=0, max_value=120), min_size=1, max_size=max_stages)))
    stages: list[Stage] = []
    names = draw(
        st.lists(
            st.text("abcdefgh", min_size=1, max_size=5), min_size=len(days), max_size=len(days), unique=True
        )
    )
    previous: tuple[int, int, int] | None = None  # effective days, min units, min count
    for index, after in enumerate(days):
        effective = max(1, grace + after)
        units = draw(st.sampled_from((0, 0, 10_000, 50_000)))
        count = draw(st.sampled_from((1, 1, 2)))
        if previous is not None and previous[0] == effective:
            units = max(units, previous[1])
            count = max(count, previous[2]) + (0 if units > previous[1] else 1)
        previous = (effective, units, count)
        actions = draw(st.lists(st.sampled_from(Action), min_size=1, max_size=3, unique=True))
        stages.append(
            Stage(
                name=names[index],
                after_days=after,
                actions=tuple(actions),
                min_overdue=Money(_scaleb(Decimal(units), -minor_units(currency)), currency)
                if units
                else None,
                min_unpaid_invoices=count if count > 1 else None,
                terminal=index == len(days) - 1 and draw(st.booleans()),
            )
        )
    return CollectionsPolicy(
        name=draw(st.text("xyz", min_size=1, max_size=4)),
        stages=tuple(stages),
        grace_days=grace,
        exempt_accounts=frozenset(draw(st.lists(st.sampled_from(("A", "B", "C")), max_size=2))),
        description=draw(st.none() | st.text(max_size=20)),
    )
