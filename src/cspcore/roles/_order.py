"""The order of roles and tasks, and reading a task (internal to :mod:`cspcore.roles`).

Both :mod:`~cspcore.roles.access` and :mod:`~cspcore.roles.least_privilege` sort roles and read tasks
the same way; the order that breaks ties between equally small role sets lives here once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, TypeAlias

from cspcore import _validate
from cspcore.explain import Source
from cspcore.roles.catalog import EntraRole, PartnerRole
from cspcore.roles.gdap_tasks import MODEL_SOURCES, GdapTask
from cspcore.roles.tasks import Task

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "ENTRA_ORDER_SOURCE",
    "ENTRA_PRIVILEGE_ORDER",
    "ORDER",
    "PARTNER_ORDER_SOURCE",
    "PARTNER_PRIVILEGE_ORDER",
    "RANK",
    "AnyRole",
    "AnyTask",
    "sorted_roles",
    "task_of",
]

AnyRole: TypeAlias = PartnerRole | EntraRole
AnyTask: TypeAlias = Task | GdapTask

#: Partner Center roles from least to most privileged: the order that breaks ties between equally
#: small role sets. Insights and referral roles see one workspace; the CSP agents act for customers;
#: Admin agent is also Global administrator in every DAP customer (customers-revoke-admin-privileges.md);
#: Global admin can do almost everything (permissions-overview.md). Sales agent ranks below Helpdesk
#: agent: both act for customers in Partner Center, but legacy DAP makes a Helpdesk agent a Helpdesk
#: administrator in every DAP customer's tenant and a Sales agent nothing there
#: (customers-revoke-admin-privileges.md, the dap table of docs/roles.md), and only Helpdesk agent
#: holds the "Help + support" rows that reach customers ("Request support on behalf of customers",
#: permissions-overview.md, Help + support).
PARTNER_PRIVILEGE_ORDER: Final = (
    PartnerRole.REPORT_VIEWER,
    PartnerRole.EXECUTIVE_REPORT_VIEWER,
    PartnerRole.REFERRALS_USER,
    PartnerRole.INCENTIVES_USER,
    PartnerRole.BUSINESS_PROFILE_ADMIN,
    PartnerRole.CO_SELL_SOLUTION_ADMIN,
    PartnerRole.REFERRALS_ADMIN,
    PartnerRole.INCENTIVES_ADMIN,
    PartnerRole.MPN_PARTNER_ADMIN,
    PartnerRole.SALES_AGENT,
    PartnerRole.HELPDESK_AGENT,
    PartnerRole.BILLING_ADMIN,
    PartnerRole.USER_MANAGEMENT_ADMIN,
    PartnerRole.ACCOUNT_ADMIN,
    PartnerRole.ADMIN_AGENT,
    PartnerRole.GLOBAL_ADMIN,
)

#: The Entra roles least_privileged() chooses from, least to most privileged. Roles without
#: Microsoft's "privileged role" label come first (Directory readers, Guest inviter, Service
#: support administrator, License administrator, Groups administrator), then the labelled ones by
#: reach; Privileged role administrator can assign any role, itself included, so it sits just
#: below Global administrator (permissions-reference, privileged-roles-permissions).
#: Directory writers ("not intended for users", gdap-least-privileged-roles-by-task.md) and the
#: workload roles (Exchange, SharePoint, Intune, ...), whose reach goes far beyond these tasks, are
#: never proposed.
ENTRA_PRIVILEGE_ORDER: Final = (
    EntraRole.DIRECTORY_READERS,
    EntraRole.GUEST_INVITER,
    EntraRole.SERVICE_SUPPORT_ADMINISTRATOR,
    EntraRole.LICENSE_ADMINISTRATOR,
    EntraRole.GROUPS_ADMINISTRATOR,
    EntraRole.GLOBAL_READER,
    EntraRole.PASSWORD_ADMINISTRATOR,
    EntraRole.HELPDESK_ADMINISTRATOR,
    EntraRole.AUTHENTICATION_ADMINISTRATOR,
    EntraRole.USER_ADMINISTRATOR,
    EntraRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,
    EntraRole.PRIVILEGED_ROLE_ADMINISTRATOR,
    EntraRole.GLOBAL_ADMINISTRATOR,
)

#: Where the Partner Center order comes from: cspcore's reading of the role tables (the reasons of
#: :func:`~cspcore.roles.least_privileged` cite it; docs/roles.md, "Privilege order", explains each step).
PARTNER_ORDER_SOURCE: Final = Source(
    document="permissions-overview.md",
    section=(
        "User roles, permissions, and workspace access; ranked by cspcore (docs/roles.md, Privilege order)"
    ),
)
#: Where the Entra order comes from: Microsoft Entra's "privileged role" labels and reach.
ENTRA_ORDER_SOURCE: Final = MODEL_SOURCES[1]

#: Each role's place in its privilege order (0 is the least privileged).
RANK: Final[dict[AnyRole, int]] = {
    **{role: i for i, role in enumerate(PARTNER_PRIVILEGE_ORDER)},
    **{role: i for i, role in enumerate(ENTRA_PRIVILEGE_ORDER)},
}
#: One display order over every role and task: catalog order, Partner Center before Entra.
ORDER: Final[dict[object, int]] = {
    **{m: i for i, m in enumerate(PartnerRole)},
    **{m: 100 + i for i, m in enumerate(EntraRole)},
    **{m: 200 + i for i, m in enumerate(Task)},
    **{m: 300 + i for i, m in enumerate(GdapTask)},
}


def sorted_roles(items: Iterable[AnyRole]) -> tuple[AnyRole, ...]:
    """Roles in :data:`ORDER`.

    >>> sorted_roles({PartnerRole.GLOBAL_ADMIN, PartnerRole.ACCOUNT_ADMIN})[0].name
    'GLOBAL_ADMIN'
    """
    return tuple(sorted(items, key=ORDER.__getitem__))


def task_of(task: object) -> AnyTask:
    """A :class:`Task` or :class:`GdapTask` from a member or its spelling.

    >>> task_of("viewInvoices")
    <Task.VIEW_INVOICES: 'viewInvoices'>
    """
    if isinstance(task, (Task, GdapTask)):
        return task
    if isinstance(task, str) and task.upper() in GdapTask.__members__:
        return GdapTask[task.upper()]
    return _validate.enum_member(Task, task, "task")
