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
>>> ledger = apply_payment(
...     ledger, Payment(id="P-1", amount=Money("130.00", "EUR"), received=dt.date(2024, 1, 20))
... )
>>> status_of(ledger.invoices[0], ledger, as_of=dt.date(2024, 1, 19)).value
'open'
>>> status_of(ledger.invoices[0], ledger, as_of=dt.date(2024, 1, 20)).value
'paid'
>>> balance(ledger, as_of=dt.date(2024, 1, 20))
Money('-30.00', 'EUR')

The package's modules, by responsibility: :mod:`~cspcore.billing.ledger.invoices` (the documents:
invoices, payments, credit notes), :mod:`~cspcore.billing.ledger.account` (the ledger value that
holds them), :mod:`~cspcore.billing.ledger.documents` (changes: issue, payments, credit notes,
voids, write-offs), :mod:`~cspcore.billing.ledger.settlement` (how the ledger stands on a date) and
:mod:`~cspcore.billing.ledger.aging` (aging and DSO).

.. versionadded:: 0.1.0
.. versionchanged:: 0.1.0
    A package (it was one module); every name it had is still importable from it.
"""

from __future__ import annotations

from cspcore.billing.ledger._direct import overdue_on as overdue_on
from cspcore.billing.ledger._index import LedgerIndex as LedgerIndex
from cspcore.billing.ledger._index import index_beside as index_beside
from cspcore.billing.ledger._index import money_of as money_of
from cspcore.billing.ledger._index import open_invoices_at as open_invoices_at
from cspcore.billing.ledger._index import overdue_changes_alike_of as overdue_changes_alike_of
from cspcore.billing.ledger._index import overdue_changes_of as overdue_changes_of
from cspcore.billing.ledger._index import timeline_of as timeline_of
from cspcore.billing.ledger._replay import ledger_currency as ledger_currency
from cspcore.billing.ledger.aging import Aging, AgingBucket, aging, dso
from cspcore.billing.ledger.documents import (
    InvoiceClosed,
    NothingToWriteOff,
    apply_payment,
    issue,
    record_credit_note,
    void,
    write_off,
)
from cspcore.billing.ledger.settlement import (
    Settlement,
    account_credit,
    balance,
    outstanding,
    settle,
    status_of,
)

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
