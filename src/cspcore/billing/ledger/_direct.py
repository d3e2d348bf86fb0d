"""One day's figures of a ledger in one linear pass over its documents, with no index (internal).

A ledger's index (:mod:`cspcore.billing.ledger._index`) replays every document in date order and
records each invoice's whole history: worth it for a ledger asked about on many days (aging, the
what-if), but most of the cost of one question on a fresh ledger, which is what a partner asks
every morning of every account. Two questions need much less than a replay:

* **the balance** on a day is invoiced − paid − credited − written off, each a sum over the
  documents dated by then. Only a write-off's amount depends on how money was applied, so for a
  ledger without write-offs :func:`balance_on` adds the amounts up, with no sort and no replay;
* **the overdue invoices** on a day: when every payment received by then names an invoice issued
  by its receipt, and the payments naming an invoice never add up to more than it (and there are no
  credit notes, voids or write-offs), each payment lands whole on the invoice it names, so each
  invoice owes its total less its payments, whatever the allocation rules. :func:`overdue_on` works
  that out in one pass over the payments and one over the invoices.

A ledger of any other shape gets ``None``, and the caller reads the index. Every sum is exact
(the replay's context, :data:`~cspcore.billing.ledger._replay.add`), and an exact sum's value and
exponent do not depend on the order of its terms, so each figure is the index's, digit for digit
(a property test holds the two equal). Cost: time linear in the documents, per question; memory
linear in the invoices, dropped with the answer (nothing is kept beside the ledger).

>>> import datetime as dt
>>> from cspcore import Money
>>> from cspcore.billing import Invoice, Ledger, Payment
>>> invoice = Invoice(
...     id="A",
...     issued=dt.date(2024, 1, 1),
...     due=dt.date(2024, 1, 31),
...     currency="EUR",
...     total_charges=Money("100.00", "EUR"),
... )
>>> paid = Payment(id="P", amount=Money("40.00", "EUR"), received=dt.date(2024, 2, 5), invoice_id="A")
>>> book = Ledger(invoices=(invoice,), payments=(paid,))
>>> balance_on(book, dt.date(2024, 2, 10))
Decimal('60.00')
>>> overdue, count, oldest, oldest_id, upcoming, later, exempt = overdue_on(book, dt.date(2024, 2, 1))
>>> overdue, count, dt.date.fromordinal(oldest), oldest_id, dt.date.fromordinal(later)
(Decimal('100.00'), 1, datetime.date(2024, 1, 31), 'A', datetime.date(2024, 2, 5))
>>> unnamed = Payment(id="P", amount=Money("40.00", "EUR"), received=dt.date(2024, 2, 5))
>>> overdue_on(Ledger(invoices=(invoice,), payments=(unnamed,)), dt.date(2024, 2, 10)) is None
True
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from cspcore.billing.ledger._replay import ZERO, add, sub

if TYPE_CHECKING:
    import datetime as dt

    from cspcore.billing.ledger.account import Ledger
    from cspcore.billing.ledger.invoices import Invoice

__all__ = ["Overdue", "balance_on", "overdue_on"]

#: What :func:`overdue_on` finds: the overdue amount and count of the non-exempt open invoices, the
#: oldest one's due ordinal and id (0 and None without one), the day after the next due date of an
#: open non-exempt invoice not yet overdue (0: none), the first document ordinal after the day (0:
#: none), and the exempt overdue open invoices' ids in due order, each with whether it is under a
#: payment plan (else disputed).
Overdue = tuple[Decimal, int, int, "str | None", int, int, list[tuple[str, bool]]]


def balance_on(ledger: Ledger, day: dt.date) -> Decimal | None:
    """The balance on ``day`` (invoiced − paid − credited, as the index has it), or None with write-offs.

    Every sum starts from the index's zero (``Decimal(0)``), so the result's exponent is the index's
    too; subtracting its zero of write-offs would change nothing.
    """
    if ledger.written_off:
        return None
    plus = add  # a local name: looked up once, not once per document
    invoiced = paid = ZERO
    for invoice in ledger.invoices:
        if invoice.issued <= day:
            invoiced = plus(invoiced, invoice.total_charges.amount)
    if ledger.voided:
        invoiced = _take_back_voids(ledger, day, invoiced)
    for payment in ledger.payments:
        if payment.received <= day:
            paid = plus(paid, payment.amount.amount)
    owed = sub(invoiced, paid)
    if ledger.credit_notes:
        credited = ZERO
        for note in ledger.credit_notes:
            if note.issued <= day:
                credited = plus(credited, note.amount.amount)
        owed = sub(owed, credited)
    return owed


def _take_back_voids(ledger: Ledger, day: dt.date, invoiced: Decimal) -> Decimal:
    """``invoiced`` less the totals of the invoices voided by ``day`` (closed on their close date)."""
    voided = ledger.voided
    closed = dict(ledger.closed_on)
    for invoice in ledger.invoices:
        issued = invoice.issued
        if invoice.id in voided and issued <= day and closed.get(invoice.id, issued) <= day:
            invoiced = sub(invoiced, invoice.total_charges.amount)
    return invoiced


def _landed(ledger: Ledger, day: dt.date) -> tuple[dict[str, Decimal], dict[str, Invoice], int] | None:
    """What each invoice issued by ``day`` still owes, when every payment by then lands whole on it.

    With the invoices by id and the first document ordinal after ``day`` (0: none); None when a
    payment would not land whole (see :func:`overdue_on`).
    """
    owed: dict[str, Decimal] = {}
    issued: dict[str, Invoice] = {}
    later: dt.date | None = None
    for invoice in ledger.invoices:
        on = invoice.issued
        if on <= day:
            key = invoice.id
            owed[key] = invoice.total_charges.amount
            issued[key] = invoice
        elif later is None or on < later:
            later = on
    for payment in ledger.payments:
        received = payment.received
        if received > day:
            if later is None or received < later:
                later = received
            continue
        named = payment.invoice_id
        if named is None or named not in owed:
            return None
        left = owed[named]
        amount = payment.amount.amount
        # Payments are positive: each lands whole iff the invoice's running total of them never
        # passes its amount, whatever order they arrive in.
        if amount > left or received < issued[named].issued:
            return None
        owed[named] = sub(left, amount)
    return owed, issued, later.toordinal() if later is not None else 0


def overdue_on(ledger: Ledger, day: dt.date) -> Overdue | None:
    """The overdue figures of ``ledger`` at the end of ``day`` (see :data:`Overdue`), or None.

    None when some payment received by ``day`` would not land whole on the invoice it names (none
    named, not issued by then, or more than it still owes), or the ledger holds credit notes,
    voids or write-offs: the caller then reads the index.
    """
    if ledger.credit_notes or ledger.voided or ledger.written_off:
        return None
    landed = _landed(ledger, day)
    if landed is None:
        return None
    owed, issued, later = landed
    ordinal = day.toordinal()
    plan = ledger.on_payment_plan
    overdue = ZERO
    count = 0
    oldest: tuple[int, int, str] | None = None
    upcoming = 0
    exempt: list[tuple[int, int, str, bool]] = []
    for key, left in owed.items():
        if not left:  # settled (or an invoice of nothing): not open
            continue
        invoice = issued[key]
        due = (invoice.due or invoice.issued).toordinal()
        if invoice.disputed or key in plan:
            if due < ordinal:
                exempt.append((due, invoice.issued.toordinal(), key, key in plan))
        elif due < ordinal:
            overdue = add(overdue, left)
            count += 1
            mark = (due, invoice.issued.toordinal(), key)
            if oldest is None or mark < oldest:
                oldest = mark
        elif not upcoming or due < upcoming - 1:
            upcoming = due + 1
    exempt.sort()
    return (
        overdue,
        count,
        oldest[0] if oldest is not None else 0,
        oldest[2] if oldest is not None else None,
        upcoming,
        later,
        [(key, planned) for _due, _issued, key, planned in exempt],
    )
