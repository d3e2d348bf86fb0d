"""How support's values refuse bad input, and which products each support plan covers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from cspcore.errors import ErrorCode, InvalidInput
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

BAD: list[tuple[str, Callable[[], object], str, ErrorCode]] = [
    (
        "an unknown partner type",
        lambda: PartnerProfile(type="x"),  # type: ignore[arg-type]
        "type",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "plans given as one string",
        lambda: PartnerProfile(type="directBill", plans="x"),  # type: ignore[arg-type]
        "plans",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "an unknown plan",
        lambda: PartnerProfile(type="directBill", plans=["x"]),  # type: ignore[list-item]
        "plans",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "an unknown issue kind",
        lambda: Issue(kind="x", product="azure"),  # type: ignore[arg-type]
        "kind",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "an unknown product",
        lambda: Issue(kind="billing", product="x"),  # type: ignore[arg-type]
        "product",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "an unknown category",
        lambda: Issue(kind="billing", product="azure", category="x"),  # type: ignore[arg-type]
        "category",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "an unknown severity",
        lambda: Issue(kind="billing", product="azure", severity="x"),  # type: ignore[arg-type]
        "severity",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "an unknown product asked of a plan",
        lambda: SupportPlan.COMMERCIAL.covers("x"),  # type: ignore[arg-type]
        "product",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "an issue to route that is not an Issue",
        lambda: route("x", partner=PartnerProfile(type="directBill")),  # type: ignore[arg-type]
        "issue",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a partner to route for that is not a PartnerProfile",
        lambda: route(Issue(kind="billing", product="azure"), partner="x"),  # type: ignore[arg-type]
        "partner",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "an unknown customer action",
        lambda: customer_can("x"),
        "action",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "an unknown communication topic",
        lambda: communication_rule("x"),
        "topic",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "an unknown support contact",
        lambda: designate_support_contact("x"),
        "contact",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "a delegated-admin flag that is not a bool",
        lambda: designate_support_contact("partner", has_delegated_admin=1),  # type: ignore[arg-type]
        "has_delegated_admin",
        ErrorCode.WRONG_TYPE,
    ),
]


@pytest.mark.parametrize(("build", "field", "code"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_input_is_refused_naming_its_field_and_value(
    build: Callable[[], object], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        build()
    assert (field, code) == (caught.value.field, caught.value.code)


CLOUD = {
    Product.MICROSOFT365,
    Product.DYNAMICS365,
    Product.AZURE,
    Product.MARKETPLACE,
    Product.PARTNER_TENANT,
}


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
