"""Field checks shared by the GDAP modules (relationships, requests, effective roles).

Internal: the public names here are for :mod:`cspcore.roles.gdap_relationship`,
:mod:`cspcore.roles.gdap_request` and :mod:`cspcore.roles.gdap_effective` only.

>>> sorted(r.value for r in entra_roles(["Directory readers"]))
['Directory readers']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Final

from cspcore import _validate
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.roles.catalog import EntraRole
from cspcore.rules import RuleVersion, VersionedRule

__all__ = [
    "AUTO_EXTEND_FROM",
    "AUTO_EXTEND_RULE",
    "AUTO_EXTEND_SOURCE",
    "auto_extend_not_yet",
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

#: The first UTC day a relationship could be set to auto-extend (see :data:`AUTO_EXTEND_RULE`).
AUTO_EXTEND_FROM: Final = dt.date(2023, 10, 30)
_NO_AUTO_EXTEND_SOURCE: Final = Source(
    document="gdap-faq.md", section="Can a GDAP relationship with a customer autorenew?"
)
_AUTO_EXTEND_LAUNCH_SOURCE: Final = Source(
    document="announcements/includes/october-2023/partner-ecosystem-monthly-update.md",
    section="Coming soon: GDAP auto extend feature",
)
_NO_AUTO_EXTEND_NOTE: Final = (
    'At first a GDAP relationship could not be extended: the FAQ answers "No. A GDAP relationship '
    "can't autorenew for security reasons\" and tells the partner to request a new relationship. "
    "No page in the project's sources dates GDAP's launch; this version is dated from the earliest "
    "announcement in them that describes GDAP in use (announcements/2022-november.md) and also "
    "governs every earlier day."
)
_AUTO_EXTEND_LAUNCH_NOTE: Final = (
    "Microsoft's monthly partner updates of September 19 and October 18, 2023 say that starting "
    "October 30, 2023 partners can auto extend new or existing GDAPs by 6 months (the August 15, "
    "2023 update had announced it for October 2023). No hour or time zone is given; cspcore takes "
    "the UTC day. The FAQ (ms.date 10/12/2023) still said relationships can't autorenew: it predates "
    "the launch and is superseded."
)

#: Whether a relationship may be set to auto-extend, by the UTC day it is set so: not at GDAP's
#: start, available for new and existing relationships from October 30, 2023.
AUTO_EXTEND_RULE: Final[VersionedRule[bool]] = VersionedRule(
    name="GDAP auto-extend available",
    versions=(
        RuleVersion(
            effective_from=dt.date(2022, 11, 1),
            value=False,
            source=_NO_AUTO_EXTEND_SOURCE,
            note=_NO_AUTO_EXTEND_NOTE,
        ),
        RuleVersion(
            effective_from=AUTO_EXTEND_FROM,
            value=True,
            source=_AUTO_EXTEND_LAUNCH_SOURCE,
            note=_AUTO_EXTEND_LAUNCH_NOTE,
        ),
    ),
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
    """A non-empty set of Entra roles (members, or their names), from any iterable but a mapping."""
    if isinstance(value, (EntraRole, str, Mapping)) or not isinstance(value, Iterable):
        raise InvalidInput("roles", "expected an iterable of EntraRole", value, code=ErrorCode.WRONG_TYPE)
    roles = frozenset(_entra_role(item) for item in _validate.bounded(value, "roles"))
    if not roles:
        raise InvalidInput("roles", "a relationship needs at least one role", value, code=ErrorCode.EMPTY)
    return roles


def _entra_role(item: object) -> EntraRole:
    """One item of ``roles``: a member, or a name (refused under ``roles``, the caller's argument)."""
    if isinstance(item, str):
        try:
            return EntraRole.lookup(item)
        except InvalidInput as error:
            raise error.renamed("roles") from None
    return _validate.enum_member(EntraRole, item, "roles")


def group(value: object, field: str = "group") -> str:
    """A partner security group's name (or object id)."""
    return _validate.text(value, field, max_length=256)


def group_names(groups: object) -> frozenset[str]:
    """The names of an iterable of partner security groups (not a mapping: its keys are no groups held)."""
    if isinstance(groups, (str, Mapping)) or not isinstance(groups, Iterable):
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


def auto_extend_not_yet(auto_extend: bool, on: dt.date) -> Reason | None:
    """Why auto-extend cannot be set on the UTC day ``on``, or ``None`` when it can (or is not asked).

    The reason cites the version of :data:`AUTO_EXTEND_RULE` in force that day and names the first
    day auto-extend became available.

    >>> auto_extend_not_yet(True, dt.date(2023, 10, 29)).params["available"]
    datetime.date(2023, 10, 30)
    >>> auto_extend_not_yet(True, dt.date(2023, 10, 30)) is None
    True
    """
    if not auto_extend:
        return None
    version = AUTO_EXTEND_RULE.at(on)
    if version.value:
        return None
    available = next(  # the first later version that allows it (the newest one does)
        (
            later.effective_from
            for later in AUTO_EXTEND_RULE.versions
            if later.effective_from > on and later.value
        ),
        AUTO_EXTEND_RULE.current.effective_from,
    )
    return Reason(
        code="roles.gdap.auto_extend_not_yet",
        params={"day": on, "available": available},
        source=version.source,
    )
