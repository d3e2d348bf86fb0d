"""The roles: Partner Center's own roles and the Microsoft Entra built-in roles GDAP grants.

Enum values are the display names Microsoft uses, so that they read as the documentation does.
Both enums look members up by display name, case-insensitively (``lookup``).

>>> from cspcore.roles import PartnerRole, EntraRole
>>> PartnerRole.BILLING_ADMIN.value
'Billing admin'
>>> EntraRole.SERVICE_SUPPORT_ADMINISTRATOR.value
'Service support administrator'
>>> EntraRole.lookup("help desk ADMINISTRATOR")
<EntraRole.HELPDESK_ADMINISTRATOR: 'Helpdesk administrator'>

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Final

from cspcore import _validate
from cspcore.enums import CspEnum
from cspcore.errors import ErrorCode, InvalidInput

__all__ = ["DefaultPermission", "EntraRole", "PartnerRole"]


def _fold(name: str) -> str:
    return "".join(name.casefold().split()).replace("-", "").replace("_", "")


class PartnerRole(CspEnum):
    """A Partner Center role of a partner's own staff (``permissions-overview.md``).

    Members hash by identity: they are singletons, and access checks hash them on every call.
    """

    __hash__ = object.__hash__

    GLOBAL_ADMIN = "Global admin"
    ACCOUNT_ADMIN = "Account admin"
    ADMIN_AGENT = "Admin agent"
    SALES_AGENT = "Sales agent"
    HELPDESK_AGENT = "Helpdesk agent"
    BILLING_ADMIN = "Billing admin"
    USER_MANAGEMENT_ADMIN = "User management admin"
    MPN_PARTNER_ADMIN = "MPN Partner Admin"
    REFERRALS_ADMIN = "Referrals admin"
    REFERRALS_USER = "Referrals user"
    BUSINESS_PROFILE_ADMIN = "Business profile admin"
    CO_SELL_SOLUTION_ADMIN = "Co-sell solution admin"
    INCENTIVES_ADMIN = "Incentives admin"
    INCENTIVES_USER = "Incentives user"
    EXECUTIVE_REPORT_VIEWER = "Executive report viewer"
    REPORT_VIEWER = "Report viewer"

    @property
    def display_name(self) -> str:
        """The role's name as Partner Center shows it (in English).

        >>> PartnerRole.MPN_PARTNER_ADMIN.display_name
        'MPN Partner Admin'
        """
        return self.value

    @classmethod
    def lookup(cls, display_name: str) -> PartnerRole:
        """The role with this display name, ignoring case, spaces and hyphens.

        Args:
            display_name: A name such as ``"billing admin"`` or ``"Co-Sell Solution admin"``.

        Returns:
            The matching role.

        Raises:
            InvalidInput: No Partner Center role has that name.

        >>> PartnerRole.lookup("MPN partner admin")
        <PartnerRole.MPN_PARTNER_ADMIN: 'MPN Partner Admin'>
        """
        text = _validate.text(display_name, "display_name", max_length=200)
        found = _PARTNER_BY_NAME.get(_fold(text))
        if found is None:
            raise InvalidInput(
                "display_name",
                "no Partner Center role has this name",
                display_name,
                code=ErrorCode.UNKNOWN_VALUE,
            )
        return found


_PARTNER_BY_NAME: Final = {_fold(role.value): role for role in PartnerRole}


class EntraRole(CspEnum):
    """A Microsoft Entra built-in role that a GDAP relationship can grant in a customer's tenant.

    The members are the roles that ``gdap-least-privileged-roles-by-task.md`` names (its
    least-privileged table, its indirect-provider table and its tier-1 technician table) and the
    Helpdesk administrator role that legacy DAP grants (``customers-revoke-admin-privileges.md``).
    Display names follow Microsoft Entra's permissions reference (learn.microsoft.com/entra/identity/
    role-based-access-control/permissions-reference).
    """

    __hash__ = object.__hash__

    GLOBAL_ADMINISTRATOR = "Global administrator"
    GLOBAL_READER = "Global reader"
    SERVICE_SUPPORT_ADMINISTRATOR = "Service support administrator"
    HELPDESK_ADMINISTRATOR = "Helpdesk administrator"
    DIRECTORY_READERS = "Directory readers"
    DIRECTORY_WRITERS = "Directory writers"
    USER_ADMINISTRATOR = "User administrator"
    LICENSE_ADMINISTRATOR = "License administrator"
    PASSWORD_ADMINISTRATOR = "Password administrator"  # noqa: S105 - a role name, not a secret
    PRIVILEGED_AUTHENTICATION_ADMINISTRATOR = "Privileged authentication administrator"
    PRIVILEGED_ROLE_ADMINISTRATOR = "Privileged role administrator"
    AUTHENTICATION_ADMINISTRATOR = "Authentication administrator"
    GUEST_INVITER = "Guest inviter"
    GROUPS_ADMINISTRATOR = "Groups administrator"
    SECURITY_READER = "Security reader"
    INTUNE_ADMINISTRATOR = "Intune administrator"
    SHAREPOINT_ADMINISTRATOR = "SharePoint administrator"
    TEAMS_COMMUNICATIONS_SUPPORT_SPECIALIST = "Teams communications support specialist"
    DESKTOP_ANALYTICS_ADMINISTRATOR = "Desktop analytics administrator"
    EXCHANGE_ADMINISTRATOR = "Exchange administrator"
    MESSAGE_CENTER_READER = "Message center reader"
    PRINTER_ADMINISTRATOR = "Printer administrator"

    @property
    def display_name(self) -> str:
        """The role's name as Microsoft Entra's permissions reference writes it.

        >>> EntraRole.GUEST_INVITER.display_name
        'Guest inviter'
        """
        return self.value

    @classmethod
    def lookup(cls, display_name: str) -> EntraRole:
        """The role with this display name, ignoring case, spaces and hyphens.

        Microsoft writes some names two ways (``Help Desk administrator`` and ``Helpdesk
        administrator``, ``Directory reader`` in the tier-1 table); both spellings are found.

        Args:
            display_name: A role's display name.

        Returns:
            The matching role.

        Raises:
            InvalidInput: No modelled Entra role has that name.

        >>> EntraRole.lookup("USER ADMINISTRATOR")
        <EntraRole.USER_ADMINISTRATOR: 'User administrator'>
        """
        text = _validate.text(display_name, "display_name", max_length=200)
        found = _ENTRA_BY_NAME.get(_fold(text))
        if found is None:
            raise InvalidInput(
                "display_name",
                "no modelled Microsoft Entra role has this name",
                display_name,
                code=ErrorCode.UNKNOWN_VALUE,
            )
        return found


_ENTRA_BY_NAME: Final = {
    **{_fold(role.value): role for role in EntraRole},
    # Spellings used by gdap-least-privileged-roles-by-task.md.
    _fold("Help Desk administrator"): EntraRole.HELPDESK_ADMINISTRATOR,
    _fold("Directory reader"): EntraRole.DIRECTORY_READERS,
    _fold("Printer administration"): EntraRole.PRINTER_ADMINISTRATOR,
}


class DefaultPermission(CspEnum):
    """A permission that the least-privileged table names instead of an Entra role.

    A user of the customer's own tenant holds these without any role (the default user
    permissions, group membership or ownership). A partner user acting through GDAP is not such a
    user, so GDAP can grant only Entra roles; :func:`~cspcore.roles.least_privileged` picks the
    least privileged Entra role that has the same capability instead.

    >>> DefaultPermission.GROUP_OWNER.value
    'Group owner'
    """

    __hash__ = object.__hash__

    DEFAULT_USER_ROLE = "Default user role"
    GROUP_MEMBER = "Group member"
    GROUP_OWNER = "Group owner"
