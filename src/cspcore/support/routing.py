"""The escalation matrix: who handles a customer's issue, through which vehicle, and who files it.

CSP customers cannot open requests with Microsoft themselves; they contact their partner, who
receives, diagnoses and resolves what lies within baseline support, and hands the rest to
Microsoft (``customer-support.md``). :func:`route` encodes the documented rules:

* billing and subscription questions stay with the partner that owns the customer relationship
  (``provide-billing-support.md``); an indirect reseller goes to its indirect provider for
  subscription changes, because only direct-bill partners and indirect providers manage
  subscriptions (``create-a-new-subscription.md``), and for escalations;
* technical issues within baseline support stay with the partner, whose first step is to check
  service health (``customer-support.md``);
* the five categories only Microsoft can fix, and anything the partner could not resolve, go to
  Microsoft through the best vehicle the partner is entitled to for the product, free before paid:
  commercial issues through commercial issue support, Microsoft 365 and Dynamics 365 through a CSP
  service request (no separate fee), Azure through a CSP service request whose fee Partner Cloud
  Support benefits can cover, otherwise through a technical plan whose scope covers the product
  (``escalating-to-microsoft.md``, ``report-problems-on-behalf-of-a-customer.md``); an indirect
  reseller cannot open Azure requests and goes through its provider;
* commercial marketplace products go to the publishing ISV, and the partner's own tenant is outside
  the CSP support benefit (``report-problems-on-behalf-of-a-customer.md``).

The route's vocabulary (:class:`~cspcore.support.escalation.Route`, ``Handler``, ``Vehicle``,
``Step``, ``FilerRole``) lives in :mod:`cspcore.support.escalation`; this module re-exports it. The
roles that may file each kind of request are the tables of :mod:`cspcore.support.filers`.

>>> from cspcore.support import Issue, PartnerProfile, route
>>> issue = Issue(kind="technical", product="azure", category="serviceUnavailable", severity="A")
>>> r = route(issue, partner=PartnerProfile(type="indirectReseller"))
>>> r.handler, r.vehicle
(<Handler.INDIRECT_PROVIDER: 'indirectProvider'>, <Vehicle.INDIRECT_PROVIDER: 'indirectProvider'>)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from cspcore import _validate
from cspcore.explain import Reason, Source
from cspcore.roles import PartnerRole
from cspcore.support.escalation import FilerRole, Handler, Route, Step, Vehicle
from cspcore.support.filers import (
    ADMIN_CENTER_ROLES,
    AZURE_ROLES,
    BASELINE_ROLES,
    BILLING_ROLES,
    ESCALATION_ROLES,
    OWN_TENANT_ROLES,
    SUBSCRIPTION_ROLES,
)
from cspcore.support.model import (
    Issue,
    IssueKind,
    PartnerProfile,
    PartnerType,
    Product,
    SupportPlan,
)

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["FilerRole", "Handler", "Route", "Step", "Vehicle", "escalation_matrix", "route"]

_CUSTOMER_SUPPORT: Final = "customer-support.md"
_REPORT: Final = "report-problems-on-behalf-of-a-customer.md"
_ESCALATING: Final = "escalating-to-microsoft.md"
_BILLING_SUPPORT: Final = "provide-billing-support.md"
_BYPASS: Final = (
    "What happens if I sign into Azure or Microsoft 365 admin center portals and bypass Partner Center?"
)


_PLAN_VEHICLE: Final = {
    SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS: Vehicle.PREMIER_SUPPORT_FOR_PARTNERS,
    SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS: Vehicle.ADVANCED_SUPPORT_FOR_PARTNERS,
    SupportPlan.PARTNER_CLOUD_SUPPORT: Vehicle.PARTNER_CLOUD_SUPPORT,
    SupportPlan.PRODUCT_SUPPORT_INCIDENTS: Vehicle.PRODUCT_SUPPORT_INCIDENTS,
}
#: Technical plans in order of preference: included plans before fee-based ones, then the narrower
#: fee-based plan before the one that covers everything.
_PLAN_PREFERENCE: Final = (
    SupportPlan.PARTNER_CLOUD_SUPPORT,
    SupportPlan.PRODUCT_SUPPORT_INCIDENTS,
    SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS,
    SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS,
)


def route(issue: Issue, *, partner: PartnerProfile) -> Route:
    """Route a customer's issue: who handles it, through which vehicle, and who files it.

    Every combination of issue and partner gets a route with at least one reason and one step;
    no route has the customer contact Microsoft (CSP customers cannot create support requests
    themselves, ``customer-support.md``).

    Args:
        issue: The issue as the partner received it.
        partner: The partner that received it.

    Returns:
        The :class:`Route`.

    Raises:
        InvalidInput: ``issue`` or ``partner`` of the wrong type.

    >>> from cspcore.support import Issue, PartnerProfile, route
    >>> r = route(Issue(kind="technical", product="microsoft365"), partner=PartnerProfile(type="directBill"))
    >>> r.handler.name, [step.name for step in r.steps][:1]
    ('PARTNER', ['CHECK_SERVICE_HEALTH'])
    >>> escalated = Issue(kind="technical", product="microsoft365", escalate=True, severity="B")
    >>> r = route(escalated, partner=PartnerProfile(type="directBill"))
    >>> r.handler.name, r.vehicle.name, r.fee_based, r.initial_response
    ('MICROSOFT', 'CSP_SERVICE_REQUEST', False, datetime.timedelta(seconds=14400))
    """
    checked = _validate.instance(issue, Issue, "issue")
    profile = _validate.instance(partner, PartnerProfile, "partner")
    if checked.product is Product.PARTNER_TENANT:
        return _own_tenant(checked, profile)
    if checked.kind.commercial:
        return _commercial(checked, profile)
    if checked.product is Product.MARKETPLACE:
        return _marketplace()
    if not checked.needs_microsoft:
        return _baseline(profile)
    return _technical_escalation(checked, profile)


def _why_microsoft(issue: Issue) -> Reason:
    if issue.category is not None:
        return Reason(
            code="support.route.microsoft_category",
            params={"category": issue.category},
            source=Source(
                document=_CUSTOMER_SUPPORT, section="Provide different types of support to your customers"
            ),
        )
    return Reason(
        code="support.route.escalated",
        source=Source(document=_BILLING_SUPPORT, section="Microsoft partner support guidance"),
    )


def _reseller_via_provider(topic: IssueKind) -> Reason:
    return Reason(
        code="support.route.reseller_via_provider",
        params={"kind": topic},
        source=Source(
            document=_CUSTOMER_SUPPORT, section="Provide different types of support to your customers"
        ),
    )


def _via_provider(issue: Issue, *reasons: Reason) -> Route:
    return Route(
        handler=Handler.INDIRECT_PROVIDER,
        vehicle=Vehicle.INDIRECT_PROVIDER,
        fee_based=False,
        steps=(Step.CONTACT_INDIRECT_PROVIDER, Step.KEEP_CUSTOMER_INFORMED),
        filer_roles=ESCALATION_ROLES,
        reasons=(*reasons, _reseller_via_provider(issue.kind)),
    )


def _commercial(issue: Issue, partner: PartnerProfile) -> Route:
    billing = issue.kind is IssueKind.BILLING
    reseller = partner.type is PartnerType.INDIRECT_RESELLER
    if billing:
        owned = Reason(
            code="support.route.billing_owned_by_partner",
            source=Source(document=_BILLING_SUPPORT, section="Provide billing support for your customers"),
        )
    else:
        owned = Reason(
            code="support.route.subscription_owned_by_partner",
            source=Source(
                document=_CUSTOMER_SUPPORT,
                section="Customer self-support through Microsoft 365 admin center or Azure portal",
            ),
        )
    if reseller and (issue.needs_microsoft or not billing):
        # Only direct-bill partners and indirect providers manage subscriptions
        # (create-a-new-subscription.md), and a reseller has no billing relationship with Microsoft.
        extra = (_why_microsoft(issue),) if issue.needs_microsoft else ()
        return _via_provider(issue, owned, *extra)
    if not issue.needs_microsoft:
        return Route(
            handler=Handler.PARTNER,
            vehicle=Vehicle.PARTNER_SUPPORT,
            fee_based=False,
            steps=(Step.ANSWER_BILLING_QUESTION,) if billing else (Step.MANAGE_SUBSCRIPTION,),
            filer_roles=BILLING_ROLES if billing else SUBSCRIPTION_ROLES,
            reasons=(owned,),
        )
    return Route(
        handler=Handler.MICROSOFT,
        vehicle=Vehicle.COMMERCIAL_SUPPORT,
        fee_based=False,
        steps=(
            Step.OPEN_COMMERCIAL_SUPPORT_REQUEST,
            Step.ENTER_PARTNER_CONTACT_DETAILS,
            Step.KEEP_CUSTOMER_INFORMED,
        ),
        filer_roles=ESCALATION_ROLES,
        reasons=(
            owned,
            _why_microsoft(issue),
            Reason(
                code="support.route.commercial_support",
                source=Source(document=_ESCALATING, section="Escalate customer service problems"),
            ),
        ),
        plan=SupportPlan.COMMERCIAL,
    )


def _marketplace() -> Route:
    return Route(
        handler=Handler.ISV,
        vehicle=Vehicle.ISV_SUPPORT,
        fee_based=None,
        steps=(Step.FIND_ISV_SUPPORT_CONTACT, Step.CONTACT_ISV, Step.KEEP_CUSTOMER_INFORMED),
        filer_roles=(PartnerRole.ADMIN_AGENT, PartnerRole.HELPDESK_AGENT),
        reasons=(
            Reason(
                code="support.route.marketplace_isv",
                source=Source(document=_REPORT, section="Support for commercial marketplace products"),
            ),
        ),
    )


def _baseline(partner: PartnerProfile) -> Route:
    steps: tuple[Step, ...] = (Step.CHECK_SERVICE_HEALTH, Step.TROUBLESHOOT_WITH_ADMIN_PRIVILEGES)
    reasons = [
        Reason(
            code="support.route.baseline_technical",
            source=Source(
                document=_CUSTOMER_SUPPORT, section="Provide different types of support to your customers"
            ),
        )
    ]
    if partner.type is PartnerType.INDIRECT_RESELLER:
        reasons.append(_reseller_via_provider(IssueKind.TECHNICAL))
    return Route(
        handler=Handler.PARTNER,
        vehicle=Vehicle.PARTNER_SUPPORT,
        fee_based=False,
        steps=steps,
        filer_roles=BASELINE_ROLES,
        reasons=tuple(reasons),
    )


def _best_plan(partner: PartnerProfile, product: Product) -> SupportPlan | None:
    return next((p for p in _PLAN_PREFERENCE if p in partner.plans and p.covers(product)), None)


def _plan_route(
    plan: SupportPlan,
    product: Product,
    head: tuple[Reason, ...],
    roles: tuple[FilerRole, ...] = ESCALATION_ROLES,
) -> Route:
    return Route(
        handler=Handler.MICROSOFT,
        vehicle=_PLAN_VEHICLE[plan],
        fee_based=plan.fee_based,
        steps=(
            Step.CHECK_SERVICE_HEALTH,
            Step.FILE_WITH_SUPPORT_PLAN,
            Step.ENTER_PARTNER_CONTACT_DETAILS,
            Step.KEEP_CUSTOMER_INFORMED,
        ),
        filer_roles=roles,
        reasons=(
            *head,
            Reason(
                code="support.route.plan_selected",
                params={"plan": plan, "product": product},
                source=Source(document=_ESCALATING, section="Technical support"),
            ),
        ),
        plan=plan,
    )


def _technical_escalation(issue: Issue, partner: PartnerProfile) -> Route:  # noqa: PLR0911 - one exit per documented case
    head: tuple[Reason, ...] = (_why_microsoft(issue),)
    if partner.type is PartnerType.DIRECT_BILL and not partner.plans & {
        SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS,
        SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS,
    }:
        head += (
            Reason(
                code="support.route.direct_bill_plan_required",
                source=Source(document="csp-overview.md", section="Direct-bill model requirements"),
            ),
        )
    product = issue.product
    reseller = partner.type is PartnerType.INDIRECT_RESELLER
    if product in {Product.MICROSOFT365, Product.DYNAMICS365}:
        return _service_request(
            issue,
            (
                *head,
                Reason(
                    code="support.route.csp_entitlement_free",
                    params={"product": product},
                    source=Source(
                        document=_REPORT, section="Report a service problem on behalf of a customer"
                    ),
                ),
            ),
            fee_based=False,
        )
    if product is Product.AZURE:
        if reseller:
            return _via_provider(
                issue,
                *head,
                Reason(
                    code="support.route.azure_provider_only",
                    source=Source(document=_REPORT, section="Submit a service request in Microsoft Azure"),
                ),
            )
        azure_fee = Reason(
            code="support.route.azure_fee",
            source=Source(document=_REPORT, section="Report a service problem on behalf of a customer"),
        )
        if SupportPlan.PARTNER_CLOUD_SUPPORT in partner.plans:
            covered = Reason(
                code="support.route.azure_fee_covered",
                params={"plan": SupportPlan.PARTNER_CLOUD_SUPPORT},
                source=Source(document=_REPORT, section="Report a service problem on behalf of a customer"),
            )
            return _service_request(issue, (*head, azure_fee, covered), fee_based=False)
        plan = _best_plan(partner, product)
        if plan is not None:
            return _plan_route(plan, product, (*head, azure_fee), AZURE_ROLES)
        return _service_request(issue, (*head, azure_fee), fee_based=True)
    # On-premises software: the CSP entitlement covers online services only (Azure, Office 365,
    # Dynamics CRM Online, EMS; report-problems-on-behalf-of-a-customer.md), so a plan is needed.
    plan = _best_plan(partner, product)
    if plan is not None:
        return _plan_route(plan, product, head)
    if reseller:
        return _via_provider(issue, *head, _no_plan(product))
    return Route(
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
        reasons=(*head, _no_plan(product)),
        plan=SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS,
    )


def _no_plan(product: Product) -> Reason:
    return Reason(
        code="support.route.no_plan",
        params={"product": product, "plan": SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS},
        source=Source(document=_ESCALATING, section="Technical support"),
    )


def _service_request(issue: Issue, reasons: tuple[Reason, ...], *, fee_based: bool) -> Route:
    azure = issue.product is Product.AZURE
    steps = (
        (
            Step.CHECK_SERVICE_HEALTH,
            Step.ASSIGN_SUPPORT_REQUEST_CONTRIBUTOR,
            Step.FILE_SERVICE_REQUEST_IN_AZURE_PORTAL,
        )
        if azure
        else (Step.CHECK_SERVICE_HEALTH, Step.FILE_SERVICE_REQUEST_IN_ADMIN_CENTER)
    )
    initial: dt.timedelta | None = None
    if issue.severity is not None:
        initial = issue.severity.initial_response
        reasons = (
            *reasons,
            Reason(
                code="support.route.initial_response",
                params={"severity": issue.severity, "hours": int(initial.total_seconds()) // 3600},
                source=Source(document=_REPORT, section="How quickly will I get an initial response?"),
            ),
        )
    return Route(
        handler=Handler.MICROSOFT,
        vehicle=Vehicle.CSP_SERVICE_REQUEST,
        fee_based=fee_based,
        steps=(*steps, Step.ENTER_PARTNER_CONTACT_DETAILS, Step.KEEP_CUSTOMER_INFORMED),
        filer_roles=AZURE_ROLES if azure else ADMIN_CENTER_ROLES,
        reasons=reasons,
        initial_response=initial,
    )


def _own_tenant(issue: Issue, partner: PartnerProfile) -> Route:
    not_covered = Reason(
        code="support.route.partner_tenant",
        source=Source(
            document=_REPORT,
            section=_BYPASS,
        ),
    )
    if issue.kind.commercial:
        return Route(
            handler=Handler.MICROSOFT,
            vehicle=Vehicle.COMMERCIAL_SUPPORT,
            fee_based=False,
            steps=(Step.OPEN_COMMERCIAL_SUPPORT_REQUEST,),
            filer_roles=OWN_TENANT_ROLES,
            reasons=(
                not_covered,
                Reason(
                    code="support.route.commercial_support",
                    source=Source(document=_ESCALATING, section="Escalate customer service problems"),
                ),
            ),
            plan=SupportPlan.COMMERCIAL,
        )
    plan = _best_plan(partner, issue.product)
    if plan is not None:
        return _plan_route(plan, issue.product, (not_covered,), OWN_TENANT_ROLES)
    return Route(
        handler=Handler.MICROSOFT,
        vehicle=Vehicle.OWN_SUPPORT_PLAN,
        fee_based=True,
        steps=(Step.CHECK_SERVICE_HEALTH, Step.PURCHASE_SUPPORT_PLAN, Step.PROVIDE_OWN_SUPPORT_ENTITLEMENT),
        filer_roles=OWN_TENANT_ROLES,
        reasons=(not_covered,),
    )


def escalation_matrix(*, plans: frozenset[SupportPlan] = frozenset()) -> str:
    """The escalation matrix as a Markdown table, computed by :func:`route`.

    One row per issue kind and product; one column per partner type. Each cell shows who handles
    an issue within baseline support, then where it goes when Microsoft is needed (one of the five
    categories, or an escalation), for a partner that holds ``plans``.

    >>> print(escalation_matrix().splitlines()[2])
    | billing | microsoft365 | partner → microsoft (commercialSupport) | ...
    """
    checked = frozenset(
        _validate.enum_member(SupportPlan, p, "plans") for p in _validate.items(plans, "plans")
    )
    types = tuple(PartnerType)
    lines = [
        "| kind | product | " + " | ".join(t.value for t in types) + " |",
        "|---|---|" + "---|" * len(types),
    ]
    for kind in IssueKind:
        for product in Product:
            cells = []
            for partner_type in types:
                partner = PartnerProfile(type=partner_type, plans=checked)
                first = route(Issue(kind=kind, product=product), partner=partner)
                then = route(Issue(kind=kind, product=product, escalate=True), partner=partner)
                cell = f"{first.handler.value} → {then.handler.value} ({then.vehicle.value}"
                cell += ", fee" if then.fee_based else ""
                cells.append(cell + ")")
            lines.append(f"| {kind.value} | {product.value} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
