"""Ledgers: applying payments and credits, statuses, balances, aging and DSO — all as of a date.

A :class:`~cspcore.billing.Ledger` is a value holding one account's invoices, payments and credit
notes. Nothing is stored about how money was applied: every question is answered by replaying the
documents in date order up to ``as_of`` (a payment received after ``as_of`` does not count yet):

* an invoice is issued on its issue date; account credit on hand is consumed by it at once;
* a credit note or payment that names an invoice settles that invoice first; the rest (or all of an
  unnamed one) settles the open, undisputed invoices in the payment's :class:`Allocation` order
  (oldest due first by default), and whatever is still left stays on the account as credit —
  an overpayment is never a negative invoice (Kill Bill carries credit forward the same way);
* a voided invoice stops counting from its void date; what had been applied to it returns to the
  account as credit, which settles other open invoices;
* a written-off invoice's outstanding amount at its write-off date becomes a write-off.

Disputed invoices are only settled by a payment or credit note that names them. Same-day documents
are replayed in a fixed order (invoices, voids, credit notes, payments, write-offs; then by id), so
the order documents are listed in never matters.

>>> import datetime as dt
>>> from cspcore import Money
>>> from cspcore.billing import Invoice, Ledger, Payment, apply_payment, balance, status_of
>>> ledger = Ledger(
...     invoices=(
...         Invoice(
...             id="I-1",
...             issued=dt.date(2024, 1, 1),
...             due=dt.date(2024, 1, 31),
...             currency="EUR",
...             total_charges=Money("100.00", "EUR"),
...         ),
...     )
... )
>>> ledger = apply_payment(ledger, Payment("P-1", Money("130.00", "EUR"), dt.date(2024, 1, 20)))
>>> status_of(ledger.invoices[0], ledger, as_of=dt.date(2024, 1, 19)).value
'open'
>>> status_of(ledger.invoices[0], ledger, as_of=dt.date(2024, 1, 20)).value
'paid'
>>> balance(ledger, as_of=dt.date(2024, 1, 20))
Money('-30.00', 'EUR')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import datetime as dt
import decimal as _decimal
import functools
import math
import weakref
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _validate
from cspcore.billing import _bounds
from cspcore.billing.invoices import (
    Allocation,
    CreditNote,
    Invoice,
    InvoiceStatus,
    Ledger,
    Payment,
)
from cspcore.errors import CurrencyMismatch, InvalidInput, RuleViolation
from cspcore.explain import Reason, Source
from cspcore.money import Money, _make

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "Aging",
    "AgingBucket",
    "InvoiceClosed",
    "NothingToWriteOff",
    "Settlement",
    "account_credit",
    "aging",
    "apply_payment",
    "balance",
    "dso",
    "issue",
    "outstanding",
    "record_credit_note",
    "settle",
    "status_of",
    "void",
    "write_off",
]

_CTX: Final = _decimal.Context(prec=200, traps=[_decimal.Inexact, _decimal.InvalidOperation])
_add = _CTX.add
_sub = _CTX.subtract
_ZERO: Final = Decimal(0)
_BILLING_BASICS: Final = Source("billing-basics.md", "Credit notes and rebilling")

_ISSUE, _VOID, _CREDIT, _PAY, _WRITE_OFF = range(5)


def _sum(amounts: Iterable[Decimal]) -> Decimal:
    """Add amounts in cspcore's exact context (``sum`` would use the caller's ambient one)."""
    result = _ZERO
    for amount in amounts:
        result = _add(result, amount)
    return result


class InvoiceClosed(RuleViolation):
    """The invoice is voided or written off: it cannot be paid by name, voided or written off again."""


class NothingToWriteOff(RuleViolation):
    """The invoice has nothing outstanding to write off."""


@attrs.frozen(kw_only=True)
class Settlement:
    """How a ledger stands on one date: what was applied where, and what is left.

    Args:
        as_of: The date.
        currency: The ledger's currency; every amount below is in it (another is a
            :class:`~cspcore.errors.CurrencyMismatch`).
        invoiced: Invoices issued by ``as_of`` and not voided, added up.
        paid: Payments received by ``as_of``.
        credited: Credit notes issued by ``as_of``.
        written_off: Amounts written off by ``as_of``.
        credit: Account credit on hand (unapplied money).
        outstanding: What each issued invoice still owes, by id (voided ones absent).
        applied: What payments and credits settled on each invoice, by id.
        statuses: Each invoice's status, by id.

    >>> from cspcore.billing import Ledger
    >>> settle(Ledger(), as_of=dt.date(2024, 1, 1), currency="EUR").credit
    Money('0', 'EUR')
    """

    as_of: dt.date
    currency: str
    invoiced: Money
    paid: Money
    credited: Money
    written_off: Money
    credit: Money
    outstanding: dict[str, Money] = attrs.field(eq=False)
    applied: dict[str, Money] = attrs.field(eq=False)
    statuses: dict[str, InvoiceStatus] = attrs.field(eq=False)

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)
        code = Money.zero(_validate.text(self.currency, "currency")).currency
        for name in ("invoiced", "paid", "credited", "written_off", "credit"):
            amount: Money = getattr(self, name)
            if amount.currency != code:
                raise CurrencyMismatch(name, code, amount.currency)
        for name in ("outstanding", "applied"):
            by_id: dict[str, Money] = _validate.instance(getattr(self, name), dict, name)
            for key, amount in by_id.items():
                if _validate.money(amount, f"{name}[{key!r}]").currency != code:
                    raise CurrencyMismatch(f"{name}[{key!r}]", code, amount.currency)

    @property
    def balance(self) -> Money:
        """Outstanding invoices minus account credit (negative when the account is in credit)."""
        return self.invoiced - self.paid - self.credited - self.written_off


# -- the replay ------------------------------------------------------------------------------------


def _due_ordinal(invoice: Invoice) -> int:
    return (invoice.due or invoice.issued).toordinal()


def _events(ledger: Ledger) -> list[tuple[int, int, str, Any]]:
    closed = dict(ledger.closed_on)
    issued = {invoice.id: invoice.issued for invoice in ledger.invoices}
    events: list[tuple[int, int, str, Any]] = [
        (invoice.issued.toordinal(), _ISSUE, invoice.id, invoice) for invoice in ledger.invoices
    ]
    events.extend(
        (max(closed.get(i, issued[i]), issued[i]).toordinal(), _VOID, i, None) for i in ledger.voided
    )
    events.extend((note.issued.toordinal(), _CREDIT, note.id, note) for note in ledger.credit_notes)
    events.extend((payment.received.toordinal(), _PAY, payment.id, payment) for payment in ledger.payments)
    events.extend(
        (max(closed.get(i, issued[i]), issued[i]).toordinal(), _WRITE_OFF, i, None)
        for i in ledger.written_off
    )
    events.sort(key=lambda event: event[:3])
    return events


class _State:
    """Mutable replay state (internal; never escapes)."""

    __slots__ = (
        "applied",
        "credit",
        "credited",
        "invoiced",
        "invoices",
        "open",
        "outstanding",
        "paid",
        "touched",
        "voided",
        "written",
    )

    def __init__(self) -> None:
        self.invoices: dict[str, Invoice] = {}
        self.outstanding: dict[str, Decimal] = {}
        self.applied: dict[str, Decimal] = {}
        self.written: dict[str, Decimal] = {}
        self.voided: set[str] = set()
        self.open: list[tuple[int, int, str]] = []  # (due ordinal, issued ordinal, id), kept sorted
        self.credit = _ZERO
        self.invoiced = _ZERO
        self.paid = _ZERO
        self.credited = _ZERO
        #: Ids of invoices changed since it was last emptied, when a history is being recorded.
        self.touched: list[str] | None = None

    def _settle_one(self, invoice_id: str, amount: Decimal) -> Decimal:
        if self.touched is not None:
            self.touched.append(invoice_id)
        owed = self.outstanding[invoice_id]
        take = min(owed, amount)
        if take:
            self.outstanding[invoice_id] = _sub(owed, take)
            self.applied[invoice_id] = _add(self.applied[invoice_id], take)
        if not self.outstanding[invoice_id]:
            self._close(invoice_id)
        return _sub(amount, take)

    def _close(self, invoice_id: str) -> None:
        invoice = self.invoices[invoice_id]
        key = (_due_ordinal(invoice), invoice.issued.toordinal(), invoice_id)
        index = bisect.bisect_left(self.open, key)
        if index < len(self.open) and self.open[index] == key:
            del self.open[index]

    def _spread(self, amount: Decimal, allocation: Allocation) -> Decimal:
        # Walks the open list in place (no copy per payment): settling an invoice in full removes it
        # from the list, so oldest-first stays on the same index, newest-first moves down.
        waiting = self.open
        invoices = self.invoices
        if allocation is Allocation.OLDEST_DUE_FIRST:
            index = 0
            while amount and index < len(waiting):
                invoice_id = waiting[index][2]
                if not invoices[invoice_id].disputed:
                    amount = self._settle_one(invoice_id, amount)
                if index < len(waiting) and waiting[index][2] == invoice_id:
                    index += 1
        else:
            index = len(waiting) - 1
            while amount and index >= 0:
                invoice_id = waiting[index][2]
                if not invoices[invoice_id].disputed:
                    amount = self._settle_one(invoice_id, amount)
                index -= 1
        return amount

    def _receive(self, amount: Decimal, invoice_id: str | None, allocation: Allocation) -> None:
        if invoice_id is not None and invoice_id in self.outstanding and self.outstanding[invoice_id]:
            amount = self._settle_one(invoice_id, amount)
        amount = self._spread(amount, allocation)
        self.credit = _add(self.credit, amount)

    def apply(self, kind: int, key: str, document: Any) -> None:
        if self.touched is not None and kind in {_ISSUE, _VOID, _WRITE_OFF}:
            self.touched.append(key)
        if kind == _ISSUE:
            invoice: Invoice = document
            amount = invoice.total_charges.amount
            self.invoices[key] = invoice
            self.outstanding[key] = amount
            self.applied[key] = _ZERO
            self.invoiced = _add(self.invoiced, amount)
            if amount:
                bisect.insort(self.open, (_due_ordinal(invoice), invoice.issued.toordinal(), key))
            if self.credit and not invoice.disputed:
                self.credit = self._settle_one(key, self.credit)
        elif kind == _VOID:
            released = self.applied[key]
            self._close(key)
            self.invoiced = _sub(self.invoiced, self.invoices[key].total_charges.amount)
            self.voided.add(key)
            self.outstanding[key] = _ZERO
            self.applied[key] = _ZERO
            self.credit = self._spread(_add(self.credit, released), Allocation.OLDEST_DUE_FIRST)
        elif kind == _CREDIT:
            note: CreditNote = document
            self.credited = _add(self.credited, note.amount.amount)
            self._receive(note.amount.amount, note.invoice_id, Allocation.OLDEST_DUE_FIRST)
        elif kind == _PAY:
            payment: Payment = document
            self.paid = _add(self.paid, payment.amount.amount)
            self._receive(payment.amount.amount, payment.invoice_id, payment.allocation)
        else:
            self.written[key] = self.outstanding[key]
            self.outstanding[key] = _ZERO
            self._close(key)

    def open_view(self) -> tuple[tuple[int, Decimal, str], ...]:
        return tuple((due, self.outstanding[i], i) for due, _issued, i in self.open)


def _replay(ledger: Ledger, as_of: dt.date) -> _State:
    state = _State()
    limit = as_of.toordinal()
    for day, kind, key, document in _events(ledger):
        if day > limit:
            break
        state.apply(kind, key, document)
    return state


@attrs.frozen
class _History:
    """Each invoice's outstanding amount and status after every day it changed (internal).

    Built by one replay of the whole ledger; an invoice changes on a bounded number of days (its
    issue, the payments and credits that reach it, its void or write-off), so the history is linear
    in the documents and a question about one invoice on one day is a bisect.
    """

    invoices: dict[str, Invoice]
    days: dict[str, list[int]]
    states: dict[str, list[tuple[Decimal, InvoiceStatus]]]

    def at(self, invoice_id: str, day: int) -> tuple[Decimal, InvoiceStatus]:
        """What ``invoice_id`` owes and its status at the end of ordinal ``day``."""
        days = self.days.get(invoice_id)
        index = bisect.bisect_right(days, day) - 1 if days else -1
        return self.states[invoice_id][index] if index >= 0 else (_ZERO, InvoiceStatus.DRAFT)


def _build_history(ledger: Ledger) -> _History:
    state = _State()
    touched: list[str] = []
    state.touched = touched
    days: dict[str, list[int]] = {}
    states: dict[str, list[tuple[Decimal, InvoiceStatus]]] = {}
    events = _events(ledger)
    for index, (day, kind, key, document) in enumerate(events):
        state.apply(kind, key, document)
        if index + 1 == len(events) or events[index + 1][0] != day:
            on = dt.date.fromordinal(day)
            for invoice_id in dict.fromkeys(touched):
                days.setdefault(invoice_id, []).append(day)
                status = _status(state, state.invoices[invoice_id], on)
                states.setdefault(invoice_id, []).append((state.outstanding[invoice_id], status))
            touched.clear()
    return _History({invoice.id: invoice for invoice in ledger.invoices}, days, states)


#: Each live ledger's history, by identity: an index kept beside the (frozen) value, never in it.
#: An entry goes when its ledger is garbage-collected.
_HISTORIES: dict[int, tuple[weakref.ReferenceType[Ledger], _History]] = {}


def _forget(key: int, reference: weakref.ReferenceType[Ledger]) -> None:
    entry = _HISTORIES.get(key)
    if entry is not None and entry[0] is reference:
        del _HISTORIES[key]


def _history(ledger: Ledger) -> _History:
    key = id(ledger)
    entry = _HISTORIES.get(key)
    if entry is not None and entry[0]() is ledger:
        return entry[1]
    history = _build_history(ledger)
    _HISTORIES[key] = (weakref.ref(ledger, functools.partial(_forget, key)), history)
    return history


def _indexed(invoice: object, ledger: Ledger) -> tuple[Invoice, _History]:
    """The invoice, checked against the ledger's own copy, and the ledger's history."""
    document: Invoice = _validate.instance(invoice, Invoice, "invoice")
    history = _history(ledger)
    known = history.invoices.get(document.id)
    if known is None:
        raise InvalidInput("invoice_id", "no such invoice in the ledger", document.id)
    if known != document:
        raise InvalidInput("invoice", "differs from the ledger's invoice with that id", document.id)
    return document, history


#: Due ordinals, invoice ids and running totals of a document day's open, non-exempt invoices, flat.
_Summary = tuple[Any, ...]


@attrs.define
class _Timeline:
    """The ledger's open invoices after each day with documents (memoised on the ledger)."""

    days: list[int]
    views: list[tuple[tuple[int, Decimal, str], ...]]
    credits_on_hand: list[Decimal]
    exempt: frozenset[str]
    currency: str | None
    overdue_states: list[tuple[int, int, Decimal, int]] | None = None
    #: Per document day, the open non-exempt invoices (due ordinals, ids, running totals); filled
    #: on first use by :meth:`summary`.
    summaries: list[_Summary | None] = attrs.field(factory=list)

    def summary(self, position: int) -> _Summary:
        """The non-exempt open invoices after document day ``position``, laid out for a bisect.

        One flat tuple (one object to reach, which counts when thousands of ledgers are evaluated):
        for ``n`` invoices, their due ordinals in ascending order (items ``0 .. n-1``), their ids
        (``n .. 2n-1``), then ``n + 1`` running totals, the total at ``2n + k`` being the Money owed on
        the first ``k`` invoices (zero for ``k = 0``), summed in due order so that every prefix equals
        what a loop over the invoices gives. Needs a currency (a timeline with documents has one).
        """
        if not self.summaries:
            self.summaries = [None] * len(self.days)
        cached = self.summaries[position]
        if cached is not None:
            return cached
        exempt = self.exempt
        kept = [(due, owed, key) for due, owed, key in self.views[position] if key not in exempt]
        running = _ZERO
        totals = [_make(running, self.currency)]  # type: ignore[arg-type]
        for _due, owed, _key in kept:
            running = _add(running, owed)
            totals.append(_make(running, self.currency))  # type: ignore[arg-type]
        made: _Summary = (*(d for d, _o, _k in kept), *(k for _d, _o, k in kept), *totals)
        self.summaries[position] = made
        return made

    def overdue_changes(self) -> list[tuple[int, int, Decimal, int]]:
        """``(day, oldest due, overdue, count)`` on each day the overdue, non-exempt invoices change.

        Policy-independent, so worked out once per ledger (what-if runs reuse it): the overdue set
        changes only on a day with documents or the day after an open invoice's due date.
        """
        if self.overdue_states is not None:
            return self.overdue_states
        exempt = self.exempt
        candidates = set(self.days)
        for view in self.views:
            candidates.update(due + 1 for due, _owed, key in view if key not in exempt)
        states: list[tuple[int, int, Decimal, int]] = []
        last: tuple[int, Decimal, int] | None = None
        position = -1
        days = self.days
        for day in sorted(candidates):
            while position + 1 < len(days) and days[position + 1] <= day:
                position += 1
            oldest = 0
            overdue = _ZERO
            count = 0
            # Every candidate is on or after the first document day (due dates are never before issue).
            for due, owed, key in self.views[position]:
                if due >= day:
                    break
                if exempt and key in exempt:
                    continue
                if not oldest:
                    oldest = due
                overdue = _add(overdue, owed)
                count += 1
            current = (oldest, overdue, count)
            if current != last:
                states.append((day, oldest, overdue, count))
                last = current
        self.overdue_states = states
        return states


def _timeline(ledger: Ledger) -> _Timeline:
    cached: _Timeline | None = ledger._timeline  # noqa: SLF001 - the ledger's own memo slot
    if cached is not None:
        return cached
    state = _State()
    days: list[int] = []
    views: list[tuple[tuple[int, Decimal, str], ...]] = []
    on_hand: list[Decimal] = []
    events = _events(ledger)
    for index, (day, kind, key, document) in enumerate(events):
        state.apply(kind, key, document)
        if index + 1 == len(events) or events[index + 1][0] != day:
            days.append(day)
            views.append(state.open_view())
            on_hand.append(state.credit)
    disputed = {invoice.id for invoice in ledger.invoices if invoice.disputed}
    timeline = _Timeline(days, views, on_hand, frozenset(ledger.on_payment_plan | disputed), ledger.currency)
    object.__setattr__(ledger, "_timeline", timeline)
    return timeline


def timeline_of(ledger: Ledger) -> _Timeline:
    """(internal) The ledger's memoised timeline: days with documents, open invoices after each."""
    return _timeline(ledger)


def money_of(amount: Decimal, currency: str) -> Money:
    """(internal) Money from an amount that arithmetic on valid Money produced (no re-validation)."""
    return _make(amount, currency)


def open_invoices_at(ledger: Ledger, day: int) -> tuple[tuple[int, Decimal, str], ...]:
    """(internal) The open invoices ``(due ordinal, outstanding, id)`` at the end of ordinal ``day``."""
    timeline = _timeline(ledger)
    index = bisect.bisect_right(timeline.days, day) - 1
    return timeline.views[index] if index >= 0 else ()


# -- checks ----------------------------------------------------------------------------------------


def _ledger(value: object) -> Ledger:
    return _validate.instance(value, Ledger, "ledger")  # type: ignore[no-any-return]


def _as_of(value: object) -> dt.date:
    return _validate.date(value, "as_of")


def ledger_currency(ledger: Ledger, currency: object) -> str:
    """(internal) The one currency check of every ledger query: the ledger's own, or ``currency``.

    ``currency`` is needed only for an empty ledger; given for one with documents, it must name the
    ledger's currency (400 EUR is never reported as 400 USD).

    Raises:
        InvalidInput: an unknown code, or an empty ledger without one.
        CurrencyMismatch: a code other than the ledger's.
    """
    own = ledger.currency
    if currency is None:
        if own is None:
            raise InvalidInput("currency", "an empty ledger has no currency; pass currency=", None)
        return own
    code = Money.zero(_validate.text(currency, "currency")).currency
    if own is not None and code != own:
        raise CurrencyMismatch("currency", own, code)
    return code


def _status(state: _State, invoice: Invoice, as_of: dt.date) -> InvoiceStatus:
    key = invoice.id
    if invoice.issued > as_of or key not in state.invoices:
        return InvoiceStatus.DRAFT
    if key in state.voided:
        return InvoiceStatus.VOID
    if key in state.written:
        return InvoiceStatus.UNCOLLECTIBLE
    if not state.outstanding[key]:
        return InvoiceStatus.PAID
    if state.applied[key]:
        return InvoiceStatus.PARTIALLY_PAID
    return InvoiceStatus.OPEN


# -- queries ---------------------------------------------------------------------------------------


def settle(ledger: Ledger, *, as_of: dt.date, currency: str | None = None) -> Settlement:
    """Replay the ledger up to ``as_of`` and return how it stands.

    Args:
        ledger: The account's ledger.
        as_of: Documents dated after this day do not count yet.
        currency: Needed only for an empty ledger.

    Raises:
        InvalidInput: on a wrong type, or an empty ledger without ``currency``.

    >>> from cspcore.billing import Ledger
    >>> settle(Ledger(), as_of=dt.date(2024, 1, 1), currency="CZK").balance
    Money('0', 'CZK')
    """
    book = _ledger(ledger)
    day = _as_of(as_of)
    code = ledger_currency(book, currency)
    state = _replay(book, day)

    def money(amount: Decimal) -> Money:
        # exact sums of bounded amounts: they may hold more digits than an input may (1e29 + 1e-29)
        return _make(amount, code)

    return Settlement(
        as_of=day,
        currency=code,
        invoiced=money(state.invoiced),
        paid=money(state.paid),
        credited=money(state.credited),
        written_off=money(_sum(state.written.values())),
        credit=money(state.credit),
        outstanding={k: money(v) for k, v in state.outstanding.items() if k not in state.voided},
        applied={k: money(v) for k, v in state.applied.items()},
        statuses={invoice.id: _status(state, invoice, day) for invoice in book.invoices},
    )


def status_of(invoice: Invoice, ledger: Ledger, *, as_of: dt.date) -> InvoiceStatus:
    """The status of ``invoice`` in ``ledger`` on ``as_of``.

    ``DRAFT`` before its issue date, ``VOID`` or ``UNCOLLECTIBLE`` once voided or written off, ``PAID``
    when nothing is outstanding, ``PARTIALLY_PAID`` when something was applied, else ``OPEN``.

    Raises:
        InvalidInput: when the ledger does not hold the invoice.

    >>> from cspcore.billing import Invoice, Ledger
    >>> inv = Invoice(id="A", issued=dt.date(2024, 3, 1), currency="EUR", total_charges=Money(5, "EUR"))
    >>> status_of(inv, Ledger(invoices=(inv,)), as_of=dt.date(2024, 2, 1)).value
    'draft'
    """
    book = _ledger(ledger)
    day = _as_of(as_of)
    document, history = _indexed(invoice, book)
    return history.at(document.id, day.toordinal())[1]


def outstanding(invoice: Invoice, ledger: Ledger, *, as_of: dt.date) -> Money:
    """What ``invoice`` still owes on ``as_of`` (zero before issue, once voided or written off).

    >>> from cspcore.billing import Invoice, Ledger
    >>> inv = Invoice(id="A", issued=dt.date(2024, 3, 1), currency="EUR", total_charges=Money(5, "EUR"))
    >>> outstanding(inv, Ledger(invoices=(inv,)), as_of=dt.date(2024, 3, 1))
    Money('5', 'EUR')
    """
    book = _ledger(ledger)
    day = _as_of(as_of)
    document, history = _indexed(invoice, book)
    return _make(history.at(document.id, day.toordinal())[0], document.currency)


def balance(ledger: Ledger, *, as_of: dt.date, currency: str | None = None) -> Money:
    """What the account owes on ``as_of``: invoiced − paid − credited − written off.

    Negative when the account holds credit (an overpayment waiting for later invoices).

    >>> from cspcore.billing import Ledger
    >>> balance(Ledger(), as_of=dt.date(2024, 1, 1), currency="EUR")
    Money('0', 'EUR')
    """
    book = _ledger(ledger)
    day = _as_of(as_of)
    code = ledger_currency(book, currency)
    timeline = _timeline(book)
    index = bisect.bisect_right(timeline.days, day.toordinal()) - 1
    if index < 0:
        return Money.zero(code)
    owed = _ZERO
    for _due, amount, _key in timeline.views[index]:
        owed = _add(owed, amount)
    return _make(_sub(owed, timeline.credits_on_hand[index]), code)


def account_credit(ledger: Ledger, *, as_of: dt.date, currency: str | None = None) -> Money:
    """Unapplied money on the account on ``as_of`` (overpayments and unspent credit notes).

    >>> from cspcore.billing import Ledger, Payment
    >>> book = Ledger(payments=(Payment("P", Money(7, "EUR"), dt.date(2024, 1, 2)),))
    >>> account_credit(book, as_of=dt.date(2024, 1, 2))
    Money('7', 'EUR')
    """
    return settle(ledger, as_of=as_of, currency=currency).credit


# -- changes (each returns a new ledger) -----------------------------------------------------------


def _same_currency(ledger: Ledger, amount: Money, field: str) -> None:
    if ledger.currency is not None and amount.currency != ledger.currency:
        raise CurrencyMismatch(field, ledger.currency, amount.currency)


def _refuse_closed(ledger: Ledger, invoice_id: str) -> None:
    if invoice_id in ledger.voided:
        reason = Reason("billing.ledger.invoice_voided", {"invoice": invoice_id}, source=_BILLING_BASICS)
        raise InvoiceClosed(f"invoice {invoice_id} is voided", reasons=(reason,))
    if invoice_id in ledger.written_off:
        reason = Reason("billing.ledger.invoice_written_off", {"invoice": invoice_id}, source=_BILLING_BASICS)
        raise InvoiceClosed(f"invoice {invoice_id} is written off", reasons=(reason,))


def issue(ledger: Ledger, invoice: Invoice, *more: Invoice) -> Ledger:
    """Add one or more invoices to the ledger; account credit on hand settles each on its issue date.

    Each call builds (and checks) one new ledger, which costs time in proportion to the whole
    ledger: to add many invoices, pass them in one call (``issue(book, *invoices)``), not one call
    each, which would grow with the square of their number.

    Raises:
        InvalidInput: on a duplicate id, or a negative total (issue a
            :class:`~cspcore.billing.CreditNote` instead: an invoice never goes negative).
        CurrencyMismatch: on an invoice in another currency than the ledger's (or the first one's).

    >>> from cspcore.billing import Invoice, Ledger
    >>> inv = Invoice(id="A", issued=dt.date(2024, 3, 1), currency="EUR", total_charges=Money(5, "EUR"))
    >>> len(issue(Ledger(), inv).invoices)
    1
    >>> later = Invoice(id="B", issued=dt.date(2024, 4, 1), currency="EUR", total_charges=Money(7, "EUR"))
    >>> [i.id for i in issue(Ledger(), inv, later).invoices]
    ['A', 'B']
    """
    book = _ledger(ledger)
    documents = [_validate.instance(invoice, Invoice, "invoice")]
    documents += [_validate.instance(item, Invoice, f"more[{i}]") for i, item in enumerate(more)]
    currency = book.currency or documents[0].currency
    for index, document in enumerate(documents):
        if document.currency != currency:
            field = "invoice.currency" if not index else f"more[{index - 1}].currency"
            raise CurrencyMismatch(field, currency, document.currency)
    return attrs.evolve(book, invoices=(*book.invoices, *documents))


def apply_payment(
    ledger: Ledger,
    payment: Payment,
    *,
    allocation: Allocation = Allocation.OLDEST_DUE_FIRST,
    invoice_id: str | None = None,
) -> Ledger:
    """Record a payment; it settles invoices as of its received date.

    Args:
        ledger: The account's ledger.
        payment: The payment.
        allocation: How it is spread over open invoices (oldest due first by default).
        invoice_id: The invoice it pays (overrides ``payment.invoice_id``); any excess is spread
            like an unnamed payment, and what is left stays as account credit.

    Returns:
        A new ledger.

    Raises:
        InvalidInput: on a duplicate payment id, another currency, or an unknown invoice.
        InvoiceClosed: when the named invoice is voided or written off.

    >>> from cspcore.billing import Ledger, Payment
    >>> book = apply_payment(Ledger(), Payment("P", Money(7, "EUR"), dt.date(2024, 1, 2)))
    >>> book.payments[0].allocation.value
    'oldest_due_first'
    """
    book = _ledger(ledger)
    received: Payment = _validate.instance(payment, Payment, "payment")
    mode = _validate.enum_member(Allocation, allocation, "allocation")
    target = received.invoice_id if invoice_id is None else _validate.text(invoice_id, "invoice_id")
    _same_currency(book, received.amount, "payment.amount")
    if any(p.id == received.id for p in book.payments):
        raise InvalidInput("payment.id", "the ledger already holds a payment with this id", received.id)
    if target is not None:
        book.invoice(target)
        _refuse_closed(book, target)
    recorded = attrs.evolve(received, allocation=mode, invoice_id=target)
    return attrs.evolve(book, payments=(*book.payments, recorded))


def record_credit_note(ledger: Ledger, note: CreditNote) -> Ledger:
    """Record a credit note; it settles its invoice (or the oldest due) as of its issue date.

    Raises:
        InvalidInput: on a duplicate id, another currency or an unknown invoice.
        InvoiceClosed: when the credited invoice is voided or written off.

    >>> from cspcore.billing import CreditNote, Ledger
    >>> book = record_credit_note(Ledger(), CreditNote("C", Money(3, "EUR"), dt.date(2024, 1, 2)))
    >>> len(book.credit_notes)
    1
    """
    book = _ledger(ledger)
    document: CreditNote = _validate.instance(note, CreditNote, "note")
    _same_currency(book, document.amount, "note.amount")
    if any(c.id == document.id for c in book.credit_notes):
        raise InvalidInput("note.id", "the ledger already holds a credit note with this id", document.id)
    if document.invoice_id is not None:
        book.invoice(document.invoice_id)
        _refuse_closed(book, document.invoice_id)
    return attrs.evolve(book, credit_notes=(*book.credit_notes, document))


def _close_on(ledger: Ledger, invoice_id: str, on: dt.date) -> tuple[Invoice, dt.date]:
    key = _validate.text(invoice_id, "invoice_id")
    day = _validate.date(on, "on")
    invoice = ledger.invoice(key)
    _refuse_closed(ledger, key)
    if day < invoice.issued:
        raise InvalidInput("on", f"is before the invoice's issue date {invoice.issued.isoformat()}", day)
    return invoice, day


def void(ledger: Ledger, invoice_id: str, *, on: dt.date) -> Ledger:
    """Void an invoice from ``on``: it no longer counts; money applied to it becomes account credit.

    Microsoft voids an invoice when it rebills (``billing-basics.md``); a partner voids one issued
    by mistake.

    Raises:
        InvalidInput: on an unknown invoice or a date before its issue date.
        InvoiceClosed: when it is already voided or written off.

    >>> from cspcore.billing import Invoice, Ledger
    >>> inv = Invoice(id="A", issued=dt.date(2024, 3, 1), currency="EUR", total_charges=Money(5, "EUR"))
    >>> book = void(Ledger(invoices=(inv,)), "A", on=dt.date(2024, 3, 2))
    >>> (
    ...     status_of(inv, book, as_of=dt.date(2024, 3, 1)).value,
    ...     status_of(inv, book, as_of=dt.date(2024, 3, 2)).value,
    ... )
    ('open', 'void')
    """
    book = _ledger(ledger)
    invoice, day = _close_on(book, invoice_id, on)
    return attrs.evolve(
        book, voided=book.voided | {invoice.id}, closed_on=(*book.closed_on, (invoice.id, day))
    )


def write_off(ledger: Ledger, invoice_id: str, *, on: dt.date) -> Ledger:
    """Write off what an invoice still owes on ``on`` as uncollectible.

    Raises:
        InvalidInput: on an unknown invoice or a date before its issue date.
        InvoiceClosed: when it is already voided or written off.
        NothingToWriteOff: when nothing is outstanding on ``on``.

    >>> from cspcore.billing import Invoice, Ledger
    >>> inv = Invoice(id="A", issued=dt.date(2024, 3, 1), currency="EUR", total_charges=Money(5, "EUR"))
    >>> book = write_off(Ledger(invoices=(inv,)), "A", on=dt.date(2024, 6, 1))
    >>> settle(book, as_of=dt.date(2024, 6, 1)).written_off
    Money('5', 'EUR')
    """
    book = _ledger(ledger)
    invoice, day = _close_on(book, invoice_id, on)
    if not _replay(book, day).outstanding[invoice.id]:
        raise NothingToWriteOff(
            f"invoice {invoice.id} has nothing outstanding on {day.isoformat()}",
            reasons=(Reason("billing.ledger.nothing_to_write_off", {"invoice": invoice.id, "on": day}),),
        )
    return attrs.evolve(
        book, written_off=book.written_off | {invoice.id}, closed_on=(*book.closed_on, (invoice.id, day))
    )


# -- aging and DSO ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class AgingBucket:
    """One column of an aging report.

    Args:
        low: Days past due, exclusive lower bound (None for the "current" column: not yet due).
        high: Days past due, inclusive upper bound (None for the open-ended last column). Both are
            0 to 3,652,059 (the calendar's span).
        amount: What the invoices in it still owe.
        invoice_ids: Those invoices, oldest due first.

    >>> AgingBucket(low=0, high=30, amount=Money(0, "EUR"), invoice_ids=()).label
    '1-30'
    """

    low: int | None
    high: int | None
    amount: Money
    invoice_ids: tuple[str, ...]

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)
        for name in ("low", "high"):
            edge = getattr(self, name)
            if edge is not None:
                _bounds.days(edge, name)

    @property
    def label(self) -> str:
        """``current``, ``1-30``, ``91+`` and so on."""
        if self.low is None:
            return "current"
        if self.high is None:
            return f"{self.low + 1}+"
        return f"{self.low + 1}-{self.high}"


@attrs.frozen(kw_only=True)
class Aging:
    """An aging report: outstanding receivables by days past due, on one date.

    Args:
        as_of: The date.
        buckets: The columns, from "current" to the open-ended oldest.
        credit: Unapplied account credit (shown apart, not netted into the columns).

    >>> from cspcore.billing import Ledger
    >>> aging(Ledger(), as_of=dt.date(2024, 1, 1), currency="EUR").total
    Money('0', 'EUR')
    """

    as_of: dt.date
    buckets: tuple[AgingBucket, ...]
    credit: Money

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)

    @property
    def total(self) -> Money:
        """All outstanding receivables (the buckets added up)."""
        result = self.credit - self.credit
        for bucket in self.buckets:
            result = result + bucket.amount
        return result


def _buckets(value: object) -> tuple[int, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)) or not value:
        raise InvalidInput("buckets", "expected a non-empty tuple of day counts", value)
    days = tuple(_bounds.days(v, f"buckets[{i}]") for i, v in enumerate(value))
    for index in range(1, len(days)):
        if days[index] <= days[index - 1]:
            raise InvalidInput(
                f"buckets[{index}]",
                f"must be greater than buckets[{index - 1}] ({days[index - 1]})",
                days[index],
            )
    return days


def aging(
    ledger: Ledger,
    *,
    as_of: dt.date,
    buckets: Sequence[int] = (0, 30, 60, 90),
    currency: str | None = None,
) -> Aging:
    """Age the outstanding invoices on ``as_of`` by days past their due date.

    With the default ``buckets=(0, 30, 60, 90)`` the columns are current (not past due), 1-30,
    31-60, 61-90 and 91+ days past due. An invoice without a due date is due on its issue date.

    Raises:
        InvalidInput: on buckets that are not strictly increasing non-negative ints.

    >>> from cspcore.billing import Invoice, Ledger
    >>> inv = Invoice(
    ...     id="A",
    ...     issued=dt.date(2024, 1, 1),
    ...     due=dt.date(2024, 1, 31),
    ...     currency="EUR",
    ...     total_charges=Money(5, "EUR"),
    ... )
    >>> report = aging(Ledger(invoices=(inv,)), as_of=dt.date(2024, 3, 15))
    >>> [(b.label, str(b.amount)) for b in report.buckets if b.amount]
    [('31-60', '5 EUR')]
    """
    limits = _buckets(buckets)
    state = settle(ledger, as_of=as_of, currency=currency)
    day = state.as_of
    book = _ledger(ledger)
    edges: list[tuple[int | None, int | None]] = [(None, limits[0])]
    edges += [(limits[i], limits[i + 1]) for i in range(len(limits) - 1)]
    edges.append((limits[-1], None))
    amounts: list[Money] = [Money.zero(state.currency)] * len(edges)
    ids: list[list[str]] = [[] for _ in edges]
    for invoice in sorted(book.invoices, key=lambda i: (_due_ordinal(i), i.id)):
        owed = state.outstanding.get(invoice.id)
        if owed is None or not owed:
            continue
        late = (day - (invoice.due or invoice.issued)).days
        index = next(
            i
            for i, (low, high) in enumerate(edges)
            if (low is None or late > low) and (high is None or late <= high)
        )
        amounts[index] = amounts[index] + owed
        ids[index].append(invoice.id)
    return Aging(
        as_of=day,
        buckets=tuple(
            AgingBucket(low=low, high=high, amount=amounts[i], invoice_ids=tuple(ids[i]))
            for i, (low, high) in enumerate(edges)
        ),
        credit=state.credit,
    )


def dso(ledgers: Ledger | Iterable[Ledger], *, as_of: dt.date, days: int = 90) -> Decimal | None:
    """Days sales outstanding: receivables on ``as_of`` ÷ invoiced in the last ``days`` × ``days``.

    The receivables are the outstanding invoices (account credit is not netted); the sales are the
    invoices issued in the ``days`` days ending on ``as_of`` and not voided by then. The result is
    rounded half-up to one decimal; ``None`` when nothing was invoiced in the window.

    Raises:
        InvalidInput: on mixed currencies, or ``days`` below 1 or above 3660 (ten years).

    >>> from cspcore.billing import Invoice, Ledger
    >>> inv = Invoice(id="A", issued=dt.date(2024, 3, 1), currency="EUR", total_charges=Money(300, "EUR"))
    >>> paid = Invoice(id="B", issued=dt.date(2024, 2, 1), currency="EUR", total_charges=Money(600, "EUR"))
    >>> from cspcore.billing import Payment
    >>> book = Ledger(invoices=(inv, paid), payments=(Payment("P", Money(600, "EUR"), dt.date(2024, 2, 5)),))
    >>> dso(book, as_of=dt.date(2024, 3, 31), days=90)
    Decimal('30.0')
    """
    window = _validate.integer(days, "days", minimum=1, maximum=3660)
    day = _as_of(as_of)
    books = [ledgers] if isinstance(ledgers, Ledger) else _bounds.read_items(ledgers, "ledgers")
    start = day.toordinal() - window
    receivable = _ZERO
    sales = _ZERO
    currencies: set[str] = set()
    for index, book in enumerate(books):
        _validate.instance(book, Ledger, f"ledgers[{index}]")
        if book.currency is None:
            continue
        currencies.add(book.currency)
        state = _replay(book, day)
        receivable = _add(receivable, _sum(v for k, v in state.outstanding.items() if k not in state.voided))
        for invoice in book.invoices:
            issued = invoice.issued.toordinal()
            if start < issued <= day.toordinal() and invoice.id not in state.voided:
                sales = _add(sales, invoice.total_charges.amount)
    if len(currencies) > 1:
        first, second = sorted(currencies)[:2]
        raise CurrencyMismatch("ledgers", first, second)
    if not sales:
        return None
    # Exactly, as fractions: the ratio of two bounded amounts can need more digits than any fixed
    # decimal precision gives (1e30 owed on 1e-30 sold), and rounding twice could move the tenth.
    tenths = Fraction(receivable) * window * 10 / Fraction(sales)
    rounded = math.floor(tenths + Fraction(1, 2))  # half up: receivable and sales are never negative
    return Decimal((0, tuple(int(digit) for digit in str(rounded)), -1))
