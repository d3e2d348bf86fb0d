"""Microsoft's table "Least-privileged role by task" (gdap-least-privileged-roles-by-task.md,
ms.date 2/01/2023, kvamseek/partner-center @ 85eb3c4), every row, as printed there."""

from __future__ import annotations

import pytest

from cspcore.roles import DefaultPermission, EntraRole, GdapCapability, GdapTask, least_privileged, roles_for

TABLE = [
    ("Support", "Submit support ticket", "Service support administrator"),
    ("Users", "Add user to directory role", "Privileged role administrator"),
    ("Users", "Add user to group", "User administrator"),
    ("Users", "Assign license", "License administrator"),
    ("Users", "Create guest user", "Guest inviter"),
    ("Users", "Reset guest user invitation", "User administrator"),
    ("Users", "Create user", "User administrator"),
    ("Users", "Delete user", "User administrator"),
    ("Users", "Invalidate refresh tokens of limited admin", "User administrator"),
    ("Users", "Invalidate refresh tokens of nonadmin", "Password administrator"),
    ("Users", "Invalidate refresh tokens of privileged admin", "Privileged authentication administrator"),
    ("Users", "Read basic configuration", "Default user role"),
    ("Users", "Reset password for limited admin", "User administrator"),
    ("Users", "Reset password for nonadmin", "Password administrator"),
    ("Users", "Reset password for privileged admin", "Privileged authentication administrator"),
    ("Users", "Revoke license", "License administrator"),
    ("Users", "Update all properties except user principal name", "User administrator"),
    ("Users", "Update user principal name for limited admin", "User administrator"),
    ("Users", "Update user principal name for privileged admin", "Global administrator"),
    ("Users", "Update user settings", "Global administrator"),
    ("Users", "Update authentication methods", "Authentication administrator"),
    ("Groups", "Assign license", "User administrator"),
    ("Groups", "Create group", "Groups administrator"),
    ("Groups", "Create, update, or delete access review of a group or app", "User administrator"),
    ("Groups", "Manage group expiration", "User administrator"),
    ("Groups", "Manage group settings", "Groups administrator"),
    ("Groups", "Read all configuration (except hidden membership)", "Directory readers"),
    ("Groups", "Read hidden membership", "Group member"),
    ("Groups", "Read membership of groups with hidden membership", "Help Desk administrator"),
    ("Groups", "Revoke license", "License administrator"),
    ("Groups", "Update group membership", "Group owner"),
    ("Groups", "Update group owners", "Group owner"),
    ("Groups", "Update group properties", "Group owner"),
    ("Groups", "Delete group", "Groups administrator"),
    ("Licenses", "Assign license", "License administrator"),
    ("Licenses", "Read all configuration", "Directory readers"),
    ("Licenses", "Revoke license", "License administrator"),
]


def test_every_row_of_the_table_is_a_gdap_task_and_nothing_else() -> None:
    assert sorted(TABLE) == sorted((t.capability.value, t.task, t.table_role) for t in GdapTask)


@pytest.mark.parametrize(("capability", "task", "role"), TABLE)
def test_each_row_is_found_by_its_capability_and_task(capability: str, task: str, role: str) -> None:
    found = GdapTask.lookup(capability, task)
    assert (GdapCapability(capability), task, role) == (found.capability, found.task, found.table_role)


@pytest.mark.parametrize(("capability", "task", "role"), TABLE)
def test_for_one_task_least_privileged_is_the_tables_role(capability: str, task: str, role: str) -> None:
    row = GdapTask.lookup(capability, task)
    advice = least_privileged([row])
    if isinstance(row.least_privileged, DefaultPermission):
        assert row.least_privileged.value == role
        assert len(advice.roles) == 1
        assert advice.reasons[-1].code == "roles.least.default_permission"
    else:
        assert {EntraRole.lookup(role)} == advice.roles
        assert EntraRole.lookup(role) in roles_for(row)


@pytest.mark.parametrize(("capability", "task", "role"), TABLE)
def test_global_administrator_can_do_every_row(capability: str, task: str, role: str) -> None:
    assert role
    assert EntraRole.GLOBAL_ADMINISTRATOR in roles_for(GdapTask.lookup(capability, task))
