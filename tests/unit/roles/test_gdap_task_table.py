"""GDAP table rows and the capability model: lookups, their refusals, and the roles each row allows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

import cspcore.roles
from cspcore import ErrorCode, InvalidInput
from cspcore.roles import DefaultPermission, EntraRole, GdapCapability, GdapTask, roles_for, tasks_of

if TYPE_CHECKING:
    from collections.abc import Callable

#: The package, untyped, so that the tables below can pass ill-typed arguments.
loose: Any = cspcore.roles
ENTRA_VALUES = ", ".join(role.value for role in EntraRole)
CAPABILITIES = "Support, Users, Groups, Licenses"
LONG = "a" * 201
LONG_SHOWN = repr(LONG)[:77] + "..."
OWNER = DefaultPermission.GROUP_OWNER
NOT_A_TASK = "expected a GdapTask (use GdapTask.lookup(capability, task))"


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (
            lambda: GdapTask.lookup("Nope", "Create user"),
            "capability",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: loose.GdapTask.lookup(None, "Create user"),
            "capability",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: loose.GdapTask.lookup("Users", 3), "task", ErrorCode.WRONG_TYPE),
        (lambda: GdapTask.lookup("Users", "  "), "task", ErrorCode.EMPTY),
        (
            lambda: GdapTask.lookup("Users", LONG),
            "task",
            ErrorCode.TOO_LONG,
        ),
        (
            lambda: GdapTask.lookup("Users", "a" * 200),
            "task",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: GdapTask.lookup(GdapCapability.SUPPORT, "Create user"),
            "task",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: GdapTask.lookup("licenses", "Create-user"),
            "task",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (lambda: roles_for("Create user"), "task", ErrorCode.UNKNOWN_VALUE),
        (lambda: loose.roles_for(3), "task", ErrorCode.WRONG_TYPE),
        (lambda: loose.roles_for(None), "task", ErrorCode.WRONG_TYPE),
        (
            lambda: loose.roles_for(GdapCapability.USERS),
            "task",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.tasks_of(3),
            "role",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.tasks_of(OWNER),
            "role",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: tasks_of("Root"),
            "role",
            ErrorCode.UNKNOWN_VALUE,
        ),
    ],
)
def test_bad_input_names_the_field_the_problem_and_the_value(
    call: Callable[[], object], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert (field, code) == (caught.value.field, caught.value.code)


@pytest.mark.parametrize("task", list(GdapTask), ids=lambda task: task.name)
def test_every_row_is_found_by_its_own_wording_in_any_case_and_spacing(task: GdapTask) -> None:
    wording = "  " + "\t ".join(task.task.swapcase().split()) + " "
    assert task is GdapTask.lookup(task.capability.value.upper(), wording)
    assert task is GdapTask.lookup(task.capability, task.task)


@pytest.mark.parametrize("task", list(GdapTask), ids=lambda task: task.name)
def test_every_row_is_found_by_its_member_name_in_any_case(task: GdapTask) -> None:
    assert roles_for(task) is roles_for(task.name.lower())
    assert roles_for(task) is roles_for(task.name)


@pytest.mark.parametrize("role", list(EntraRole), ids=lambda role: role.name)
def test_a_role_is_found_by_its_display_name_or_member_name(role: EntraRole) -> None:
    expected = frozenset(task for task in GdapTask if role in roles_for(task))
    assert (expected, expected, expected) == (
        tasks_of(role),
        tasks_of(role.value.upper()),
        tasks_of(role.name),
    )


@pytest.mark.parametrize(
    ("role", "tasks"),
    [
        (EntraRole.GUEST_INVITER, {GdapTask.USERS_CREATE_GUEST_USER}),
        (
            EntraRole.DIRECTORY_READERS,
            {
                GdapTask.USERS_READ_BASIC_CONFIGURATION,
                GdapTask.GROUPS_READ_ALL_CONFIGURATION,
                GdapTask.LICENSES_READ_ALL_CONFIGURATION,
            },
        ),
        (EntraRole.PRIVILEGED_ROLE_ADMINISTRATOR, {GdapTask.USERS_ADD_USER_TO_DIRECTORY_ROLE}),
        (EntraRole.PRINTER_ADMINISTRATOR, set()),
    ],
)
def test_the_tasks_of_a_role(role: EntraRole, tasks: set[GdapTask]) -> None:
    assert frozenset(tasks) == tasks_of(role)
