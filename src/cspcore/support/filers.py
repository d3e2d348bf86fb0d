"""Who files a support request: the Partner Center and GDAP roles each kind of request needs.

A :class:`~cspcore.support.Route` names the roles that may file or work it (``filer_roles``);
:func:`~cspcore.support.route` takes them from the tables below, one per kind of request. Each is
a tuple of :data:`~cspcore.support.escalation.FilerRole` values, in the order the sources list them.

>>> from cspcore.roles import EntraRole, PartnerRole
>>> from cspcore.support.filers import AZURE_ROLES, BILLING_ROLES
>>> PartnerRole.BILLING_ADMIN in BILLING_ROLES, EntraRole.DIRECTORY_READERS in AZURE_ROLES
(True, True)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from cspcore.roles import EntraRole, PartnerRole

if TYPE_CHECKING:
    from cspcore.support.escalation import FilerRole

__all__ = [
    "ADMIN_CENTER_ROLES",
    "AZURE_ROLES",
    "BASELINE_ROLES",
    "BILLING_ROLES",
    "ESCALATION_ROLES",
    "OWN_TENANT_ROLES",
    "SUBSCRIPTION_ROLES",
]

#: Roles that answer billing questions (provide-billing-support.md, "Appropriate roles").
BILLING_ROLES: Final[tuple[FilerRole, ...]] = (
    PartnerRole.GLOBAL_ADMIN,
    PartnerRole.USER_MANAGEMENT_ADMIN,
    PartnerRole.HELPDESK_AGENT,
    PartnerRole.BILLING_ADMIN,
    PartnerRole.SALES_AGENT,
)
#: Roles that buy and change subscriptions (permissions-overview.md: admin agents and sales agents).
SUBSCRIPTION_ROLES: Final[tuple[FilerRole, ...]] = (
    PartnerRole.GLOBAL_ADMIN,
    PartnerRole.ADMIN_AGENT,
    PartnerRole.SALES_AGENT,
)
#: Roles that escalate to Microsoft (escalating-to-microsoft.md, "Appropriate roles").
ESCALATION_ROLES: Final[tuple[FilerRole, ...]] = (
    PartnerRole.ADMIN_AGENT,
    PartnerRole.GLOBAL_ADMIN,
    PartnerRole.SALES_AGENT,
    PartnerRole.HELPDESK_AGENT,
)
#: Baseline technical support: Helpdesk agent (customer-support.md) and admin agents with GDAP;
#: Service support administrator reads service health (gdap-least-privileged-roles-by-task.md).
BASELINE_ROLES: Final[tuple[FilerRole, ...]] = (
    PartnerRole.ADMIN_AGENT,
    PartnerRole.HELPDESK_AGENT,
    EntraRole.SERVICE_SUPPORT_ADMINISTRATOR,
)
#: Microsoft 365 and Dynamics 365 requests need a GDAP role with support-ticket permissions, such as
#: Service support administrator (gdap-least-privileged-roles-by-task.md, "Creating support requests").
ADMIN_CENTER_ROLES: Final[tuple[FilerRole, ...]] = (
    *ESCALATION_ROLES,
    EntraRole.SERVICE_SUPPORT_ADMINISTRATOR,
)
#: Azure requests need any GDAP Entra role, such as Directory readers, plus the Azure RBAC role
#: Support request contributor (same page; the RBAC role is a step, not an Entra role).
AZURE_ROLES: Final[tuple[FilerRole, ...]] = (*ESCALATION_ROLES, EntraRole.DIRECTORY_READERS)
#: Roles that file for the partner's own tenant, which the CSP support benefit does not cover.
OWN_TENANT_ROLES: Final[tuple[FilerRole, ...]] = (
    PartnerRole.GLOBAL_ADMIN,
    PartnerRole.ADMIN_AGENT,
    EntraRole.SERVICE_SUPPORT_ADMINISTRATOR,
)
