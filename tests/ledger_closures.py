"""Ledgers and sequences of closures (voids, write-offs) with other changes between them, for their tests.

A step is a closure ``(kind, invoice index, days after its issue)``, a payment ``("pay", units, day,
named index)`` or a credit note ``("credit", units, day, named index)`` (a negative index names none),
or a new invoice ``("issue", units, day, net days)``, with whether to close an invoice of the ledger
before it as well (a branch of the chain, which must leave the chain alone). Days count from
:data:`START`. :func:`run` drives one sequence through the public changes, holding each closure to the
ledger built whole, and hands each ledger of the chain to a check.

>>> book = whole(Ledger(), invoices=(invoice("I0", 0, 10),))
>>> run(book, [(("write_off", 0, 5), False), (("void", 0, 6), False)]).written_off
frozenset({'I0'})
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import strategies as st

from cspcore import Money
from cspcore.billing import (
    CreditNote,
    Invoice,
    InvoiceClosed,
    Ledger,
    NothingToWriteOff,
    Payment,
    apply_payment,
    issue,
    outstanding,
    record_credit_note,
    void,
    write_off,
)
from cspcore.errors import ErrorCode, InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable

START = dt.date(2024, 1, 1)  # the day cspcore.testing.ledger.ledgers starts from too

CLOSURES = st.tuples(st.sampled_from(["void", "write_off"]), st.integers(0, 9), st.integers(-3, 200))
PAYMENTS = st.tuples(
    st.sampled_from(["pay", "credit"]), st.integers(1, 30), st.integers(0, 260), st.integers(-3, 9)
)
ISSUES = st.tuples(st.just("issue"), st.integers(0, 30), st.integers(0, 260), st.integers(0, 30))
STEPS = st.lists(st.tuples(CLOSURES | PAYMENTS | ISSUES, st.booleans()), max_size=14)


@st.composite
def growing_steps(draw: st.DrawFn) -> list[Step]:
    """Steps as a ledger grows day by day: invoices, payments and credit notes dated on a clock that
    mostly moves on (now and then back), closures between them, so that most changes come after the
    ledger's last day and pay the invoice they name whole or in part.
    """
    clock = draw(st.integers(150, 260))
    # A write-off first (refused or not, it leaves the history beside the ledger the others hand on).
    steps: list[Step] = [(("write_off", draw(st.integers(0, 9)), draw(st.integers(-3, 40))), False)]
    for _ in range(draw(st.integers(0, 16))):
        clock = max(0, clock + draw(st.integers(-4, 15)))
        kind = draw(
            st.sampled_from(["issue", "issue", "pay", "pay", "credit", "write_off", "write_off", "void"])
        )
        if kind == "issue":
            step: tuple[Any, ...] = ("issue", draw(st.integers(0, 30)), clock, draw(st.integers(0, 30)))
        elif kind in {"pay", "credit"}:
            step = (kind, draw(st.integers(1, 12)), clock, draw(st.integers(-1, 9)))
        else:
            step = (kind, draw(st.integers(0, 9)), draw(st.integers(-1, 6)))
        steps.append((step, draw(st.booleans()) and draw(st.booleans())))
    return steps


#: Steps of either kind: any order of days, or a ledger growing day by day.
ANY_STEPS = STEPS | growing_steps()

Step = tuple[tuple[Any, ...], bool]


def invoice(key: str, issued: int, units: int, *, net: int = 0, disputed: bool = False) -> Invoice:
    """An invoice of ``units`` EUR issued ``issued`` days after :data:`START`, due ``net`` days later."""
    on = START + dt.timedelta(days=issued)
    return Invoice(
        id=key,
        issued=on,
        due=on + dt.timedelta(days=net),
        currency="EUR",
        total_charges=Money(units, "EUR"),
        disputed=disputed,
    )


@st.composite
def crowded_ledgers(draw: st.DrawFn) -> Ledger:
    """Invoices of a few euros issued close together, and payments spread over them: closures interact.

    Small whole amounts, so that an invoice is often paid off exactly (a write-off is then refused).
    """
    rows = draw(
        st.lists(
            st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 20)), min_size=1, max_size=6
        )
    )
    invoices = tuple(
        invoice(f"I{n}", issued, units, net=net, disputed=units == 1)
        for n, (issued, net, units) in enumerate(rows)
    )
    spread = draw(
        st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30), st.integers(-3, 9)), max_size=6)
    )
    payments = tuple(
        Payment(
            id=f"P{n}",
            amount=Money(units, "EUR"),
            received=START + dt.timedelta(days=day),
            invoice_id=invoices[named % len(invoices)].id if named >= 0 else None,
        )
        for n, (day, units, named) in enumerate(spread)
    )
    return Ledger(invoices=invoices, payments=payments)


def whole(book: Ledger, **changes: object) -> Ledger:
    """The ledger built whole (every check of Ledger) from ``book``'s fields and ``changes``."""
    fields: dict[str, object] = {
        "invoices": book.invoices,
        "payments": book.payments,
        "credit_notes": book.credit_notes,
        "voided": book.voided,
        "written_off": book.written_off,
        "closed_on": book.closed_on,
        "on_payment_plan": book.on_payment_plan,
        "account_id": book.account_id,
    }
    fields.update(changes)
    return Ledger(**fields)  # type: ignore[arg-type]


def expected_closure(book: Ledger, kind: str, document: Invoice, day: dt.date) -> Ledger | type[Exception]:
    """What closing ``document`` on ``day`` gives, read straightforwardly from the ledger built whole."""
    fresh = whole(book)
    key = document.id
    if key in fresh.voided or key in fresh.written_off:
        return InvoiceClosed
    if day < document.issued:
        return InvalidInput
    if kind == "write_off" and not outstanding(document, fresh, as_of=day):
        return NothingToWriteOff
    closed = (*fresh.closed_on, (key, day))
    if kind == "void":
        return whole(fresh, voided=fresh.voided | {key}, closed_on=closed)
    return whole(fresh, written_off=fresh.written_off | {key}, closed_on=closed)


def checked_closure(book: Ledger, kind: str, document: Invoice, day: dt.date) -> Ledger:
    """Close ``document`` in ``book`` and hold the outcome to :func:`expected_closure`."""
    expected = expected_closure(book, kind, document, day)
    change = void if kind == "void" else write_off
    if isinstance(expected, Ledger):
        result = change(book, document.id, on=day)
        assert result == expected
        return result
    with pytest.raises(expected) as caught:
        change(book, document.id, on=day)
    if isinstance(caught.value, InvalidInput):
        assert (caught.value.field, caught.value.code) == ("on", ErrorCode.INCONSISTENT)
    return book


def paid(book: Ledger, step: tuple[Any, ...], count: int) -> Ledger:
    """``book`` with one more payment or credit note, naming an invoice it has not closed or none."""
    kind, units, day, named = step
    invoices = book.invoices
    target = invoices[named % len(invoices)].id if named >= 0 and invoices else None
    if target is not None and (target in book.voided or target in book.written_off):
        target = None
    on = START + dt.timedelta(days=day)
    if kind == "credit":
        note = CreditNote(id=f"QC{count}", amount=Money(units, "EUR"), issued=on, invoice_id=target)
        return record_credit_note(book, note)
    return apply_payment(
        book, Payment(id=f"Q{count}", amount=Money(units, "EUR"), received=on, invoice_id=target)
    )


def run(book: Ledger, steps: list[Step], check: Callable[[Ledger], None] | None = None) -> Ledger:
    """Drive ``steps`` from ``book`` (see the module docstring); the last ledger of the chain."""
    chain = [book]
    for count, (step, branch) in enumerate(steps):
        if step[0] in {"pay", "credit"}:
            book = paid(book, step, count)
        elif step[0] == "issue":
            book = issue(book, invoice(f"QN{count}", step[2], step[1], net=step[3]))
        elif book.invoices:
            kind, index, after = step
            document = book.invoices[index % len(book.invoices)]
            book = checked_closure(book, kind, document, document.issued + dt.timedelta(days=after))
        if branch and len(chain) > 1 and chain[-2].invoices:
            older = chain[-2]
            document = older.invoices[count % len(older.invoices)]
            checked_closure(older, "write_off", document, document.issued + dt.timedelta(days=count * 7))
            if check is not None:
                check(older)
        chain.append(book)
        if check is not None:
            check(book)
    assert book == whole(book)
    return book
