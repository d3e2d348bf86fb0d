"""Whole routes, reasons included: every documented case of ``route`` pinned value for value.

Each case compares the complete :class:`Route` (handler, vehicle, fee, steps, filer roles, reasons
with their codes, parameters and sources, plan, initial response), so that a wrong citation, a lost
reason parameter or a swapped role list is caught, not only a wrong handler.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.roles import EntraRole, PartnerRole
from cspcore.support import (
    Handler,
    Issue,
    IssueCategory,
    IssueKind,
    PartnerProfile,
    PartnerType,
    Product,
    Route,
    Severity,
    Step,
    SupportPlan,
    Vehicle,
    escalation_matrix,
    route,
)

DIRECT = PartnerProfile(type=PartnerType.DIRECT_BILL)
PROVIDER = PartnerProfile(type=PartnerType.INDIRECT_PROVIDER)
RESELLER = PartnerProfile(type=PartnerType.INDIRECT_RESELLER)
PCS = SupportPlan.PARTNER_CLOUD_SUPPORT
PSI = SupportPlan.PRODUCT_SUPPORT_INCIDENTS
ASFP = SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS
PSFP = SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS

CUSTOMER_SUPPORT = "customer-support.md"
REPORT = "report-problems-on-behalf-of-a-customer.md"
ESCALATING = "escalating-to-microsoft.md"
BILLING_SUPPORT = "provide-billing-support.md"
TYPES_OF_SUPPORT = "Provide different types of support to your customers"
SERVICE_PROBLEM = "Report a service problem on behalf of a customer"

BILLING_ROLES = (
    PartnerRole.GLOBAL_ADMIN,
    PartnerRole.USER_MANAGEMENT_ADMIN,
    PartnerRole.HELPDESK_AGENT,
    PartnerRole.BILLING_ADMIN,
    PartnerRole.SALES_AGENT,
)
SUBSCRIPTION_ROLES = (PartnerRole.GLOBAL_ADMIN, PartnerRole.ADMIN_AGENT, PartnerRole.SALES_AGENT)
ESCALATION_ROLES = (
    PartnerRole.ADMIN_AGENT,
    PartnerRole.GLOBAL_ADMIN,
    PartnerRole.SALES_AGENT,
    PartnerRole.HELPDESK_AGENT,
)
BASELINE_ROLES = (
    PartnerRole.ADMIN_AGENT,
    PartnerRole.HELPDESK_AGENT,
    EntraRole.SERVICE_SUPPORT_ADMINISTRATOR,
)
ADMIN_CENTER_ROLES = (*ESCALATION_ROLES, EntraRole.SERVICE_SUPPORT_ADMINISTRATOR)
AZURE_ROLES = (*ESCALATION_ROLES, EntraRole.DIRECTORY_READERS)
OWN_TENANT_ROLES = (
    PartnerRole.GLOBAL_ADMIN,
    PartnerRole.ADMIN_AGENT,
    EntraRole.SERVICE_SUPPORT_ADMINISTRATOR,
)

BILLING_OWNED = Reason(
    "support.route.billing_owned_by_partner",
    source=Source(BILLING_SUPPORT, "Provide billing support for your customers"),
)
SUBSCRIPTION_OWNED = Reason(
    "support.route.subscription_owned_by_partner",
    source=Source(
        CUSTOMER_SUPPORT, "Customer self-support through Microsoft 365 admin center or Azure portal"
    ),
)
ESCALATED = Reason(
    "support.route.escalated", source=Source(BILLING_SUPPORT, "Microsoft partner support guidance")
)
COMMERCIAL_SUPPORT = Reason(
    "support.route.commercial_support", source=Source(ESCALATING, "Escalate customer service problems")
)
DIRECT_BILL_PLAN = Reason(
    "support.route.direct_bill_plan_required",
    source=Source("csp-overview.md", "Direct-bill model requirements"),
)
AZURE_FEE = Reason("support.route.azure_fee", source=Source(REPORT, SERVICE_PROBLEM))
PARTNER_TENANT = Reason(
    "support.route.partner_tenant",
    source=Source(
        REPORT,
        "What happens if I sign into Azure or Microsoft 365 admin center portals and bypass Partner Center?",
    ),
)
BASELINE = Reason("support.route.baseline_technical", source=Source(CUSTOMER_SUPPORT, TYPES_OF_SUPPORT))


def category(value: IssueCategory) -> Reason:
    return Reason(
        "support.route.microsoft_category",
        {"category": value},
        source=Source(CUSTOMER_SUPPORT, TYPES_OF_SUPPORT),
    )


def via_reseller(kind: IssueKind) -> Reason:
    return Reason(
        "support.route.reseller_via_provider",
        {"kind": kind},
        source=Source(CUSTOMER_SUPPORT, TYPES_OF_SUPPORT),
    )


def plan_selected(plan: SupportPlan, product: Product) -> Reason:
    return Reason(
        "support.route.plan_selected",
        {"plan": plan, "product": product},
        source=Source(ESCALATING, "Technical support"),
    )


def no_plan(product: Product) -> Reason:
    return Reason(
        "support.route.no_plan",
        {"product": product, "plan": PSFP},
        source=Source(ESCALATING, "Technical support"),
    )


def initial_response(severity: Severity, hours: int) -> Reason:
    return Reason(
        "support.route.initial_response",
        {"severity": severity, "hours": hours},
        source=Source(REPORT, "How quickly will I get an initial response?"),
    )


def to_provider(*reasons: Reason) -> Route:
    return Route(
        Handler.INDIRECT_PROVIDER,
        Vehicle.INDIRECT_PROVIDER,
        False,
        (Step.CONTACT_INDIRECT_PROVIDER, Step.KEEP_CUSTOMER_INFORMED),
        ESCALATION_ROLES,
        reasons,
    )


def with_plan(plan: SupportPlan, roles: tuple[object, ...], *reasons: Reason) -> Route:
    vehicle = {PCS: Vehicle.PARTNER_CLOUD_SUPPORT, PSI: Vehicle.PRODUCT_SUPPORT_INCIDENTS}.get(
        plan,
        {ASFP: Vehicle.ADVANCED_SUPPORT_FOR_PARTNERS, PSFP: Vehicle.PREMIER_SUPPORT_FOR_PARTNERS}.get(plan),
    )
    assert vehicle is not None
    return Route(
        Handler.MICROSOFT,
        vehicle,
        plan.fee_based,
        (
            Step.CHECK_SERVICE_HEALTH,
            Step.FILE_WITH_SUPPORT_PLAN,
            Step.ENTER_PARTNER_CONTACT_DETAILS,
            Step.KEEP_CUSTOMER_INFORMED,
        ),
        roles,  # type: ignore[arg-type]
        reasons,
        plan=plan,
    )


ADMIN_CENTER_STEPS = (
    Step.CHECK_SERVICE_HEALTH,
    Step.FILE_SERVICE_REQUEST_IN_ADMIN_CENTER,
    Step.ENTER_PARTNER_CONTACT_DETAILS,
    Step.KEEP_CUSTOMER_INFORMED,
)
AZURE_STEPS = (
    Step.CHECK_SERVICE_HEALTH,
    Step.ASSIGN_SUPPORT_REQUEST_CONTRIBUTOR,
    Step.FILE_SERVICE_REQUEST_IN_AZURE_PORTAL,
    Step.ENTER_PARTNER_CONTACT_DETAILS,
    Step.KEEP_CUSTOMER_INFORMED,
)
COMMERCIAL_STEPS = (
    Step.OPEN_COMMERCIAL_SUPPORT_REQUEST,
    Step.ENTER_PARTNER_CONTACT_DETAILS,
    Step.KEEP_CUSTOMER_INFORMED,
)

CASES: list[tuple[str, Issue, PartnerProfile, Route]] = [
    (
        "billing question stays with the direct-bill partner",
        Issue(IssueKind.BILLING, Product.M365),
        DIRECT,
        Route(
            Handler.PARTNER,
            Vehicle.PARTNER_SUPPORT,
            False,
            (Step.ANSWER_BILLING_QUESTION,),
            BILLING_ROLES,
            (BILLING_OWNED,),
        ),
    ),
    (
        "a reseller answers its own customers' billing questions",
        Issue(IssueKind.BILLING, Product.AZURE),
        RESELLER,
        Route(
            Handler.PARTNER,
            Vehicle.PARTNER_SUPPORT,
            False,
            (Step.ANSWER_BILLING_QUESTION,),
            BILLING_ROLES,
            (BILLING_OWNED,),
        ),
    ),
    (
        "subscription change stays with the direct-bill partner",
        Issue(IssueKind.SUBSCRIPTION_MANAGEMENT, Product.DYNAMICS),
        DIRECT,
        Route(
            Handler.PARTNER,
            Vehicle.PARTNER_SUPPORT,
            False,
            (Step.MANAGE_SUBSCRIPTION,),
            SUBSCRIPTION_ROLES,
            (SUBSCRIPTION_OWNED,),
        ),
    ),
    (
        "a reseller's subscription change goes to its provider without a Microsoft reason",
        Issue(IssueKind.SUBSCRIPTION_MANAGEMENT, Product.M365),
        RESELLER,
        to_provider(SUBSCRIPTION_OWNED, via_reseller(IssueKind.SUBSCRIPTION_MANAGEMENT)),
    ),
    (
        "a reseller's escalated billing question goes to its provider",
        Issue(IssueKind.BILLING, Product.M365, escalate=True),
        RESELLER,
        to_provider(BILLING_OWNED, ESCALATED, via_reseller(IssueKind.BILLING)),
    ),
    (
        "a reseller's billing question in a Microsoft category names the category",
        Issue(IssueKind.BILLING, Product.AZURE, category=IssueCategory.SERVICE_UNAVAILABLE),
        RESELLER,
        to_provider(
            BILLING_OWNED, category(IssueCategory.SERVICE_UNAVAILABLE), via_reseller(IssueKind.BILLING)
        ),
    ),
    (
        "escalated billing question goes to commercial support for free",
        Issue(IssueKind.BILLING, Product.AZURE, escalate=True),
        PROVIDER,
        Route(
            Handler.MICROSOFT,
            Vehicle.COMMERCIAL_SUPPORT,
            False,
            COMMERCIAL_STEPS,
            ESCALATION_ROLES,
            (BILLING_OWNED, ESCALATED, COMMERCIAL_SUPPORT),
            plan=SupportPlan.COMMERCIAL,
        ),
    ),
    (
        "escalated subscription change goes to commercial support",
        Issue(IssueKind.SUBSCRIPTION_MANAGEMENT, Product.M365, escalate=True),
        DIRECT,
        Route(
            Handler.MICROSOFT,
            Vehicle.COMMERCIAL_SUPPORT,
            False,
            COMMERCIAL_STEPS,
            ESCALATION_ROLES,
            (SUBSCRIPTION_OWNED, ESCALATED, COMMERCIAL_SUPPORT),
            plan=SupportPlan.COMMERCIAL,
        ),
    ),
    (
        "marketplace products go to the publishing ISV",
        Issue(IssueKind.TECHNICAL, Product.MARKETPLACE, escalate=True),
        DIRECT,
        Route(
            Handler.ISV,
            Vehicle.ISV_SUPPORT,
            None,
            (Step.FIND_ISV_SUPPORT_CONTACT, Step.CONTACT_ISV, Step.KEEP_CUSTOMER_INFORMED),
            (PartnerRole.ADMIN_AGENT, PartnerRole.HELPDESK_AGENT),
            (
                Reason(
                    "support.route.marketplace_isv",
                    source=Source(REPORT, "Support for commercial marketplace products"),
                ),
            ),
        ),
    ),
    (
        "baseline technical support stays with the direct-bill partner",
        Issue(IssueKind.TECHNICAL, Product.AZURE),
        DIRECT,
        Route(
            Handler.PARTNER,
            Vehicle.PARTNER_SUPPORT,
            False,
            (Step.CHECK_SERVICE_HEALTH, Step.TROUBLESHOOT_WITH_ADMIN_PRIVILEGES),
            BASELINE_ROLES,
            (BASELINE,),
        ),
    ),
    (
        "a reseller's baseline technical support names its provider",
        Issue(IssueKind.TECHNICAL, Product.M365),
        RESELLER,
        Route(
            Handler.PARTNER,
            Vehicle.PARTNER_SUPPORT,
            False,
            (Step.CHECK_SERVICE_HEALTH, Step.TROUBLESHOOT_WITH_ADMIN_PRIVILEGES),
            BASELINE_ROLES,
            (BASELINE, via_reseller(IssueKind.TECHNICAL)),
        ),
    ),
    (
        "a direct-bill partner without a paid plan is told it needs one, and files a free M365 request",
        Issue(IssueKind.TECHNICAL, Product.M365, category=IssueCategory.BUG_OR_IRREGULARITY, severity="A"),
        DIRECT,
        Route(
            Handler.MICROSOFT,
            Vehicle.CSP_SERVICE_REQUEST,
            False,
            ADMIN_CENTER_STEPS,
            ADMIN_CENTER_ROLES,
            (
                category(IssueCategory.BUG_OR_IRREGULARITY),
                DIRECT_BILL_PLAN,
                Reason(
                    "support.route.csp_entitlement_free",
                    {"product": Product.M365},
                    source=Source(REPORT, SERVICE_PROBLEM),
                ),
                initial_response(Severity.A, 2),
            ),
            initial_response=dt.timedelta(hours=2),
        ),
    ),
    (
        "an escalated Dynamics 365 issue is a free service request without a severity",
        Issue(IssueKind.TECHNICAL, Product.DYNAMICS, escalate=True),
        PROVIDER,
        Route(
            Handler.MICROSOFT,
            Vehicle.CSP_SERVICE_REQUEST,
            False,
            ADMIN_CENTER_STEPS,
            ADMIN_CENTER_ROLES,
            (
                ESCALATED,
                Reason(
                    "support.route.csp_entitlement_free",
                    {"product": Product.DYNAMICS},
                    source=Source(REPORT, SERVICE_PROBLEM),
                ),
            ),
        ),
    ),
    (
        "a reseller's Azure escalation goes to its provider",
        Issue(IssueKind.TECHNICAL, Product.AZURE, escalate=True),
        PartnerProfile(type=PartnerType.INDIRECT_RESELLER, plans={PSFP}),
        to_provider(
            ESCALATED,
            Reason(
                "support.route.azure_provider_only",
                source=Source(REPORT, "Submit a service request in Microsoft Azure"),
            ),
            via_reseller(IssueKind.TECHNICAL),
        ),
    ),
    (
        "Partner Cloud Support covers the Azure fee",
        Issue(IssueKind.TECHNICAL, Product.AZURE, escalate=True, severity="C"),
        PartnerProfile(type=PartnerType.INDIRECT_PROVIDER, plans={PCS}),
        Route(
            Handler.MICROSOFT,
            Vehicle.CSP_SERVICE_REQUEST,
            False,
            AZURE_STEPS,
            AZURE_ROLES,
            (
                ESCALATED,
                AZURE_FEE,
                Reason(
                    "support.route.azure_fee_covered",
                    {"plan": PCS},
                    source=Source(REPORT, SERVICE_PROBLEM),
                ),
                initial_response(Severity.C, 8),
            ),
            initial_response=dt.timedelta(hours=8),
        ),
    ),
    (
        "an Azure escalation uses a held Advanced Support plan",
        Issue(IssueKind.TECHNICAL, Product.AZURE, escalate=True),
        PartnerProfile(type=PartnerType.DIRECT_BILL, plans={ASFP, PSFP}),
        with_plan(ASFP, AZURE_ROLES, ESCALATED, AZURE_FEE, plan_selected(ASFP, Product.AZURE)),
    ),
    (
        "an Azure escalation without benefits pays the per-request fee",
        Issue(IssueKind.TECHNICAL, Product.AZURE, escalate=True, severity="B"),
        PROVIDER,
        Route(
            Handler.MICROSOFT,
            Vehicle.CSP_SERVICE_REQUEST,
            True,
            AZURE_STEPS,
            AZURE_ROLES,
            (ESCALATED, AZURE_FEE, initial_response(Severity.B, 4)),
            initial_response=dt.timedelta(hours=4),
        ),
    ),
    (
        "an on-premises issue uses Product Support Incidents",
        Issue(IssueKind.TECHNICAL, Product.ON_PREMISES, escalate=True),
        PartnerProfile(type=PartnerType.INDIRECT_PROVIDER, plans={PSI, PSFP}),
        with_plan(PSI, ESCALATION_ROLES, ESCALATED, plan_selected(PSI, Product.ON_PREMISES)),
    ),
    (
        "a reseller without a plan sends an on-premises issue to its provider",
        Issue(IssueKind.TECHNICAL, Product.ON_PREMISES, escalate=True),
        RESELLER,
        to_provider(ESCALATED, no_plan(Product.ON_PREMISES), via_reseller(IssueKind.TECHNICAL)),
    ),
    (
        "a direct-bill partner without a plan must buy Premier for an on-premises issue",
        Issue(IssueKind.TECHNICAL, Product.ON_PREMISES, escalate=True),
        DIRECT,
        Route(
            Handler.MICROSOFT,
            Vehicle.PREMIER_SUPPORT_FOR_PARTNERS,
            True,
            (
                Step.CHECK_SERVICE_HEALTH,
                Step.PURCHASE_SUPPORT_PLAN,
                Step.FILE_WITH_SUPPORT_PLAN,
                Step.ENTER_PARTNER_CONTACT_DETAILS,
                Step.KEEP_CUSTOMER_INFORMED,
            ),
            ESCALATION_ROLES,
            (ESCALATED, DIRECT_BILL_PLAN, no_plan(Product.ON_PREMISES)),
            plan=PSFP,
        ),
    ),
    (
        "a commercial question about the partner's own tenant goes to commercial support",
        Issue(IssueKind.BILLING, Product.PARTNER_TENANT),
        RESELLER,
        Route(
            Handler.MICROSOFT,
            Vehicle.COMMERCIAL_SUPPORT,
            False,
            (Step.OPEN_COMMERCIAL_SUPPORT_REQUEST,),
            OWN_TENANT_ROLES,
            (PARTNER_TENANT, COMMERCIAL_SUPPORT),
            plan=SupportPlan.COMMERCIAL,
        ),
    ),
    (
        "a technical issue in the partner's own tenant uses the partner's cloud plan",
        Issue(IssueKind.TECHNICAL, Product.PARTNER_TENANT),
        PartnerProfile(type=PartnerType.DIRECT_BILL, plans={PCS}),
        with_plan(PCS, OWN_TENANT_ROLES, PARTNER_TENANT, plan_selected(PCS, Product.PARTNER_TENANT)),
    ),
    (
        "a technical issue in the partner's own tenant without a plan needs one bought",
        Issue(IssueKind.TECHNICAL, Product.PARTNER_TENANT, escalate=True),
        PROVIDER,
        Route(
            Handler.MICROSOFT,
            Vehicle.OWN_SUPPORT_PLAN,
            True,
            (Step.CHECK_SERVICE_HEALTH, Step.PURCHASE_SUPPORT_PLAN, Step.PROVIDE_OWN_SUPPORT_ENTITLEMENT),
            OWN_TENANT_ROLES,
            (PARTNER_TENANT,),
        ),
    ),
]


@pytest.mark.parametrize(("issue", "partner", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_route_gives_the_whole_documented_route(
    issue: Issue, partner: PartnerProfile, expected: Route
) -> None:
    assert expected == route(issue, partner=partner)


def test_escalation_matrix_reflects_the_plans_the_partner_holds() -> None:
    held: frozenset[SupportPlan] = frozenset({"Partner Cloud Support"})  # type: ignore[arg-type]
    row = next(line for line in escalation_matrix(plans=held).splitlines() if "| technical | azure |" in line)
    free = "partner → microsoft (cspServiceRequest)"
    expected = f"| technical | azure | {free} | {free} | partner → indirectProvider (indirectProvider) |"
    assert expected == row


@pytest.mark.parametrize(
    ("plans", "code"),
    [
        (
            ["bogus"],
            ErrorCode.UNKNOWN_VALUE,
        ),
        (None, ErrorCode.WRONG_TYPE),
    ],
)
def test_escalation_matrix_names_plans_as_the_bad_field(plans: object, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        escalation_matrix(plans=plans)  # type: ignore[arg-type]
    assert ("plans", code) == (caught.value.field, caught.value.code)
