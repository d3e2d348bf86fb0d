"""A mapping is not a collection of roles, tasks or groups: refused (``wrong_type``), its keys never read."""

from __future__ import annotations

import collections
import datetime as dt
import types
from typing import TYPE_CHECKING, Any

import pytest
from tests.refusals import raises_invalid

import cspcore.roles
from cspcore import ErrorCode
from cspcore.roles import EntraRole, PartnerRole, Task

if TYPE_CHECKING:
    from collections.abc import Callable

loose: Any = cspcore.roles
_AT = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

MAPPINGS: list[Callable[[dict[object, object]], object]] = [
    dict,
    types.MappingProxyType,
    collections.OrderedDict,
    collections.Counter,
]


@pytest.mark.parametrize("kind", MAPPINGS)
def test_can_refuses_a_mapping_of_roles(kind: Callable[[dict[object, object]], object]) -> None:
    with raises_invalid(field="roles", code=ErrorCode.WRONG_TYPE):
        loose.can(kind({"Billing admin": False}), Task.VIEW_INVOICES)


@pytest.mark.parametrize("kind", MAPPINGS)
def test_a_gdap_relationship_refuses_a_mapping_of_roles(
    kind: Callable[[dict[object, object]], object],
) -> None:
    with raises_invalid(field="roles", code=ErrorCode.WRONG_TYPE):
        loose.GdapRelationship(
            customer_id="c",
            roles=kind({EntraRole.USER_ADMINISTRATOR: True}),
            duration=60,
            activated_at=_AT,
        )


def test_a_role_grant_refuses_a_mapping_of_roles() -> None:
    with raises_invalid(field="roles", code=ErrorCode.WRONG_TYPE):
        loose.RoleGrant(group="Helpdesk", roles={EntraRole.HELPDESK_ADMINISTRATOR: 1})


def test_least_privileged_refuses_a_mapping_of_tasks_or_of_preferred_roles() -> None:
    with raises_invalid(field="tasks", code=ErrorCode.WRONG_TYPE):
        loose.least_privileged({Task.VIEW_INVOICES: True})
    with raises_invalid(field="prefer", code=ErrorCode.WRONG_TYPE):
        loose.least_privileged([Task.VIEW_INVOICES], prefer={PartnerRole.BILLING_ADMIN: 1})


def test_the_collections_roles_md_lists_are_still_read() -> None:
    for roles in (
        frozenset({PartnerRole.BILLING_ADMIN}),
        {"Billing admin"},
        ["Billing admin"],
        ("billing ADMIN",),
        (role for role in [PartnerRole.BILLING_ADMIN]),
        PartnerRole.BILLING_ADMIN,
        "Billing admin",
    ):
        assert cspcore.roles.can(roles, Task.VIEW_INVOICES)


@pytest.mark.parametrize("kind", MAPPINGS)
def test_the_groups_a_user_is_in_are_not_a_mapping(kind: Callable[[dict[object, object]], object]) -> None:
    grant = loose.RoleGrant(group="Readers", roles={EntraRole.DIRECTORY_READERS})
    relationship = loose.GdapRelationship(
        customer_id="c", roles={EntraRole.DIRECTORY_READERS}, duration=60, activated_at=_AT, grants=(grant,)
    )
    later = _AT + dt.timedelta(days=1)
    with raises_invalid(field="groups", code=ErrorCode.WRONG_TYPE):
        relationship.roles_for_groups(kind({"Readers": False}), at=later)
    with raises_invalid(field="groups", code=ErrorCode.WRONG_TYPE):
        loose.effective_roles(kind({"Readers": False}), [relationship], at=later)
