"""Invoices, payments, credit notes and the ledger that holds them (names kept for existing imports).

The document values (:class:`Invoice`, :class:`InvoiceLine`, :class:`Payment`, :class:`CreditNote`
and their enums) live in :mod:`cspcore.billing.ledger.invoices`; the :class:`Ledger` value and its
trusted constructor in :mod:`cspcore.billing.ledger.account`. This module re-exports every name it
had; new code imports them from :mod:`cspcore.billing`.

>>> from cspcore.billing.invoices import Invoice, Ledger
>>> from cspcore.billing.ledger.account import Ledger as Moved
>>> Ledger is Moved, Invoice.__module__
(True, 'cspcore.billing.ledger.invoices')

.. versionadded:: 0.1.0
.. versionchanged:: 0.1.0
    Split in two modules of :mod:`cspcore.billing.ledger`; every name is still importable from here.
"""

from cspcore.billing.ledger.account import Ledger, trusted_ledger
from cspcore.billing.ledger.invoices import (
    Allocation,
    AllocationSpelling,
    CreditNote,
    DocumentType,
    DocumentTypeSpelling,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Payment,
)

__all__ = [
    "Allocation",
    "AllocationSpelling",
    "CreditNote",
    "DocumentType",
    "DocumentTypeSpelling",
    "Invoice",
    "InvoiceLine",
    "InvoiceStatus",
    "Ledger",
    "Payment",
    "trusted_ledger",
]
