"""Least-privilege advice: the smallest, least privileged set of roles for some tasks.

>>> from cspcore.roles import least_privileged, GdapTask
>>> advice = least_privileged(
...     [GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET, GdapTask.USERS_RESET_PASSWORD_FOR_NONADMIN]
... )
>>> sorted(r.value for r in advice.roles)
['Helpdesk administrator']

.. versionadded:: 0.1.0
    In :mod:`cspcore.roles.access`, which still re-exports it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from cspcore import _validate
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.roles._order import (
    ENTRA_ORDER_SOURCE,
    ENTRA_PRIVILEGE_ORDER,
    ORDER,
    PARTNER_ORDER_SOURCE,
    PARTNER_PRIVILEGE_ORDER,
    RANK,
    AnyRole,
    AnyTask,
    task_of,
)
from cspcore.roles.catalog import DefaultPermission, EntraRole, PartnerRole
from cspcore.roles.gdap_tasks import MODEL_SOURCES, TABLE_SOURCE, GdapTask, roles_for
from cspcore.roles.tasks import Task, task_rule

__all__ = ["LeastPrivilege", "least_privileged"]

#: Who may perform each task: the task page's roles (Partner Center) or the capability model (GDAP).
_PERFORMERS: Final[Mapping[AnyTask, frozenset[AnyRole]]] = MappingProxyType(
    {
        **{task: frozenset(task_rule(task).roles) for task in Task},
        **{task: frozenset(roles_for(task)) for task in GdapTask},
    }
)


@attrs.frozen(kw_only=True)
class LeastPrivilege:
    """The smallest set of roles that covers some tasks, and which role covers which task.

    Args:
        tasks: The tasks asked about.
        roles: The roles to grant (Partner Center roles for :class:`Task` values, Entra roles for
            :class:`GdapTask` rows).
        covers: For each role in ``roles``, the tasks it is relied on for.
        reasons: The explanation, with sources.
        ranking: Why these roles and not others: the privilege order used, with its source
            (``roles.least.order``, and ``roles.least.preferred`` when ``prefer=`` changed it), then,
            for each task, the other roles that could do it and why each lost: ranked more privileged
            (``roles.least.more_privileged``), or less privileged but unable to do the other tasks the
            chosen role covers, so that taking it would need more roles (``roles.least.needs_more_roles``),
            or less privileged in cspcore's order while Microsoft's table names the chosen role
            (``roles.least.table_choice``).

    Raises:
        InvalidInput: A field that is not of its annotated type (``tasks`` must be a frozenset of
            tasks, not any iterable: an iterator could be endless).

    >>> from cspcore.roles import least_privileged, Task
    >>> advice = least_privileged([Task.VIEW_INVOICES, Task.DOWNLOAD_RECON_FILES])
    >>> [(role.value, [t.value for t in tasks]) for role, tasks in advice.covers]
    [('Billing admin', ['downloadReconFiles', 'viewInvoices'])]
    >>> [reason.code for reason in advice.ranking]
    ['roles.least.order', 'roles.least.more_privileged', 'roles.least.more_privileged']

    .. versionchanged:: 0.2.0
        The ``ranking`` field.
    """

    tasks: frozenset[AnyTask] = attrs.field(validator=_validate.attrs_items_of(frozenset, (Task, GdapTask)))
    roles: frozenset[AnyRole] = attrs.field(
        validator=_validate.attrs_items_of(frozenset, (PartnerRole, EntraRole))
    )
    covers: tuple[tuple[AnyRole, tuple[AnyTask, ...]], ...] = attrs.field(
        validator=_validate.attrs_items_of(tuple, tuple)
    )
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Reason))
    ranking: tuple[Reason, ...] = attrs.field(default=(), validator=_validate.attrs_items_of(tuple, Reason))

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
    return _PERFORMERS[task]


def _min_cover(
    tasks: tuple[AnyTask, ...], candidates: tuple[AnyRole, ...], rank: Mapping[AnyRole, int]
) -> tuple[AnyRole, ...]:
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
    pool = sorted(masks, key=rank.__getitem__)
    for size in range(1, len(pool) + 1):
        covers = [combo for combo in itertools.combinations(pool, size) if _union(combo, masks) == need]
        if covers:
            return min(covers, key=lambda combo: sorted((rank[r] for r in combo), reverse=True))
    # Unreachable (callers pass only tasks some candidate performs), hence not covered and not mutated.
    msg = "every task has a performer among the candidates"  # pragma: no cover, no mutate
    raise AssertionError(msg)  # pragma: no cover, no mutate


def _union(combo: tuple[AnyRole, ...], masks: dict[AnyRole, int]) -> int:
    union = 0
    for role in combo:
        union |= masks[role]
    return union


def _solve(
    tasks: tuple[AnyTask, ...],
    candidates: tuple[AnyRole, ...],
    global_admin: AnyRole,
    rank: Mapping[AnyRole, int],
) -> tuple[frozenset[AnyRole], tuple[AnyTask, ...]]:
    """Cover ``tasks``; Global admin(istrator) only for the tasks no other candidate can do."""
    pool = tuple(r for r in candidates if r is not global_admin)
    needs_global = tuple(t for t in tasks if not (_performers(t) & set(pool)))
    chosen: set[AnyRole] = set()
    rest = tasks
    if needs_global:
        chosen.add(global_admin)
        rest = tuple(t for t in tasks if global_admin not in _performers(t))
    chosen.update(_min_cover(rest, pool, rank))
    return frozenset(chosen), needs_global


def _tasks(tasks: object) -> tuple[AnyTask, ...]:
    if isinstance(tasks, (Task, GdapTask, str)):
        return (task_of(tasks),)
    if isinstance(tasks, Mapping) or not isinstance(tasks, Iterable):
        raise InvalidInput(
            "tasks", "expected a task or an iterable of tasks", tasks, code=ErrorCode.WRONG_TYPE
        )
    unique = {task_of(item) for item in _validate.bounded(tasks, "tasks")}
    return tuple(sorted(unique, key=ORDER.__getitem__))


def _preferred(prefer: object) -> tuple[AnyRole, ...]:
    if isinstance(prefer, (PartnerRole, EntraRole)):
        return (prefer,)
    if isinstance(prefer, (str, Mapping)) or not isinstance(prefer, Iterable):
        raise InvalidInput("prefer", "expected an iterable of roles", prefer, code=ErrorCode.WRONG_TYPE)
    roles: list[AnyRole] = []
    for item in _validate.bounded(prefer, "prefer"):
        if not isinstance(item, (PartnerRole, EntraRole)):
            raise InvalidInput(
                "prefer", "expected PartnerRole or EntraRole members", item, code=ErrorCode.WRONG_TYPE
            )
        if item not in RANK:
            raise InvalidInput(
                "prefer",
                "this role is never proposed (it is in neither privilege order)",
                item,
                code=ErrorCode.NOT_ALLOWED,
            )
        if item in roles:
            raise InvalidInput("prefer", "a role is given twice", item, code=ErrorCode.DUPLICATE)
        roles.append(item)
    return tuple(roles)


def _rank_with(prefer: tuple[AnyRole, ...]) -> Mapping[AnyRole, int]:
    """The privilege ranks, with the preferred roles below every other role, in the order given."""
    if not prefer:
        return RANK
    return MappingProxyType({**RANK, **{role: i - len(prefer) for i, role in enumerate(prefer)}})


def least_privileged(
    tasks: AnyTask | Iterable[AnyTask | str] | str, *, prefer: Iterable[AnyRole] = ()
) -> LeastPrivilege:
    """The smallest, least privileged set of roles that can perform every task.

    For one GDAP task, the answer is the role the least-privileged table names. For several tasks,
    it is an exact minimum set cover over the capability model: no smaller set of roles covers the
    tasks, and among the smallest sets the one whose most privileged role is least privileged wins
    (then the next most privileged, and so on; see :data:`ENTRA_PRIVILEGE_ORDER` and
    :data:`PARTNER_PRIVILEGE_ORDER`). Global admin(istrator) is proposed only when some task can be
    done by no other role. Where the table names a default permission (``Group owner``), which GDAP
    cannot grant, the least privileged Entra role with that capability is proposed instead.

    The answer explains itself in :attr:`LeastPrivilege.ranking`: the order used, with its source, and
    every other role that could do each task, with why it was not chosen. To override the order,
    ``prefer`` names roles to try before all others (a smallest set still wins: a preferred role that
    needs more roles loses).

    Args:
        tasks: One task or an iterable of :class:`Task` and :class:`GdapTask` values.
        prefer: Roles ranked below every other role of their kind, in the order given (the first
            is taken as the least privileged). They must be in one of the privilege orders. Global
            admin(istrator) stays reserved for the tasks no other role can do, and a single GDAP task
            still gets its table role.

    Returns:
        The :class:`LeastPrivilege` advice.

    Raises:
        InvalidInput: An unknown task; a ``prefer`` that is not an iterable of roles (``wrong_type``),
            names a role twice (``duplicate``) or names a role no order ranks (``not_allowed``).

    >>> from cspcore.roles import GdapTask, PartnerRole, Task
    >>> sorted(r.value for r in least_privileged(GdapTask.USERS_ADD_USER_TO_GROUP).roles)
    ['User administrator']
    >>> sorted(r.value for r in least_privileged([Task.VIEW_INVOICES, Task.REQUEST_GDAP]).roles)
    ['Admin agent']
    >>> support = [Task.PROVIDE_BILLING_SUPPORT, Task.ESCALATE_TO_MICROSOFT]
    >>> [r.value for r in least_privileged(support).roles]
    ['Sales agent']
    >>> [r.value for r in least_privileged(support, prefer=[PartnerRole.HELPDESK_AGENT]).roles]
    ['Helpdesk agent']
    """
    asked = _tasks(tasks)
    preferred = _preferred(prefer)
    rank = _rank_with(preferred)
    partner_tasks = tuple(t for t in asked if isinstance(t, Task))
    gdap_tasks = tuple(t for t in asked if isinstance(t, GdapTask))
    reasons: list[Reason] = []
    partner, partner_global = _solve(partner_tasks, PARTNER_PRIVILEGE_ORDER, PartnerRole.GLOBAL_ADMIN, rank)
    single = gdap_tasks[0] if len(gdap_tasks) == 1 else None
    if single is not None and isinstance(single.least_privileged, EntraRole):
        entra: frozenset[AnyRole] = frozenset((single.least_privileged,))
        entra_global: tuple[AnyTask, ...] = (
            (single,) if single.least_privileged is EntraRole.GLOBAL_ADMINISTRATOR else ()
        )
    else:
        entra, entra_global = _solve(gdap_tasks, ENTRA_PRIVILEGE_ORDER, EntraRole.GLOBAL_ADMINISTRATOR, rank)
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
    relied_on: dict[AnyTask, AnyRole] = {}
    for task in asked:
        performers = _performers(task)
        role = min((r for r in chosen if r in performers), key=rank.__getitem__)
        by_role[role].append(task)
        relied_on[task] = role
        reasons.append(_covered_reason(task, role))
    covers = tuple(
        (role, tuple(by_role[role])) for role in sorted(chosen, key=ORDER.__getitem__) if by_role[role]
    )
    ranking = _ranking(asked, relied_on, by_role, preferred, rank)
    return LeastPrivilege(
        tasks=frozenset(asked),
        roles=frozenset(role for role, _ in covers),
        covers=covers,
        reasons=tuple(reasons),
        ranking=ranking,
    )


def _ranking(
    asked: tuple[AnyTask, ...],
    relied_on: Mapping[AnyTask, AnyRole],
    by_role: Mapping[AnyRole, list[AnyTask]],
    preferred: tuple[AnyRole, ...],
    rank: Mapping[AnyRole, int],
) -> tuple[Reason, ...]:
    """The order used and, per task, every other ranked role that could do it and why it lost."""
    ranking: list[Reason] = []
    if any(isinstance(t, Task) for t in asked):
        ranking.append(_order_reason(PARTNER_PRIVILEGE_ORDER, preferred, rank, PARTNER_ORDER_SOURCE))
    if any(isinstance(t, GdapTask) for t in asked):
        ranking.append(_order_reason(ENTRA_PRIVILEGE_ORDER, preferred, rank, ENTRA_ORDER_SOURCE))
    for task in asked:
        role = relied_on[task]
        others = [r for r in _performers(task) if r in rank and r not in by_role]
        higher = tuple(sorted((r for r in others if rank[r] > rank[role]), key=rank.__getitem__))
        for other in sorted((r for r in others if rank[r] < rank[role]), key=rank.__getitem__):
            missing = tuple(t for t in by_role[role] if other not in _performers(t))
            if missing:
                ranking.append(
                    Reason(
                        code="roles.least.needs_more_roles",
                        params={"task": task, "role": role, "alternative": other, "missing": missing},
                        source=_source_of(task),
                    )
                )
            else:  # only a single GDAP task keeps its table role over a lower-ranked one
                ranking.append(
                    Reason(
                        code="roles.least.table_choice",
                        params={"task": task, "role": role, "alternative": other},
                        source=TABLE_SOURCE,
                    )
                )
        if higher:
            ranking.append(
                Reason(
                    code="roles.least.more_privileged",
                    params={"task": task, "role": role, "others": higher},
                    source=PARTNER_ORDER_SOURCE if isinstance(task, Task) else ENTRA_ORDER_SOURCE,
                )
            )
    return tuple(ranking)


def _order_reason(
    order: tuple[AnyRole, ...], preferred: tuple[AnyRole, ...], rank: Mapping[AnyRole, int], source: Source
) -> Reason:
    kind = type(order[0])
    used = tuple(sorted(order, key=rank.__getitem__))
    mine = tuple(r for r in preferred if isinstance(r, kind))
    if mine:
        return Reason(code="roles.least.preferred", params={"preferred": mine, "order": used}, source=source)
    return Reason(code="roles.least.order", params={"order": used}, source=source)


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
