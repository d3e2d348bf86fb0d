from __future__ import annotations

import datetime as dt

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode
from cspcore.i18n import SUPPORTED_LOCALES, render
from cspcore.roles import EntraRole, PartnerRole
from cspcore.support import (
    Handler,
    Issue,
    IssueCategory,
    IssueKind,
    PartnerProfile,
    PartnerType,
    Product,
    Step,
    SupportPlan,
    Vehicle,
    escalation_matrix,
    route,
)

DIRECT = PartnerProfile(type=PartnerType.DIRECT_BILL)
PROVIDER = PartnerProfile(type=PartnerType.INDIRECT_PROVIDER)
RESELLER = PartnerProfile(type=PartnerType.INDIRECT_RESELLER)


def codes(r: object) -> list[str]:
    return [reason.code for reason in r.reasons]  # type: ignore[attr-defined]


def test_billing_question_stays_with_the_direct_bill_partner() -> None:
    r = route(Issue(kind=IssueKind.BILLING, product=Product.MICROSOFT365), partner=DIRECT)
    assert (r.handler, r.vehicle, r.fee_based) == (Handler.PARTNER, Vehicle.PARTNER_SUPPORT, False)
    assert r.steps == (Step.ANSWER_BILLING_QUESTION,)
    assert PartnerRole.BILLING_ADMIN in r.filer_roles
    assert codes(r) == ["support.route.billing_owned_by_partner"]


def test_billing_question_stays_with_the_indirect_reseller_that_bills_the_customer() -> None:
    r = route(Issue(kind="billing", product="azure"), partner=RESELLER)
    assert r.handler == Handler.PARTNER


def test_escalated_billing_question_goes_to_commercial_support_for_free() -> None:
    r = route(Issue(kind="billing", product="azure", escalate=True), partner=PROVIDER)
    assert (r.handler, r.vehicle, r.fee_based) == (Handler.MICROSOFT, Vehicle.COMMERCIAL_SUPPORT, False)
    assert r.plan == SupportPlan.COMMERCIAL
    assert r.steps[0] == Step.OPEN_COMMERCIAL_SUPPORT_REQUEST
    assert "support.route.commercial_support" in codes(r)


def test_escalated_billing_question_of_a_reseller_goes_to_its_provider() -> None:
    r = route(Issue(kind="billing", product="microsoft365", escalate=True), partner=RESELLER)
    assert (r.handler, r.vehicle) == (Handler.INDIRECT_PROVIDER, Vehicle.INDIRECT_PROVIDER)
    assert r.steps[0] == Step.CONTACT_INDIRECT_PROVIDER


def test_subscription_change_stays_with_the_direct_bill_partner() -> None:
    r = route(Issue(kind="subscriptionManagement", product="microsoft365"), partner=DIRECT)
    assert (r.handler, r.steps) == (Handler.PARTNER, (Step.MANAGE_SUBSCRIPTION,))
    assert PartnerRole.SALES_AGENT in r.filer_roles


def test_subscription_change_of_a_reseller_goes_to_its_provider() -> None:
    r = route(Issue(kind="subscriptionManagement", product="dynamics365"), partner=RESELLER)
    assert r.handler == Handler.INDIRECT_PROVIDER
    assert "support.route.reseller_via_provider" in codes(r)


def test_technical_issue_within_baseline_starts_with_service_health() -> None:
    r = route(Issue(kind="technical", product="microsoft365"), partner=DIRECT)
    assert r.handler == Handler.PARTNER
    assert r.steps == (Step.CHECK_SERVICE_HEALTH, Step.TROUBLESHOOT_WITH_ADMIN_PRIVILEGES)
    assert EntraRole.SERVICE_SUPPORT_ADMINISTRATOR in r.filer_roles


def test_reseller_baseline_technical_support_mentions_its_provider() -> None:
    r = route(Issue(kind="technical", product="azure"), partner=RESELLER)
    assert r.handler == Handler.PARTNER
    assert "support.route.reseller_via_provider" in codes(r)


@pytest.mark.parametrize("category", list(IssueCategory))
@pytest.mark.parametrize("product", [Product.MICROSOFT365, Product.DYNAMICS365])
def test_each_microsoft_category_goes_to_microsoft_through_a_free_csp_service_request(
    category: IssueCategory, product: Product
) -> None:
    r = route(Issue(kind="technical", product=product, category=category), partner=RESELLER)
    assert (r.handler, r.vehicle, r.fee_based) == (Handler.MICROSOFT, Vehicle.CSP_SERVICE_REQUEST, False)
    assert Step.FILE_SERVICE_REQUEST_IN_ADMIN_CENTER in r.steps
    assert Step.ENTER_PARTNER_CONTACT_DETAILS in r.steps
    assert EntraRole.SERVICE_SUPPORT_ADMINISTRATOR in r.filer_roles
    assert "support.route.microsoft_category" in codes(r)
    assert r.reasons[0].params["category"] is category


def test_severity_sets_microsofts_initial_response() -> None:
    r = route(Issue(kind="technical", product="microsoft365", escalate=True, severity="A"), partner=PROVIDER)
    assert dt.timedelta(hours=2) == r.initial_response
    assert "support.route.initial_response" in codes(r)


def test_azure_escalation_without_benefits_is_fee_based() -> None:
    r = route(Issue(kind="technical", product="azure", escalate=True), partner=PROVIDER)
    assert (r.handler, r.vehicle, r.fee_based) == (Handler.MICROSOFT, Vehicle.CSP_SERVICE_REQUEST, True)
    assert Step.FILE_SERVICE_REQUEST_IN_AZURE_PORTAL in r.steps
    assert Step.ASSIGN_SUPPORT_REQUEST_CONTRIBUTOR in r.steps
    assert EntraRole.DIRECTORY_READERS in r.filer_roles
    assert "support.route.azure_fee" in codes(r)


def test_partner_cloud_support_covers_the_azure_fee() -> None:
    partner = PartnerProfile(type="indirectProvider", plans={SupportPlan.PARTNER_CLOUD_SUPPORT})
    r = route(Issue(kind="technical", product="azure", escalate=True), partner=partner)
    assert (r.vehicle, r.fee_based) == (Vehicle.CSP_SERVICE_REQUEST, False)
    assert "support.route.azure_fee_covered" in codes(r)


def test_signature_cloud_support_is_the_old_name_of_partner_cloud_support() -> None:
    assert SupportPlan["SIGNATURE_CLOUD_SUPPORT"] is SupportPlan.PARTNER_CLOUD_SUPPORT
    assert SupportPlan["UNIFIED_SUPPORT_FOR_PARTNERS"] is SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS


def test_azure_escalation_uses_a_held_advanced_support_plan_before_the_per_request_fee() -> None:
    partner = PartnerProfile(
        type="directBill",
        plans={SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS, SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS},
    )
    r = route(Issue(kind="technical", product="azure", escalate=True), partner=partner)
    assert (r.vehicle, r.fee_based) == (Vehicle.ADVANCED_SUPPORT_FOR_PARTNERS, True)
    assert r.plan == SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS
    assert "support.route.direct_bill_plan_required" not in codes(r)


def test_reseller_cannot_open_azure_tickets_and_goes_to_its_provider() -> None:
    partner = PartnerProfile(type="indirectReseller", plans={SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS})
    r = route(Issue(kind="technical", product="azure", category="serviceUnavailable"), partner=partner)
    assert r.handler == Handler.INDIRECT_PROVIDER
    assert "support.route.azure_provider_only" in codes(r)


def test_on_premises_issue_uses_product_support_incidents_before_premier() -> None:
    partner = PartnerProfile(
        type="indirectProvider",
        plans={SupportPlan.PRODUCT_SUPPORT_INCIDENTS, SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS},
    )
    r = route(Issue(kind="technical", product="onPremises", escalate=True), partner=partner)
    assert (r.vehicle, r.fee_based) == (Vehicle.PRODUCT_SUPPORT_INCIDENTS, False)


def test_on_premises_issue_is_not_covered_by_cloud_only_plans() -> None:
    partner = PartnerProfile(
        type="directBill",
        plans={SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS, SupportPlan.PARTNER_CLOUD_SUPPORT},
    )
    r = route(Issue(kind="technical", product="onPremises", escalate=True), partner=partner)
    assert (r.vehicle, r.fee_based) == (Vehicle.PREMIER_SUPPORT_FOR_PARTNERS, True)
    assert Step.PURCHASE_SUPPORT_PLAN in r.steps
    assert "support.route.no_plan" in codes(r)


def test_direct_bill_partner_without_a_paid_plan_is_reminded_of_the_requirement() -> None:
    r = route(Issue(kind="technical", product="microsoft365", escalate=True), partner=DIRECT)
    assert "support.route.direct_bill_plan_required" in codes(r)


def test_reseller_without_an_on_premises_plan_goes_to_its_provider() -> None:
    r = route(Issue(kind="technical", product="onPremises", escalate=True), partner=RESELLER)
    assert r.handler == Handler.INDIRECT_PROVIDER


def test_marketplace_product_goes_to_the_isv() -> None:
    r = route(Issue(kind="technical", product="marketplace", category="bugOrIrregularity"), partner=DIRECT)
    assert (r.handler, r.vehicle, r.fee_based) == (Handler.ISV, Vehicle.ISV_SUPPORT, None)
    assert r.steps == (Step.FIND_ISV_SUPPORT_CONTACT, Step.CONTACT_ISV, Step.KEEP_CUSTOMER_INFORMED)


def test_marketplace_billing_stays_with_the_partner() -> None:
    r = route(Issue(kind="billing", product="marketplace"), partner=DIRECT)
    assert r.handler == Handler.PARTNER


def test_partner_tenant_is_outside_csp_support_and_needs_its_own_plan() -> None:
    r = route(Issue(kind="technical", product="partnerTenant"), partner=PROVIDER)
    assert (r.handler, r.vehicle, r.fee_based) == (Handler.MICROSOFT, Vehicle.OWN_SUPPORT_PLAN, True)
    assert Step.PROVIDE_OWN_SUPPORT_ENTITLEMENT in r.steps
    assert codes(r) == ["support.route.partner_tenant"]


def test_partner_tenant_uses_a_held_cloud_plan() -> None:
    partner = PartnerProfile(type="directBill", plans={SupportPlan.PARTNER_CLOUD_SUPPORT})
    r = route(Issue(kind="technical", product="partnerTenant"), partner=partner)
    assert (r.vehicle, r.fee_based) == (Vehicle.PARTNER_CLOUD_SUPPORT, False)


def test_partner_tenant_billing_goes_to_commercial_support() -> None:
    r = route(Issue(kind="billing", product="partnerTenant"), partner=RESELLER)
    assert (r.handler, r.vehicle) == (Handler.MICROSOFT, Vehicle.COMMERCIAL_SUPPORT)


def test_route_refuses_values_of_the_wrong_type() -> None:
    with raises_invalid(field="issue", code=ErrorCode.WRONG_TYPE):
        route("technical", partner=DIRECT)  # type: ignore[arg-type]
    with raises_invalid(field="partner", code=ErrorCode.WRONG_TYPE):
        route(Issue(kind="billing", product="azure"), partner="directBill")  # type: ignore[arg-type]


def test_issue_refuses_unknown_kinds_and_non_boolean_escalation() -> None:
    with raises_invalid(field="kind", code=ErrorCode.UNKNOWN_VALUE):
        Issue(kind="refund", product="azure")  # type: ignore[arg-type]
    with raises_invalid(field="escalate", code=ErrorCode.WRONG_TYPE):
        Issue(kind="billing", product="azure", escalate=1)  # type: ignore[arg-type]
    with raises_invalid(field="plans", code=ErrorCode.WRONG_TYPE):
        PartnerProfile(type="directBill", plans="PSfP")  # type: ignore[arg-type]


def test_every_route_reason_renders_in_every_locale() -> None:
    partner = PartnerProfile(type="directBill")
    r = route(
        Issue(kind="technical", product="microsoft365", category="serviceUnavailable", severity="B"),
        partner=partner,
    )
    for locale in SUPPORTED_LOCALES:
        for reason in r.reasons:
            text = render(reason, locale=locale)
            assert "{" not in text
            assert reason.code not in text


def test_matrix_has_a_row_per_kind_and_product() -> None:
    table = escalation_matrix()
    assert 2 + len(IssueKind) * len(Product) == len(table.splitlines())
    assert "| technical | azure | partner → microsoft (cspServiceRequest, fee) |" in table


def test_plan_facts_match_the_escalation_page() -> None:
    facts = {plan: (plan.fee_based, plan.scope.value, plan.technical) for plan in SupportPlan}
    assert facts == {
        SupportPlan.COMMERCIAL: (False, "commercialIssues", False),
        SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS: (True, "allProducts", True),
        SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS: (True, "cloudProducts", True),
        SupportPlan.PARTNER_CLOUD_SUPPORT: (False, "cloudProducts", True),
        SupportPlan.PRODUCT_SUPPORT_INCIDENTS: (False, "recentOnPremisesProducts", True),
    }
    assert not SupportPlan.COMMERCIAL.covers(Product.AZURE)
    assert SupportPlan.COMMERCIAL.included_with == "the CSP program"
