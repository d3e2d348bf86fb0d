"""Access decisions (:func:`can`) and least-privilege advice (:func:`least_privileged`).

Partner-side :class:`~cspcore.roles.Task` values are decided against Partner Center roles by the
task pages (:func:`~cspcore.roles.task_rule`); :class:`~cspcore.roles.GdapTask` rows are decided
against Microsoft Entra roles by the role → capability model (:func:`~cspcore.roles.roles_for`).
Everything not granted is denied.

>>> from cspcore.roles import can, least_privileged, PartnerRole, Task, GdapTask
>>> decision = can({PartnerRole.BILLING_ADMIN}, Task.DOWNLOAD_RECON_FILES)
>>> bool(decision), sorted(r.name for r in decision.granted_by)
(True, ['BILLING_ADMIN'])
>>> advice = least_privileged(
...     [GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET, GdapTask.USERS_RESET_PASSWORD_FOR_NONADMIN]
... )
>>> sorted(r.value for r in advice.roles)
['Helpdesk administrator']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Final, TypeAlias

import attrs

from cspcore import _validate
from cspcore.errors import InvalidInput
from cspcore.explain import Reason, Source
from cspcore.roles.catalog import DefaultPermission, EntraRole, PartnerRole
from cspcore.roles.gdap_tasks import MODEL_SOURCES, TABLE_SOURCE, GdapTask, roles_for
from cspcore.roles.tasks import Task, task_rule

__all__ = [
    "ENTRA_PRIVILEGE_ORDER",
    "PARTNER_PRIVILEGE_ORDER",
    "AnyRole",
    "AnyTask",
    "Decision",
    "LeastPrivilege",
    "can",
    "least_privileged",
]

AnyRole: TypeAlias = PartnerRole | EntraRole
AnyTask: TypeAlias = Task | GdapTask

_OVERVIEW_SOURCE: Final = Source(
    document="permissions-overview.md", section="User roles, permissions, and workspace access"
)

#: Partner Center roles from least to most privileged: the order that breaks ties between equally
#: small role sets. Insights and referral roles see one workspace; the CSP agents act for customers;
#: Admin agent is also Global administrator in every DAP customer (customers-revoke-admin-privileges.md);
#: Global admin can do almost everything (permissions-overview.md).
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

_RANK: Final[dict[AnyRole, int]] = {
    **{role: i for i, role in enumerate(PARTNER_PRIVILEGE_ORDER)},
    **{role: i for i, role in enumerate(ENTRA_PRIVILEGE_ORDER)},
}
_ORDER: Final[dict[object, int]] = {
    **{m: i for i, m in enumerate(PartnerRole)},
    **{m: 100 + i for i, m in enumerate(EntraRole)},
    **{m: 200 + i for i, m in enumerate(Task)},
    **{m: 300 + i for i, m in enumerate(GdapTask)},
}


def _sorted(items: Iterable[AnyRole]) -> tuple[AnyRole, ...]:
    return tuple(sorted(items, key=_ORDER.__getitem__))


@attrs.frozen(kw_only=True)
class Decision:
    """Whether a set of roles may perform a task, and why.

    A decision is truthy when the task is allowed.

    Args:
        allowed: Whether the task is allowed.
        task: The task decided.
        roles: The roles that asked.
        granted_by: Those of ``roles`` that allow the task (empty when denied).
        would_allow: Every role that allows the task (so a denial says what would help).
        reasons: Why, with the rule's source.

    >>> from cspcore.roles import can, PartnerRole, Task
    >>> denied = can([PartnerRole.SALES_AGENT], Task.DOWNLOAD_RECON_FILES)
    >>> bool(denied), sorted(r.value for r in denied.would_allow)
    (False, ['Billing admin', 'Global admin'])
    """

    allowed: bool = attrs.field(validator=_validate.attrs_validator(_validate.flag))
    task: AnyTask = attrs.field(validator=_validate.attrs_instance_of((Task, GdapTask)))
    roles: frozenset[AnyRole] = attrs.field(validator=_validate.attrs_instance_of(frozenset))
    granted_by: frozenset[AnyRole] = attrs.field(validator=_validate.attrs_instance_of(frozenset))
    would_allow: frozenset[AnyRole] = attrs.field(validator=_validate.attrs_instance_of(frozenset))
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_instance_of(tuple))

    def __bool__(self) -> bool:
        return self.allowed


def _task(task: object) -> AnyTask:
    if isinstance(task, (Task, GdapTask)):
        return task
    if isinstance(task, str) and task.upper() in GdapTask.__members__:
        return GdapTask[task.upper()]
    return _validate.enum_member(Task, task, "task")


def _role(value: object, kind: type[PartnerRole | EntraRole]) -> AnyRole:
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        return kind.lookup(value)  # display names and member names both fold to the same key
    expected = "Partner Center role" if kind is PartnerRole else "Microsoft Entra role"
    raise InvalidInput("roles", f"expected a {expected} ({kind.__name__})", value)


def _roles(roles: object, kind: type[PartnerRole | EntraRole]) -> frozenset[AnyRole]:
    if isinstance(roles, (PartnerRole, EntraRole, str)):
        return frozenset((_role(roles, kind),))
    if not isinstance(roles, Iterable):
        raise InvalidInput("roles", "expected a role or an iterable of roles", roles)
    return frozenset(_role(item, kind) for item in _validate.bounded(roles, "roles"))


def _decide(roles: object, task: object) -> Decision:
    found = _task(task)
    if isinstance(found, Task):
        return _decide_partner(_roles(roles, PartnerRole), found)
    return _decide_gdap(_roles(roles, EntraRole), found)


def _decide_partner(roles: frozenset[AnyRole], task: Task) -> Decision:
    rule = task_rule(task)
    allowed_roles: frozenset[AnyRole] = frozenset(rule.roles)
    granted = roles & allowed_roles
    reasons: list[Reason] = []
    if granted:
        reasons.append(
            Reason(
                code="roles.can.granted", params={"task": task, "roles": _sorted(granted)}, source=rule.source
            )
        )
    elif not roles:
        reasons.append(Reason(code="roles.can.no_roles", params={"task": task}, source=_OVERVIEW_SOURCE))
    else:
        reasons.append(
            Reason(
                code="roles.can.denied",
                params={"task": task, "roles": _sorted(roles), "allowed": _sorted(allowed_roles)},
                source=rule.source,
            )
        )
    if rule.overview_roles is not None and rule.page_overrides_overview:
        reasons.append(
            Reason(
                code="roles.can.page_over_overview",
                params={
                    "task": task,
                    "page": rule.source.document,
                    "page_roles": _sorted(rule.roles),
                    "overview_roles": _sorted(rule.overview_roles),
                },
                source=Source(
                    document="permissions-overview.md", section="Manage CSP commercial transactions"
                ),
            )
        )
    return Decision(
        allowed=bool(granted),
        task=task,
        roles=roles,
        granted_by=granted,
        would_allow=allowed_roles,
        reasons=tuple(reasons),
    )


def _decide_gdap(roles: frozenset[AnyRole], task: GdapTask) -> Decision:
    allowed_roles: frozenset[AnyRole] = frozenset(roles_for(task))
    granted = roles & allowed_roles
    if granted:
        source = TABLE_SOURCE if task.least_privileged in granted else MODEL_SOURCES[0]
        reason = Reason(
            code="roles.gdap.granted", params={"task": task, "roles": _sorted(granted)}, source=source
        )
    elif not roles:
        reason = Reason(code="roles.can.no_roles", params={"task": task}, source=TABLE_SOURCE)
    else:
        reason = Reason(
            code="roles.gdap.denied",
            params={"task": task, "roles": _sorted(roles), "allowed": _sorted(allowed_roles)},
            source=MODEL_SOURCES[0],
        )
    return Decision(
        allowed=bool(granted),
        task=task,
        roles=roles,
        granted_by=granted,
        would_allow=allowed_roles,
        reasons=(reason,),
    )


#: Decisions memoised by (roles, task) for frozensets of role members: a pure function's cache,
#: bounded so that it cannot grow without limit.
_MEMO: Final[dict[tuple[frozenset[AnyRole], AnyTask], Decision]] = {}
_MEMO_LIMIT: Final = 1 << 16


def _remember(decision: Decision) -> None:
    if len(_MEMO) < _MEMO_LIMIT:
        _MEMO[decision.roles, decision.task] = decision


def can(roles: AnyRole | Iterable[AnyRole | str] | str, task: AnyTask | str) -> Decision:
    """Decide whether ``roles`` may perform ``task``; deny by default.

    Partner tasks (:class:`~cspcore.roles.Task`) take Partner Center roles; GDAP tasks
    (:class:`~cspcore.roles.GdapTask`) take Microsoft Entra roles. Roles may be given as members
    or display names. Decisions are memoised per (roles, task), so checking a precomputed
    ``frozenset`` of roles repeatedly costs a dictionary lookup.

    Args:
        roles: One role, or an iterable of roles (a frozenset is fastest).
        task: The task, as a member, a :class:`Task` value or name, or a :class:`GdapTask` name.

    Returns:
        The :class:`Decision`, truthy when allowed.

    Raises:
        InvalidInput: An unknown task, or a role of the wrong kind or unknown name.

    >>> from cspcore.roles import PartnerRole, EntraRole, Task, GdapTask
    >>> bool(can(PartnerRole.HELPDESK_AGENT, Task.PROVIDE_BILLING_SUPPORT))
    True
    >>> bool(can(frozenset(), Task.VIEW_INVOICES))
    False
    >>> bool(can({EntraRole.USER_ADMINISTRATOR}, GdapTask.USERS_RESET_PASSWORD_FOR_NONADMIN))
    True
    """
    try:
        return _MEMO[roles, task]  # type: ignore[index]  # other inputs miss, or are unhashable
    except (KeyError, TypeError):
        pass
    decision = _decide(roles, task)
    if isinstance(roles, frozenset) and decision.roles == roles and decision.task is task:
        _remember(decision)
    return decision


@attrs.frozen(kw_only=True)
class LeastPrivilege:
    """The smallest set of roles that covers some tasks, and which role covers which task.

    Args:
        tasks: The tasks asked about.
        roles: The roles to grant (Partner Center roles for :class:`Task` values, Entra roles for
            :class:`GdapTask` rows).
        covers: For each role in ``roles``, the tasks it is relied on for.
        reasons: The explanation, with sources.

    Raises:
        InvalidInput: A field that is not of its annotated type (``tasks`` must be a frozenset of
            tasks, not any iterable: an iterator could be endless).

    >>> from cspcore.roles import least_privileged, Task
    >>> advice = least_privileged([Task.VIEW_INVOICES, Task.DOWNLOAD_RECON_FILES])
    >>> [(role.value, [t.value for t in tasks]) for role, tasks in advice.covers]
    [('Billing admin', ['downloadReconFiles', 'viewInvoices'])]
    """

    tasks: frozenset[AnyTask]
    roles: frozenset[AnyRole]
    covers: tuple[tuple[AnyRole, tuple[AnyTask, ...]], ...]
    reasons: tuple[Reason, ...]

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)

    @property
    def partner_roles(self) -> frozenset[PartnerRole]:
        """The Partner Center roles among :attr:`roles`.

        >>> from cspcore.roles import Task
        >>> sorted(r.value for r in least_privileged([Task.REQUEST_GDAP]).partner_roles)
        ['Admin agent']
        """
        return frozenset(r for r in self.roles if isinstance(r, PartnerRole))

    @property
    def entra_roles(self) -> frozenset[EntraRole]:
        """The Microsoft Entra roles among :attr:`roles`.

        >>> from cspcore.roles import GdapTask
        >>> sorted(r.value for r in least_privileged([GdapTask.USERS_CREATE_GUEST_USER]).entra_roles)
        ['Guest inviter']
        """
        return frozenset(r for r in self.roles if isinstance(r, EntraRole))


_PERFORMERS: Final[dict[AnyTask, frozenset[AnyRole]]] = {
    **{task: frozenset(task_rule(task).roles) for task in Task},
    **{task: frozenset(roles_for(task)) for task in GdapTask},
}


def _performers(task: AnyTask) -> frozenset[AnyRole]:
    return _PERFORMERS[task]


def _min_cover(tasks: tuple[AnyTask, ...], candidates: tuple[AnyRole, ...]) -> tuple[AnyRole, ...]:
    """The least-privileged minimum set cover (exact: by increasing size, best rank tuple wins)."""
    if not tasks:
        return ()
    bit = {task: 1 << i for i, task in enumerate(tasks)}
    need = (1 << len(tasks)) - 1
    masks: dict[AnyRole, int] = {}
    for role in candidates:
        mask = 0
        for task in tasks:
            if role in _performers(task):
                mask |= bit[task]
        if mask:
            masks[role] = mask
    pool = sorted(masks, key=_RANK.__getitem__)
    for size in range(1, len(pool) + 1):
        covers = [combo for combo in itertools.combinations(pool, size) if _union(combo, masks) == need]
        if covers:
            return min(covers, key=lambda combo: sorted((_RANK[r] for r in combo), reverse=True))
    msg = "every task has a performer among the candidates"  # pragma: no cover - guarded by callers
    raise AssertionError(msg)  # pragma: no cover


def _union(combo: tuple[AnyRole, ...], masks: dict[AnyRole, int]) -> int:
    union = 0
    for role in combo:
        union |= masks[role]
    return union


def _solve(
    tasks: tuple[AnyTask, ...], candidates: tuple[AnyRole, ...], global_admin: AnyRole
) -> tuple[frozenset[AnyRole], tuple[AnyTask, ...]]:
    """Cover ``tasks``; Global admin(istrator) only for the tasks no other candidate can do."""
    pool = tuple(r for r in candidates if r is not global_admin)
    needs_global = tuple(t for t in tasks if not (_performers(t) & set(pool)))
    chosen: set[AnyRole] = set()
    rest = tasks
    if needs_global:
        chosen.add(global_admin)
        rest = tuple(t for t in tasks if global_admin not in _performers(t))
    chosen.update(_min_cover(rest, pool))
    return frozenset(chosen), needs_global


def _tasks(tasks: object) -> tuple[AnyTask, ...]:
    if isinstance(tasks, (Task, GdapTask, str)):
        return (_task(tasks),)
    if not isinstance(tasks, Iterable):
        raise InvalidInput("tasks", "expected a task or an iterable of tasks", tasks)
    unique = {_task(item) for item in _validate.bounded(tasks, "tasks")}
    return tuple(sorted(unique, key=_ORDER.__getitem__))


def least_privileged(tasks: AnyTask | Iterable[AnyTask | str] | str) -> LeastPrivilege:
    """The smallest, least privileged set of roles that can perform every task.

    For one GDAP task, the answer is the role the least-privileged table names. For several tasks,
    it is an exact minimum set cover over the capability model: no smaller set of roles covers the
    tasks, and among the smallest sets the one whose most privileged role is least privileged wins
    (then the next most privileged, and so on; see :data:`ENTRA_PRIVILEGE_ORDER` and
    :data:`PARTNER_PRIVILEGE_ORDER`). Global admin(istrator) is proposed only when some task can be
    done by no other role. Where the table names a default permission (``Group owner``), which GDAP
    cannot grant, the least privileged Entra role with that capability is proposed instead.

    Args:
        tasks: One task or an iterable of :class:`Task` and :class:`GdapTask` values.

    Returns:
        The :class:`LeastPrivilege` advice.

    Raises:
        InvalidInput: An unknown task.

    >>> from cspcore.roles import GdapTask, Task
    >>> sorted(r.value for r in least_privileged(GdapTask.USERS_ADD_USER_TO_GROUP).roles)
    ['User administrator']
    >>> sorted(r.value for r in least_privileged([Task.VIEW_INVOICES, Task.REQUEST_GDAP]).roles)
    ['Admin agent']
    """
    asked = _tasks(tasks)
    partner_tasks = tuple(t for t in asked if isinstance(t, Task))
    gdap_tasks = tuple(t for t in asked if isinstance(t, GdapTask))
    reasons: list[Reason] = []
    partner, partner_global = _solve(partner_tasks, PARTNER_PRIVILEGE_ORDER, PartnerRole.GLOBAL_ADMIN)
    single = gdap_tasks[0] if len(gdap_tasks) == 1 else None
    if single is not None and isinstance(single.least_privileged, EntraRole):
        entra: frozenset[AnyRole] = frozenset((single.least_privileged,))
        entra_global: tuple[AnyTask, ...] = (
            (single,) if single.least_privileged is EntraRole.GLOBAL_ADMINISTRATOR else ()
        )
    else:
        entra, entra_global = _solve(gdap_tasks, ENTRA_PRIVILEGE_ORDER, EntraRole.GLOBAL_ADMINISTRATOR)
    if partner_global:
        reasons.append(
            Reason(
                code="roles.least.global_admin_needed",
                params={"role": PartnerRole.GLOBAL_ADMIN, "tasks": partner_global},
                source=_source_of(partner_global[0]),
            )
        )
    if entra_global:
        reasons.append(
            Reason(
                code="roles.least.global_admin_needed",
                params={"role": EntraRole.GLOBAL_ADMINISTRATOR, "tasks": entra_global},
                source=TABLE_SOURCE,
            )
        )
    chosen = partner | entra
    by_role: dict[AnyRole, list[AnyTask]] = {role: [] for role in chosen}
    for task in asked:
        performers = _performers(task)
        role = min((r for r in chosen if r in performers), key=_RANK.__getitem__)
        by_role[role].append(task)
        reasons.append(_covered_reason(task, role))
    covers = tuple(
        (role, tuple(by_role[role])) for role in sorted(chosen, key=_ORDER.__getitem__) if by_role[role]
    )
    return LeastPrivilege(
        tasks=frozenset(asked),
        roles=frozenset(role for role, _ in covers),
        covers=covers,
        reasons=tuple(reasons),
    )


def _source_of(task: AnyTask) -> Source:
    return task_rule(task).source if isinstance(task, Task) else TABLE_SOURCE


def _covered_reason(task: AnyTask, role: AnyRole) -> Reason:
    if isinstance(task, Task):
        return Reason(
            code="roles.least.covered_by", params={"task": task, "role": role}, source=task_rule(task).source
        )
    table = task.least_privileged
    if isinstance(table, DefaultPermission):
        return Reason(
            code="roles.least.default_permission",
            params={"task": task, "permission": table, "role": role},
            source=TABLE_SOURCE,
        )
    if table is role:
        return Reason(code="roles.least.table_role", params={"task": task, "role": role}, source=TABLE_SOURCE)
    return Reason(code="roles.least.covered_by", params={"task": task, "role": role}, source=MODEL_SOURCES[0])
