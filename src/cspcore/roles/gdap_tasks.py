"""GDAP tasks: the least-privileged-roles-by-task table and a role → capability model.

:class:`GdapTask` holds every row of the table "Least-privileged role by task" in
``gdap-least-privileged-roles-by-task.md`` (ms.date 2/01/2023), with the capability, task and role
written exactly as the table writes them.

The table names one role per task. To know what *else* a role can do (a User administrator can also
reset a non-administrator's password), :func:`roles_for` answers from a model built from Microsoft
Entra's documentation (``MODEL_SOURCES``): the actions each built-in role holds
(learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference) and the tables
"Who can reset passwords" and "Who can perform sensitive actions"
(learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions). The
table's own role is always among the roles that can perform its task.

>>> from cspcore.roles import GdapTask, EntraRole, roles_for
>>> task = GdapTask.lookup("Users", "Reset password for nonadmin")
>>> task.least_privileged
<EntraRole.PASSWORD_ADMINISTRATOR: 'Password administrator'>
>>> EntraRole.USER_ADMINISTRATOR in roles_for(task)
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Final

from cspcore import _validate
from cspcore.enums import CspEnum
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Source
from cspcore.roles.catalog import DefaultPermission, EntraRole

__all__ = ["MODEL_SOURCES", "TABLE_SOURCE", "GdapCapability", "GdapTask", "roles_for", "tasks_of"]

#: Where the table comes from.
TABLE_SOURCE: Final = Source(
    document="gdap-least-privileged-roles-by-task.md", section="Least-privileged role by task"
)

#: Where the role → capability model comes from (Microsoft Entra documentation).
MODEL_SOURCES: Final = (
    Source(
        document="permissions-reference",
        section="Microsoft Entra built-in roles",
        url="https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference",
        publisher="Microsoft Entra",
    ),
    Source(
        document="privileged-roles-permissions",
        section="Who can reset passwords; Who can perform sensitive actions",
        url="https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions",
        publisher="Microsoft Entra",
    ),
)


class GdapCapability(CspEnum):
    """A GDAP capability: the first column of the least-privileged table."""

    __hash__ = object.__hash__

    SUPPORT = "Support"
    USERS = "Users"
    GROUPS = "Groups"
    LICENSES = "Licenses"


_S, _U, _G, _L = GdapCapability.SUPPORT, GdapCapability.USERS, GdapCapability.GROUPS, GdapCapability.LICENSES
_E = EntraRole


class GdapTask(CspEnum):
    """One row of the GDAP least-privileged-roles-by-task table.

    The value is ``(capability, task, least-privileged role as written in the table)``.
    """

    __hash__ = object.__hash__

    SUPPORT_SUBMIT_SUPPORT_TICKET = (_S, "Submit support ticket", "Service support administrator")
    USERS_ADD_USER_TO_DIRECTORY_ROLE = (_U, "Add user to directory role", "Privileged role administrator")
    USERS_ADD_USER_TO_GROUP = (_U, "Add user to group", "User administrator")
    USERS_ASSIGN_LICENSE = (_U, "Assign license", "License administrator")
    USERS_CREATE_GUEST_USER = (_U, "Create guest user", "Guest inviter")
    USERS_RESET_GUEST_USER_INVITATION = (_U, "Reset guest user invitation", "User administrator")
    USERS_CREATE_USER = (_U, "Create user", "User administrator")
    USERS_DELETE_USER = (_U, "Delete user", "User administrator")
    USERS_INVALIDATE_REFRESH_TOKENS_OF_LIMITED_ADMIN = (
        _U,
        "Invalidate refresh tokens of limited admin",
        "User administrator",
    )
    USERS_INVALIDATE_REFRESH_TOKENS_OF_NONADMIN = (
        _U,
        "Invalidate refresh tokens of nonadmin",
        "Password administrator",
    )
    USERS_INVALIDATE_REFRESH_TOKENS_OF_PRIVILEGED_ADMIN = (
        _U,
        "Invalidate refresh tokens of privileged admin",
        "Privileged authentication administrator",
    )
    USERS_READ_BASIC_CONFIGURATION = (_U, "Read basic configuration", "Default user role")
    USERS_RESET_PASSWORD_FOR_LIMITED_ADMIN = (_U, "Reset password for limited admin", "User administrator")
    USERS_RESET_PASSWORD_FOR_NONADMIN = (_U, "Reset password for nonadmin", "Password administrator")
    USERS_RESET_PASSWORD_FOR_PRIVILEGED_ADMIN = (
        _U,
        "Reset password for privileged admin",
        "Privileged authentication administrator",
    )
    USERS_REVOKE_LICENSE = (_U, "Revoke license", "License administrator")
    USERS_UPDATE_ALL_PROPERTIES_EXCEPT_USER_PRINCIPAL_NAME = (
        _U,
        "Update all properties except user principal name",
        "User administrator",
    )
    USERS_UPDATE_USER_PRINCIPAL_NAME_FOR_LIMITED_ADMIN = (
        _U,
        "Update user principal name for limited admin",
        "User administrator",
    )
    USERS_UPDATE_USER_PRINCIPAL_NAME_FOR_PRIVILEGED_ADMIN = (
        _U,
        "Update user principal name for privileged admin",
        "Global administrator",
    )
    USERS_UPDATE_USER_SETTINGS = (_U, "Update user settings", "Global administrator")
    USERS_UPDATE_AUTHENTICATION_METHODS = (
        _U,
        "Update authentication methods",
        "Authentication administrator",
    )
    GROUPS_ASSIGN_LICENSE = (_G, "Assign license", "User administrator")
    GROUPS_CREATE_GROUP = (_G, "Create group", "Groups administrator")
    GROUPS_CREATE_UPDATE_OR_DELETE_ACCESS_REVIEW = (
        _G,
        "Create, update, or delete access review of a group or app",
        "User administrator",
    )
    GROUPS_MANAGE_GROUP_EXPIRATION = (_G, "Manage group expiration", "User administrator")
    GROUPS_MANAGE_GROUP_SETTINGS = (_G, "Manage group settings", "Groups administrator")
    GROUPS_READ_ALL_CONFIGURATION = (
        _G,
        "Read all configuration (except hidden membership)",
        "Directory readers",
    )
    GROUPS_READ_HIDDEN_MEMBERSHIP = (_G, "Read hidden membership", "Group member")
    GROUPS_READ_MEMBERSHIP_OF_GROUPS_WITH_HIDDEN_MEMBERSHIP = (
        _G,
        "Read membership of groups with hidden membership",
        "Help Desk administrator",
    )
    GROUPS_REVOKE_LICENSE = (_G, "Revoke license", "License administrator")
    GROUPS_UPDATE_GROUP_MEMBERSHIP = (_G, "Update group membership", "Group owner")
    GROUPS_UPDATE_GROUP_OWNERS = (_G, "Update group owners", "Group owner")
    GROUPS_UPDATE_GROUP_PROPERTIES = (_G, "Update group properties", "Group owner")
    GROUPS_DELETE_GROUP = (_G, "Delete group", "Groups administrator")
    LICENSES_ASSIGN_LICENSE = (_L, "Assign license", "License administrator")
    LICENSES_READ_ALL_CONFIGURATION = (_L, "Read all configuration", "Directory readers")
    LICENSES_REVOKE_LICENSE = (_L, "Revoke license", "License administrator")

    @property
    def capability(self) -> GdapCapability:
        """The GDAP capability (first column).

        >>> GdapTask.GROUPS_CREATE_GROUP.capability.value
        'Groups'
        """
        capability: GdapCapability = self.value[0]
        return capability

    @property
    def task(self) -> str:
        """The task, worded as the table words it.

        >>> GdapTask.USERS_CREATE_GUEST_USER.task
        'Create guest user'
        """
        task: str = self.value[1]
        return task

    @property
    def table_role(self) -> str:
        """The least-privileged role as the table writes it (``Help Desk administrator``).

        >>> GdapTask.GROUPS_UPDATE_GROUP_OWNERS.table_role
        'Group owner'
        """
        role: str = self.value[2]
        return role

    @property
    def least_privileged(self) -> EntraRole | DefaultPermission:
        """The table's least-privileged role: an Entra role, or a default permission.

        >>> GdapTask.GROUPS_READ_MEMBERSHIP_OF_GROUPS_WITH_HIDDEN_MEMBERSHIP.least_privileged
        <EntraRole.HELPDESK_ADMINISTRATOR: 'Helpdesk administrator'>
        >>> GdapTask.USERS_READ_BASIC_CONFIGURATION.least_privileged
        <DefaultPermission.DEFAULT_USER_ROLE: 'Default user role'>
        """
        return _TABLE_ROLE[self]

    @classmethod
    def lookup(cls, capability: GdapCapability | str, task: str) -> GdapTask:
        """The row with this capability and task (case-insensitive; extra spaces ignored).

        Args:
            capability: ``"Users"``, ``"Groups"``, ``"Licenses"``, ``"Support"`` or a
                :class:`GdapCapability`.
            task: The task as the table words it.

        Returns:
            The row.

        Raises:
            InvalidInput: The table has no such row.

        >>> GdapTask.lookup("groups", "assign LICENSE")
        <GdapTask.GROUPS_ASSIGN_LICENSE: ...>
        """
        cap = _validate.enum_member(GdapCapability, capability, "capability")
        text = _validate.text(task, "task", max_length=200)
        found = _BY_WORDING.get((cap, " ".join(text.casefold().split())))
        if found is None:
            raise InvalidInput(
                "task",
                f"no row of the least-privileged table under {cap.value!r}",
                task,
                code=ErrorCode.UNKNOWN_VALUE,
            )
        return found


_BY_WORDING: Final = {(t.capability, t.task.casefold()): t for t in GdapTask}


def _resolve(wording: str) -> EntraRole | DefaultPermission:
    for permission in DefaultPermission:
        if permission.value == wording:
            return permission
    return EntraRole.lookup(wording)


_TABLE_ROLE: Final = {t: _resolve(t.table_role) for t in GdapTask}

_T = GdapTask
_RESET_NONADMIN: Final = (
    # "Who can reset passwords", row "User (no admin role)": every column.
    _E.PASSWORD_ADMINISTRATOR,
    _E.HELPDESK_ADMINISTRATOR,
    _E.AUTHENTICATION_ADMINISTRATOR,
    _E.USER_ADMINISTRATOR,
    _E.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,
)
_RESET_LIMITED_ADMIN: Final = (
    # "Who can reset passwords", rows Groups Admin, Helpdesk Admin, User Admin: User Admin and
    # Privileged Auth Admin (Helpdesk Admin only for some of them).
    _E.USER_ADMINISTRATOR,
    _E.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,
)
_GROUP_WRITERS: Final = (
    # microsoft.directory/groups/members|owners|basic/update (permissions-reference).
    _E.GROUPS_ADMINISTRATOR,
    _E.USER_ADMINISTRATOR,
    _E.DIRECTORY_WRITERS,
)
_LICENSE_ASSIGNERS: Final = (
    # microsoft.directory/users/assignLicense (permissions-reference).
    _E.LICENSE_ADMINISTRATOR,
    _E.USER_ADMINISTRATOR,
    _E.DIRECTORY_WRITERS,
)
_HIDDEN_MEMBERSHIP_READERS: Final = (
    # microsoft.directory/groups/hiddenMembers/read (Groups, User administrator),
    # groups/allProperties/read (Global reader), and the table's Help Desk administrator.
    _E.GROUPS_ADMINISTRATOR,
    _E.USER_ADMINISTRATOR,
    _E.GLOBAL_READER,
    _E.HELPDESK_ADMINISTRATOR,
)
_DIRECTORY_READERS: Final = (_E.DIRECTORY_READERS, _E.GLOBAL_READER)

#: Which Entra roles (besides Global administrator, which can do everything) can perform each row.
_PERFORMERS: Final[dict[GdapTask, tuple[EntraRole, ...]]] = {
    # microsoft.office365.supportTickets/allEntities/allTasks; the partner page credits Exchange
    # administrator with managing support requests too. License and Password administrator have none.
    _T.SUPPORT_SUBMIT_SUPPORT_TICKET: (
        _E.SERVICE_SUPPORT_ADMINISTRATOR,
        _E.HELPDESK_ADMINISTRATOR,
        _E.USER_ADMINISTRATOR,
        _E.GROUPS_ADMINISTRATOR,
        _E.AUTHENTICATION_ADMINISTRATOR,
        _E.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,
        _E.EXCHANGE_ADMINISTRATOR,
    ),
    _T.USERS_ADD_USER_TO_DIRECTORY_ROLE: (_E.PRIVILEGED_ROLE_ADMINISTRATOR,),
    _T.USERS_ADD_USER_TO_GROUP: _GROUP_WRITERS,
    _T.USERS_ASSIGN_LICENSE: _LICENSE_ASSIGNERS,
    # microsoft.directory/users/inviteGuest.
    _T.USERS_CREATE_GUEST_USER: (_E.GUEST_INVITER, _E.USER_ADMINISTRATOR, _E.DIRECTORY_WRITERS),
    _T.USERS_RESET_GUEST_USER_INVITATION: (_E.USER_ADMINISTRATOR,),
    # microsoft.directory/users/create (User administrator, Directory writers); users/delete.
    _T.USERS_CREATE_USER: (_E.USER_ADMINISTRATOR, _E.DIRECTORY_WRITERS),
    # Privileged authentication administrator may "delete or restore any users".
    _T.USERS_DELETE_USER: (_E.USER_ADMINISTRATOR, _E.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR),
    _T.USERS_INVALIDATE_REFRESH_TOKENS_OF_LIMITED_ADMIN: _RESET_LIMITED_ADMIN,
    _T.USERS_INVALIDATE_REFRESH_TOKENS_OF_NONADMIN: _RESET_NONADMIN,
    _T.USERS_INVALIDATE_REFRESH_TOKENS_OF_PRIVILEGED_ADMIN: (_E.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,),
    # microsoft.directory/users/standard/read (Directory readers); users/allProperties/read.
    _T.USERS_READ_BASIC_CONFIGURATION: _DIRECTORY_READERS,
    _T.USERS_RESET_PASSWORD_FOR_LIMITED_ADMIN: _RESET_LIMITED_ADMIN,
    _T.USERS_RESET_PASSWORD_FOR_NONADMIN: _RESET_NONADMIN,
    _T.USERS_RESET_PASSWORD_FOR_PRIVILEGED_ADMIN: (_E.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,),
    _T.USERS_REVOKE_LICENSE: _LICENSE_ASSIGNERS,
    _T.USERS_UPDATE_ALL_PROPERTIES_EXCEPT_USER_PRINCIPAL_NAME: (_E.USER_ADMINISTRATOR,),
    # "Who can perform sensitive actions": User Admin and Privileged Auth Admin for limited admins.
    _T.USERS_UPDATE_USER_PRINCIPAL_NAME_FOR_LIMITED_ADMIN: _RESET_LIMITED_ADMIN,
    # The table (2023) keeps these two for Global administrator; the model follows the table, although
    # today's reference lets Privileged authentication administrator update sensitive properties,
    # user principal names included, of every user.
    _T.USERS_UPDATE_USER_PRINCIPAL_NAME_FOR_PRIVILEGED_ADMIN: (),
    _T.USERS_UPDATE_USER_SETTINGS: (),
    # Authentication methods: Authentication and Privileged authentication administrator; User
    # administrator "cannot manage MFA".
    _T.USERS_UPDATE_AUTHENTICATION_METHODS: (
        _E.AUTHENTICATION_ADMINISTRATOR,
        _E.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,
    ),
    # microsoft.directory/groups/assignLicense.
    _T.GROUPS_ASSIGN_LICENSE: (*_LICENSE_ASSIGNERS, _E.GROUPS_ADMINISTRATOR),
    # microsoft.directory/groups/create; groups/delete (not Directory writers).
    _T.GROUPS_CREATE_GROUP: _GROUP_WRITERS,
    _T.GROUPS_CREATE_UPDATE_OR_DELETE_ACCESS_REVIEW: (_E.USER_ADMINISTRATOR,),
    # Groups administrator manages "naming and expiration policies".
    _T.GROUPS_MANAGE_GROUP_EXPIRATION: (_E.USER_ADMINISTRATOR, _E.GROUPS_ADMINISTRATOR),
    # microsoft.directory/groups/settings/update.
    _T.GROUPS_MANAGE_GROUP_SETTINGS: _GROUP_WRITERS,
    _T.GROUPS_READ_ALL_CONFIGURATION: _DIRECTORY_READERS,
    _T.GROUPS_READ_HIDDEN_MEMBERSHIP: _HIDDEN_MEMBERSHIP_READERS,
    _T.GROUPS_READ_MEMBERSHIP_OF_GROUPS_WITH_HIDDEN_MEMBERSHIP: _HIDDEN_MEMBERSHIP_READERS,
    _T.GROUPS_REVOKE_LICENSE: (*_LICENSE_ASSIGNERS, _E.GROUPS_ADMINISTRATOR),
    _T.GROUPS_UPDATE_GROUP_MEMBERSHIP: _GROUP_WRITERS,
    _T.GROUPS_UPDATE_GROUP_OWNERS: _GROUP_WRITERS,
    _T.GROUPS_UPDATE_GROUP_PROPERTIES: _GROUP_WRITERS,
    _T.GROUPS_DELETE_GROUP: (_E.GROUPS_ADMINISTRATOR, _E.USER_ADMINISTRATOR),
    _T.LICENSES_ASSIGN_LICENSE: _LICENSE_ASSIGNERS,
    # microsoft.directory/subscribedSkus/standard/read (Directory readers), allProperties (Global reader).
    _T.LICENSES_READ_ALL_CONFIGURATION: _DIRECTORY_READERS,
    _T.LICENSES_REVOKE_LICENSE: _LICENSE_ASSIGNERS,
}


def _build() -> dict[GdapTask, frozenset[EntraRole]]:
    model: dict[GdapTask, frozenset[EntraRole]] = {}
    for task in GdapTask:
        roles = set(_PERFORMERS[task]) | {EntraRole.GLOBAL_ADMINISTRATOR}
        table = _TABLE_ROLE[task]
        if isinstance(table, EntraRole):
            roles.add(table)
        model[task] = frozenset(roles)
    return model


_MODEL: Final = _build()
_BY_ROLE: Final = {role: frozenset(t for t in GdapTask if role in _MODEL[t]) for role in EntraRole}


def roles_for(task: GdapTask | str) -> frozenset[EntraRole]:
    """The Entra roles that can perform a GDAP task, per the capability model.

    Args:
        task: A :class:`GdapTask` (or its member name).

    Returns:
        The roles, always including the table's role (when it is an Entra role) and Global
        administrator.

    Raises:
        InvalidInput: ``task`` is not a row of the table.

    >>> sorted(r.name for r in roles_for(GdapTask.USERS_RESET_PASSWORD_FOR_PRIVILEGED_ADMIN))
    ['GLOBAL_ADMINISTRATOR', 'PRIVILEGED_AUTHENTICATION_ADMINISTRATOR']
    """
    return _MODEL[_gdap_task(task)]


def tasks_of(role: EntraRole | str) -> frozenset[GdapTask]:
    """The GDAP tasks one Entra role can perform, per the capability model.

    Args:
        role: An :class:`EntraRole` (or its display name).

    Returns:
        The tasks.

    Raises:
        InvalidInput: ``role`` is not a modelled Entra role.

    >>> sorted(t.task for t in tasks_of(EntraRole.PASSWORD_ADMINISTRATOR))
    ['Invalidate refresh tokens of nonadmin', 'Reset password for nonadmin']
    """
    if isinstance(role, str):
        try:
            role = EntraRole.lookup(role)
        except InvalidInput as error:
            raise error.renamed("role") from None  # the caller's argument, not lookup's
    return _BY_ROLE[_validate.enum_member(EntraRole, role, "role")]


def _gdap_task(task: object) -> GdapTask:
    if isinstance(task, GdapTask):
        return task
    if isinstance(task, str) and task.upper() in GdapTask.__members__:
        return GdapTask[task.upper()]
    raise InvalidInput(
        "task",
        "expected a GdapTask (use GdapTask.lookup(capability, task))",
        task,
        code=ErrorCode.UNKNOWN_VALUE if isinstance(task, str) else ErrorCode.WRONG_TYPE,
    )
