"""Field checks shared by the GDAP modules (relationships, requests, effective roles).

Internal: the public names here are for :mod:`cspcore.roles.gdap_relationship`,
:mod:`cspcore.roles.gdap_request` and :mod:`cspcore.roles.gdap_effective` only.

>>> sorted(r.value for r in entra_roles(["Directory readers"]))
['Directory readers']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

from cspcore import _validate
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.roles.catalog import EntraRole

__all__ = [
    "AUTO_EXTEND_SOURCE",
    "customer",
    "duration",
    "entra_index",
    "entra_roles",
    "flag",
    "global_admin_auto_extend",
    "group",
    "group_names",
]

AUTO_EXTEND_SOURCE: Final = Source(
    document="expiring-gdap-relationships-and-auto-extend-gdap",
    section="Don't autoextend GDAP with Global Administrator",
    url="https://learn.microsoft.com/partner-center/customers/expiring-gdap-relationships-and-auto-extend-gdap",
)


def duration(value: int | dt.timedelta) -> dt.timedelta:
    """A relationship's duration: whole days (an int or a ``timedelta``), 1 to 730."""
    if isinstance(value, dt.timedelta):
        if value % dt.timedelta(days=1):
            raise InvalidInput(
                "duration", "must be a whole number of days", value, code=ErrorCode.TOO_PRECISE
            )
        days = value.days
    else:
        days = _validate.integer(value, "duration")
    return dt.timedelta(days=_validate.integer(days, "duration", minimum=1, maximum=730))


def entra_roles(value: Iterable[EntraRole]) -> frozenset[EntraRole]:
    """A non-empty set of Entra roles (members, or their names)."""
    if isinstance(value, (EntraRole, str)) or not isinstance(value, Iterable):
        raise InvalidInput("roles", "expected an iterable of EntraRole", value, code=ErrorCode.WRONG_TYPE)
    roles = frozenset(
        EntraRole.lookup(item) if isinstance(item, str) else _validate.enum_member(EntraRole, item, "roles")
        for item in _validate.bounded(value, "roles")
    )
    if not roles:
        raise InvalidInput("roles", "a relationship needs at least one role", value, code=ErrorCode.EMPTY)
    return roles


def group(value: object, field: str = "group") -> str:
    """A partner security group's name (or object id)."""
    return _validate.text(value, field, max_length=256)


def group_names(groups: object) -> frozenset[str]:
    """The names of an iterable of partner security groups."""
    if isinstance(groups, str) or not isinstance(groups, Iterable):
        raise InvalidInput("groups", "expected an iterable of group names", groups, code=ErrorCode.WRONG_TYPE)
    return frozenset(group(g) for g in _validate.bounded(groups, "groups"))


def flag(value: object, field: str) -> bool:
    """A bool, nothing else."""
    checked: bool = _validate.instance(value, bool, field)
    return checked


def customer(value: object, field: str = "customer_id") -> str:
    """A customer's tenant id."""
    return _validate.text(value, field, max_length=256)


def entra_index(role: EntraRole) -> int:
    """A role's place in the catalog, for listing roles in a stable order."""
    return list(EntraRole).index(role)


def global_admin_auto_extend(roles: frozenset[EntraRole], auto_extend: bool) -> Reason | None:
    """Why auto-extend is refused for ``roles``, or ``None`` when it is allowed.

    >>> global_admin_auto_extend(frozenset({EntraRole.GLOBAL_ADMINISTRATOR}), True).code
    'roles.gdap.auto_extend_global_admin'
    """
    if auto_extend and EntraRole.GLOBAL_ADMINISTRATOR in roles:
        return Reason(
            code="roles.gdap.auto_extend_global_admin",
            params={"role": EntraRole.GLOBAL_ADMINISTRATOR},
            source=AUTO_EXTEND_SOURCE,
        )
    return None
