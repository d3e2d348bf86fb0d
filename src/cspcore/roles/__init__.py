"""Roles: Partner Center roles, Microsoft Entra (GDAP) roles, tasks and access decisions.

.. versionadded:: 0.1.0
"""

from cspcore.roles.catalog import EntraRole, PartnerRole

__all__ = ["EntraRole", "PartnerRole"]
