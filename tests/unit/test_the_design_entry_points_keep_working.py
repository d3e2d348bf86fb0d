"""The public entry points the design names (the contract downstream code uses) keep working.

Each name is importable from the module the design gives, and each function still takes the
keywords the design shows. A rename keeps the old name (say so in the CHANGELOG); this test fails
when one goes.
"""

from __future__ import annotations

import importlib
import inspect

import pytest

ENTRY_POINTS = {
    "cspcore": ("Money Rounding allocate CspError InvalidInput RuleViolation Reason __version__ ErrorCode"),
    "cspcore.i18n": "format_money format_date render",
    "cspcore.billing": (
        "Term BillingFrequency ChargeType Subscription term_end charge_cycles calendar_aligned_end "
        "coterminous_end ProrationRounding ChargeLine rate ChangeQuantity Cancel Upgrade ChangeBillingPlan "
        "ConvertTrial cancellation_quote Invoice InvoiceLine DocumentType InvoiceStatus Payment CreditNote "
        "Ledger apply_payment balance aging CollectionsPolicy Stage Action evaluate Standing schedule"
    ),
    "cspcore.billing.whatif": "simulate compare",
    "cspcore.roles": "PartnerRole EntraRole Task can Decision least_privileged GdapRelationship",
    "cspcore.support": (
        "PartnerType Issue Severity SupportPlan route Route BusinessHours due_at SupportOffering "
        "who_communicates customer_can"
    ),
    "cspcore.interop.partner_center": (
        "parse_invoice parse_invoice_line_items parse_recon_rows to_recon_rows reconcile"
    ),
}

#: (module, function): the keywords the design's signatures show.
KEYWORDS = {
    ("cspcore.i18n", "format_money"): {"locale"},
    ("cspcore.i18n", "format_date"): {"locale"},
    ("cspcore.i18n", "render"): {"locale"},
    ("cspcore.billing", "rate"): {"through", "rounding"},
    ("cspcore.billing", "coterminous_end"): {"existing_end", "existing_term"},
    ("cspcore.billing", "cancellation_quote"): {"at"},
    ("cspcore.billing", "evaluate"): {"as_of"},
    ("cspcore.support", "route"): {"partner"},
    ("cspcore.support", "due_at"): {"hours"},
}


@pytest.mark.parametrize(
    ("module", "name"),
    [(module, name) for module, names in ENTRY_POINTS.items() for name in names.split()],
)
def test_each_entry_point_is_importable_where_the_design_says(module: str, name: str) -> None:
    assert hasattr(importlib.import_module(module), name)


@pytest.mark.parametrize(("where", "keywords"), list(KEYWORDS.items()), ids=str)
def test_each_entry_point_takes_the_keywords_the_design_shows(
    where: tuple[str, str], keywords: set[str]
) -> None:
    module, name = where
    parameters = inspect.signature(getattr(importlib.import_module(module), name)).parameters
    assert keywords <= set(parameters)


def test_the_design_values_have_their_members() -> None:
    from cspcore import Rounding
    from cspcore.billing import BillingFrequency, ProrationRounding, Term

    assert {"HALF_UP", "HALF_EVEN", "DOWN"} <= set(Rounding.__members__)
    assert {"P1M", "P1Y", "P3Y"} <= set(Term.__members__)
    assert {"MONTHLY", "ANNUAL", "TRIENNIAL", "NONE"} <= set(BillingFrequency.__members__)
    assert {"UNIT_PRICE_FIRST", "LINE_TOTAL"} <= set(ProrationRounding.__members__)
