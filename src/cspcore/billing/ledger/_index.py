"""A ledger's settlement index, kept beside the (frozen) ledger's fields (internal).

One replay of the documents in date order builds everything the queries need, in space linear in
the documents:

* per day with documents, the credit on hand and the balance (running sums): ``balance`` is a
  bisect;
* per invoice, what it owes and its status after each day it changed (an invoice changes on a
  bounded number of days: its issue, the payments and credits that reach it, its void or write-off),
  and the days it was open: ``outstanding``/``status_of`` are a bisect, and the open invoices on a
  day are the invoices whose open interval holds it.

The open invoices of a day are worked out when asked for, never stored per day (a ledger with many
unpaid invoices over many days would otherwise need their product in memory): from the second day
asked about on, from the invoices' open intervals laid out in a segment tree. The overdue changes
the what-if reads come from each invoice's history in one sweep, never from the open invoices of
every day.

An index lives in the ledger's own slot for what it keeps beside its fields
(:mod:`~cspcore.billing.ledger._beside`): it goes with its ledger, and is never compared or pickled.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, overload

from cspcore import _validate
from cspcore.billing.ledger._direct import Step, changes_of_steps, overdue_changes, overdue_changes_alike
from cspcore.billing.ledger._replay import WRITE_OFF, ZERO, State, add, due_ordinal, events, status, sub
from cspcore.billing.ledger.account import beside, index_beside
from cspcore.billing.ledger.invoices import Invoice, InvoiceStatus
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.money import Money, exact_money

if TYPE_CHECKING:
    from cspcore.billing.ledger.account import Ledger

__all__ = [
    "LedgerIndex",
    "OpenViews",
    "index_beside",
    "index_of",
    "indexed",
    "money_of",
    "open_invoices_at",
    "overdue_changes_alike_of",
    "overdue_changes_of",
    "timeline_of",
]

#: One open invoice: (due ordinal, outstanding, id).
_Open = tuple[int, Decimal, str]
#: Due ordinals, invoice ids and running totals of a document day's open, non-exempt invoices, flat.
_Summary = tuple[Any, ...]
_NEVER = dt.date.max.toordinal() + 1
_DAY = operator.itemgetter(0)


def money_of(amount: Decimal, currency: str) -> Money:
    """(internal) Money from an amount that arithmetic on valid Money produced (no re-validation).

    Exact sums of bounded amounts may hold more digits than an input may (1e29 + 1e-29).
    """
    return exact_money(amount, currency)


class OpenViews(Sequence[tuple[_Open, ...]]):
    """The open invoices after each day with documents, in due order, worked out on demand."""

    __slots__ = ("_index",)

    def __init__(self, index: LedgerIndex) -> None:
        self._index = index

    def __len__(self) -> int:
        return len(self._index.days)

    @overload
    def __getitem__(self, position: int) -> tuple[_Open, ...]: ...

    @overload
    def __getitem__(self, position: slice) -> Sequence[tuple[_Open, ...]]: ...

    def __getitem__(self, position: int | slice) -> tuple[_Open, ...] | Sequence[tuple[_Open, ...]]:
        days = self._index.days
        if isinstance(position, slice):
            return [self._index.open_on(days[i]) for i in range(*position.indices(len(days)))]
        return self._index.open_on(days[position])


class LedgerIndex:
    """Everything the ledger's queries read, from one replay (see the module docstring).

    ``days``, ``views``, ``credits_on_hand``, ``exempt``, :meth:`summary` and
    :meth:`overdue_changes` are what collections and what-if read.
    """

    __slots__ = (
        "_asked",
        "_closed",
        "_opened",
        "_ordered",
        "_tree",
        "balances",
        "change_days",
        "changes",
        "credits_on_hand",
        "currency",
        "days",
        "exempt",
        "invoices",
        "overdue_states",
        "summaries",
        "views",
    )

    def __init__(self, ledger: Ledger) -> None:
        state = State()
        touched: list[str] = []
        state.touched = touched
        self.days: list[int] = []
        self.credits_on_hand: list[Decimal] = []
        self.balances: list[Decimal] = []
        self.change_days: dict[str, list[int]] = {}
        self.changes: dict[str, list[tuple[Decimal, InvoiceStatus]]] = {}
        self._opened: dict[str, int] = {}
        self._closed: dict[str, int] = {}
        written = ZERO
        replayed = events(ledger)
        for index, (day, kind, key, document) in enumerate(replayed):
            state.apply(kind, key, document)
            if kind == WRITE_OFF:
                written = add(written, state.written[key])
            if index + 1 < len(replayed) and replayed[index + 1][0] == day:
                continue
            self.days.append(day)
            self.credits_on_hand.append(state.credit)
            self.balances.append(sub(sub(sub(state.invoiced, state.paid), state.credited), written))
            on = dt.date.fromordinal(day)
            for invoice_id in dict.fromkeys(touched):
                owed = state.outstanding[invoice_id]
                self.change_days.setdefault(invoice_id, []).append(day)
                self.changes.setdefault(invoice_id, []).append(
                    (owed, status(state, state.invoices[invoice_id], on))
                )
                if owed and invoice_id not in self._opened:
                    self._opened[invoice_id] = day
                elif not owed and invoice_id in self._opened and invoice_id not in self._closed:
                    self._closed[invoice_id] = day
            touched.clear()
        self.invoices: dict[str, Invoice] = {invoice.id: invoice for invoice in ledger.invoices}
        #: The invoices ever open, in the order the open list keeps: (due, issued, id).
        self._ordered = sorted(
            (due_ordinal(self.invoices[key]), self.invoices[key].issued.toordinal(), key)
            for key in self._opened
        )
        disputed = {invoice.id for invoice in ledger.invoices if invoice.disputed}
        self.exempt: frozenset[str] = frozenset(ledger.on_payment_plan | disputed)
        self.currency: str | None = ledger.currency
        self.views = OpenViews(self)
        #: The first document-day position :meth:`open_on` was asked about (-1: none yet), and the
        #: open intervals it reads from the second on.
        self._asked = -1
        self._tree: tuple[int, dict[int, list[tuple[int, int, str]]]] | None = None
        self.overdue_states: list[tuple[int, int, Decimal, int]] | None = None
        #: Per document day, the open non-exempt invoices laid out by :meth:`summary`, when read.
        self.summaries: list[_Summary | None] = []

    def at(self, invoice_id: str, day: int) -> tuple[Decimal, InvoiceStatus]:
        """What ``invoice_id`` owes and its status at the end of ordinal ``day``."""
        days = self.change_days.get(invoice_id)
        index = bisect.bisect_right(days, day) - 1 if days else -1
        return self.changes[invoice_id][index] if index >= 0 else (ZERO, InvoiceStatus.DRAFT)

    def open_on(self, day: int) -> tuple[_Open, ...]:
        """The open invoices ``(due ordinal, outstanding, id)`` at the end of ordinal ``day``, due first.

        The first document day asked about is answered by one walk over the invoices ever open (all
        a single question needs). From the second on, the invoices' open intervals are laid out once
        (:meth:`_intervals`), and each day's are found in time logarithmic in the documents plus a
        sort of what is found, so that asking about every day never costs days x invoices.
        """
        position = self.position(day)
        if position < 0:
            return ()
        tree = self._tree
        if tree is None:
            if self._asked < 0 or self._asked == position:
                self._asked = position
                return self._walk(day)
            tree = self._tree = self._intervals()
        size, nodes = tree
        found: list[tuple[int, int, str]] = []
        node = position + size
        while node:  # the nodes from the day's leaf up to the root: each interval is held by one at most
            held = nodes.get(node)
            if held is not None:
                found.extend(held)
            node >>= 1
        found.sort()  # the order of the open list: (due, issued, id)
        return tuple((due, self.at(key, day)[0], key) for due, _issued, key in found)

    def _walk(self, day: int) -> tuple[_Open, ...]:
        """:meth:`open_on` by one walk over every invoice ever open."""
        opened = self._opened
        closed = self._closed
        found: list[_Open] = []
        for due, _issued, key in self._ordered:
            if opened[key] <= day < closed.get(key, _NEVER):
                found.append((due, self.at(key, day)[0], key))
        return tuple(found)

    def _intervals(self) -> tuple[int, dict[int, list[tuple[int, int, str]]]]:
        """The invoices' open intervals in a segment tree over the document days (a stabbing query).

        An invoice is open from the day it opened to the day before it closed, both document days,
        so on document-day positions ``[opened, closed)``. Each interval is held by at most two
        nodes a level (the tree's leaves are the positions; node ``n``'s children ``2n`` and
        ``2n + 1``; the nodes that hold none are left out), in the order of the open list; the open
        invoices of a position are those held on the path from its leaf to the root. Space and time
        ``n log m`` for n invoices ever open and m document days.
        """
        days = self.days
        size = 1
        while size < len(days):
            size *= 2
        at = {day: position for position, day in enumerate(days)}
        closed = self._closed
        nodes: dict[int, list[tuple[int, int, str]]] = {}
        for item in self._ordered:
            key = item[2]
            low = at[self._opened[key]] + size
            until = closed.get(key)
            high = (at[until] if until is not None else len(days)) + size
            while low < high:
                if low & 1:
                    nodes.setdefault(low, []).append(item)
                    low += 1
                if high & 1:
                    high -= 1
                    nodes.setdefault(high, []).append(item)
                low >>= 1
                high >>= 1
        return size, nodes

    def position(self, day: int) -> int:
        """The index of the last day with documents on or before ordinal ``day`` (-1 when none)."""
        return bisect.bisect_right(self.days, day) - 1

    def summary(self, position: int) -> _Summary:
        """The non-exempt open invoices after document day ``position``, laid out for a bisect.

        One flat tuple (one object to reach, which counts when thousands of ledgers are evaluated):
        for ``n`` invoices, their due ordinals in ascending order (items ``0 .. n-1``), their ids
        (``n .. 2n-1``), then ``n + 1`` running totals, the total at ``2n + k`` being the Money owed on
        the first ``k`` invoices (zero for ``k = 0``), summed in due order so that every prefix equals
        what a loop over the invoices gives. Needs a currency (an index with documents has one).
        """
        if not self.summaries:
            self.summaries = [None] * len(self.days)
        cached = self.summaries[position]
        if cached is not None:
            return cached
        exempt = self.exempt
        code: str = self.currency  # type: ignore[assignment]
        kept = [(due, owed, key) for due, owed, key in self.views[position] if key not in exempt]
        running = ZERO
        totals = [money_of(running, code)]
        for _due, owed, _key in kept:
            running = add(running, owed)
            totals.append(money_of(running, code))
        made: _Summary = (*(d for d, _o, _k in kept), *(k for _d, _o, k in kept), *totals)
        self.summaries[position] = made
        return made

    def overdue_changes(self) -> list[tuple[int, int, Decimal, int]]:
        """``(day, oldest due, overdue, count)`` on each day the overdue, non-exempt invoices change.

        Policy-independent, so worked out once per ledger (what-if runs reuse it): the overdue set
        changes only on the day after an open invoice's due date and on the days what an overdue one
        owes changes. Each invoice's history gives its steps (:meth:`overdue_steps`), and one sweep
        of them, shared with the one-pass path
        (:func:`~cspcore.billing.ledger._direct.changes_of_steps`), gives the changes: time linear in
        the documents plus a sort of the steps, never the open invoices of each day.
        """
        if self.overdue_states is None:
            first = self.days[0] if self.days else 0
            steps = self.overdue_steps()
            steps.sort(key=_DAY)  # by day alone: which of a day's steps comes first changes nothing
            self.overdue_states = changes_of_steps(steps, first)[0]
        return self.overdue_states

    def overdue_steps(self) -> list[Step]:
        """Each open, non-exempt invoice's overdue steps ``(day, due ordinal, id, owed)``, in no order.

        An invoice is open from its issue day (the first day of its history, never after its due
        date) until the first day it owes nothing, and owes nothing ever after (nothing adds to what
        an invoice owes). Its first step is on the day after its due ordinal, when it still owes
        something at the end of that day; then one on each later day of its history, the last when
        it owes nothing.
        """
        steps: list[Step] = []
        step = steps.append
        exempt = self.exempt
        for due, _issued, key in self._ordered:
            if key in exempt:
                continue
            enters = due + 1
            days = self.change_days[key]
            changes = self.changes[key]
            at = bisect.bisect_right(days, enters) - 1  # at least 0: its issue day is before ``enters``
            owed = changes[at][0]
            if not owed:  # paid off (voided, written off) by the day it would fall overdue
                continue
            step((enters, due, key, owed))
            for later in range(at + 1, len(days)):
                owed = changes[later][0]
                step((days[later], due, key, owed))
                if not owed:
                    break
        return steps


def index_of(ledger: Ledger) -> LedgerIndex:
    """The ledger's index, built by one replay the first time it is asked for and kept beside it."""
    kept = beside(ledger)
    index = kept.index
    if index is None:
        index = kept.index = LedgerIndex(ledger)
    return index


def timeline_of(ledger: Ledger) -> LedgerIndex:
    """(internal) The ledger's index: days with documents, open invoices after each (collections, what-if)."""
    return index_of(ledger)


def overdue_changes_of(ledger: Ledger) -> list[tuple[int, int, Decimal, int]]:
    """(internal) The ledger's overdue changes (:meth:`LedgerIndex.overdue_changes`), leaving no memo behind.

    The ledger's index is read when one already lives beside it. Otherwise a ledger of the one-pass
    shape (every payment lands whole on the invoice it names: :mod:`~cspcore.billing.ledger._direct`)
    is answered in one sweep with no index, and any other builds one for this question and drops it
    with the answer, so that a pass over many ledgers (a what-if over a whole portfolio) holds at
    most one index at a time and keeps none after it.
    """
    index = index_beside(ledger)
    if index is not None:
        return index.overdue_changes()
    found = overdue_changes(ledger)
    return found if found is not None else LedgerIndex(ledger).overdue_changes()


def overdue_changes_alike_of(
    ledger: Ledger, until: dt.date | None = None, *, in_exact: bool = False
) -> tuple[list[tuple[int, int, Decimal, int]], Decimal | None]:
    """(internal) :func:`overdue_changes_of`, and an amount whose exponent every nonzero amount has, or None.

    The amount is the one-pass sweep's (:func:`~cspcore.billing.ledger._direct.overdue_changes_alike`),
    which proves it for free; None when the sweep did not (amounts of several exponents) or did not
    run (the changes came from the index): the caller then looks at the amounts itself. With
    ``until`` (a day), only the changes on days up to it (the first ones of the whole list), or
    none when nothing falls overdue by then. ``in_exact``: the caller has made a copy of
    :data:`~cspcore._decimal.EXACT` the current context (see
    :func:`~cspcore.billing.ledger._direct.overdue_changes_alike`).
    """
    index = index_beside(ledger)
    if index is not None:
        return _up_to(index.overdue_changes(), until), None
    found = overdue_changes_alike(ledger, until, in_exact=in_exact)
    return found if found is not None else (_up_to(LedgerIndex(ledger).overdue_changes(), until), None)


def _up_to(
    changes: list[tuple[int, int, Decimal, int]], until: dt.date | None
) -> list[tuple[int, int, Decimal, int]]:
    """The ``changes`` (sorted by day) on days up to ``until``, none if nothing is overdue by then.

    All of them without ``until``.
    """
    if until is None:
        return changes
    kept = changes[: bisect.bisect_right(changes, until.toordinal(), key=_DAY)]
    return kept if any(count for _day, _oldest, _overdue, count in kept) else []


def open_invoices_at(ledger: Ledger, day: int) -> tuple[_Open, ...]:
    """(internal) The open invoices ``(due ordinal, outstanding, id)`` at the end of ordinal ``day``."""
    index = index_of(ledger)
    return index.open_on(day) if index.position(day) >= 0 else ()


def indexed(invoice: object, ledger: Ledger) -> tuple[Invoice, LedgerIndex]:
    """The invoice, checked against the ledger's own copy, and the ledger's index."""
    document: Invoice = _validate.instance(invoice, Invoice, "invoice")
    index = index_of(ledger)
    known = index.invoices.get(document.id)
    if known is None:
        raise InvalidInput(
            "invoice_id", "no such invoice in the ledger", document.id, code=ErrorCode.UNKNOWN_REFERENCE
        )
    if known != document:
        raise InvalidInput(
            "invoice",
            "differs from the ledger's invoice with that id",
            document.id,
            code=ErrorCode.INCONSISTENT,
        )
    return document, index
