"""The history ``void`` and ``write_off`` read, kept beside a ledger and handed on (internal).

A :class:`History` answers, for each invoice the ledger has not closed, what its index would: the days
the invoice changed and what it owed (and its status) after each. It is an ancestor's index (one replay)
and the changes made since that touched one invoice each, logged in order:

* a payment or credit note that names an invoice, lands whole on it (it owes at least the amount that
  day) and comes after the last day anything reached it: it changes that invoice alone (what spread
  past the invoice later still stops before it), so the invoice's history gains one day;
* invoices issued after the last day of every document, when no credit is on hand: nothing reaches
  them but their issue, and they reach no other invoice;
* a closure (:mod:`~cspcore.billing.ledger.documents` decides when one changes no other invoice).

The log is shared along a chain of changes, as the document ids are
(:mod:`~cspcore.billing.ledger._beside`): a history sees the entries below its ``size``, and only the
newest history of the chain (the one whose size is the log's length) appends to it; adding to an older
one copies its part first. Each call that hands a history on costs time in proportion to what it adds,
so building a ledger by issues, payments and closures, one call each, replays it at most once.
"""

from __future__ import annotations

import bisect
import threading
from typing import TYPE_CHECKING

from cspcore.billing.ledger._replay import ZERO, sub
from cspcore.billing.ledger.invoices import InvoiceStatus

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from cspcore.billing.ledger._index import LedgerIndex
    from cspcore.billing.ledger.invoices import Invoice

__all__ = ["History", "history_of"]

#: One logged change: (invoice id, ordinal day, what it owes after that day, its status then).
Entry = tuple[str, int, "Decimal", InvoiceStatus]


class _Log:
    """The changes logged along one chain, after its base index (see the module docstring)."""

    __slots__ = ("base", "by_key", "credit_free", "entries", "lock")

    def __init__(self, base: LedgerIndex, entries: list[Entry], *, credit_free: bool) -> None:
        self.base = base
        self.entries = entries
        #: Each invoice's positions in ``entries``, ascending.
        self.by_key: dict[str, list[int]] = {}
        for position, entry in enumerate(entries):
            self.by_key.setdefault(entry[0], []).append(position)
        #: Whether no credit is on hand after the base's last day (the changes logged keep it so).
        self.credit_free = credit_free
        #: Taken by the check and the append of :meth:`History._with`.
        self.lock = threading.Lock()


class History:
    """What one ledger's ``void`` and ``write_off`` read (see the module docstring)."""

    __slots__ = ("_log", "_size", "last")

    def __init__(self, log: _Log, size: int, last: int) -> None:
        self._log = log
        self._size = size
        #: The last ordinal day of the ledger's documents and closures (0 when it has none).
        self.last = last

    def _entries(self, key: str) -> list[Entry]:
        positions = self._log.by_key.get(key)
        if not positions:
            return []
        entries = self._log.entries
        return [entries[p] for p in positions[: bisect.bisect_left(positions, self._size)]]

    def change_days(self, key: str) -> list[int]:
        """The ordinal days invoice ``key`` changed on, ascending."""
        own = self._log.base.change_days.get(key, [])
        return own + [entry[1] for entry in self._entries(key)]

    def changes(self, key: str) -> list[tuple[Decimal, InvoiceStatus]]:
        """What invoice ``key`` owed and its status after each of :meth:`change_days`."""
        own = self._log.base.changes.get(key, [])
        return own + [(entry[2], entry[3]) for entry in self._entries(key)]

    def at(self, key: str, day: int) -> tuple[Decimal, InvoiceStatus]:
        """What invoice ``key`` owes and its status at the end of ordinal ``day``."""
        for entry in reversed(self._entries(key)):
            if entry[1] <= day:
                return entry[2], entry[3]
        return self._log.base.at(key, day)

    def last_change(self, key: str) -> int | None:
        """The last ordinal day invoice ``key`` changed on, or None when it never did."""
        entries = self._entries(key)
        if entries:
            return entries[-1][1]
        days = self._log.base.change_days.get(key)
        return days[-1] if days else None

    def landed(self, key: str, amount: Decimal, day: int) -> History | None:
        """This history with a payment (or credit note) of ``amount`` naming ``key`` on ``day``, or None.

        None unless it changes that invoice alone: ``amount`` is more than zero and at most what the
        invoice owes that day, and nothing reached the invoice on ``day`` or after.
        """
        last = self.last_change(key)
        if last is None or last >= day or not amount > ZERO:
            return None
        owed, _status = self.at(key, day)
        if amount > owed:
            return None
        left = sub(owed, amount)
        return self._with(
            ((key, day, left, InvoiceStatus.PARTIALLY_PAID if left else InvoiceStatus.PAID),), day
        )

    def issued(self, invoices: Sequence[Invoice]) -> History | None:
        """This history with ``invoices`` issued, or None unless they change on their issue day alone.

        So when each comes after the last day of the ledger's documents and no credit is on hand:
        nothing reaches them but their issue, and they reach no other invoice.
        """
        days = [invoice.issued.toordinal() for invoice in invoices]
        if not (self._log.credit_free and all(day > self.last for day in days)):
            return None
        added = []
        for invoice, day in zip(invoices, days, strict=True):
            owed = invoice.total_charges.amount
            added.append((invoice.id, day, owed, InvoiceStatus.OPEN if owed else InvoiceStatus.PAID))
        return self._with(added, max(days))

    def closed(self, day: int) -> History:
        """This history, handed on by a closure on ``day`` that changes no other invoice's history."""
        return self._with((), day)

    def _with(self, added: Sequence[Entry], last: int) -> History:
        """This history with ``added`` logged and ``last`` as its last day (shares the log when newest)."""
        log = self._log
        if not added:
            return History(log, self._size, max(self.last, last))
        with log.lock:  # the newest history's check and append, as one step (see _beside.Ids)
            if self._size != len(log.entries):  # an older ledger of the chain: copy its part
                log = _Log(log.base, log.entries[: self._size], credit_free=log.credit_free)
            for entry in added:
                log.by_key.setdefault(entry[0], []).append(len(log.entries))
                log.entries.append(entry)
            size = len(log.entries)
        return History(log, size, max(self.last, last))


def history_of(index: LedgerIndex) -> History:
    """A history of nothing logged yet over the ledger's own ``index``."""
    days = index.days
    credit_free = not days or not index.credits_on_hand[-1]
    return History(_Log(index, [], credit_free=credit_free), 0, days[-1] if days else 0)
