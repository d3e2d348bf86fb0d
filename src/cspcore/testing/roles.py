"""Hypothesis strategies for :mod:`cspcore.roles` values.

>>> from hypothesis import given, settings
>>> from cspcore.roles import can
>>> from cspcore.testing.roles import partner_role_sets, tasks
>>> @settings(max_examples=25)
... @given(partner_role_sets(), tasks())
... def test_decisions_are_booleans(roles, task):
...     assert bool(can(roles, task)) in (True, False)
>>> test_decisions_are_booleans()

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from cspcore.roles import (
    AUTO_EXTEND_RULE,
    EntraRole,
    GdapRelationship,
    GdapTask,
    PartnerRole,
    RoleGrant,
    Task,
)

__all__ = [
    "aware_instants",
    "entra_role_sets",
    "entra_roles",
    "gdap_relationships",
    "gdap_tasks",
    "partner_role_sets",
    "partner_roles",
    "tasks",
]

_EPOCH = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)


def partner_roles() -> st.SearchStrategy[PartnerRole]:
    """Any Partner Center role."""
    return st.sampled_from(PartnerRole)


def entra_roles() -> st.SearchStrategy[EntraRole]:
    """Any modelled Microsoft Entra role."""
    return st.sampled_from(EntraRole)


def partner_role_sets(*, max_size: int = 6) -> st.SearchStrategy[frozenset[PartnerRole]]:
    """Frozensets of Partner Center roles (possibly empty)."""
    return st.frozensets(partner_roles(), max_size=max_size)


def entra_role_sets(*, min_size: int = 0, max_size: int = 6) -> st.SearchStrategy[frozenset[EntraRole]]:
    """Frozensets of Entra roles."""
    return st.frozensets(entra_roles(), min_size=min_size, max_size=max_size)


def tasks() -> st.SearchStrategy[Task]:
    """Any partner-side task."""
    return st.sampled_from(Task)


def gdap_tasks() -> st.SearchStrategy[GdapTask]:
    """Any row of the GDAP least-privileged table."""
    return st.sampled_from(GdapTask)


def aware_instants(*, start: dt.datetime = _EPOCH, days: int = 1500) -> st.SearchStrategy[dt.datetime]:
    """UTC instants at whole minutes within ``days`` after ``start``."""
    return st.integers(min_value=0, max_value=days * 24 * 60).map(lambda m: start + dt.timedelta(minutes=m))


_RELATIONSHIP_ROLES = st.frozensets(st.sampled_from(EntraRole), min_size=1, max_size=4)
_ACTIVATION_MINUTES = st.integers(min_value=0, max_value=400 * 24 * 60)
_DURATIONS = st.integers(min_value=1, max_value=730)
_MASKS = st.integers(min_value=0, max_value=15)
_OFFSETS = st.none() | st.integers(min_value=0, max_value=730 * 1440)


@st.composite
def gdap_relationships(draw: st.DrawFn, *, customer_id: str = "contoso") -> GdapRelationship:
    """Valid GDAP relationships, sometimes terminated.

    Durations of 1-730 days, auto-extend only without Global administrator and from the day it
    became available (``AUTO_EXTEND_RULE``), grants of approved
    roles to the groups ``Desk``, ``Billing`` and ``Ops``.
    """
    roles = draw(_RELATIONSHIP_ROLES)
    activated_at = _EPOCH + dt.timedelta(minutes=draw(_ACTIVATION_MINUTES))
    auto_extend = (
        EntraRole.GLOBAL_ADMINISTRATOR not in roles
        and AUTO_EXTEND_RULE.at(activated_at.date()).value
        and draw(st.booleans())
    )
    duration = draw(_DURATIONS)
    ordered = sorted(roles, key=lambda r: r.value)
    grants = []
    for group in ("Desk", "Billing", "Ops"):
        mask = draw(_MASKS) % (1 << len(ordered))
        granted = frozenset(role for i, role in enumerate(ordered) if mask >> i & 1)
        if granted:
            grants.append(RoleGrant(group=group, roles=granted))
    offset = draw(_OFFSETS)
    terminated_at = (
        None if offset is None else activated_at + dt.timedelta(minutes=min(offset, duration * 1440))
    )
    return GdapRelationship(
        customer_id=customer_id,
        roles=roles,
        duration=duration,
        activated_at=activated_at,
        auto_extend=auto_extend,
        grants=tuple(grants),
        terminated_at=terminated_at,
    )
