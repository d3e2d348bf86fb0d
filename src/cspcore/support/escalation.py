"""The escalation vocabulary: who handles an issue, through which vehicle, the partner's next steps.

A :class:`Route` is the decision :func:`cspcore.support.route` returns: the :class:`Handler` that
works the issue next, the :class:`Vehicle` it travels by, whether that costs a fee, the partner's
:class:`Step` list, the roles that may file it (:data:`FilerRole`), and the reasons with their
sources. The rules that pick a route are in :mod:`cspcore.support.routing`.

>>> from cspcore.support import Handler, Vehicle
>>> Handler("microsoft"), Vehicle("commercialSupport")
(<Handler.MICROSOFT: 'microsoft'>, <Vehicle.COMMERCIAL_SUPPORT: 'commercialSupport'>)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt

import attrs

from cspcore import _validate
from cspcore._keyword_only import positional_deprecated
from cspcore.enums import CspEnum
from cspcore.explain import Reason
from cspcore.roles import EntraRole, PartnerRole
from cspcore.support.model import SupportPlan

__all__ = ["FilerRole", "Handler", "Route", "Step", "Vehicle"]

#: A role that may file or work an issue: a Partner Center role or a GDAP (Entra) role.
FilerRole = PartnerRole | EntraRole


class Handler(CspEnum):
    """Who works the issue next.

    >>> Handler("indirectProvider").name
    'INDIRECT_PROVIDER'
    """

    PARTNER = "partner"
    """The CSP partner the customer bought from (direct-bill partner or indirect reseller)."""
    INDIRECT_PROVIDER = "indirectProvider"
    """The indirect provider behind an indirect reseller."""
    MICROSOFT = "microsoft"
    """Microsoft, through a support request the partner files."""
    ISV = "isv"
    """The independent software vendor that published a marketplace product."""


class Vehicle(CspEnum):
    """How the issue travels to its handler.

    >>> Vehicle("cspServiceRequest").name
    'CSP_SERVICE_REQUEST'
    """

    PARTNER_SUPPORT = "partnerSupport"
    """The partner's own support desk, within baseline support."""
    INDIRECT_PROVIDER = "indirectProvider"
    """The reseller's support agreement with its indirect provider."""
    COMMERCIAL_SUPPORT = "commercialSupport"
    """Commercial issue support in Partner Center (Help + support), free to every CSP partner."""
    CSP_SERVICE_REQUEST = "cspServiceRequest"
    """A service request filed on the customer's behalf under the CSP support entitlement."""
    PREMIER_SUPPORT_FOR_PARTNERS = "premierSupportForPartners"
    """Premier (Unified) Support for Partners."""
    ADVANCED_SUPPORT_FOR_PARTNERS = "advancedSupportForPartners"
    """Advanced Support for Partners."""
    PARTNER_CLOUD_SUPPORT = "partnerCloudSupport"
    """Partner Cloud Support (formerly Signature Cloud Support)."""
    PRODUCT_SUPPORT_INCIDENTS = "productSupportIncidents"
    """Product Support Incidents from partner program benefits."""
    ISV_SUPPORT = "isvSupport"
    """The support contact on the marketplace product's page."""
    OWN_SUPPORT_PLAN = "ownSupportPlan"
    """A support plan the partner buys for its own subscriptions (an Azure support plan)."""


class Step(CspEnum):
    """A concrete next action for the partner.

    >>> from cspcore.i18n import label
    >>> label(Step.CHECK_SERVICE_HEALTH, locale="cs_CZ")
    'Zkontrolujte stav služby kvůli známým problémům'
    """

    CHECK_SERVICE_HEALTH = "checkServiceHealth"
    TROUBLESHOOT_WITH_ADMIN_PRIVILEGES = "troubleshootWithAdminPrivileges"
    ANSWER_BILLING_QUESTION = "answerBillingQuestion"
    MANAGE_SUBSCRIPTION = "manageSubscription"
    CONTACT_INDIRECT_PROVIDER = "contactIndirectProvider"
    OPEN_COMMERCIAL_SUPPORT_REQUEST = "openCommercialSupportRequest"
    FILE_SERVICE_REQUEST_IN_ADMIN_CENTER = "fileServiceRequestInAdminCenter"
    FILE_SERVICE_REQUEST_IN_AZURE_PORTAL = "fileServiceRequestInAzurePortal"
    ASSIGN_SUPPORT_REQUEST_CONTRIBUTOR = "assignSupportRequestContributor"
    FILE_WITH_SUPPORT_PLAN = "fileWithSupportPlan"
    PURCHASE_SUPPORT_PLAN = "purchaseSupportPlan"
    ENTER_PARTNER_CONTACT_DETAILS = "enterPartnerContactDetails"
    FIND_ISV_SUPPORT_CONTACT = "findIsvSupportContact"
    CONTACT_ISV = "contactIsv"
    PROVIDE_OWN_SUPPORT_ENTITLEMENT = "provideOwnSupportEntitlement"
    KEEP_CUSTOMER_INFORMED = "keepCustomerInformed"


@positional_deprecated("handler", "vehicle", "fee_based", "steps", "filer_roles", "reasons")
@attrs.frozen(kw_only=True)
class Route:
    """Where an issue goes, how, who files it, and why.

    Args:
        handler: Who works the issue next.
        vehicle: How it gets there.
        fee_based: Whether the vehicle costs the partner a fee (``None`` when a third party's
            terms decide, as for an ISV).
        steps: The partner's concrete next actions, in order.
        filer_roles: The Partner Center roles and GDAP roles that may file or work it.
        reasons: Why, with sources.
        plan: The support plan used, when the vehicle is one.
        initial_response: Microsoft's initial response time, for break-fix service requests with a
            severity.

    >>> from cspcore.support import Issue, PartnerProfile, route
    >>> r = route(Issue(kind="billing", product="azure"), partner=PartnerProfile(type="directBill"))
    >>> r.handler, r.fee_based, r.initial_response
    (<Handler.PARTNER: 'partner'>, False, None)
    """

    handler: Handler = attrs.field(validator=_validate.attrs_instance_of(Handler))
    vehicle: Vehicle = attrs.field(validator=_validate.attrs_instance_of(Vehicle))
    fee_based: bool | None = attrs.field(
        validator=attrs.validators.optional(_validate.attrs_validator(_validate.flag))
    )
    steps: tuple[Step, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Step))
    filer_roles: tuple[FilerRole, ...] = attrs.field(
        validator=_validate.attrs_items_of(tuple, (PartnerRole, EntraRole))
    )
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Reason))
    plan: SupportPlan | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.attrs_instance_of(SupportPlan))
    )
    initial_response: dt.timedelta | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.attrs_instance_of(dt.timedelta))
    )
