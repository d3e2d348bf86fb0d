"""Roles: Partner Center roles, Microsoft Entra (GDAP) roles, tasks and access decisions.

>>> from cspcore.roles import can, least_privileged, PartnerRole, Task
>>> bool(can({PartnerRole.SALES_AGENT}, Task.CREATE_CUSTOMER))
True
>>> sorted(r.value for r in least_privileged([Task.VIEW_INVOICES, Task.DOWNLOAD_RECON_FILES]).roles)
['Billing admin']

.. versionadded:: 0.1.0
"""

from typing import TYPE_CHECKING

from cspcore._lazy import attach

if TYPE_CHECKING:
    from cspcore.roles.access import (
        ENTRA_PRIVILEGE_ORDER,
        PARTNER_PRIVILEGE_ORDER,
        Decision,
        DecisionTable,
        can,
    )
    from cspcore.roles.catalog import DefaultPermission, EntraRole, PartnerRole
    from cspcore.roles.discovery import TaskArea, TaskEntry, describe_task, find_tasks, tasks_in
    from cspcore.roles.gdap import (
        ADMIN_AGENTS,
        AUTO_EXTEND,
        AUTO_EXTEND_FROM,
        AUTO_EXTEND_RULE,
        HELPDESK_AGENTS,
        MAX_DURATION,
        NOTICE_DAYS,
        REQUEST_LIFETIME,
        AutoExtendNotAllowed,
        DapRelationship,
        EffectiveRoles,
        ExpiryNotice,
        GdapRelationship,
        GdapRequest,
        GdapStatus,
        RelationshipNotActive,
        RequestExpired,
        RoleGrant,
        RoleNotApproved,
        approve,
        effective_roles,
        grant,
        terminate,
    )
    from cspcore.roles.gdap_tasks import GdapCapability, GdapTask, roles_for, tasks_of
    from cspcore.roles.least_privilege import LeastPrivilege, least_privileged
    from cspcore.roles.tasks import EarlierRoles, Task, TaskRule, all_rules, task_rule

__all__ = [
    "ADMIN_AGENTS",
    "AUTO_EXTEND",
    "AUTO_EXTEND_FROM",
    "AUTO_EXTEND_RULE",
    "ENTRA_PRIVILEGE_ORDER",
    "HELPDESK_AGENTS",
    "MAX_DURATION",
    "NOTICE_DAYS",
    "PARTNER_PRIVILEGE_ORDER",
    "REQUEST_LIFETIME",
    "AutoExtendNotAllowed",
    "DapRelationship",
    "Decision",
    "DecisionTable",
    "DefaultPermission",
    "EarlierRoles",
    "EffectiveRoles",
    "EntraRole",
    "ExpiryNotice",
    "GdapCapability",
    "GdapRelationship",
    "GdapRequest",
    "GdapStatus",
    "GdapTask",
    "LeastPrivilege",
    "PartnerRole",
    "RelationshipNotActive",
    "RequestExpired",
    "RoleGrant",
    "RoleNotApproved",
    "Task",
    "TaskArea",
    "TaskEntry",
    "TaskRule",
    "all_rules",
    "approve",
    "can",
    "describe_task",
    "effective_roles",
    "find_tasks",
    "grant",
    "least_privileged",
    "roles_for",
    "task_rule",
    "tasks_in",
    "tasks_of",
    "terminate",
]

# Each public name's submodule, imported on first use (PEP 562; see cspcore._lazy).
__getattr__, __dir__ = attach(
    __name__,
    {
        "access": ("ENTRA_PRIVILEGE_ORDER", "PARTNER_PRIVILEGE_ORDER", "Decision", "DecisionTable", "can"),
        "catalog": ("DefaultPermission", "EntraRole", "PartnerRole"),
        "discovery": ("TaskArea", "TaskEntry", "describe_task", "find_tasks", "tasks_in"),
        "gdap": (
            "ADMIN_AGENTS",
            "AUTO_EXTEND",
            "AUTO_EXTEND_FROM",
            "AUTO_EXTEND_RULE",
            "HELPDESK_AGENTS",
            "MAX_DURATION",
            "NOTICE_DAYS",
            "REQUEST_LIFETIME",
            "AutoExtendNotAllowed",
            "DapRelationship",
            "EffectiveRoles",
            "ExpiryNotice",
            "GdapRelationship",
            "GdapRequest",
            "GdapStatus",
            "RelationshipNotActive",
            "RequestExpired",
            "RoleGrant",
            "RoleNotApproved",
            "approve",
            "effective_roles",
            "grant",
            "terminate",
        ),
        "gdap_tasks": ("GdapCapability", "GdapTask", "roles_for", "tasks_of"),
        "least_privilege": ("LeastPrivilege", "least_privileged"),
        "tasks": ("EarlierRoles", "Task", "TaskRule", "all_rules", "task_rule"),
    },
)
