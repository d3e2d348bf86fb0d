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
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final, NamedTuple, TypeAlias

import attrs

from cspcore import _validate
from cspcore._deprecated import renamed_keyword, warn_renamed
from cspcore._trusted import trusted_constructor
from cspcore.errors import ErrorCode, InvalidInput
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

_OVERVIEW_SOURCE: Final = Source("permissions-overview.md", "User roles, permissions, and workspace access")

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


@attrs.frozen(kw_only=True, init=False)
class Decision:
    """Whether a set of roles may perform a task, and why.

    A decision is truthy when the task is allowed.

    Args:
        is_allowed: Whether the task is allowed (``allowed=`` is its deprecated name).
        task: The task decided.
        roles: The roles that asked.
        granted_by: Those of ``roles`` that allow the task (empty when denied).
        would_allow: Every role that allows the task (so a denial says what would help).
        reasons: Why, with the rule's source.

    >>> from cspcore.roles import can, PartnerRole, Task
    >>> denied = can([PartnerRole.SALES_AGENT], Task.DOWNLOAD_RECON_FILES)
    >>> bool(denied), sorted(r.value for r in denied.would_allow)
    (False, ['Billing admin', 'Global admin'])

    .. versionchanged:: 0.2.0
        ``allowed`` is now ``is_allowed``; the old name (attribute and keyword) warns and goes in 0.3.0.
    """

    is_allowed: bool = attrs.field(validator=_validate.attrs_validator(_validate.flag))
    task: AnyTask = attrs.field(validator=_validate.attrs_instance_of((Task, GdapTask)))
    roles: frozenset[AnyRole] = attrs.field(validator=_validate.attrs_instance_of(frozenset))
    granted_by: frozenset[AnyRole] = attrs.field(validator=_validate.attrs_instance_of(frozenset))
    would_allow: frozenset[AnyRole] = attrs.field(validator=_validate.attrs_instance_of(frozenset))
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_instance_of(tuple))

    def __init__(
        self,
        *,
        is_allowed: bool | None = None,
        task: AnyTask,
        roles: frozenset[AnyRole],
        granted_by: frozenset[AnyRole],
        would_allow: frozenset[AnyRole],
        reasons: tuple[Reason, ...],
        allowed: bool | None = None,
    ) -> None:
        self.__attrs_init__(
            is_allowed=renamed_keyword(
                is_allowed, allowed, new="is_allowed", old="allowed", owner="Decision"
            ),
            task=task,
            roles=roles,
            granted_by=granted_by,
            would_allow=would_allow,
            reasons=reasons,
        )

    def __bool__(self) -> bool:
        return self.is_allowed

    @property
    def allowed(self) -> bool:
        """Deprecated name of :attr:`is_allowed`."""
        warn_renamed("Decision.allowed", "Decision.is_allowed")
        return self.is_allowed


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
    raise InvalidInput("roles", f"expected a {expected} ({kind.__name__})", value, code=ErrorCode.WRONG_TYPE)


def _roles(roles: object, kind: type[PartnerRole | EntraRole]) -> frozenset[AnyRole]:
    if isinstance(roles, (PartnerRole, EntraRole, str)):
        return frozenset((_role(roles, kind),))
    if not isinstance(roles, Iterable):
        raise InvalidInput(
            "roles", "expected a role or an iterable of roles", roles, code=ErrorCode.WRONG_TYPE
        )
    return frozenset(_role(item, kind) for item in _validate.bounded(roles, "roles"))


#: The one way this module builds a Decision without re-validating what it worked out itself.
_decision_of: Final = trusted_constructor(Decision, keyword_only=True)


class _Rule(NamedTuple):
    """What a decision on one task needs, from the catalog.

    The roles allowed, every role of the kind it is asked with, the page's (or the capability model's)
    source, and the reasons every decision on it ends with (a page that overrides the overview).
    """

    allowed: frozenset[AnyRole]
    kind: frozenset[AnyRole]
    role_type: type[PartnerRole | EntraRole]
    allowed_sorted: tuple[AnyRole, ...]
    source: Source
    trailing: tuple[Reason, ...]


_PARTNER_ROLES: Final[frozenset[AnyRole]] = frozenset(PartnerRole)
_ENTRA_ROLES: Final[frozenset[AnyRole]] = frozenset(EntraRole)


def _partner_rule(task: Task) -> _Rule:
    rule = task_rule(task)
    allowed: frozenset[AnyRole] = frozenset(rule.roles)
    trailing: tuple[Reason, ...] = ()
    if rule.overview_roles is not None and rule.page_overrides_overview:
        trailing = (
            Reason(
                "roles.can.page_over_overview",
                {
                    "task": task,
                    "page": rule.source.document,
                    "page_roles": _sorted(rule.roles),
                    "overview_roles": _sorted(rule.overview_roles),
                },
                source=Source("permissions-overview.md", "Manage CSP commercial transactions"),
            ),
        )
    return _Rule(allowed, _PARTNER_ROLES, PartnerRole, _sorted(allowed), rule.source, trailing)


def _gdap_rule(task: GdapTask) -> _Rule:
    allowed: frozenset[AnyRole] = frozenset(roles_for(task))
    return _Rule(allowed, _ENTRA_ROLES, EntraRole, _sorted(allowed), MODEL_SOURCES[0], ())


#: Every task's rule, built at import from the catalog: a decision is a lookup, a set intersection
#: and its reasons, with nothing remembered between calls.
_RULES: Final[Mapping[AnyTask, _Rule]] = MappingProxyType(
    {**{task: _partner_rule(task) for task in Task}, **{task: _gdap_rule(task) for task in GdapTask}}
)


def _decide(roles: object, task: object) -> Decision:
    found = task if type(task) is Task or type(task) is GdapTask else _task(task)
    rule = _RULES[found]
    # A frozenset of members of the right kind is taken as it is; any other spelling is read.
    asked = roles if type(roles) is frozenset and roles <= rule.kind else _roles(roles, rule.role_type)
    granted = asked & rule.allowed
    if isinstance(found, Task):
        reason = _partner_reason(found, rule, asked, granted)
    else:
        reason = _gdap_reason(found, rule, asked, granted)
    return _decision_of(
        is_allowed=bool(granted),
        task=found,
        roles=asked,
        granted_by=granted,
        would_allow=rule.allowed,
        reasons=(reason, *rule.trailing),
    )


def _partner_reason(
    task: Task, rule: _Rule, roles: frozenset[AnyRole], granted: frozenset[AnyRole]
) -> Reason:
    if granted:
        return Reason("roles.can.granted", {"task": task, "roles": _sorted(granted)}, source=rule.source)
    if not roles:
        return Reason("roles.can.no_roles", {"task": task}, source=_OVERVIEW_SOURCE)
    return Reason(
        "roles.can.denied",
        {"task": task, "roles": _sorted(roles), "allowed": rule.allowed_sorted},
        source=rule.source,
    )


def _gdap_reason(
    task: GdapTask, rule: _Rule, roles: frozenset[AnyRole], granted: frozenset[AnyRole]
) -> Reason:
    if granted:
        source = TABLE_SOURCE if task.least_privileged in granted else rule.source
        return Reason("roles.gdap.granted", {"task": task, "roles": _sorted(granted)}, source=source)
    if not roles:
        return Reason("roles.can.no_roles", {"task": task}, source=TABLE_SOURCE)
    return Reason(
        "roles.gdap.denied",
        {"task": task, "roles": _sorted(roles), "allowed": rule.allowed_sorted},
        source=rule.source,
    )


def can(roles: AnyRole | Iterable[AnyRole | str] | str, task: AnyTask | str) -> Decision:
    """Decide whether ``roles`` may perform ``task``; deny by default.

    Partner tasks (:class:`~cspcore.roles.Task`) take Partner Center roles; GDAP tasks
    (:class:`~cspcore.roles.GdapTask`) take Microsoft Entra roles. Roles may be given as members
    or display names. Each task's rule is a table built at import from the catalog, and nothing is
    remembered between calls: a ``frozenset`` of role members is taken as it is, so a decision costs
    a lookup, a set intersection and building its reason.

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
    return _decide(roles, task)


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

    tasks: frozenset[AnyTask] = attrs.field(validator=_validate.attrs_items_of(frozenset, (Task, GdapTask)))
    roles: frozenset[AnyRole] = attrs.field(
        validator=_validate.attrs_items_of(frozenset, (PartnerRole, EntraRole))
    )
    covers: tuple[tuple[AnyRole, tuple[AnyTask, ...]], ...] = attrs.field(
        validator=_validate.attrs_items_of(tuple, tuple)
    )
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Reason))

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


def _performers(task: AnyTask) -> frozenset[AnyRole]:
    return _RULES[task].allowed


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
        raise InvalidInput(
            "tasks", "expected a task or an iterable of tasks", tasks, code=ErrorCode.WRONG_TYPE
        )
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
                "roles.least.global_admin_needed",
                {"role": PartnerRole.GLOBAL_ADMIN, "tasks": partner_global},
                source=_source_of(partner_global[0]),
            )
        )
    if entra_global:
        reasons.append(
            Reason(
                "roles.least.global_admin_needed",
                {"role": EntraRole.GLOBAL_ADMINISTRATOR, "tasks": entra_global},
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
        return Reason("roles.least.covered_by", {"task": task, "role": role}, source=task_rule(task).source)
    table = task.least_privileged
    if isinstance(table, DefaultPermission):
        return Reason(
            "roles.least.default_permission",
            {"task": task, "permission": table, "role": role},
            source=TABLE_SOURCE,
        )
    if table is role:
        return Reason("roles.least.table_role", {"task": task, "role": role}, source=TABLE_SOURCE)
    return Reason("roles.least.covered_by", {"task": task, "role": role}, source=MODEL_SOURCES[0])
