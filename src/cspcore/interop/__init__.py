r"""Interop: Partner Center payloads and reconciliation rows ⇄ cspcore values (parsing, not I/O).

>>> from cspcore.interop import parse_recon_rows, reconcile
>>> lines = parse_recon_rows(
...     "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
...     "Subtotal,Currency,ChargeStartDate,ChargeEndDate\n"
...     "2022-03-05,new,Microsoft 365 Business Standard,sub-1,12,12.00,10,120,EUR,2022-03-05,2022-04-04\n"
... )
>>> reconcile(lines, lines).is_clean
True

.. versionadded:: 0.1.0
"""

from typing import TYPE_CHECKING

from cspcore._lazy import attach

if TYPE_CHECKING:
    from cspcore.interop.explain import explain_charge, explain_charge_reasons
    from cspcore.interop.month_end import MonthEndClose, MonthEndSummary, close_month
    from cspcore.interop.month_end_customer import CustomerClose, CustomerTerms, close_customer
    from cspcore.interop.partner_center import (
        RECON_COLUMNS,
        Inconsistency,
        InvoiceSummary,
        InvoiceType,
        Mismatch,
        ParseReport,
        ReconciliationReport,
        check_invoice_line_items,
        check_recon_rows,
        iter_recon_rows,
        parse_invoice,
        parse_invoice_line_items,
        parse_invoice_summaries,
        parse_invoices,
        parse_recon_rows,
        reconcile,
        seats_at_period_end,
        to_recon_rows,
    )
    from cspcore.interop.usage import (
        USAGE_COLUMNS,
        iter_usage_rows,
        parse_usage_line_items,
        parse_usage_rows,
        to_usage_line_items,
        to_usage_rows,
    )
    from cspcore.interop.usage_reconcile import (
        UsageDifference,
        UsageDifferenceKind,
        UsageLineDifference,
        UsageReconciliation,
        reconcile_usage,
    )

__all__ = [
    "RECON_COLUMNS",
    "USAGE_COLUMNS",
    "CustomerClose",
    "CustomerTerms",
    "Inconsistency",
    "InvoiceSummary",
    "InvoiceType",
    "Mismatch",
    "MonthEndClose",
    "MonthEndSummary",
    "ParseReport",
    "ReconciliationReport",
    "UsageDifference",
    "UsageDifferenceKind",
    "UsageLineDifference",
    "UsageReconciliation",
    "check_invoice_line_items",
    "check_recon_rows",
    "close_customer",
    "close_month",
    "explain_charge",
    "explain_charge_reasons",
    "iter_recon_rows",
    "iter_usage_rows",
    "parse_invoice",
    "parse_invoice_line_items",
    "parse_invoice_summaries",
    "parse_invoices",
    "parse_recon_rows",
    "parse_usage_line_items",
    "parse_usage_rows",
    "reconcile",
    "reconcile_usage",
    "seats_at_period_end",
    "to_recon_rows",
    "to_usage_line_items",
    "to_usage_rows",
]

# Each public name's submodule, imported on first use (PEP 562; see cspcore._lazy).
__getattr__, __dir__ = attach(
    __name__,
    {
        "explain": ("explain_charge", "explain_charge_reasons"),
        "month_end": ("MonthEndClose", "MonthEndSummary", "close_month"),
        "month_end_customer": ("CustomerClose", "CustomerTerms", "close_customer"),
        "partner_center": (
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
        ),
        "usage": (
            "USAGE_COLUMNS",
            "iter_usage_rows",
            "parse_usage_line_items",
            "parse_usage_rows",
            "to_usage_line_items",
            "to_usage_rows",
        ),
        "usage_reconcile": (
            "UsageDifference",
            "UsageDifferenceKind",
            "UsageLineDifference",
            "UsageReconciliation",
            "reconcile_usage",
        ),
    },
)
