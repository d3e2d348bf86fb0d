"""Billing: terms, charge cycles, proration, windows, invoices, ledgers and collections.

.. versionadded:: 0.1.0
"""

from cspcore.billing.charges import ChargeLine, ChargeType
from cspcore.billing.invoices import (
    CreditNote,
    DocumentType,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Ledger,
    Payment,
)
from cspcore.billing.terms import BillingFrequency, Term

__all__ = [
    "BillingFrequency",
    "ChargeLine",
    "ChargeType",
    "CreditNote",
    "DocumentType",
    "Invoice",
    "InvoiceLine",
    "InvoiceStatus",
    "Ledger",
    "Payment",
    "Term",
]
