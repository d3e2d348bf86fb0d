"""Partner Center payloads and reconciliation rows ⇄ cspcore values, and reconciliation itself.

Parsers take what Partner Center sends (JSON text, bytes, already decoded mappings, CSV text or
rows) and return cspcore values. They are I/O-free: fetch and read files in your own code.
They are tolerant where Microsoft is sloppy (numbers written as strings, ``New`` and ``new``,
seven fractional digits, offsets, ``Credit Note``/``credit_note``, ``OneTime``/``one_time``) and
strict where it matters: invalid JSON (with line and column), missing required fields, unknown
currencies and non-numeric amounts raise :class:`~cspcore.errors.InvalidInput` naming the item and
field. Nothing else escapes.

This module gathers the parsers and reconciliation under the names they have always had; each
lives in the module of its responsibility: :mod:`~cspcore.interop.invoices` (invoices and
summaries), :mod:`~cspcore.interop.line_items` (invoice line items),
:mod:`~cspcore.interop.recon_csv` (reconciliation rows, read and written),
:mod:`~cspcore.interop.seats` (seats at the end of a period), :mod:`~cspcore.interop.reconcile`
and :mod:`~cspcore.interop.reconciliation` (the pairing and its report).

>>> from cspcore.interop.partner_center import parse_invoice
>>> invoice = parse_invoice('''{"id": "G000024135", "invoiceDate": "2018-02-08T22:40:37.5897767Z",
...     "totalCharges": 2076.63, "currencyCode": "USD", "documentType": "invoice"}''')
>>> invoice.id, invoice.issued, invoice.total_charges
('G000024135', datetime.date(2018, 2, 8), Money('2076.63', 'USD'))

Sources: ``developer/invoice-resources.md``, ``developer/get-invoiceline-items.md``,
``modern-invoice-reconciliation-file.md``, ``common-billing-scenarios-onetime-recurring.md``.

.. versionadded:: 0.1.0
"""

from cspcore.interop.consistency import Inconsistency, ParseReport
from cspcore.interop.invoices import (
    InvoiceSummary,
    InvoiceType,
    parse_invoice,
    parse_invoice_summaries,
    parse_invoices,
)
from cspcore.interop.line_items import check_invoice_line_items, parse_invoice_line_items
from cspcore.interop.recon_csv import (
    RECON_COLUMNS,
    check_recon_rows,
    iter_recon_rows,
    parse_recon_rows,
    to_recon_rows,
)
from cspcore.interop.reconcile import reconcile
from cspcore.interop.reconciliation import Mismatch, ReconciliationReport
from cspcore.interop.seats import seats_at_period_end

__all__ = [
    "RECON_COLUMNS",
    "Inconsistency",
    "InvoiceSummary",
    "InvoiceType",
    "Mismatch",
    "ParseReport",
    "ReconciliationReport",
    "check_invoice_line_items",
    "check_recon_rows",
    "iter_recon_rows",
    "parse_invoice",
    "parse_invoice_line_items",
    "parse_invoice_summaries",
    "parse_invoices",
    "parse_recon_rows",
    "reconcile",
    "seats_at_period_end",
    "to_recon_rows",
]
