"""Mid-term billing-plan changes by date: a triennial term switches between monthly and annual billing
until March 31, 2025 (``create-a-new-subscription.md``, "Change only billing frequency (scheduled
change)"); from April 1, 2025 such changes are blocked (Microsoft's 2025 ``billing-frequency-changes``
page: "Midterm billing frequency changes for triennial offers will be blocked starting April 1, 2025")."""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore import Money
from cspcore.billing import BillingPlanChangeRefused, ChangeBillingPlan, Subscription, rate
from cspcore.billing.plan_rules import TRIENNIAL_MIDTERM_BLOCKED_FROM

D = dt.date


def triennial() -> Subscription:
    return Subscription(
        id="t",
        product="Dynamics 365 Commerce",
        start=D(2023, 9, 20),
        term="P3Y",
        frequency="annual",
        quantity=10,
        unit_price=Money("250", "EUR"),
    )


def test_a_triennial_plan_change_before_april_2025_is_applied_at_the_next_cycle() -> None:
    change = ChangeBillingPlan(on=D(2024, 9, 1), frequency="monthly", unit_price=Money("20", "EUR"))
    lines = rate(triennial(), [change], through=D(2024, 9, 30))
    assert [line.charge_type.value for line in lines] == ["new", "changeBillingPlan"]


@pytest.mark.parametrize("day", [TRIENNIAL_MIDTERM_BLOCKED_FROM, D(2025, 9, 1)])
def test_from_april_2025_a_triennial_plan_change_is_refused_citing_the_2025_page(day: dt.date) -> None:
    change = ChangeBillingPlan(on=day, frequency="monthly", unit_price=Money("20", "EUR"))
    with pytest.raises(BillingPlanChangeRefused) as caught:
        rate(triennial(), [change], through=day)
    (reason,) = caught.value.reasons
    assert (reason.code, reason.source is not None and reason.source.document) == (
        "billing.plan.change_refused",
        "billing-frequency-changes",
    )
