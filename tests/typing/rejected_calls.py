"""Calls that ``mypy --strict`` must refuse: each marked line raises the error code after ``# E:``.

``test_typing_rejects_wrong_kinds.py`` runs mypy on this file and compares the (line, code) pairs it
reports with the marks, both ways: a mark that stops being an error (a constructor type loosened back
to ``object``) fails, and so does an error without a mark. This file is left out of the project's own
mypy run and of pytest's collection; the calls are inside functions, never run.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cspcore import Money
from cspcore.billing import (
    ChangeQuantity,
    Invoice,
    Ledger,
    PaymentTerms,
    Pricing,
    Subscription,
    TaxRule,
)
from cspcore.interop import seats_at_period_end
from cspcore.roles import EntraRole, RoleGrant
from cspcore.support import BusinessHours, Issue

START = dt.date(2024, 1, 8)
EUR = Money("36.00", "EUR")


def wrong_kinds_of_value() -> None:
    Subscription(
        id="s",
        product="Microsoft 365 E3",
        start=START,
        term="annual",  # E: arg-type
        frequency=3,  # E: arg-type
        quantity=10.5,  # E: arg-type
        unit_price=36.0,  # E: arg-type
    )
    Pricing(markup=0.15)  # E: arg-type
    Issue(kind="technical", product=42)  # E: arg-type
    Issue(kind="refund", product="azure")  # E: arg-type
    Money(1.5, "EUR")  # E: arg-type
    TaxRule(rate=0.21)  # E: arg-type
    PaymentTerms(net_days="30")  # E: arg-type
    ChangeQuantity(on=START, quantity=1.5)  # E: arg-type
    Invoice(id="G1", issued="2024-01-08", currency="EUR")  # E: arg-type
    Subscription(
        id="s",
        product="Microsoft 365 E3",
        start="2024-01-08",  # E: arg-type
        term="P1Y",
        frequency="monthly",
        quantity=10,
        unit_price=EUR,
    )
    RoleGrant(group="Helpdesk", roles="Helpdesk administrator")  # E: arg-type
    BusinessHours(tz=3, weekly={0: ((dt.time(9), dt.time(17)),)})  # E: arg-type


def positional_calls_of_keyword_only_classes() -> None:
    Subscription("s", "Microsoft 365 E3", START, "P1Y", "monthly", 10, EUR)  # E: call-arg
    Ledger(())  # E: call-arg
    Pricing(Decimal("0.15"))  # E: call-arg


def results_are_read_only() -> None:
    seats = seats_at_period_end([])
    seats["s1"] = Decimal(3)  # E: index


def the_right_kinds_pass() -> None:
    Subscription(
        id="s",
        product="Microsoft 365 E3",
        start=START,
        term="P1Y",
        frequency="monthly",
        quantity=10,
        unit_price=EUR,
    )
    Pricing(markup=Decimal("0.15"))
    Pricing(markup="0.15", rounding="HALF_EVEN")
    Issue(kind="technical", product="azure", severity="A")
    RoleGrant(group="Helpdesk", roles={EntraRole.HELPDESK_ADMINISTRATOR})
