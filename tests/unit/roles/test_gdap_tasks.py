from __future__ import annotations

import pytest

from cspcore import InvalidInput
from cspcore.roles import (
    ENTRA_PRIVILEGE_ORDER,
    EntraRole,
    GdapCapability,
    GdapTask,
    least_privileged,
    roles_for,
    tasks_of,
)


def test_lookup_ignores_case_and_extra_spaces() -> None:
    assert GdapTask.USERS_RESET_PASSWORD_FOR_NONADMIN is GdapTask.lookup(
        "USERS", "  reset  PASSWORD for nonadmin"
    )


def test_lookup_accepts_a_capability_member() -> None:
    assert GdapTask.LICENSES_ASSIGN_LICENSE is GdapTask.lookup(GdapCapability.LICENSES, "Assign license")


def test_the_same_task_under_another_capability_is_another_row() -> None:
    assert GdapTask.lookup("Users", "Assign license") is not GdapTask.lookup("Groups", "Assign license")


@pytest.mark.parametrize(
    ("capability", "task"), [("Users", "Fly"), ("Support", "Create user"), ("Nope", "Create user")]
)
def test_unknown_rows_are_invalid_input(capability: str, task: str) -> None:
    with pytest.raises(InvalidInput):
        GdapTask.lookup(capability, task)


def test_a_user_administrator_can_also_reset_a_nonadmins_password() -> None:
    assert EntraRole.USER_ADMINISTRATOR in roles_for(GdapTask.USERS_RESET_PASSWORD_FOR_NONADMIN)


def test_only_privileged_authentication_and_global_administrators_reset_privileged_admins() -> None:
    expected = {EntraRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, EntraRole.GLOBAL_ADMINISTRATOR}
    assert expected == roles_for(GdapTask.USERS_RESET_PASSWORD_FOR_PRIVILEGED_ADMIN)


def test_license_and_password_administrators_cannot_submit_support_tickets() -> None:
    performers = roles_for(GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET)
    assert EntraRole.LICENSE_ADMINISTRATOR not in performers
    assert EntraRole.PASSWORD_ADMINISTRATOR not in performers


def test_user_administrator_cannot_update_authentication_methods() -> None:
    assert EntraRole.USER_ADMINISTRATOR not in roles_for(GdapTask.USERS_UPDATE_AUTHENTICATION_METHODS)


def test_tasks_of_and_roles_for_agree() -> None:
    for role in EntraRole:
        for task in GdapTask:
            assert (task in tasks_of(role)) == (role in roles_for(task))


def test_tasks_of_accepts_a_display_name() -> None:
    assert tasks_of("Guest inviter") == {GdapTask.USERS_CREATE_GUEST_USER}


def test_global_administrator_can_do_everything() -> None:
    assert set(GdapTask) == tasks_of(EntraRole.GLOBAL_ADMINISTRATOR)


def test_roles_for_accepts_member_names_and_refuses_others() -> None:
    assert roles_for("users_create_user") == roles_for(GdapTask.USERS_CREATE_USER)
    with pytest.raises(InvalidInput):
        roles_for("Create user")


def test_tasks_of_refuses_unknown_roles() -> None:
    with pytest.raises(InvalidInput):
        tasks_of(3)  # type: ignore[arg-type]


def test_the_privilege_order_ends_with_global_administrator() -> None:
    assert EntraRole.GLOBAL_ADMINISTRATOR is ENTRA_PRIVILEGE_ORDER[-1]
    assert len(set(ENTRA_PRIVILEGE_ORDER)) == len(ENTRA_PRIVILEGE_ORDER)


def test_directory_writers_are_never_proposed() -> None:
    advice = least_privileged([GdapTask.USERS_CREATE_USER, GdapTask.USERS_ASSIGN_LICENSE])
    assert {EntraRole.USER_ADMINISTRATOR} == advice.roles
