"""What a ledger keeps beside its fields: its document ids, its index, the history closures read (internal).

A :class:`~cspcore.billing.ledger.account.Ledger` is a frozen value; what is worked out from it once and
read again is kept in a slot of the ledger itself (:func:`~cspcore.billing.ledger.account.beside`), which
is never compared, hashed, shown, copied or pickled, and goes with the ledger. Nothing is kept anywhere
else: no table outlives the ledgers that its caller holds.

* its **document ids** by kind (:class:`Ids`), so that :meth:`Ledger.invoice
  <cspcore.billing.ledger.account.Ledger.invoice>` is a lookup and a change checks a new id without a
  scan. One :class:`Ids` is shared along a chain of changes: a ledger holds the ids at positions below its
  own count of that kind, and only the newest ledger of the chain (the one whose count is the dict's
  size) appends to it; adding to an older one copies its part first. The check and the append are made
  under the :class:`Ids`'s lock, so threads that change one ledger in two ways at once each get a chain
  of their own;
* its settlement **index** (:mod:`~cspcore.billing.ledger._index`), once a query has built it;
* the **history** ``void`` and ``write_off`` read (a :class:`~cspcore.billing.ledger._history.History`,
  handed on by :mod:`~cspcore.billing.ledger.documents`): an ancestor's index and the changes since,
  whose per-invoice answers hold for every invoice the ledger has not closed, or None.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from cspcore.billing.ledger._history import History
    from cspcore.billing.ledger._index import LedgerIndex

__all__ = ["Beside", "Ids", "Kind"]

#: The fields of Ledger whose documents' ids are kept beside it.
Kind = Literal["invoices", "payments", "credit_notes"]


class Ids:
    """One kind's ``id -> position`` dict, shared along a chain of changes, and the lock its appends take."""

    __slots__ = ("lock", "positions")

    def __init__(self, positions: dict[str, int]) -> None:
        self.positions = positions
        self.lock = threading.Lock()


class Beside:
    """What one ledger keeps beside its fields (see the module docstring)."""

    __slots__ = ("history", "ids", "index")

    def __init__(self) -> None:
        #: For each kind of document asked about, its shared ids (see the module docstring).
        self.ids: dict[Kind, Ids] = {}
        #: The ledger's settlement index, once built.
        self.index: LedgerIndex | None = None
        #: A history whose answers about each invoice the ledger has not closed are the ledger's own
        #: (an ancestor's index and the changes logged since), or None.
        self.history: History | None = None
