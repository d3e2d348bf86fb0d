"""The tables of ``docs/roles.md``, generated from the rules so that the page cannot drift.

>>> print(gdap_table().splitlines()[0])
| GDAP capability | Task | Least-privileged role (table) | Also able (Entra role reference) |

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from cspcore.roles._order import ENTRA_PRIVILEGE_ORDER, PARTNER_PRIVILEGE_ORDER
from cspcore.roles.catalog import EntraRole, PartnerRole
from cspcore.roles.gdap import (
    ADMIN_AGENTS,
    AUTO_EXTEND,
    AUTO_EXTEND_FROM,
    AUTO_EXTEND_RULE,
    HELPDESK_AGENTS,
    MAX_DURATION,
    NOTICE_DAYS,
    REQUEST_LIFETIME,
)
from cspcore.roles.gdap_tasks import GdapTask, roles_for
from cspcore.roles.tasks import all_rules

_DAP_PAGE = "customers-revoke-admin-privileges.md"
_GDAP_HEADER = "| GDAP capability | Task | Least-privileged role (table) | Also able (Entra role reference) |"

__all__ = [
    "TABLES",
    "dap_table",
    "gdap_rule_versions_table",
    "gdap_rules_table",
    "gdap_table",
    "partner_task_table",
    "privilege_table",
]


def _names(roles: frozenset[PartnerRole] | frozenset[EntraRole], order: tuple[object, ...]) -> str:
    return ", ".join(r.value for r in sorted(roles, key=order.index))


def partner_task_table() -> str:
    """Partner tasks and the Partner Center roles that may perform them.

    >>> "| `createCustomer` |" in partner_task_table()
    True
    """
    order = tuple(PartnerRole)
    lines = [
        "| Task | Roles that may perform it | Source | Overview table differs | Other sources differ |",
        "|---|---|---|---|---|",
    ]
    for rule in all_rules():
        differs = (
            _names(rule.overview_roles, order) if rule.overview_roles and rule.page_overrides_overview else ""
        )
        others = "; ".join(
            f"`{source.document}`: {_names(roles, order)}"
            for source, roles in rule.other_sources
            if roles != rule.roles
        )
        lines.append(
            f"| `{rule.task.value}` | {_names(rule.roles, order)} | `{rule.source.document}`, "
            f"{rule.source.section} | {differs} | {others} |"
        )
    return "\n".join(lines)


def gdap_table() -> str:
    """Every row of the least-privileged table, with the other roles the model lets do it.

    >>> "| Users | Reset password for nonadmin | Password administrator |" in gdap_table()
    True
    """
    lines = [
        _GDAP_HEADER,
        "|---|---|---|---|",
    ]
    for task in GdapTask:
        others = roles_for(task) - {task.least_privileged, EntraRole.GLOBAL_ADMINISTRATOR}
        lines.append(
            f"| {task.capability.value} | {task.task} | {task.table_role} | "
            f"{_names(frozenset(others), tuple(EntraRole))} |"
        )
    return "\n".join(lines)


def privilege_table() -> str:
    """The orders that break ties, least privileged first.

    >>> privilege_table().splitlines()[2].startswith("| 1 |")
    True
    """
    lines = ["| Rank | Partner Center role | Microsoft Entra role |", "|---|---|---|"]
    for i in range(max(len(PARTNER_PRIVILEGE_ORDER), len(ENTRA_PRIVILEGE_ORDER))):
        partner = PARTNER_PRIVILEGE_ORDER[i].value if i < len(PARTNER_PRIVILEGE_ORDER) else ""
        entra = ENTRA_PRIVILEGE_ORDER[i].value if i < len(ENTRA_PRIVILEGE_ORDER) else ""
        lines.append(f"| {i + 1} | {partner} | {entra} |")
    return "\n".join(lines)


def gdap_rules_table() -> str:
    """The GDAP relationship rules and their sources.

    >>> "| 1 to 730 days of elapsed time (24 hours each) |" in gdap_rules_table()
    True
    """
    notices = ", ".join(str(d) for d in NOTICE_DAYS)
    extend = (
        f"{AUTO_EXTEND.days} elapsed days each time the end is reached; refused with Global administrator, "
        f"and when switched on before {AUTO_EXTEND_FROM.isoformat()} (see GDAP rules by date)"
    )
    rows = [
        (
            "Duration",
            f"1 to {MAX_DURATION.days} days of elapsed time (24 hours each)",
            "`gdap-faq.md`; Graph `delegatedAdminRelationship`",
        ),
        (
            "End",
            "`activated_at + duration` in elapsed time, given in UTC",
            "Graph `delegatedAdminRelationship` (`endDateTime`)",
        ),
        (
            "Auto-extend",
            extend,
            "expiring-gdap-relationships-and-auto-extend-gdap",
        ),
        (
            "Expiry notices",
            f"{notices} elapsed days before the end (none with auto-extend, none from termination on)",
            "`gdap-expiring-notifications.md`",
        ),
        (
            "Status `expiring`",
            f"the last {NOTICE_DAYS[0]} elapsed days before the end",
            "cspcore (from the first notice)",
        ),
        ("Request lifetime", f"{REQUEST_LIFETIME.days} elapsed days", "`gdap-faq.md`"),
        (
            "Grants",
            "roles reach partner users only through security groups",
            "`gdap-assign-azure-ad-roles.md`",
        ),
        ("Precedence", "GDAP over DAP", "`gdap-faq.md`"),
    ]
    lines = ["| Rule | Value | Source |", "|---|---|---|"]
    lines.extend(f"| {a} | {b} | {c} |" for a, b, c in rows)
    return "\n".join(lines)


def gdap_rule_versions_table() -> str:
    """Every version of the GDAP rules that changed with a date, oldest first, with its source.

    >>> gdap_rule_versions_table().splitlines()[3].startswith("| Auto-extend available | 2023-10-30 | yes |")
    True
    """
    lines = ["| Rule | From (UTC day) | Value | Source | Note |", "|---|---|---|---|---|"]
    for version in AUTO_EXTEND_RULE.versions:
        source = f"`{version.source.document}`, {version.source.section}"
        lines.append(
            f"| Auto-extend available | {version.effective_from.isoformat()} | "
            f"{'yes' if version.value else 'no'} | {source} | {version.note or ''} |"
        )
    return "\n".join(lines)


def dap_table() -> str:
    """The legacy DAP mapping.

    >>> dap_table().splitlines()[2]
    '| `AdminAgents` | Global administrator | `customers-revoke-admin-privileges.md` |'
    """
    return "\n".join(
        [
            "| Partner group | Role in the customer's tenant | Source |",
            "|---|---|---|",
            f"| `{ADMIN_AGENTS}` | {EntraRole.GLOBAL_ADMINISTRATOR.value} | `{_DAP_PAGE}` |",
            f"| `{HELPDESK_AGENTS}` | {EntraRole.HELPDESK_ADMINISTRATOR.value} | `{_DAP_PAGE}` |",
        ]
    )


#: The generated blocks of docs/roles.md, by marker name.
TABLES = {
    "partner-tasks": partner_task_table,
    "gdap-table": gdap_table,
    "privilege-order": privilege_table,
    "gdap-rules": gdap_rules_table,
    "gdap-rules-by-date": gdap_rule_versions_table,
    "dap": dap_table,
}
