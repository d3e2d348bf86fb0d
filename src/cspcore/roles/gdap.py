"""GDAP: relationships, requests, role grants to security groups, and effective roles.

This module gathers the GDAP names in one place; they live in :mod:`cspcore.roles.gdap_relationship`
(relationships, their status, expiry notices, grants and termination, with the rules and their
sources), :mod:`cspcore.roles.gdap_request` (requests and the customer's approval) and
:mod:`cspcore.roles.gdap_effective` (the roles a partner user holds through GDAP or legacy DAP).

>>> from cspcore.roles.gdap import GdapRelationship, GdapRequest, effective_roles
>>> [f.__module__ for f in (GdapRelationship, GdapRequest, effective_roles)]
['cspcore.roles.gdap_relationship', 'cspcore.roles.gdap_request', 'cspcore.roles.gdap_effective']

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
    AUTO_EXTEND_FROM,
    AUTO_EXTEND_RULE,
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
    "AUTO_EXTEND_FROM",
    "AUTO_EXTEND_RULE",
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
