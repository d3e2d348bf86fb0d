"""GDAP relationships, their lifecycle, role grants to security groups, and effective roles.

This module gathers the GDAP names in one place; they live in :mod:`cspcore.roles.gdap_relationship`
(relationships, status, notices, grants, termination), :mod:`cspcore.roles.gdap_request` (requests
and approval) and :mod:`cspcore.roles.gdap_effective` (effective roles through GDAP or DAP).

A granular delegated admin privileges (GDAP) relationship gives a partner time-bound access to a
customer's tenant with the Microsoft Entra roles the customer approved. Rules (sources in
``microsoft-csp.md`` §3.3):

* the duration is 1 to 730 days ("between P1D and P2Y inclusive"; ``gdap-faq.md``,
  ``gdap-bulk-migration-tool.md``) and the end is ``activated_at + duration``;
* every duration is elapsed time (a day is 24 hours, across daylight-saving changes too) and every
  instant is compared as an instant: in the hour repeated when summer time ends, 01:10 EST
  (``fold=1``) comes after 01:50 EDT;
* auto-extend adds 180 days each time the end is reached (``autoExtendDuration`` ``P180D``) and is
  refused when Global administrator is among the roles ("Don't autoextend GDAP with Global
  Administrator", expiring-gdap-relationships-and-auto-extend-gdap);
* without auto-extend, notices go out 30, 7 and 1 days before the end
  (``gdap-expiring-notifications.md``); a request expires after 90 days (``gdap-faq.md``);
* roles reach partner users only through security groups granted in the relationship
  (``gdap-assign-azure-ad-roles.md``); GDAP takes precedence over DAP, whose Admin agents group is
  Global administrator and Helpdesk agents group Helpdesk administrator in the customer's tenant
  (``customers-revoke-admin-privileges.md``).

>>> import datetime as dt
>>> from cspcore.roles import EntraRole, GdapRelationship, GdapStatus
>>> rel = GdapRelationship(
...     customer_id="contoso",
...     roles={EntraRole.HELPDESK_ADMINISTRATOR},
...     duration=30,
...     activated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
... )
>>> rel.end_at.isoformat()
'2024-01-31T00:00:00+00:00'
>>> rel.status_at(dt.datetime(2024, 1, 25, tzinfo=dt.UTC)) is GdapStatus.EXPIRING
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from cspcore.roles.gdap_effective import (
    ADMIN_AGENTS,
    HELPDESK_AGENTS,
    DapRelationship,
    EffectiveRoles,
    effective_roles,
)
from cspcore.roles.gdap_relationship import (
    AUTO_EXTEND,
    MAX_DURATION,
    NOTICE_DAYS,
    AutoExtendNotAllowed,
    ExpiryNotice,
    GdapRelationship,
    GdapStatus,
    RelationshipNotActive,
    RoleGrant,
    RoleNotApproved,
    grant,
    terminate,
)
from cspcore.roles.gdap_request import REQUEST_LIFETIME, GdapRequest, RequestExpired, approve

__all__ = [
    "ADMIN_AGENTS",
    "AUTO_EXTEND",
    "HELPDESK_AGENTS",
    "MAX_DURATION",
    "NOTICE_DAYS",
    "REQUEST_LIFETIME",
    "AutoExtendNotAllowed",
    "DapRelationship",
    "EffectiveRoles",
    "ExpiryNotice",
    "GdapRelationship",
    "GdapRequest",
    "GdapStatus",
    "RelationshipNotActive",
    "RequestExpired",
    "RoleGrant",
    "RoleNotApproved",
    "approve",
    "effective_roles",
    "grant",
    "terminate",
]
