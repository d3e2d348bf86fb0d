"""Effective roles: what a partner user holds in a customer's tenant through GDAP or legacy DAP.

Roles reach partner users only through security groups granted in a relationship
(``gdap-assign-azure-ad-roles.md``); GDAP takes precedence over DAP, whose Admin agents group is
Global administrator and Helpdesk agents group Helpdesk administrator in the customer's tenant
(``customers-revoke-admin-privileges.md``).

>>> import datetime as dt
>>> from cspcore.roles import ADMIN_AGENTS, DapRelationship, effective_roles
>>> dap = DapRelationship(customer_id="contoso", established_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
>>> sorted(r.value for r in effective_roles({ADMIN_AGENTS}, [dap], at=dap.established_at).roles)
['Global administrator']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _validate
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.roles import _gdap_fields
from cspcore.roles.catalog import EntraRole
from cspcore.roles.gdap_relationship import GdapRelationship

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["ADMIN_AGENTS", "HELPDESK_AGENTS", "DapRelationship", "EffectiveRoles", "effective_roles"]

#: The DAP security groups of the partner's tenant.
ADMIN_AGENTS: Final = "AdminAgents"
HELPDESK_AGENTS: Final = "HelpdeskAgents"

_GROUPS_SOURCE: Final = Source(document="gdap-assign-azure-ad-roles.md")
_DAP_SOURCE: Final = Source(document="customers-revoke-admin-privileges.md")
_PRECEDENCE_SOURCE: Final = Source(document="gdap-faq.md", section="Roles")


# Instants are kept as plain datetimes: a subclass given is read as the plain ``datetime`` it holds.
def _established_at(value: dt.datetime) -> dt.datetime:
    return _validate.aware_datetime(value, "established_at")


def _removed_at(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else _validate.aware_datetime(value, "removed_at")


@attrs.frozen(kw_only=True)
class DapRelationship:
    """A legacy delegated admin (DAP) relationship with one customer.

    Args:
        customer_id: The customer's tenant id.
        established_at: When it began (aware).
        removed_at: When it was removed, if it was.
    """

    customer_id: str = attrs.field(validator=_validate.attrs_validator(_gdap_fields.customer))
    established_at: dt.datetime = attrs.field(converter=_established_at)
    removed_at: dt.datetime | None = attrs.field(default=None, converter=_removed_at)

    def __attrs_post_init__(self) -> None:
        established = _validate.instant(self.established_at, "established_at")
        if self.removed_at is not None and _validate.instant(self.removed_at, "removed_at") < established:
            raise InvalidInput(
                "removed_at", "before established_at", self.removed_at, code=ErrorCode.INCONSISTENT
            )

    def active_at(self, at: dt.datetime) -> bool:
        """Whether the relationship is in force at ``at``."""
        moment = _validate.instant(at, "at")
        return moment >= _validate.instant(self.established_at, "established_at") and (
            self.removed_at is None or moment < _validate.instant(self.removed_at, "removed_at")
        )


#: The legacy DAP mapping: partner group → role in the customer's tenant.
_DAP_ROLES: Final = {
    ADMIN_AGENTS: EntraRole.GLOBAL_ADMINISTRATOR,
    HELPDESK_AGENTS: EntraRole.HELPDESK_ADMINISTRATOR,
}


@attrs.frozen(kw_only=True)
class EffectiveRoles:
    """The roles a partner user holds in one customer's tenant at an instant.

    Args:
        roles: The roles.
        via: ``"gdap"``, ``"dap"`` or ``"none"``.
        reasons: Why, with sources.
    """

    roles: frozenset[EntraRole] = attrs.field(validator=_validate.attrs_instance_of(frozenset))
    via: str = attrs.field(
        converter=_validate.plain_text, validator=_validate.attrs_validator(_validate.text)
    )
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_instance_of(tuple))

    def __contains__(self, role: object) -> bool:
        return role in self.roles

    def __bool__(self) -> bool:
        return bool(self.roles)


def effective_roles(
    groups: Iterable[str],
    relationships: Iterable[GdapRelationship | DapRelationship],
    *,
    at: dt.datetime,
    customer_id: str | None = None,
) -> EffectiveRoles:
    """The Entra roles a partner user has in a customer's tenant at ``at``.

    GDAP roles come from the grants of relationships that are active (or expiring) at ``at`` to the
    user's security groups; expired, terminated and not-yet-active relationships grant nothing.
    When the user gets any GDAP role, GDAP takes precedence and DAP is ignored ("GDAP access takes
    precedence", ``gdap-faq.md``). Otherwise an active DAP relationship maps the Admin agents group
    to Global administrator and the Helpdesk agents group to Helpdesk administrator.

    Args:
        groups: The partner security groups the user belongs to (``ADMIN_AGENTS`` and
            ``HELPDESK_AGENTS`` for DAP).
        relationships: GDAP and DAP relationships; all with one customer unless ``customer_id``
            picks one.
        at: The instant (aware).
        customer_id: The customer to answer for, when the relationships cover several.

    Returns:
        The :class:`EffectiveRoles`.

    Raises:
        InvalidInput: Bad values, or relationships with several customers and no ``customer_id``.

    >>> from cspcore.roles import RoleGrant
    >>> start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    >>> gdap = GdapRelationship(
    ...     customer_id="c",
    ...     roles={EntraRole.USER_ADMINISTRATOR},
    ...     duration=30,
    ...     activated_at=start,
    ...     grants=(RoleGrant(group="Desk", roles={EntraRole.USER_ADMINISTRATOR}),),
    ... )
    >>> dap = DapRelationship(customer_id="c", established_at=start)
    >>> found = effective_roles({"Desk", ADMIN_AGENTS}, [gdap, dap], at=start + dt.timedelta(days=1))
    >>> found.via, sorted(r.value for r in found.roles)
    ('gdap', ['User administrator'])
    >>> effective_roles({"Desk", ADMIN_AGENTS}, [gdap, dap], at=start + dt.timedelta(days=40)).via
    'dap'
    """
    moment = _validate.aware_datetime(at, "at")
    _validate.instant(moment, "at")
    names = _gdap_fields.group_names(groups)
    items = _relationships(relationships)
    customers = {item.customer_id for item in items}
    if customer_id is not None:
        wanted = _gdap_fields.customer(customer_id)
        items = [item for item in items if item.customer_id == wanted]
    elif len(customers) > 1:
        raise InvalidInput(
            "relationships",
            "span several customers; pass customer_id=",
            sorted(customers),
            code=ErrorCode.NOT_ALLOWED,
        )
    gdap_roles: set[EntraRole] = set()
    for item in items:
        if isinstance(item, GdapRelationship):
            gdap_roles |= item.roles_for_groups(names, at=moment)
    if gdap_roles:
        return EffectiveRoles(
            roles=frozenset(gdap_roles),
            via="gdap",
            reasons=(
                Reason(
                    code="roles.gdap.effective_gdap",
                    params={"roles": tuple(sorted(gdap_roles, key=_gdap_fields.entra_index))},
                    source=_PRECEDENCE_SOURCE,
                ),
            ),
        )
    dap_active = any(isinstance(item, DapRelationship) and item.active_at(moment) for item in items)
    dap_roles = {role for group, role in _DAP_ROLES.items() if group in names} if dap_active else set()
    if dap_roles:
        return EffectiveRoles(
            roles=frozenset(dap_roles),
            via="dap",
            reasons=(
                Reason(
                    code="roles.gdap.effective_dap",
                    params={"roles": tuple(sorted(dap_roles, key=_gdap_fields.entra_index))},
                    source=_DAP_SOURCE,
                ),
            ),
        )
    return EffectiveRoles(
        roles=frozenset(),
        via="none",
        reasons=(Reason(code="roles.gdap.effective_none", params={}, source=_GROUPS_SOURCE),),
    )


def _relationships(value: object) -> list[Any]:
    # (a text, bytes or a mapping is refused whole: an empty one would pass as no relationships at all)
    return [
        _validate.instance(item, (GdapRelationship, DapRelationship), "relationships")
        for item in _validate.iterable(value, "relationships")
    ]
