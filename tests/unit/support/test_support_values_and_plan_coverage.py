"""How support's values refuse bad input, and which products each support plan covers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from cspcore.errors import InvalidInput
from cspcore.support import (
    Issue,
    PartnerProfile,
    Product,
    SupportPlan,
    communication_rule,
    customer_can,
    designate_support_contact,
    route,
)

if TYPE_CHECKING:
    from collections.abc import Callable

PRODUCTS = "microsoft365, dynamics365, azure, marketplace, onPremises, partnerTenant"

BAD: list[tuple[str, Callable[[], object], str, str]] = [
    (
        "an unknown partner type",
        lambda: PartnerProfile(type="x"),
        "type",
        (
            "type: unknown PartnerType; expected one of: directBill, indirectProvider, indirectReseller"
            " (got 'x')"
        ),
    ),
    (
        "plans given as one string",
        lambda: PartnerProfile(type="directBill", plans="x"),
        "plans",
        "plans: expected a set of SupportPlan (got 'x')",
    ),
    (
        "an unknown plan",
        lambda: PartnerProfile(type="directBill", plans=["x"]),
        "plans",
        (
            "plans: unknown SupportPlan; expected one of: Commercial issue support,"
            " Premier Support for Partners, Advanced Support for Partners, Partner Cloud Support,"
            " Product Support Incidents (got 'x')"
        ),
    ),
    (
        "an unknown issue kind",
        lambda: Issue(kind="x", product="azure"),
        "kind",
        "kind: unknown IssueKind; expected one of: billing, subscriptionManagement, technical (got 'x')",
    ),
    (
        "an unknown product",
        lambda: Issue(kind="billing", product="x"),
        "product",
        f"product: unknown Product; expected one of: {PRODUCTS} (got 'x')",
    ),
    (
        "an unknown category",
        lambda: Issue(kind="billing", product="azure", category="x"),
        "category",
        (
            "category: unknown IssueCategory; expected one of: undocumentedServiceIssue, serviceUnavailable,"
            " bugOrIrregularity, largeScaleNetworkDisruption, regionalMultitenantIssue (got 'x')"
        ),
    ),
    (
        "an unknown severity",
        lambda: Issue(kind="billing", product="azure", severity="x"),
        "severity",
        "severity: unknown Severity; expected one of: critical, moderate, minimal (got 'x')",
    ),
    (
        "an unknown product asked of a plan",
        lambda: SupportPlan.COMMERCIAL.covers("x"),  # type: ignore[arg-type]
        "product",
        f"product: unknown Product; expected one of: {PRODUCTS} (got 'x')",
    ),
    (
        "an issue to route that is not an Issue",
        lambda: route("x", partner=PartnerProfile(type="directBill")),  # type: ignore[arg-type]
        "issue",
        "issue: expected Issue (got 'x')",
    ),
    (
        "a partner to route for that is not a PartnerProfile",
        lambda: route(Issue(kind="billing", product="azure"), partner="x"),  # type: ignore[arg-type]
        "partner",
        "partner: expected PartnerProfile (got 'x')",
    ),
    (
        "an unknown customer action",
        lambda: customer_can("x"),
        "action",
        (
            "action: unknown CustomerAction; expected one of: viewMessageCenter, configureServices,"
            " viewProductResources, viewPartnerSupportContact, purchaseSubscription, cancelSubscription,"
            " changeSubscription, createMicrosoftSupportRequest (got 'x')"
        ),
    ),
    (
        "an unknown communication topic",
        lambda: communication_rule("x"),
        "topic",
        (
            "topic: unknown Topic; expected one of: subscription, billing, support, serviceIncident,"
            " operationalInformation, nonCspProducts, gdapExpiry (got 'x')"
        ),
    ),
    (
        "an unknown support contact",
        lambda: designate_support_contact("x"),
        "contact",
        "contact: unknown Handler; expected one of: partner, indirectProvider, microsoft, isv (got 'x')",
    ),
    (
        "a delegated-admin flag that is not a bool",
        lambda: designate_support_contact("partner", has_delegated_admin=1),  # type: ignore[arg-type]
        "has_delegated_admin",
        "has_delegated_admin: expected bool (got 1)",
    ),
]


@pytest.mark.parametrize(("build", "field", "message"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_input_is_refused_naming_its_field_and_value(
    build: Callable[[], object], field: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        build()
    assert (field, message) == (caught.value.field, str(caught.value))


CLOUD = {Product.M365, Product.DYNAMICS, Product.AZURE, Product.MARKETPLACE, Product.PARTNER_TENANT}


@pytest.mark.parametrize(
    ("plan", "covered"),
    [
        (SupportPlan.COMMERCIAL, set()),
        (SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS, set(Product)),
        (SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS, CLOUD),
        (SupportPlan.PARTNER_CLOUD_SUPPORT, CLOUD),
        (SupportPlan.PRODUCT_SUPPORT_INCIDENTS, {Product.ON_PREMISES}),
    ],
)
def test_each_plan_covers_the_products_of_its_scope(plan: SupportPlan, covered: set[Product]) -> None:
    assert covered == {product for product in Product if plan.covers(product)}
