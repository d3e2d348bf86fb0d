"""What a CSP customer may do on its own, and who talks to the customer about what.

Customers of CSP manage their services in the Microsoft 365 admin center or the Azure portal as if
they had bought directly, but buy, cancel and ask for support through their partner; they cannot
create support requests with Microsoft themselves (``customer-support.md``). All communication
about subscriptions comes from the partner; Microsoft may write directly about service incidents
and operational information, and about non-CSP products of an existing relationship
(``customer-support.md``, "Successful customer communication with Microsoft"); GDAP expiry notices
go to partner and customer alike (``gdap-expiring-notifications.md``).

>>> from cspcore.support import CustomerAction, Topic, customer_can, who_communicates
>>> bool(customer_can(CustomerAction.CONFIGURE_SERVICES))
True
>>> decision = customer_can(CustomerAction.CREATE_MICROSOFT_SUPPORT_REQUEST)
>>> bool(decision), decision.contact
(False, <Handler.PARTNER: 'partner'>)
>>> who_communicates(Topic.SERVICE_INCIDENT)
<Handler.MICROSOFT: 'microsoft'>

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Final

import attrs

from cspcore import _validate
from cspcore._deprecated import renamed_keyword, warn_renamed
from cspcore.enums import CspEnum
from cspcore.explain import Reason, Source
from cspcore.support.escalation import Handler

__all__ = [
    "CommunicationRule",
    "ContactDesignation",
    "CustomerAction",
    "CustomerDecision",
    "Topic",
    "communication_rule",
    "customer_can",
    "designate_support_contact",
    "who_communicates",
]

_CUSTOMER_SUPPORT: Final = "customer-support.md"
_SELF_SUPPORT: Final = "Customer self-support through Microsoft 365 admin center or Azure portal"
_COMMUNICATION: Final = "Successful customer communication with Microsoft"


class CustomerAction(CspEnum):
    """Something a CSP customer might try to do itself.

    >>> CustomerAction("viewMessageCenter").name
    'VIEW_MESSAGE_CENTER'
    """

    VIEW_MESSAGE_CENTER = "viewMessageCenter"
    """Read in-product communications, such as service health, in the Message Center."""
    CONFIGURE_SERVICES = "configureServices"
    """Configure and administer the services it bought (Exchange Online, SharePoint Online, ...)."""
    VIEW_PRODUCT_RESOURCES = "viewProductResources"
    """Read the product help resources on Microsoft's support site."""
    VIEW_PARTNER_SUPPORT_CONTACT = "viewPartnerSupportContact"
    """See its partner's support contact in the admin center."""
    PURCHASE_SUBSCRIPTION = "purchaseSubscription"
    """Buy another subscription."""
    CANCEL_SUBSCRIPTION = "cancelSubscription"
    """Cancel a subscription."""
    CHANGE_SUBSCRIPTION = "changeSubscription"
    """Change a subscription (seats, term, plan) with Microsoft."""
    CREATE_MICROSOFT_SUPPORT_REQUEST = "createMicrosoftSupportRequest"
    """Open a support request with Microsoft."""


@attrs.frozen(kw_only=True, init=False)
class CustomerDecision:
    """Whether a CSP customer may do something itself; truthy when it may.

    This is the support area's own decision value (``cspcore.roles`` has a ``Decision`` for
    partner staff access checks); it has the same shape: ``is_allowed`` and ``reasons``.

    Args:
        action: The action asked about.
        is_allowed: Whether the customer may do it itself (``allowed=`` is its deprecated name).
        contact: Whom to contact instead, when it may not.
        reasons: Why, with sources.

    >>> decision = customer_can("configureServices")
    >>> bool(decision), decision.contact, decision.reasons[0].code
    (True, None, 'support.customer.configure_services')

    .. versionchanged:: 0.2.0
        ``allowed`` is now ``is_allowed``; the old name (attribute and keyword) warns and goes in 0.3.0.
    """

    action: CustomerAction = attrs.field(validator=_validate.attrs_instance_of(CustomerAction))
    is_allowed: bool = attrs.field(validator=_validate.attrs_validator(_validate.flag))
    contact: Handler | None = attrs.field(
        validator=attrs.validators.optional(_validate.attrs_instance_of(Handler))
    )
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Reason))

    def __init__(
        self,
        *,
        action: CustomerAction,
        is_allowed: bool | None = None,
        contact: Handler | None,
        reasons: tuple[Reason, ...],
        allowed: bool | None = None,
    ) -> None:
        self.__attrs_init__(
            action=action,
            is_allowed=renamed_keyword(
                is_allowed, allowed, new="is_allowed", old="allowed", owner="CustomerDecision"
            ),
            contact=contact,
            reasons=reasons,
        )

    def __bool__(self) -> bool:
        return self.is_allowed

    @property
    def allowed(self) -> bool:
        """Deprecated name of :attr:`is_allowed`."""
        warn_renamed("CustomerDecision.allowed", "CustomerDecision.is_allowed")
        return self.is_allowed


def customer_can(action: CustomerAction | str) -> CustomerDecision:
    """Whether a CSP customer may do ``action`` itself, and whom to contact otherwise.

    Args:
        action: A :class:`CustomerAction` (or its value or name).

    Returns:
        A :class:`CustomerDecision`, truthy when allowed, with reasons either way.

    Raises:
        InvalidInput: An unknown action.

    >>> customer_can("purchaseSubscription").contact
    <Handler.PARTNER: 'partner'>
    """
    checked = _validate.enum_member(CustomerAction, action, "action")
    allowed, reason = _CUSTOMER_RULES[checked]
    return CustomerDecision(
        action=checked, is_allowed=allowed, contact=None if allowed else Handler.PARTNER, reasons=(reason,)
    )


_SELF = Source(document=_CUSTOMER_SUPPORT, section=_SELF_SUPPORT)

_CUSTOMER_RULES: Final[dict[CustomerAction, tuple[bool, Reason]]] = {
    CustomerAction.VIEW_MESSAGE_CENTER: (True, Reason(code="support.customer.message_center", source=_SELF)),
    CustomerAction.CONFIGURE_SERVICES: (
        True,
        Reason(code="support.customer.configure_services", source=_SELF),
    ),
    CustomerAction.VIEW_PRODUCT_RESOURCES: (
        True,
        Reason(code="support.customer.product_resources", source=_SELF),
    ),
    CustomerAction.VIEW_PARTNER_SUPPORT_CONTACT: (
        True,
        Reason(
            code="support.customer.partner_contact_shown",
            source=Source(
                document="assign-support-contacts.md",
                section="Assign a reseller as a technical support contact",
            ),
        ),
    ),
    CustomerAction.PURCHASE_SUBSCRIPTION: (
        False,
        Reason(
            code="support.customer.subscriptions_via_partner",
            params={"action": CustomerAction.PURCHASE_SUBSCRIPTION},
            source=_SELF,
        ),
    ),
    CustomerAction.CANCEL_SUBSCRIPTION: (
        False,
        Reason(
            code="support.customer.subscriptions_via_partner",
            params={"action": CustomerAction.CANCEL_SUBSCRIPTION},
            source=_SELF,
        ),
    ),
    CustomerAction.CHANGE_SUBSCRIPTION: (
        False,
        Reason(
            code="support.customer.subscriptions_via_partner",
            params={"action": CustomerAction.CHANGE_SUBSCRIPTION},
            source=_SELF,
        ),
    ),
    CustomerAction.CREATE_MICROSOFT_SUPPORT_REQUEST: (
        False,
        Reason(
            code="support.customer.no_microsoft_requests",
            source=Source(document=_CUSTOMER_SUPPORT, section="Fulfilling the support requirement"),
        ),
    ),
}


class Topic(CspEnum):
    """What a communication to a CSP customer is about.

    >>> Topic("gdapExpiry").name
    'GDAP_EXPIRY'
    """

    SUBSCRIPTION = "subscription"
    """Its CSP subscriptions: purchases, renewals, changes."""
    BILLING = "billing"
    """Invoices, charges and payments for CSP subscriptions."""
    SUPPORT = "support"
    """Answers to its support requests."""
    SERVICE_INCIDENT = "serviceIncident"
    """Service incidents."""
    OPERATIONAL_INFORMATION = "operationalInformation"
    """Other operational information about the services."""
    NON_CSP_PRODUCTS = "nonCspProducts"
    """Products it holds directly with Microsoft, outside CSP."""
    GDAP_EXPIRY = "gdapExpiry"
    """A GDAP relationship about to expire, or expired."""


@attrs.frozen(kw_only=True)
class CommunicationRule:
    """Who communicates with the customer about a topic, and why.

    Args:
        topic: The topic.
        handler: Who sends the communication.
        also_informed: Who else receives it (GDAP expiry notices reach partner and customer).
        reasons: The rule and its source.

    >>> communication_rule("billing").handler
    <Handler.PARTNER: 'partner'>
    """

    topic: Topic = attrs.field(validator=_validate.attrs_instance_of(Topic))
    handler: Handler = attrs.field(validator=_validate.attrs_instance_of(Handler))
    also_informed: tuple[Handler, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Handler))
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Reason))


def communication_rule(topic: Topic | str) -> CommunicationRule:
    """The communication rule for ``topic``, with its source.

    >>> rule = communication_rule("gdapExpiry")
    >>> rule.handler, rule.also_informed
    (<Handler.MICROSOFT: 'microsoft'>, (<Handler.PARTNER: 'partner'>,))
    >>> rule.reasons[0].source.document
    'gdap-expiring-notifications.md'
    """
    checked = _validate.enum_member(Topic, topic, "topic")
    handler, also, reason = _COMMUNICATION_RULES[checked]
    return CommunicationRule(topic=checked, handler=handler, also_informed=also, reasons=(reason,))


def who_communicates(topic: Topic | str) -> Handler:
    """Who communicates with a CSP customer about ``topic`` (see :func:`communication_rule` for why).

    Args:
        topic: A :class:`Topic` (or its value or name).

    Returns:
        The :class:`Handler` that sends the communication.

    Raises:
        InvalidInput: An unknown topic.

    >>> who_communicates(Topic.BILLING), who_communicates("nonCspProducts")
    (<Handler.PARTNER: 'partner'>, <Handler.MICROSOFT: 'microsoft'>)
    """
    return communication_rule(topic).handler


_PARTNER_OWNS = Reason(
    code="support.comms.partner_owns", source=Source(document=_CUSTOMER_SUPPORT, section=_COMMUNICATION)
)
_OPERATIONAL = Reason(
    code="support.comms.microsoft_operational",
    source=Source(document=_CUSTOMER_SUPPORT, section=_COMMUNICATION),
)

_COMMUNICATION_RULES: Final[dict[Topic, tuple[Handler, tuple[Handler, ...], Reason]]] = {
    Topic.SUBSCRIPTION: (Handler.PARTNER, (), _PARTNER_OWNS),
    Topic.BILLING: (Handler.PARTNER, (), _PARTNER_OWNS),
    Topic.SUPPORT: (
        Handler.PARTNER,
        (),
        Reason(
            code="support.comms.support_via_partner",
            source=Source(document=_CUSTOMER_SUPPORT, section="Fulfilling the support requirement"),
        ),
    ),
    Topic.SERVICE_INCIDENT: (Handler.MICROSOFT, (Handler.PARTNER,), _OPERATIONAL),
    Topic.OPERATIONAL_INFORMATION: (Handler.MICROSOFT, (Handler.PARTNER,), _OPERATIONAL),
    Topic.NON_CSP_PRODUCTS: (
        Handler.MICROSOFT,
        (),
        Reason(
            code="support.comms.non_csp", source=Source(document=_CUSTOMER_SUPPORT, section=_COMMUNICATION)
        ),
    ),
    Topic.GDAP_EXPIRY: (
        Handler.MICROSOFT,
        (Handler.PARTNER,),
        Reason(
            code="support.comms.gdap_expiry",
            source=Source(document="gdap-expiring-notifications.md", section="Autoexpiration reminders"),
        ),
    ),
}


@attrs.frozen(kw_only=True, init=False)
class ContactDesignation:
    """Whether a party may be a subscription's designated support contact; truthy when it may.

    Args:
        contact: The party asked about.
        is_allowed: Whether it may be designated (``allowed=`` is its deprecated name).
        reasons: Why, with sources.

    >>> designation = designate_support_contact(Handler.PARTNER, has_delegated_admin=True)
    >>> bool(designation), designation.reasons[0].code
    (True, 'support.contact.reseller_allowed')

    .. versionchanged:: 0.2.0
        ``allowed`` is now ``is_allowed``; the old name (attribute and keyword) warns and goes in 0.3.0.
    """

    contact: Handler = attrs.field(validator=_validate.attrs_instance_of(Handler))
    is_allowed: bool = attrs.field(validator=_validate.attrs_validator(_validate.flag))
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Reason))

    def __init__(
        self,
        *,
        contact: Handler,
        is_allowed: bool | None = None,
        reasons: tuple[Reason, ...],
        allowed: bool | None = None,
    ) -> None:
        self.__attrs_init__(
            contact=contact,
            is_allowed=renamed_keyword(
                is_allowed, allowed, new="is_allowed", old="allowed", owner="ContactDesignation"
            ),
            reasons=reasons,
        )

    def __bool__(self) -> bool:
        return self.is_allowed

    @property
    def allowed(self) -> bool:
        """Deprecated name of :attr:`is_allowed`."""
        warn_renamed("ContactDesignation.allowed", "ContactDesignation.is_allowed")
        return self.is_allowed


_CONTACTS: Final = Source(document="assign-support-contacts.md", section="Assign contacts")


def designate_support_contact(
    contact: Handler | str, *, has_delegated_admin: bool = False
) -> ContactDesignation:
    """Whether ``contact`` may be an indirect provider's designated support contact for a subscription.

    Customers see the designated contact on the product support pages. For new subscriptions it is
    the indirect provider; the provider may hand it to an indirect reseller (``Handler.PARTNER``)
    that has delegated admin privileges for the customer (``assign-support-contacts.md``). Microsoft
    and ISVs are never a CSP subscription's support contact.

    Args:
        contact: ``Handler.INDIRECT_PROVIDER`` or ``Handler.PARTNER`` (the indirect reseller).
        has_delegated_admin: Whether the reseller holds delegated admin privileges for the customer.

    Returns:
        A :class:`ContactDesignation`, truthy when allowed, with reasons either way.

    Raises:
        InvalidInput: An unknown handler or a non-boolean flag.

    >>> bool(designate_support_contact("partner")), bool(designate_support_contact("indirectProvider"))
    (False, True)
    """
    checked = _validate.enum_member(Handler, contact, "contact")
    _validate.instance(has_delegated_admin, bool, "has_delegated_admin")
    if checked is Handler.INDIRECT_PROVIDER:
        reason = Reason(code="support.contact.provider_default", source=_CONTACTS)
        return ContactDesignation(contact=checked, is_allowed=True, reasons=(reason,))
    if checked is Handler.PARTNER:
        if has_delegated_admin:
            reason = Reason(code="support.contact.reseller_allowed", source=_CONTACTS)
        else:
            reason = Reason(code="support.contact.reseller_needs_admin", source=_CONTACTS)
        return ContactDesignation(contact=checked, is_allowed=has_delegated_admin, reasons=(reason,))
    reason = Reason(code="support.contact.not_a_partner", params={"contact": checked}, source=_CONTACTS)
    return ContactDesignation(contact=checked, is_allowed=False, reasons=(reason,))
