"""Partners as support sees them: how they transact, the support plans they hold, what plans cover.

Sources (Partner Center documentation, English mirror cited in ``cspcore.explain``):
``csp-overview.md`` (direct-bill and indirect models), ``escalating-to-microsoft.md`` (the technical
support plans and their scope), ``provide-billing-support.md`` (commercial issue support).

>>> from cspcore.support import PartnerProfile, Product, SupportPlan
>>> SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS.fee_based
True
>>> SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS.covers(Product.ON_PREMISES)
False
>>> sorted(plan.name for plan in PartnerProfile(type="directBill").entitlements)
['COMMERCIAL']

.. versionadded:: 0.1.0
.. versionchanged:: 0.1.0
    Moved from :mod:`cspcore.support.model`, which still re-exports every name.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

import attrs

from cspcore import _validate
from cspcore._keyword_only import positional_deprecated
from cspcore.enums import CspEnum
from cspcore.errors import ErrorCode, InvalidInput

__all__ = [
    "PartnerProfile",
    "PartnerType",
    "PartnerTypeSpelling",
    "PlanScope",
    "Product",
    "ProductSpelling",
    "SupportPlan",
    "SupportPlanSpelling",
]


class PartnerType(CspEnum):
    """How a partner transacts in CSP (``csp-overview.md``, ``csp-supported-partner-relationships.md``).

    >>> PartnerType("indirectReseller").buys_from_microsoft
    False
    """

    DIRECT_BILL = "directBill"
    """Buys from Microsoft and sells, bills, manages and supports its customers on its own."""
    INDIRECT_PROVIDER = "indirectProvider"
    """Buys from Microsoft and sells through indirect resellers, whom it can back with support."""
    INDIRECT_RESELLER = "indirectReseller"
    """Sells to customers through an indirect provider; no billing relationship with Microsoft."""

    @property
    def buys_from_microsoft(self) -> bool:
        """Whether the partner holds the billing relationship with Microsoft.

        >>> PartnerType.INDIRECT_RESELLER.buys_from_microsoft
        False
        """
        return self is not PartnerType.INDIRECT_RESELLER


class PlanScope(CspEnum):
    """Which problems a support plan may be used for (``escalating-to-microsoft.md``).

    >>> SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS.scope is PlanScope.CLOUD_PRODUCTS
    True
    """

    COMMERCIAL_ISSUES = "commercialIssues"
    """Billing, subscription management and other commercial questions."""
    ALL_PRODUCTS = "allProducts"
    """Technical issues with any product."""
    CLOUD_PRODUCTS = "cloudProducts"
    """Technical issues with cloud products only."""
    RECENT_ON_PREMISES_PRODUCTS = "recentOnPremisesProducts"
    """Technical issues with recent on-premises products only."""


class Product(CspEnum):
    """What an issue is about.

    Names and values agree: ``MICROSOFT365`` is ``"microsoft365"``, ``DYNAMICS365`` is ``"dynamics365"``.

    >>> Product("azure"), Product["MICROSOFT365"].value
    (<Product.AZURE: 'azure'>, 'microsoft365')

    .. deprecated:: 0.2.0
        ``Product.M365`` and ``Product.DYNAMICS`` (attribute, subscript and spelling) are the old
        names of ``MICROSOFT365`` and ``DYNAMICS365``: they still work and warn
        (:class:`DeprecationWarning`), and go in the next release.
    """

    MICROSOFT365 = "microsoft365"
    """Microsoft 365 / Office 365 and Enterprise Mobility + Security, in a customer's tenant."""
    DYNAMICS365 = "dynamics365"
    """Dynamics 365 (Power Platform admin center), in a customer's tenant."""
    AZURE = "azure"
    """An Azure subscription a customer holds through CSP."""
    MARKETPLACE = "marketplace"
    """A commercial marketplace product published by an ISV."""
    ON_PREMISES = "onPremises"
    """Software a customer runs on its own servers (perpetual or subscription software)."""
    PARTNER_TENANT = "partnerTenant"
    """The partner's own tenant and subscriptions, not a customer's."""

    #: Old member names, kept for one release (see :func:`cspcore.enums.renamed_members`).
    __renamed__ = MappingProxyType({"M365": "MICROSOFT365", "DYNAMICS": "DYNAMICS365"})
    if TYPE_CHECKING:  # the old names, for type checkers; at run time they warn
        M365 = MICROSOFT365
        DYNAMICS = DYNAMICS365

    @property
    def is_cloud(self) -> bool:
        """Whether the product is a cloud service.

        >>> Product.ON_PREMISES.is_cloud, Product.AZURE.is_cloud
        (False, True)
        """
        return self is not Product.ON_PREMISES

    @property
    def is_customer_product(self) -> bool:
        """Whether the product belongs to a CSP customer (everything but the partner's own tenant).

        >>> Product.PARTNER_TENANT.is_customer_product
        False
        """
        return self is not Product.PARTNER_TENANT


@attrs.frozen
class _PlanFacts:
    technical: bool
    fee_based: bool
    scope: PlanScope
    included_with: str | None


class SupportPlan(CspEnum):
    """A way for a partner to escalate to Microsoft (``escalating-to-microsoft.md``).

    Commercial issue support is free to every CSP partner; the technical plans differ in price and
    in the products they may be used for. Values are Microsoft's plan names.

    >>> SupportPlan["SIGNATURE_CLOUD_SUPPORT"] is SupportPlan.PARTNER_CLOUD_SUPPORT
    True
    """

    COMMERCIAL = "Commercial issue support"
    """Available to all partners in the CSP program, for commercial (non-technical) issues."""
    PREMIER_SUPPORT_FOR_PARTNERS = "Premier Support for Partners"
    """PSfP (later sold as Unified Support for Partners): fee-based, for all products."""
    ADVANCED_SUPPORT_FOR_PARTNERS = "Advanced Support for Partners"
    """ASfP: fee-based, for cloud products only."""
    PARTNER_CLOUD_SUPPORT = "Partner Cloud Support"
    """Formerly Signature Cloud Support: included with partner program benefits, cloud products only."""
    PRODUCT_SUPPORT_INCIDENTS = "Product Support Incidents"
    """Included with partner program benefits (Gold, Silver, Action Pack): recent on-premises products."""

    UNIFIED_SUPPORT_FOR_PARTNERS = "Premier Support for Partners"
    SIGNATURE_CLOUD_SUPPORT = "Partner Cloud Support"

    @property
    def fee_based(self) -> bool:
        """Whether Microsoft charges for the plan (rather than including it).

        >>> SupportPlan.PARTNER_CLOUD_SUPPORT.fee_based, SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS.fee_based
        (False, True)
        """
        return _PLAN_FACTS[self].fee_based

    @property
    def technical(self) -> bool:
        """Whether the plan is for technical issues (all but commercial issue support).

        >>> SupportPlan.COMMERCIAL.technical
        False
        """
        return _PLAN_FACTS[self].technical

    @property
    def scope(self) -> PlanScope:
        """Which problems the plan may be used for.

        >>> SupportPlan.PRODUCT_SUPPORT_INCIDENTS.scope
        <PlanScope.RECENT_ON_PREMISES_PRODUCTS: 'recentOnPremisesProducts'>
        """
        return _PLAN_FACTS[self].scope

    @property
    def included_with(self) -> str | None:
        """What the plan comes with when it is not bought separately.

        >>> SupportPlan.PARTNER_CLOUD_SUPPORT.included_with
        'partner program benefits (Gold or Silver competencies)'
        """
        return _PLAN_FACTS[self].included_with

    def covers(self, product: Product) -> bool:
        """Whether a technical plan may be used for ``product`` (commercial support covers none).

        >>> SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS.covers(Product.ON_PREMISES)
        True
        """
        checked = _validate.enum_member(Product, product, "product")
        scope = self.scope
        if scope is PlanScope.ALL_PRODUCTS:
            return True
        if scope is PlanScope.CLOUD_PRODUCTS:
            return checked.is_cloud
        if scope is PlanScope.RECENT_ON_PREMISES_PRODUCTS:
            return not checked.is_cloud
        return False


# escalating-to-microsoft.md, "Technical support" table; provide-billing-support.md for commercial.
_PLAN_FACTS: Final = {
    SupportPlan.COMMERCIAL: _PlanFacts(
        technical=False, fee_based=False, scope=PlanScope.COMMERCIAL_ISSUES, included_with="the CSP program"
    ),
    SupportPlan.PREMIER_SUPPORT_FOR_PARTNERS: _PlanFacts(
        technical=True, fee_based=True, scope=PlanScope.ALL_PRODUCTS, included_with=None
    ),
    SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS: _PlanFacts(
        technical=True, fee_based=True, scope=PlanScope.CLOUD_PRODUCTS, included_with=None
    ),
    SupportPlan.PARTNER_CLOUD_SUPPORT: _PlanFacts(
        technical=True,
        fee_based=False,
        scope=PlanScope.CLOUD_PRODUCTS,
        included_with="partner program benefits (Gold or Silver competencies)",
    ),
    SupportPlan.PRODUCT_SUPPORT_INCIDENTS: _PlanFacts(
        technical=True,
        fee_based=False,
        scope=PlanScope.RECENT_ON_PREMISES_PRODUCTS,
        included_with="partner program benefits (Gold, Silver or Action Pack)",
    ),
}


#: The strings a :class:`PartnerType` may be given as (its values and names), for type checkers.
PartnerTypeSpelling: TypeAlias = Literal[
    "directBill",
    "indirectProvider",
    "indirectReseller",
    "DIRECT_BILL",
    "INDIRECT_PROVIDER",
    "INDIRECT_RESELLER",
]


#: The strings a :class:`Product` may be given as (its values and names), for type checkers.
ProductSpelling: TypeAlias = Literal[
    "microsoft365",
    "dynamics365",
    "azure",
    "marketplace",
    "onPremises",
    "partnerTenant",
    "MICROSOFT365",
    "DYNAMICS365",
    "AZURE",
    "MARKETPLACE",
    "ON_PREMISES",
    "PARTNER_TENANT",
]


#: The strings a :class:`SupportPlan` may be given as (its values and names), for type checkers.
SupportPlanSpelling: TypeAlias = Literal[
    "Commercial issue support",
    "Premier Support for Partners",
    "Advanced Support for Partners",
    "Partner Cloud Support",
    "Product Support Incidents",
    "COMMERCIAL",
    "PREMIER_SUPPORT_FOR_PARTNERS",
    "ADVANCED_SUPPORT_FOR_PARTNERS",
    "PARTNER_CLOUD_SUPPORT",
    "PRODUCT_SUPPORT_INCIDENTS",
]


def _partner_type(value: PartnerType | PartnerTypeSpelling) -> PartnerType:
    return _validate.enum_member(PartnerType, value, "type")


def _plans(
    given: tuple[SupportPlan | SupportPlanSpelling, ...]
    | list[SupportPlan | SupportPlanSpelling]
    | set[SupportPlan | SupportPlanSpelling]
    | frozenset[SupportPlan | SupportPlanSpelling],
) -> frozenset[SupportPlan]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    if isinstance(value, (str, bytes)) or not isinstance(value, (set, frozenset, list, tuple)):
        raise InvalidInput("plans", "expected a set of SupportPlan", value, code=ErrorCode.WRONG_TYPE)
    return frozenset(_validate.enum_member(SupportPlan, plan, "plans") for plan in value)


@positional_deprecated("type")
@attrs.frozen(kw_only=True)
class PartnerProfile:
    """A partner as support routing sees it.

    Args:
        type: How the partner transacts in CSP.
        plans: The support plans it holds besides commercial issue support, which every CSP partner
            has (it is added to :attr:`entitlements` automatically).
        name: An optional display name.

    >>> partner = PartnerProfile(
    ...     type=PartnerType.DIRECT_BILL, plans={SupportPlan.ADVANCED_SUPPORT_FOR_PARTNERS}
    ... )
    >>> sorted(plan.name for plan in partner.entitlements)
    ['ADVANCED_SUPPORT_FOR_PARTNERS', 'COMMERCIAL']
    """

    type: PartnerType = attrs.field(converter=_partner_type)
    plans: frozenset[SupportPlan] = attrs.field(factory=frozenset, converter=_plans)
    name: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_validate.attrs_validator(_validate.text)),
    )

    @property
    def entitlements(self) -> frozenset[SupportPlan]:
        """Every plan the partner may use: its own plans plus commercial issue support.

        >>> PartnerProfile(type=PartnerType.INDIRECT_RESELLER).entitlements
        frozenset({<SupportPlan.COMMERCIAL: 'Commercial issue support'>})
        """
        return self.plans | {SupportPlan.COMMERCIAL}
