"""The roles: Partner Center's own roles and the Microsoft Entra built-in roles GDAP grants.

Enum values are the display names Microsoft uses, so that they read as the documentation does.

>>> from cspcore.roles import PartnerRole, EntraRole
>>> PartnerRole.BILLING_ADMIN.value
'Billing admin'
>>> EntraRole.SERVICE_SUPPORT_ADMINISTRATOR.value
'Service support administrator'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from cspcore._validate import CspEnum

__all__ = ["EntraRole", "PartnerRole"]


class PartnerRole(CspEnum):
    """A Partner Center role of a partner's own staff (``permissions-overview.md``)."""

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


class EntraRole(CspEnum):
    """A Microsoft Entra built-in role that a GDAP relationship can grant in a customer's tenant."""

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
