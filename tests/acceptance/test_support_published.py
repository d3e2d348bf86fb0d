"""Microsoft's published support figures, checked against cspcore.support.

Sources: Partner Center documentation (kvamseek/partner-center @ 85eb3c4, English mirror of
MicrosoftDocs/partner-center-pr).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cspcore.roles import EntraRole
from cspcore.support import (
    BusinessHours,
    Impact,
    Issue,
    PartnerProfile,
    PlanScope,
    Product,
    Severity,
    SupportPlan,
    business_time_between,
    due_at,
    route,
)

H = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("severity", "impact", "hours"),
    [(Severity.A, Impact.CRITICAL, 2), (Severity.B, Impact.MODERATE, 4), (Severity.C, Impact.MINIMAL, 8)],
)
def test_initial_response_table(severity: Severity, impact: Impact, hours: int) -> None:
    # report-problems-on-behalf-of-a-customer.md, "How quickly will I get an initial response?":
    # Critical / A: two hours; Moderate / B: four hours; Minimal / C: eight hours.
    assert (impact, hours * H) == (severity.impact, severity.initial_response)


def test_technical_support_plan_table() -> None:
    # escalating-to-microsoft.md, "Technical support" table.
    assert (
        SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS.fee_based,
        SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS.scope,
    ) == (True, PlanScope.ALL_PRODUCTS)
    assert (
        SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS.fee_based,
        SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS.scope,
    ) == (True, PlanScope.CLOUD_PRODUCTS)
    assert (
        SupportPlan.SIGNATURE_CLOUD_SUPPORT.fee_based,
        SupportPlan.SIGNATURE_CLOUD_SUPPORT.scope,
    ) == (False, PlanScope.CLOUD_PRODUCTS)
    assert (
        SupportPlan.PRODUCT_SUPPORT_INCIDENTS.fee_based,
        SupportPlan.PRODUCT_SUPPORT_INCIDENTS.scope,
    ) == (False, PlanScope.RECENT_ON_PREMISES_PRODUCTS)


def test_na_english_partner_support_runs_24x5() -> None:
    # support-hours.md: NA, English, "Mon 6am-Fri 6pm PST/PDT (24x5 support)".
    whole = (dt.time(0), dt.time(0))
    hours = BusinessHours(
        tz="America/Los_Angeles",
        weekly={
            0: ((dt.time(6), dt.time(0)),),
            1: (whole,),
            2: (whole,),
            3: (whole,),
            4: ((dt.time(0), dt.time(18)),),
        },
    )
    la = ZoneInfo("America/Los_Angeles")
    monday = dt.datetime(2024, 6, 3, tzinfo=la)
    assert business_time_between(monday, monday + dt.timedelta(days=7), hours=hours) == 108 * H
    friday_5pm = dt.datetime(2024, 6, 7, 17, tzinfo=la)
    assert dt.datetime(2024, 6, 10, 7, tzinfo=la) == due_at(friday_5pm, 2 * H, hours=hours)


def test_japanese_partner_support_hours() -> None:
    # support-hours.md: Japan, Japanese, "Mon-Fri 9am-5.30pm JST".
    hours = BusinessHours.from_weekdays("Asia/Tokyo", dt.time(9), dt.time(17, 30))
    tokyo = ZoneInfo("Asia/Tokyo")
    monday = dt.datetime(2024, 6, 3, tzinfo=tokyo)
    assert dt.timedelta(hours=42, minutes=30) == business_time_between(
        monday, monday + dt.timedelta(days=7), hours=hours
    )


def test_gdap_roles_for_support_requests() -> None:
    # gdap-least-privileged-roles-by-task.md, "Creating support requests": Microsoft 365 and
    # Dynamics 365 need Service support administrator; Azure needs any Entra role such as Directory
    # readers plus the Azure RBAC role Support request contributor.
    partner = PartnerProfile(type="indirectProvider")
    m365 = route(Issue(kind="technical", product=Product.MICROSOFT365, escalate=True), partner=partner)
    azure = route(Issue(kind="technical", product=Product.AZURE, escalate=True), partner=partner)
    assert EntraRole.SERVICE_SUPPORT_ADMINISTRATOR in m365.filer_roles
    assert EntraRole.DIRECTORY_READERS in azure.filer_roles
