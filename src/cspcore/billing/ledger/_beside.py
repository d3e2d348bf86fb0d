"""What is kept beside a (frozen) ledger, never inside it: its document ids, the history closures read.

Each live ledger that was asked about has one entry here, by its identity, dropped when the ledger is
garbage-collected (as its index in :mod:`~cspcore.billing.ledger._index`):

* its **document ids** by kind, as ``id -> position`` dicts, so that :meth:`Ledger.invoice
  <cspcore.billing.ledger.account.Ledger.invoice>` is a lookup and a change checks a new id without a
  scan. One dict is shared along a chain of changes: a ledger holds the ids at positions below its own
  count of that kind, and only the newest ledger of the chain (the one whose count is the dict's size)
  appends to it; adding to an older one copies its part first;
* the **history** ``void`` and ``write_off`` read (a :class:`~cspcore.billing.ledger._history.History`,
  handed on by :mod:`~cspcore.billing.ledger.documents`): an ancestor's index and the changes since,
  whose per-invoice answers hold for every invoice the ledger has not closed, or None.
"""

from __future__ import annotations

import functools
import weakref
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from cspcore.billing.ledger._history import History
    from cspcore.billing.ledger.account import Ledger
    from cspcore.billing.ledger.invoices import CreditNote, Invoice, Payment

__all__ = ["Beside", "Kind", "beside", "held", "ids_of"]

#: The fields of Ledger whose documents' ids are kept beside it.
Kind = Literal["invoices", "payments", "credit_notes"]


class Beside:
    """What is kept beside one ledger (see the module docstring)."""

    __slots__ = ("history", "ids")

    def __init__(self) -> None:
        #: For each kind of document asked about, its ``id -> position`` dict (see the module docstring).
        self.ids: dict[Kind, dict[str, int]] = {}
        #: A history whose answers about each invoice the ledger has not closed are the ledger's own
        #: (an ancestor's index and the changes logged since), or None.
        self.history: History | None = None


_BESIDE: dict[int, tuple[weakref.ReferenceType[Ledger], Beside]] = {}


def _forget(key: int, reference: weakref.ReferenceType[Ledger]) -> None:
    entry = _BESIDE.get(key)
    if entry is not None and entry[0] is reference:
        del _BESIDE[key]


def beside(ledger: Ledger) -> Beside:
    """What is kept beside ``ledger`` (nothing yet the first time)."""
    key = id(ledger)
    entry = _BESIDE.get(key)
    if entry is None or entry[0]() is not ledger:
        entry = (weakref.ref(ledger, functools.partial(_forget, key)), Beside())
        _BESIDE[key] = entry
    return entry[1]


def ids_of(ledger: Ledger, kind: Kind) -> dict[str, int]:
    """The ``id -> position`` dict of the ledger's ``kind`` (entries at its count or beyond are not its)."""
    kept = beside(ledger).ids
    ids = kept.get(kind)
    if ids is None:
        documents: tuple[Invoice | Payment | CreditNote, ...] = getattr(ledger, kind)
        ids = kept[kind] = {document.id: position for position, document in enumerate(documents)}
    return ids


def held(ledger: Ledger, kind: Kind, key: str) -> int | None:
    """The position of the ledger's document of ``kind`` with id ``key``, or None when it holds none."""
    count = len(getattr(ledger, kind))
    position = ids_of(ledger, kind).get(key, count)
    return position if position < count else None
