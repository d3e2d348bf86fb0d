"""A ledger's figures in one linear pass over its documents, with no index (internal).

A ledger's index (:mod:`cspcore.billing.ledger._index`) replays every document in date order and
records each invoice's whole history: worth it for a ledger asked about on many days (aging), but
most of the cost of one question on a fresh ledger, which is what a partner asks every morning of
every account. Three questions need much less than a replay:

* **the balance** on a day is invoiced − paid − credited − written off, each a sum over the
  documents dated by then. Only a write-off's amount depends on how money was applied, so for a
  ledger without write-offs :func:`balance_on` adds the amounts up, with no sort and no replay;
* **the overdue invoices** on a day: when every payment received by then names an invoice issued
  by its receipt, and the payments naming an invoice never add up to more than it (and there are no
  credit notes, voids or write-offs), each payment lands whole on the invoice it names, so each
  invoice owes its total less its payments, whatever the allocation rules. :func:`overdue_on` works
  that out in one pass over the payments and one over the invoices;
* **the days the overdue invoices change**, which a what-if reads: for a ledger of that shape on
  every day, :func:`overdue_changes` sweeps once through the days each invoice falls overdue and
  each later day a payment reaches it.

A ledger of any other shape gets ``None``, and the caller reads the index. Every sum is exact
(the replay's context, :data:`~cspcore.billing.ledger._replay.add`), and an exact sum's value and
exponent do not depend on the order of its terms, so each figure is the index's, digit for digit
(property tests hold the two equal). Cost: time linear in the documents, per question (plus a sort
of the change points for the overdue changes); memory
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

import bisect
import datetime as dt
import decimal
import itertools
import math
import operator
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Literal, overload

from cspcore._decimal import EXACT
from cspcore.billing.ledger._replay import ZERO, add, sub

if TYPE_CHECKING:
    from cspcore.billing.ledger.account import Ledger
    from cspcore.billing.ledger.invoices import Invoice, Payment

__all__ = [
    "Overdue",
    "Step",
    "balance_on",
    "changes_of_steps",
    "overdue_changes",
    "overdue_changes_alike",
    "overdue_on",
]

_LAST_DATE: Final = dt.date.max
_ISSUED: Final = operator.attrgetter("issued")
_DAY: Final = operator.itemgetter(0)

#: What :func:`overdue_on` finds: the overdue amount and count of the non-exempt open invoices, the
#: oldest one's due ordinal and id (0 and None without one), the day after the next due date of an
#: open non-exempt invoice not yet overdue (0: none), the first document ordinal after the day (0:
#: none), and the exempt overdue open invoices' ids in due order, each with whether it is under a
#: payment plan (else disputed).
Overdue = tuple[Decimal, int, int, "str | None", int, int, list[tuple[str, bool]]]
#: A change to one overdue invoice: ``(day, due ordinal, id, what it owes at the end of the day)``.
Step = tuple[int, int, str, Decimal]
#: A step after every other, on no day (0): the sweep records the last day's state when it comes.
_AFTER_THE_LAST: Final[tuple[Step, ...]] = ((0, 0, "", ZERO),)


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


def _landed(  # noqa: C901 - the rule and what the what-if notes on its way, in one pass
    ledger: Ledger,
    day: dt.date,
    late: list[Payment] | None = None,
) -> tuple[dict[str, Decimal], dict[str, Invoice], int] | None:
    """What each invoice issued by ``day`` still owes, when every payment by then lands whole on it.

    The one owner of the one-pass shape: with the invoices by id and the first document ordinal
    after ``day`` (0: none), or None when the ledger holds credit notes, voids or write-offs, or a
    payment received by ``day`` would not land whole on the invoice it names (none named, not issued
    by then, or more than it still owes). When ``late`` is given (empty), the first payment received
    by ``day`` after its invoice's due date (its issue date when it has none) goes in it, and no
    later one: it tells whether any payment was late, and once one was no other is compared.
    """
    if ledger.credit_notes or ledger.voided or ledger.written_off:
        return None
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
        if named is None:
            return None
        left = owed.get(named)
        if left is None:  # not an invoice issued by ``day``
            return None
        amount = payment.amount.amount
        # Payments are positive: each lands whole iff the invoice's running total of them never
        # passes its amount, whatever order they arrive in.
        invoice = issued[named]
        if amount > left or received < invoice.issued:
            return None
        owed[named] = sub(left, amount)
        if late is not None and not late and received > (invoice.due or invoice.issued):
            late.append(payment)
    return owed, issued, later.toordinal() if later is not None else 0


def overdue_on(ledger: Ledger, day: dt.date) -> Overdue | None:
    """The overdue figures of ``ledger`` at the end of ``day`` (see :data:`Overdue`), or None.

    None when some payment received by ``day`` would not land whole on the invoice it names (none
    named, not issued by then, or more than it still owes), or the ledger holds credit notes,
    voids or write-offs: the caller then reads the index.
    """
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


def overdue_changes(ledger: Ledger) -> list[tuple[int, int, Decimal, int]] | None:
    """The ledger's ``(day, oldest due, overdue, count)`` changes, as its index has them, or None.

    Exactly :meth:`~cspcore.billing.ledger._index.LedgerIndex.overdue_changes` (the same tuples in
    the same order, every amount with its exponent) for a ledger of the one-pass shape on every day
    (:func:`_landed` on the last date), worked out with no replay; None for any other ledger.

    Each payment lands whole on the invoice it names, so an invoice owes its total less the payments
    naming it received by then. A non-exempt invoice is overdue from the day after its due date
    until the day it is paid off: it *enters* on that day with what it then owes, *moves* on each
    later day a payment reaches it, and *leaves* when it owes nothing. Those steps, sorted by day,
    are swept once: the overdue amount is a running exact sum (its exponent put back to the one a
    fresh sum of the day's terms has), the count a counter, the oldest due date the head of the
    invoices in the order they entered (which is due order: each enters the day after its due date).
    A state is recorded on the first document day and on each day it differs from the last one.

    Cost: time linear in the documents plus one sort of the steps (at most one per invoice and one
    per payment day of an invoice); memory linear in the invoices, dropped with the answer.

    An invoice of 100 due on January 31, paid 40 on February 5 and the rest on March 1:

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Invoice, Ledger, Payment
    >>> dates = {"issued": dt.date(2024, 1, 1), "due": dt.date(2024, 1, 31)}
    >>> bill = Invoice(id="A", currency="EUR", total_charges=Money("100.00", "EUR"), **dates)
    >>> paid = {"P": ("40.00", dt.date(2024, 2, 5)), "Q": ("60.00", dt.date(2024, 3, 1))}
    >>> parts = [
    ...     Payment(id=k, amount=Money(a, "EUR"), received=d, invoice_id="A") for k, (a, d) in paid.items()
    ... ]
    >>> for day, oldest, overdue, count in overdue_changes(Ledger(invoices=(bill,), payments=tuple(parts))):
    ...     print(dt.date.fromordinal(day), oldest and dt.date.fromordinal(oldest), overdue, count)
    2024-01-01 0 0 0
    2024-02-01 2024-01-31 100.00 1
    2024-02-05 2024-01-31 60.00 1
    2024-03-01 0 0 0
    """
    found = overdue_changes_alike(ledger)
    return None if found is None else found[0]


def overdue_changes_alike(
    ledger: Ledger, until: dt.date | None = None, *, in_exact: bool = False
) -> tuple[list[tuple[int, int, Decimal, int]], Decimal | None] | None:
    """:func:`overdue_changes`, and an amount whose exponent every nonzero overdue amount has, or None.

    The amount (its exponent at most zero) comes from the sweep's own proof that every amount it
    added shares one exponent, the common case: then every recorded overdue amount is a sum of such
    amounts, with that exponent, and each state of nothing overdue holds ``ZERO``. None when the
    amounts do not share one (the careful sweep) or nothing is ever overdue; the changes are the same
    either way. None instead of the pair for a ledger not of the one-pass shape.

    With ``until`` (a day), only the changes on days up to it: the whole list's first ones, since
    a day's state depends only on the documents and steps by then, so neither the documents dated
    after it are read (the shape is the ledger's on that day: one that breaks it only later is
    answered here) nor the steps after it swept; and none at all (not even the first, of nothing
    overdue) when nothing falls overdue by then, so that a ledger never overdue costs no search for
    its first document.

    With ``in_exact``, the caller vouches that a copy of :data:`~cspcore._decimal.EXACT` is the current
    context (a what-if replay sets one for its whole call): the sweep runs in it and sets none of its own.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Invoice, Ledger
    >>> bill = Invoice(
    ...     id="A",
    ...     issued=dt.date(2024, 1, 1),
    ...     due=dt.date(2024, 1, 31),
    ...     currency="EUR",
    ...     total_charges=Money("100.00", "EUR"),
    ... )
    >>> overdue_changes_alike(Ledger(invoices=(bill,)))[1]
    Decimal('100.00')
    """
    day = _LAST_DATE if until is None else until  # the documents after it change no state up to it
    late: list[Payment] = []
    landed = _landed(ledger, day, late)
    if landed is None:
        return None
    owed, invoices, _later = landed
    if not invoices:  # and so no payments either (by ``day``): no documents
        return [], None
    if not late and (not any(owed.values()) or (until is not None and _none_overdue(owed, invoices, day))):
        # Every invoice paid off, each payment by its invoice's due date: none ever falls overdue
        # (most ledgers), so there is no step to work out, invoice by invoice, nor (up to a day) a
        # first document to look for. Up to a day, an invoice still owing then but not yet due is
        # no different: every payment by then came by its due date, so none fell overdue by then.
        if until is not None:
            return [], None
        return changes_of_steps([], min(map(_ISSUED, invoices.values())).toordinal())
    steps, first = _steps(invoices, owed, _by_invoice(ledger.payments, day), ledger.on_payment_plan)
    if until is not None:
        del steps[bisect.bisect_right(steps, until.toordinal(), key=_DAY) :]  # the steps are sorted by day
        if not steps:  # nothing overdue by then
            return [], None
    return changes_of_steps(steps, first, in_exact=in_exact)


def _none_overdue(owed: dict[str, Decimal], invoices: dict[str, Invoice], day: dt.date) -> bool:
    """Whether every invoice that still owes something on ``day`` falls due on it or later."""
    for key in itertools.compress(owed, owed.values()):  # (the invoices owing: a few, found in C)
        invoice = invoices[key]
        if (invoice.due or invoice.issued) < day:
            return False
    return True


def changes_of_steps(
    steps: list[Step], first: int, *, in_exact: bool = False
) -> tuple[list[tuple[int, int, Decimal, int]], Decimal | None]:
    """The ``(day, oldest due, overdue, count)`` changes of a ledger's overdue ``steps``, sorted by day.

    The one sweep of both paths: this module's one-pass ledgers and the ledger's index
    (:meth:`~cspcore.billing.ledger._index.LedgerIndex.overdue_changes`). ``first`` is the ledger's
    first document ordinal (0: no documents). Each overdue, non-exempt invoice has a step on the day
    after its due date (it *enters*, owing something), then one on each later day what it owes
    changes (a :data:`Step`), its last on the day it owes nothing (it *leaves*; never again after).
    The sweep reads the oldest due date off the order the invoices entered, which is due order, so
    every invoice must enter on the day after its due ordinal. A day's steps may come in any order.

    With the changes, an amount whose exponent every nonzero overdue amount has, or None (see
    :func:`overdue_changes_alike`). The sweep adds up with ``+`` and ``-`` in the exact context, set for
    it and put back after it (what ``add`` and ``sub`` give, without a method call per step), unless
    ``in_exact`` says the caller has set it already: setting a context costs about as much as a
    ledger's whole sweep of a few steps.

    >>> changes_of_steps([(10, 9, "A", Decimal("5.0")), (12, 9, "A", ZERO)], 3)
    ([(3, 0, Decimal('0'), 0), (10, 9, Decimal('5.0'), 1), (12, 0, Decimal('0'), 0)], Decimal('5.0'))
    """
    if not first:  # no documents
        return [], None
    if not steps:  # never overdue
        return [(first, 0, ZERO, 0)], None
    if in_exact:
        return _sweep(steps, first)
    with decimal.localcontext(EXACT):
        return _sweep(steps, first)


def _sweep(steps: list[Step], first: int) -> tuple[list[tuple[int, int, Decimal, int]], Decimal | None]:
    """:func:`changes_of_steps` in (a copy of) :data:`EXACT`: the one-exponent sweep, else the careful one."""
    alike = _swept(steps, first, careful=False)
    if alike is not None:
        return alike, steps[0][3]  # the amount every other was checked against (same_quantum)
    return _swept(steps, first, careful=True), None  # the careful sweep always answers


def _by_invoice(payments: tuple[Payment, ...], day: dt.date) -> tuple[dict[str, Payment], list[Payment]]:
    """The first payment of each invoice by invoice id, and every later one, in the ledger's order.

    Only the payments received by ``day``, for a ledger of the one-pass shape on that day
    (:func:`_landed`), whose payments by then all name an invoice.
    """
    paid: dict[str, Payment] = {}
    more: list[Payment] = []
    for payment in payments:
        if payment.received > day:
            continue
        named = payment.invoice_id
        if named in paid:  # another payment of an invoice paid already (fewer than one each)
            more.append(payment)
        elif named is not None:  # (always: it landed)
            paid[named] = payment
    return paid, more


def _steps(  # noqa: C901, PLR0912 - one pass over the invoices, its common cases inline
    invoices: dict[str, Invoice],
    owed: dict[str, Decimal],
    payments: tuple[dict[str, Payment], list[Payment]],
    plan: frozenset[str],
) -> tuple[list[tuple[int, int, str, Decimal]], int]:
    """The invoices' overdue steps in day order, and the ordinal of the first invoice's issue.

    ``owed`` is what each invoice owes in the end (what :func:`_landed` found on the last date) and
    ``payments`` its payments, the first of each invoice by id and the others (:func:`_by_invoice`).
    Each step is ``(day, due ordinal, id, what the invoice owes at the end of the day)`` (zero: it
    leaves).
    """
    steps: list[tuple[int, int, str, Decimal]] = []
    first_issued = _LAST_DATE  # the first document day: an invoice's issue (payments follow theirs)
    paid, more = payments
    parts: dict[str, list[Payment]] = {}  # the invoices paid in parts, with all their payments
    for payment in more:
        named = payment.invoice_id
        if named is not None:  # (always: it landed)
            parts.setdefault(named, [paid[named]]).append(payment)
    for key, invoice in invoices.items():
        issued_on = invoice.issued
        if issued_on < first_issued:  # noqa: PLR1730 - a comparison costs less than a call to min
            first_issued = issued_on
        if invoice.disputed or key in plan:
            continue
        due_on = invoice.due or issued_on
        received = paid.get(key)
        if received is None:  # never paid: overdue from the day after its due date on, if it owes
            left = owed[key]  # its total: no payment landed on it
            if not left:
                continue
            due = due_on.toordinal()
            enters = due + 1
            steps.append((enters, due, key, left))
        elif key not in parts:  # what it owes after its one payment is what it owes in the end
            # (an invoice with a payment owed more than nothing: payments are positive)
            paid_on = received.received
            left = owed[key]
            if paid_on <= due_on and not left:  # paid off before it would fall overdue: no step
                continue
            due = due_on.toordinal()
            enters = due + 1
            day = paid_on.toordinal()
            if day > enters:
                steps.append((enters, due, key, invoice.total_charges.amount))
                steps.append((day, due, key, left))
            elif left:
                steps.append((enters, due, key, left))
        else:
            what = (due_on.toordinal(), key, invoice.total_charges.amount, owed[key])
            several = parts[key]
            if len(several) == 2:  # the common case, worked out with no list
                _paid_twice(steps, what, several)
            else:
                _paid_in_parts(steps, what, several)
    steps.sort(key=_DAY)  # by day alone: which of a day's steps comes first changes nothing
    return steps, first_issued.toordinal()


def _paid_in_parts(
    steps: list[tuple[int, int, str, Decimal]],
    invoice: tuple[int, str, Decimal, Decimal],
    payments: list[Payment],
) -> None:
    """Add the steps of an invoice ``(due ordinal, id, total, owed in the end)`` paid in ``payments``.

    Any number of payments (:func:`_paid_twice` is the common case of two, with no list).
    """
    due, key, left, _rest = invoice
    enters = due + 1
    received = sorted([(payment.received.toordinal(), payment.amount.amount) for payment in payments])
    count = len(received)
    at = 0
    while at < count and received[at][0] <= enters:
        left = sub(left, received[at][1])
        at += 1
    if not left:  # paid off by the day it would fall overdue
        return
    steps.append((enters, due, key, left))
    while at < count:
        day = received[at][0]
        while at < count and received[at][0] == day:
            left = sub(left, received[at][1])
            at += 1
        steps.append((day, due, key, left))


def _paid_twice(
    steps: list[tuple[int, int, str, Decimal]],
    invoice: tuple[int, str, Decimal, Decimal],
    payments: list[Payment],
) -> None:
    """:func:`_paid_in_parts` for an invoice ``(due ordinal, id, total, owed in the end)`` paid twice.

    What it owes after both payments is what it owes in the end (exact sums do not depend on the
    order of their terms), so only the earlier payment needs a subtraction here.
    """
    due, key, left, rest = invoice
    enters = due + 1
    one, other = payments
    day, later = one.received.toordinal(), other.received.toordinal()
    if later < day:
        one, day, later = other, later, day
    if later <= enters:  # both by the day it would fall overdue
        if rest:
            steps.append((enters, due, key, rest))
        return
    if day <= enters:  # the earlier one by then: it enters owing the rest of it
        steps.append((enters, due, key, sub(left, one.amount.amount)))
    else:  # it enters owing its total; the earlier payment, on a day of its own, takes its part
        steps.append((enters, due, key, left))
        if day < later:
            steps.append((day, due, key, sub(left, one.amount.amount)))
    steps.append((later, due, key, rest))


@overload
def _swept(
    steps: list[tuple[int, int, str, Decimal]], first: int, *, careful: Literal[True]
) -> list[tuple[int, int, Decimal, int]]: ...


@overload
def _swept(
    steps: list[tuple[int, int, str, Decimal]], first: int, *, careful: bool
) -> list[tuple[int, int, Decimal, int]] | None: ...


def _swept(  # noqa: C901, PLR0912 - one sweep, its careful branches inline (a call per step would cost more)
    steps: list[tuple[int, int, str, Decimal]], first: int, *, careful: bool
) -> list[tuple[int, int, Decimal, int]] | None:
    """The overdue changes from ``steps`` sorted by day (see :func:`changes_of_steps`), in :data:`EXACT`.

    The overdue amount is a running sum through every amount that was ever overdue. When they all
    share one exponent, at most zero (cents, typically), that sum has the exponent a fresh sum of the
    day's amounts has; otherwise, unless ``careful``, this gives up (None) on the first amount of
    another exponent, and the careful sweep counts the exponents of the amounts overdue and puts
    the least back on the sum it records.
    """
    changes: list[tuple[int, int, Decimal, int]] = [(first, 0, ZERO, 0)]
    owing: dict[str, Decimal] = {}  # what each overdue invoice owes
    exponents: dict[int, int] = {}  # careful: how many overdue amounts have each exponent
    # The due ordinals and ids of the invoices in the order they fell overdue (due order), and the
    # position of the first one still overdue (or of one before it).
    dues: list[int] = []
    keys: list[str] = []
    head = 0
    total = ZERO
    was_oldest, was_total, was_count = 0, ZERO, 0  # the last state recorded
    like = steps[0][3]  # an overdue amount (nonzero): the others must share its exponent ...
    # ... of at most zero; an amount with a fraction has a negative one, so only a whole amount's
    # exponent is read (as_tuple costs as much as a few steps of the sweep).
    if not careful and like == math.trunc(like) and int(like.as_tuple().exponent) > 0:
        return None
    today = steps[0][0]  # the day whose steps are being read
    # Each day's state is recorded when the first step of a later day comes (or the end: day 0).
    for day, due, key, left in itertools.chain(steps, _AFTER_THE_LAST):
        if day != today:
            count = len(owing)
            if count:
                while keys[head] not in owing:
                    head += 1
                oldest = dues[head]
                if count != was_count or oldest != was_oldest or total != was_total:
                    was_oldest, was_count = oldest, count
                    was_total = _as_summed(total, exponents) if careful else total
                    changes.append((today, oldest, was_total, count))
            elif was_count:
                was_oldest, was_total, was_count = 0, ZERO, 0
                changes.append((today, 0, ZERO, 0))
            if not day:  # the end
                break
            today = day
        held = owing.pop(key, None)
        if held is None:
            dues.append(due)
            keys.append(key)
        else:
            total -= held
            if careful:
                exponents[int(held.as_tuple().exponent)] -= 1
        if left:
            if careful:
                exponent = int(left.as_tuple().exponent)  # a finite amount's: an int
                exponents[exponent] = exponents.get(exponent, 0) + 1
            elif not left.same_quantum(like):
                return None
            owing[key] = left
            total += left
    return changes


def _as_summed(total: Decimal, exponents: dict[int, int]) -> Decimal:
    """``total`` with the exponent an exact sum of the overdue amounts from zero would have.

    Such a sum's exponent is the least of its terms' and of zero's (0); ``total``, a running sum
    through amounts since gone, may carry a smaller one, never a larger.
    """
    least = min([0, *(exponent for exponent, many in exponents.items() if many)])
    if total.as_tuple().exponent == least:
        return total
    return total.quantize(Decimal((0, (1,), least)), context=EXACT)
