"""The straightforward reading of an access check, kept as the reference the fast ``can`` is tested against.

This is ``can`` as it was before the per-role-set table (issue 19): every call reads each role, then
intersects, then builds its reasons and a checked :class:`~cspcore.roles.Decision`; nothing is kept
between calls. One rule is stated more widely than before: an item of a collection that is equal (as
Python's dicts compare) to a role or to one of its exact names is that role (before, only the items
of a frozenset of the task's kind were taken so, and other items had to be roles or names). It uses
public names, and the package's validation helpers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cspcore import _validate
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.roles import Decision, EntraRole, GdapTask, PartnerRole, Task, TaskRule, roles_for, task_rule
from cspcore.roles.gdap_tasks import MODEL_SOURCES, TABLE_SOURCE
from cspcore.roles.tasks import OVERVIEW_SOURCE

AnyRole = PartnerRole | EntraRole
AnyTask = Task | GdapTask

OVERVIEW = Source(document="permissions-overview.md", section="User roles, permissions, and workspace access")
EVERY_ROLE: frozenset[AnyRole] = frozenset((*PartnerRole, *EntraRole))
ORDER: dict[object, int] = {role: index for index, role in enumerate((*PartnerRole, *EntraRole))}


def sorted_roles(items: Iterable[AnyRole]) -> tuple[AnyRole, ...]:
    return tuple(sorted(items, key=ORDER.__getitem__))


def read_task(task: object) -> AnyTask:
    if isinstance(task, (Task, GdapTask)):
        return task
    if isinstance(task, str) and task.upper() in GdapTask.__members__:
        return GdapTask[task.upper()]
    return _validate.enum_member(Task, task, "task")


def read_role(value: object, kind: type[PartnerRole | EntraRole]) -> AnyRole:
    if isinstance(value, (PartnerRole, EntraRole)):
        return value
    if isinstance(value, str):
        try:
            return kind.lookup(value)
        except InvalidInput as error:
            other = EntraRole if kind is PartnerRole else PartnerRole
            try:
                return other.lookup(value)
            except InvalidInput:
                pass
            raise error.renamed("roles") from None
    expected = "Partner Center role" if kind is PartnerRole else "Microsoft Entra role"
    raise InvalidInput("roles", f"expected a {expected} ({kind.__name__})", value, code=ErrorCode.WRONG_TYPE)


def read_roles(roles: object, kind: type[PartnerRole | EntraRole]) -> frozenset[AnyRole]:
    if isinstance(roles, (PartnerRole, EntraRole, str)):
        return frozenset((read_role(roles, kind),))
    if isinstance(roles, Mapping) or not isinstance(roles, Iterable):
        raise InvalidInput(
            "roles", "expected a role or an iterable of roles", roles, code=ErrorCode.WRONG_TYPE
        )
    return frozenset(read_item(item, kind) for item in _validate.bounded(roles, "roles"))


def exact(kind: type[PartnerRole | EntraRole]) -> dict[object, AnyRole]:
    """Every role, and its display name, member name and lower-case display name, read as ``kind``."""
    found: dict[object, AnyRole] = {role: role for role in EVERY_ROLE}
    for role in EVERY_ROLE:
        for spelling in (role.value, role.name, role.value.lower()):
            found[spelling] = read_role(spelling, kind)
    return found


EXACT = {PartnerRole: exact(PartnerRole), EntraRole: exact(EntraRole)}


def read_item(item: object, kind: type[PartnerRole | EntraRole]) -> AnyRole:
    """An item of a collection: equal (as dicts compare) to a role or one of its exact names, or read."""
    try:
        found = EXACT[kind].get(item)
    except Exception:  # noqa: BLE001 - not hashable or comparable: read it
        found = None
    return read_role(item, kind) if found is None else found


def disagreement(rule: TaskRule, other: Source, other_roles: frozenset[PartnerRole]) -> Reason:
    followed: dict[str, Any] = {
        "task": rule.task,
        "page": rule.source.document,
        "page_roles": sorted_roles(rule.roles),
    }
    if other.document == OVERVIEW_SOURCE.document:
        overview = {**followed, "overview_roles": sorted_roles(other_roles)}
        return Reason(code="roles.can.page_over_overview", params=overview, source=other)
    pages = {**followed, "other_page": other.document, "other_roles": sorted_roles(other_roles)}
    return Reason(code="roles.task.pages_disagree", params=pages, source=other)


def reference_can(roles: object, task: object, on: object = None) -> Decision:  # noqa: PLR0912 - every case spelt out
    """The decision, worked out from scratch."""
    found = read_task(task)
    day = None if on is None else _validate.date(on, "on")
    if isinstance(found, Task):
        rule = task_rule(found) if day is None else task_rule(found, on=day)
        kind: type[PartnerRole | EntraRole] = PartnerRole
        allowed: frozenset[AnyRole] = frozenset(rule.roles)
        source = rule.source
        trailing = tuple(disagreement(rule, other, named) for other, named in rule.disagreements)
    else:
        kind, allowed, source, trailing = EntraRole, frozenset(roles_for(found)), MODEL_SOURCES[0], ()
    asked = read_roles(roles, kind)
    own = frozenset(role for role in asked if isinstance(role, kind))
    granted = asked & allowed
    wrong = asked - own
    if isinstance(found, Task):
        if granted:
            reason = Reason(
                code="roles.can.granted",
                params={"task": found, "roles": sorted_roles(granted)},
                source=source,
            )
        elif not own:
            reason = Reason(code="roles.can.no_roles", params={"task": found}, source=OVERVIEW)
        else:
            params = {"task": found, "roles": sorted_roles(own), "allowed": sorted_roles(allowed)}
            reason = Reason(code="roles.can.denied", params=params, source=source)
        needs = Reason(
            code="roles.can.needs_partner_role",
            params={"task": found, "roles": sorted_roles(wrong)},
            source=task_rule(found).source,
        )
    else:
        if granted:
            cited = TABLE_SOURCE if found.least_privileged in granted else source
            reason = Reason(
                code="roles.gdap.granted",
                params={"task": found, "roles": sorted_roles(granted)},
                source=cited,
            )
        elif not own:
            reason = Reason(code="roles.can.no_roles", params={"task": found}, source=TABLE_SOURCE)
        else:
            params = {"task": found, "roles": sorted_roles(own), "allowed": sorted_roles(allowed)}
            reason = Reason(code="roles.gdap.denied", params=params, source=source)
        needs = Reason(
            code="roles.can.needs_entra_role",
            params={"task": found, "roles": sorted_roles(wrong)},
            source=TABLE_SOURCE,
        )
    if not wrong:
        reasons = (reason, *trailing)
    elif not own:
        reasons = (needs, *trailing)
    else:
        reasons = (reason, needs, *trailing)
    return Decision(
        is_allowed=bool(granted),
        task=found,
        roles=asked,
        granted_by=granted,
        would_allow=allowed,
        reasons=reasons,
    )


__all__ = ["reference_can"]
