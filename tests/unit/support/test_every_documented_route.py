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
    code="support.route.billing_owned_by_partner",
    source=Source(document=BILLING_SUPPORT, section="Provide billing support for your customers"),
)
SUBSCRIPTION_OWNED = Reason(
    code="support.route.subscription_owned_by_partner",
    source=Source(
        document=CUSTOMER_SUPPORT,
        section="Customer self-support through Microsoft 365 admin center or Azure portal",
    ),
)
ESCALATED = Reason(
    code="support.route.escalated",
    source=Source(document=BILLING_SUPPORT, section="Microsoft partner support guidance"),
)
COMMERCIAL_SUPPORT = Reason(
    code="support.route.commercial_support",
    source=Source(document=ESCALATING, section="Escalate customer service problems"),
)
DIRECT_BILL_PLAN = Reason(
    code="support.route.direct_bill_plan_required",
    source=Source(document="csp-overview.md", section="Direct-bill model requirements"),
)
AZURE_FEE = Reason(code="support.route.azure_fee", source=Source(document=REPORT, section=SERVICE_PROBLEM))
PARTNER_TENANT = Reason(
    code="support.route.partner_tenant",
    source=Source(
        document=REPORT,
        section=(
            "What happens if I sign into Azure or Microsoft 365 admin center portals"
            " and bypass Partner Center?"
        ),
    ),
)
BASELINE = Reason(
    code="support.route.baseline_technical",
    source=Source(document=CUSTOMER_SUPPORT, section=TYPES_OF_SUPPORT),
)


def category(value: IssueCategory) -> Reason:
    return Reason(
        code="support.route.microsoft_category",
        params={"category": value},
        source=Source(document=CUSTOMER_SUPPORT, section=TYPES_OF_SUPPORT),
    )


def via_reseller(kind: IssueKind) -> Reason:
    return Reason(
        code="support.route.reseller_via_provider",
        params={"kind": kind},
        source=Source(document=CUSTOMER_SUPPORT, section=TYPES_OF_SUPPORT),
    )


def plan_selected(plan: SupportPlan, product: Product) -> Reason:
    return Reason(
        code="support.route.plan_selected",
        params={"plan": plan, "product": product},
        source=Source(document=ESCALATING, section="Technical support"),
    )


def no_plan(product: Product) -> Reason:
    return Reason(
        code="support.route.no_plan",
        params={"product": product, "plan": PSFP},
        source=Source(document=ESCALATING, section="Technical support"),
    )


def initial_response(severity: Severity, hours: int) -> Reason:
    return Reason(
        code="support.route.initial_response",
        params={"severity": severity, "hours": hours},
        source=Source(document=REPORT, section="How quickly will I get an initial response?"),
    )


def to_provider(*reasons: Reason) -> Route:
    return Route(
        handler=Handler.INDIRECT_PROVIDER,
        vehicle=Vehicle.INDIRECT_PROVIDER,
        fee_based=False,
        steps=(Step.CONTACT_INDIRECT_PROVIDER, Step.KEEP_CUSTOMER_INFORMED),
        filer_roles=ESCALATION_ROLES,
        reasons=reasons,
    )


def with_plan(plan: SupportPlan, roles: tuple[object, ...], *reasons: Reason) -> Route:
    vehicle = {PCS: Vehicle.PARTNER_CLOUD_SUPPORT, PSI: Vehicle.PRODUCT_SUPPORT_INCIDENTS}.get(
        plan,
        {ASFP: Vehicle.ADVANCED_SUPPORT_FOR_PARTNERS, PSFP: Vehicle.PREMIER_SUPPORT_FOR_PARTNERS}.get(plan),
    )
    assert vehicle is not None
    return Route(
        handler=Handler.MICROSOFT,
        vehicle=vehicle,
        fee_based=plan.fee_based,
        steps=(
            Step.CHECK_SERVICE_HEALTH,
            Step.FILE_WITH_SUPPORT_PLAN,
            Step.ENTER_PARTNER_CONTACT_DETAILS,
            Step.KEEP_CUSTOMER_INFORMED,
        ),
        filer_roles=roles,  # type: ignore[arg-type]
        reasons=reasons,
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
        Issue(kind=IssueKind.BILLING, product=Product.MICROSOFT365),
        DIRECT,
        Route(
            handler=Handler.PARTNER,
            vehicle=Vehicle.PARTNER_SUPPORT,
            fee_based=False,
            steps=(Step.ANSWER_BILLING_QUESTION,),
            filer_roles=BILLING_ROLES,
            reasons=(BILLING_OWNED,),
        ),
    ),
    (
        "a reseller answers its own customers' billing questions",
        Issue(kind=IssueKind.BILLING, product=Product.AZURE),
        RESELLER,
        Route(
            handler=Handler.PARTNER,
            vehicle=Vehicle.PARTNER_SUPPORT,
            fee_based=False,
            steps=(Step.ANSWER_BILLING_QUESTION,),
            filer_roles=BILLING_ROLES,
            reasons=(BILLING_OWNED,),
        ),
    ),
    (
        "subscription change stays with the direct-bill partner",
        Issue(kind=IssueKind.SUBSCRIPTION_MANAGEMENT, product=Product.DYNAMICS365),
        DIRECT,
        Route(
            handler=Handler.PARTNER,
            vehicle=Vehicle.PARTNER_SUPPORT,
            fee_based=False,
            steps=(Step.MANAGE_SUBSCRIPTION,),
            filer_roles=SUBSCRIPTION_ROLES,
            reasons=(SUBSCRIPTION_OWNED,),
        ),
    ),
    (
        "a reseller's subscription change goes to its provider without a Microsoft reason",
        Issue(kind=IssueKind.SUBSCRIPTION_MANAGEMENT, product=Product.MICROSOFT365),
        RESELLER,
        to_provider(SUBSCRIPTION_OWNED, via_reseller(IssueKind.SUBSCRIPTION_MANAGEMENT)),
    ),
    (
        "a reseller's escalated billing question goes to its provider",
        Issue(kind=IssueKind.BILLING, product=Product.MICROSOFT365, escalate=True),
        RESELLER,
        to_provider(BILLING_OWNED, ESCALATED, via_reseller(IssueKind.BILLING)),
    ),
    (
        "a reseller's billing question in a Microsoft category names the category",
        Issue(kind=IssueKind.BILLING, product=Product.AZURE, category=IssueCategory.SERVICE_UNAVAILABLE),
        RESELLER,
        to_provider(
            BILLING_OWNED, category(IssueCategory.SERVICE_UNAVAILABLE), via_reseller(IssueKind.BILLING)
        ),
    ),
    (
        "escalated billing question goes to commercial support for free",
        Issue(kind=IssueKind.BILLING, product=Product.AZURE, escalate=True),
        PROVIDER,
        Route(
            handler=Handler.MICROSOFT,
            vehicle=Vehicle.COMMERCIAL_SUPPORT,
            fee_based=False,
            steps=COMMERCIAL_STEPS,
            filer_roles=ESCALATION_ROLES,
            reasons=(BILLING_OWNED, ESCALATED, COMMERCIAL_SUPPORT),
            plan=SupportPlan.COMMERCIAL,
        ),
    ),
    (
        "escalated subscription change goes to commercial support",
        Issue(kind=IssueKind.SUBSCRIPTION_MANAGEMENT, product=Product.MICROSOFT365, escalate=True),
        DIRECT,
        Route(
            handler=Handler.MICROSOFT,
            vehicle=Vehicle.COMMERCIAL_SUPPORT,
            fee_based=False,
            steps=COMMERCIAL_STEPS,
            filer_roles=ESCALATION_ROLES,
            reasons=(SUBSCRIPTION_OWNED, ESCALATED, COMMERCIAL_SUPPORT),
            plan=SupportPlan.COMMERCIAL,
        ),
    ),
    (
        "marketplace products go to the publishing ISV",
        Issue(kind=IssueKind.TECHNICAL, product=Product.MARKETPLACE, escalate=True),
        DIRECT,
        Route(
            handler=Handler.ISV,
            vehicle=Vehicle.ISV_SUPPORT,
            fee_based=None,
            steps=(Step.FIND_ISV_SUPPORT_CONTACT, Step.CONTACT_ISV, Step.KEEP_CUSTOMER_INFORMED),
            filer_roles=(PartnerRole.ADMIN_AGENT, PartnerRole.HELPDESK_AGENT),
            reasons=(
                Reason(
                    code="support.route.marketplace_isv",
                    source=Source(document=REPORT, section="Support for commercial marketplace products"),
                ),
            ),
        ),
    ),
    (
        "baseline technical support stays with the direct-bill partner",
        Issue(kind=IssueKind.TECHNICAL, product=Product.AZURE),
        DIRECT,
        Route(
            handler=Handler.PARTNER,
            vehicle=Vehicle.PARTNER_SUPPORT,
            fee_based=False,
            steps=(Step.CHECK_SERVICE_HEALTH, Step.TROUBLESHOOT_WITH_ADMIN_PRIVILEGES),
            filer_roles=BASELINE_ROLES,
            reasons=(BASELINE,),
        ),
    ),
    (
        "a reseller's baseline technical support names its provider",
        Issue(kind=IssueKind.TECHNICAL, product=Product.MICROSOFT365),
        RESELLER,
        Route(
            handler=Handler.PARTNER,
            vehicle=Vehicle.PARTNER_SUPPORT,
            fee_based=False,
            steps=(Step.CHECK_SERVICE_HEALTH, Step.TROUBLESHOOT_WITH_ADMIN_PRIVILEGES),
            filer_roles=BASELINE_ROLES,
            reasons=(BASELINE, via_reseller(IssueKind.TECHNICAL)),
        ),
    ),
    (
        "a direct-bill partner without a paid plan is told it needs one, and files a free M365 request",
        Issue(
            kind=IssueKind.TECHNICAL,
            product=Product.MICROSOFT365,
            category=IssueCategory.BUG_OR_IRREGULARITY,
            severity="A",
        ),
        DIRECT,
        Route(
            handler=Handler.MICROSOFT,
            vehicle=Vehicle.CSP_SERVICE_REQUEST,
            fee_based=False,
            steps=ADMIN_CENTER_STEPS,
            filer_roles=ADMIN_CENTER_ROLES,
            reasons=(
                category(IssueCategory.BUG_OR_IRREGULARITY),
                DIRECT_BILL_PLAN,
                Reason(
                    code="support.route.csp_entitlement_free",
                    params={"product": Product.MICROSOFT365},
                    source=Source(document=REPORT, section=SERVICE_PROBLEM),
                ),
                initial_response(Severity.A, 2),
            ),
            initial_response=dt.timedelta(hours=2),
        ),
    ),
    (
        "an escalated Dynamics 365 issue is a free service request without a severity",
        Issue(kind=IssueKind.TECHNICAL, product=Product.DYNAMICS365, escalate=True),
        PROVIDER,
        Route(
            handler=Handler.MICROSOFT,
            vehicle=Vehicle.CSP_SERVICE_REQUEST,
            fee_based=False,
            steps=ADMIN_CENTER_STEPS,
            filer_roles=ADMIN_CENTER_ROLES,
            reasons=(
                ESCALATED,
                Reason(
                    code="support.route.csp_entitlement_free",
                    params={"product": Product.DYNAMICS365},
                    source=Source(document=REPORT, section=SERVICE_PROBLEM),
                ),
            ),
        ),
    ),
    (
        "a reseller's Azure escalation goes to its provider",
        Issue(kind=IssueKind.TECHNICAL, product=Product.AZURE, escalate=True),
        PartnerProfile(type=PartnerType.INDIRECT_RESELLER, plans={PSFP}),
        to_provider(
            ESCALATED,
            Reason(
                code="support.route.azure_provider_only",
                source=Source(document=REPORT, section="Submit a service request in Microsoft Azure"),
            ),
            via_reseller(IssueKind.TECHNICAL),
        ),
    ),
    (
        "Partner Cloud Support covers the Azure fee",
        Issue(kind=IssueKind.TECHNICAL, product=Product.AZURE, escalate=True, severity="C"),
        PartnerProfile(type=PartnerType.INDIRECT_PROVIDER, plans={PCS}),
        Route(
            handler=Handler.MICROSOFT,
            vehicle=Vehicle.CSP_SERVICE_REQUEST,
            fee_based=False,
            steps=AZURE_STEPS,
            filer_roles=AZURE_ROLES,
            reasons=(
                ESCALATED,
                AZURE_FEE,
                Reason(
                    code="support.route.azure_fee_covered",
                    params={"plan": PCS},
                    source=Source(document=REPORT, section=SERVICE_PROBLEM),
                ),
                initial_response(Severity.C, 8),
            ),
            initial_response=dt.timedelta(hours=8),
        ),
    ),
    (
        "an Azure escalation uses a held Advanced Support plan",
        Issue(kind=IssueKind.TECHNICAL, product=Product.AZURE, escalate=True),
        PartnerProfile(type=PartnerType.DIRECT_BILL, plans={ASFP, PSFP}),
        with_plan(ASFP, AZURE_ROLES, ESCALATED, AZURE_FEE, plan_selected(ASFP, Product.AZURE)),
    ),
    (
        "an Azure escalation without benefits pays the per-request fee",
        Issue(kind=IssueKind.TECHNICAL, product=Product.AZURE, escalate=True, severity="B"),
        PROVIDER,
        Route(
            handler=Handler.MICROSOFT,
            vehicle=Vehicle.CSP_SERVICE_REQUEST,
            fee_based=True,
            steps=AZURE_STEPS,
            filer_roles=AZURE_ROLES,
            reasons=(ESCALATED, AZURE_FEE, initial_response(Severity.B, 4)),
            initial_response=dt.timedelta(hours=4),
        ),
    ),
    (
        "an on-premises issue uses Product Support Incidents",
        Issue(kind=IssueKind.TECHNICAL, product=Product.ON_PREMISES, escalate=True),
        PartnerProfile(type=PartnerType.INDIRECT_PROVIDER, plans={PSI, PSFP}),
        with_plan(PSI, ESCALATION_ROLES, ESCALATED, plan_selected(PSI, Product.ON_PREMISES)),
    ),
    (
        "a reseller without a plan sends an on-premises issue to its provider",
        Issue(kind=IssueKind.TECHNICAL, product=Product.ON_PREMISES, escalate=True),
        RESELLER,
        to_provider(ESCALATED, no_plan(Product.ON_PREMISES), via_reseller(IssueKind.TECHNICAL)),
    ),
    (
        "a direct-bill partner without a plan must buy Premier for an on-premises issue",
        Issue(kind=IssueKind.TECHNICAL, product=Product.ON_PREMISES, escalate=True),
        DIRECT,
        Route(
            handler=Handler.MICROSOFT,
            vehicle=Vehicle.PREMIER_SUPPORT_FOR_PARTNERS,
            fee_based=True,
            steps=(
                Step.CHECK_SERVICE_HEALTH,
                Step.PURCHASE_SUPPORT_PLAN,
                Step.FILE_WITH_SUPPORT_PLAN,
                Step.ENTER_PARTNER_CONTACT_DETAILS,
                Step.KEEP_CUSTOMER_INFORMED,
            ),
            filer_roles=ESCALATION_ROLES,
            reasons=(ESCALATED, DIRECT_BILL_PLAN, no_plan(Product.ON_PREMISES)),
            plan=PSFP,
        ),
    ),
    (
        "a commercial question about the partner's own tenant goes to commercial support",
        Issue(kind=IssueKind.BILLING, product=Product.PARTNER_TENANT),
        RESELLER,
        Route(
            handler=Handler.MICROSOFT,
            vehicle=Vehicle.COMMERCIAL_SUPPORT,
            fee_based=False,
            steps=(Step.OPEN_COMMERCIAL_SUPPORT_REQUEST,),
            filer_roles=OWN_TENANT_ROLES,
            reasons=(PARTNER_TENANT, COMMERCIAL_SUPPORT),
            plan=SupportPlan.COMMERCIAL,
        ),
    ),
    (
        "a technical issue in the partner's own tenant uses the partner's cloud plan",
        Issue(kind=IssueKind.TECHNICAL, product=Product.PARTNER_TENANT),
        PartnerProfile(type=PartnerType.DIRECT_BILL, plans={PCS}),
        with_plan(PCS, OWN_TENANT_ROLES, PARTNER_TENANT, plan_selected(PCS, Product.PARTNER_TENANT)),
    ),
    (
        "a technical issue in the partner's own tenant without a plan needs one bought",
        Issue(kind=IssueKind.TECHNICAL, product=Product.PARTNER_TENANT, escalate=True),
        PROVIDER,
        Route(
            handler=Handler.MICROSOFT,
            vehicle=Vehicle.OWN_SUPPORT_PLAN,
            fee_based=True,
            steps=(
                Step.CHECK_SERVICE_HEALTH,
                Step.PURCHASE_SUPPORT_PLAN,
                Step.PROVIDE_OWN_SUPPORT_ENTITLEMENT,
            ),
            filer_roles=OWN_TENANT_ROLES,
            reasons=(PARTNER_TENANT,),
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
