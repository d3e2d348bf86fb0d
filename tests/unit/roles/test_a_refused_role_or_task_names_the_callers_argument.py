"""A role or task refused names the caller's argument; a value that is no name at all is of the wrong type.

An unknown name is ``unknown_value`` under ``roles`` (``role`` for ``tasks_of``), not under the
``display_name`` of the lookup that found nothing. A value that is neither a member nor a string
(``3``, ``None``, a member of another enum) is ``wrong_type``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from tests.refusals import raises_invalid

import cspcore.roles
from cspcore import ErrorCode
from cspcore.roles import EntraRole, GdapTask, PartnerRole, Task

if TYPE_CHECKING:
    from collections.abc import Callable

loose: Any = cspcore.roles
_AT = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _relationship(roles: object) -> object:
    return loose.GdapRelationship(customer_id="c", roles=roles, duration=1, activated_at=_AT)


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (lambda: loose.can(["Biling admin"], Task.VIEW_INVOICES), "roles", ErrorCode.UNKNOWN_VALUE),
        (lambda: loose.can("Biling admin", Task.VIEW_INVOICES), "roles", ErrorCode.UNKNOWN_VALUE),
        (lambda: loose.can(iter(["Root"]), GdapTask.USERS_CREATE_USER), "roles", ErrorCode.UNKNOWN_VALUE),
        (lambda: _relationship(["Usr administrator"]), "roles", ErrorCode.UNKNOWN_VALUE),
        (lambda: loose.RoleGrant(group="g", roles=["Root"]), "roles", ErrorCode.UNKNOWN_VALUE),
        (lambda: loose.tasks_of("Usr administrator"), "role", ErrorCode.UNKNOWN_VALUE),
        (lambda: loose.can([PartnerRole.BILLING_ADMIN], 3), "task", ErrorCode.WRONG_TYPE),
        (lambda: loose.can([PartnerRole.BILLING_ADMIN], None), "task", ErrorCode.WRONG_TYPE),
        (
            lambda: loose.can([PartnerRole.BILLING_ADMIN], EntraRole.GLOBAL_READER),
            "task",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: loose.can([PartnerRole.BILLING_ADMIN], "teleport"), "task", ErrorCode.UNKNOWN_VALUE),
        (lambda: _relationship([1]), "roles", ErrorCode.WRONG_TYPE),
        (lambda: _relationship([Task.VIEW_INVOICES]), "roles", ErrorCode.WRONG_TYPE),
        (lambda: loose.tasks_of(None), "role", ErrorCode.WRONG_TYPE),
        (lambda: loose.least_privileged([3]), "task", ErrorCode.WRONG_TYPE),
        (lambda: loose.task_rule(None), "task", ErrorCode.WRONG_TYPE),
    ],
)
def test_a_refusal_names_the_argument_and_the_kind_of_problem(
    call: Callable[[], object], field: str, code: ErrorCode
) -> None:
    with raises_invalid(field=field, code=code):
        call()
