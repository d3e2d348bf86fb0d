"""GDAP relationships and their lifecycle: duration, status, expiry notices, grants, termination.

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
* auto-extend is a rule by date (:data:`AUTO_EXTEND_RULE`): GDAP started without it ("can't
  autorenew", ``gdap-faq.md``) and it became available for new and existing relationships on
  October 30, 2023 (the September and October 2023 monthly partner updates); it is looked up by the
  UTC day it is switched on, the activation unless ``auto_extend_since`` says later;
* without auto-extend, notices go out 30, 7 and 1 days before the end
  (``gdap-expiring-notifications.md``); a request expires after 90 days (``gdap-faq.md``);
* roles reach partner users only through security groups granted in the relationship

Requests and approval are in :mod:`cspcore.roles.gdap_request`; the roles a partner user holds
through GDAP or DAP are in :mod:`cspcore.roles.gdap_effective`.

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

import datetime as dt
from typing import TYPE_CHECKING, Final

import attrs

from cspcore import _validate
from cspcore._keyword_only import positional_deprecated
from cspcore.enums import CspEnum
from cspcore.errors import ErrorCode, InvalidInput, RuleViolation
from cspcore.explain import Reason, Source
from cspcore.roles import _gdap_fields
from cspcore.roles._gdap_fields import AUTO_EXTEND_FROM, AUTO_EXTEND_RULE
from cspcore.roles.catalog import EntraRole

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "AUTO_EXTEND",
    "AUTO_EXTEND_FROM",
    "AUTO_EXTEND_RULE",
    "MAX_DURATION",
    "NOTICE_DAYS",
    "AutoExtendNotAllowed",
    "ExpiryNotice",
    "GdapRelationship",
    "GdapStatus",
    "RelationshipNotActive",
    "RoleGrant",
    "RoleNotApproved",
    "grant",
    "terminate",
]

#: The longest relationship: two years, written as 730 days.
MAX_DURATION: Final = dt.timedelta(days=730)
#: How far auto-extend rolls the end forward (``P180D``).
AUTO_EXTEND: Final = dt.timedelta(days=180)
#: Expiry notices go out this many days before the end.
NOTICE_DAYS: Final = (30, 7, 1)

_NOTICES_SOURCE: Final = Source(document="gdap-expiring-notifications.md")
_GROUPS_SOURCE: Final = Source(document="gdap-assign-azure-ad-roles.md")


class AutoExtendNotAllowed(RuleViolation, ValueError):
    """Auto-extend was asked with Global administrator, or before it was available.

    The day auto-extend became available is :data:`AUTO_EXTEND_RULE`'s.
    """


class RoleNotApproved(RuleViolation, ValueError):
    """A group was granted a role the customer did not approve in the relationship."""


class RelationshipNotActive(RuleViolation):
    """The relationship is not active at that time (not yet active, expired or terminated)."""


class GdapStatus(CspEnum):
    """Where a relationship stands at an instant (spelled as Graph's ``delegatedAdminRelationship``)."""

    __hash__ = object.__hash__

    APPROVED = "approved"
    ACTIVE = "active"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    TERMINATED = "terminated"

    @property
    def grants_access(self) -> bool:
        """Whether the relationship's roles apply in this status.

        >>> GdapStatus.EXPIRING.grants_access, GdapStatus.EXPIRED.grants_access
        (True, False)
        """
        return self in {GdapStatus.ACTIVE, GdapStatus.EXPIRING}


@attrs.frozen(kw_only=True)
class RoleGrant:
    """Roles of a relationship granted to one partner security group.

    Args:
        group: The security group's name (or object id) in the partner's tenant.
        roles: The roles its members get in the customer's tenant.

    >>> RoleGrant(group="Helpdesk", roles={EntraRole.HELPDESK_ADMINISTRATOR}).group
    'Helpdesk'
    """

    group: str = attrs.field(
        converter=_validate.plain_text, validator=_validate.attrs_validator(_gdap_fields.group)
    )
    roles: frozenset[EntraRole] = attrs.field(converter=_gdap_fields.entra_roles)


def _grants(given: Iterable[RoleGrant]) -> tuple[RoleGrant, ...]:
    # (a text, bytes or a mapping is refused whole: an empty one would pass as no grants at all)
    items = _validate.iterable(given, "grants")
    return tuple(_validate.instance(item, RoleGrant, "grants") for item in items)


def _reason(value: object, field: str) -> Reason:
    return _validate.instance(value, Reason, field)  # type: ignore[no-any-return]


# Instants are kept as the plain datetime ``_validate.aware_datetime`` reads (a subclass's code never
# runs); one named converter per field, so the attrs mypy plugin keeps each argument's type.
def _notice_at(value: dt.datetime) -> dt.datetime:
    return _validate.aware_datetime(value, "at")


def _activated_at(value: dt.datetime) -> dt.datetime:
    return _validate.aware_datetime(value, "activated_at")


def _terminated_at(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else _validate.aware_datetime(value, "terminated_at")


def _auto_extend_since(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else _validate.aware_datetime(value, "auto_extend_since")


def _notice_days(value: object, field: str) -> int:
    return _validate.integer(value, field, minimum=0, maximum=MAX_DURATION.days)


@attrs.frozen(kw_only=True)
class ExpiryNotice:
    """A notice that a relationship will expire.

    Args:
        at: When the notice is due.
        days_before: How many days before the end (30, 7 or 1): a whole number from 0 to 730
            (``MAX_DURATION``), since no relationship lasts longer.
        reason: The notice, renderable in every locale.

    Raises:
        InvalidInput: A naive ``at``, or ``days_before`` not an int from 0 to 730.
    """

    at: dt.datetime = attrs.field(converter=_notice_at)
    days_before: int = attrs.field(validator=_validate.attrs_validator(_notice_days))
    reason: Reason = attrs.field(validator=_validate.attrs_validator(_reason))


@positional_deprecated("customer_id", "roles", "duration", "activated_at")
@attrs.frozen(kw_only=True)
class GdapRelationship:
    """An active (or once active) GDAP relationship with one customer.

    The first four arguments may be given by position, in the order of the issue's contract.

    Args:
        customer_id: The customer's tenant id.
        roles: The Microsoft Entra roles the customer approved.
        duration: Whole days (an int or a ``timedelta``), 1 to 730.
        activated_at: When the customer approved it and it became active (aware).
        auto_extend: Whether the end rolls forward by 180 days when reached.
        grants: The roles granted to partner security groups.
        terminated_at: When it was terminated, if it was.
        auto_extend_since: When auto-extend was switched on, for an existing relationship that
            gained it after its activation (aware; at or after ``activated_at``, before the first
            end and any termination, and only with ``auto_extend``). ``None``: from activation.

    Raises:
        InvalidInput: Bad values (duration out of range, naive datetimes, no roles, an
            ``auto_extend_since`` without auto-extend or outside the relationship's first term).
        AutoExtendNotAllowed: ``auto_extend`` with Global administrator among the roles, or
            switched on (at activation, or at ``auto_extend_since``) before the UTC day auto-extend
            became available (:data:`AUTO_EXTEND_RULE`, reason ``roles.gdap.auto_extend_not_yet``).
        RoleNotApproved: A grant names a role outside ``roles``.

    >>> GdapRelationship(
    ...     customer_id="contoso",
    ...     roles={EntraRole.GLOBAL_ADMINISTRATOR},
    ...     duration=730,
    ...     activated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    ...     auto_extend=True,
    ... )
    Traceback (most recent call last):
    ...
    cspcore.roles.gdap_relationship.AutoExtendNotAllowed: auto-extend is not allowed with Global administrator
    """

    customer_id: str = attrs.field(validator=_validate.attrs_validator(_gdap_fields.customer))
    roles: frozenset[EntraRole] = attrs.field(converter=_gdap_fields.entra_roles)
    duration: dt.timedelta = attrs.field(converter=_gdap_fields.duration)
    activated_at: dt.datetime = attrs.field(converter=_activated_at)
    auto_extend: bool = attrs.field(
        default=False, kw_only=True, validator=_validate.attrs_validator(_gdap_fields.flag)
    )
    grants: tuple[RoleGrant, ...] = attrs.field(default=(), kw_only=True, converter=_grants)
    terminated_at: dt.datetime | None = attrs.field(default=None, kw_only=True, converter=_terminated_at)
    auto_extend_since: dt.datetime | None = attrs.field(
        default=None, kw_only=True, converter=_auto_extend_since
    )

    def __attrs_post_init__(self) -> None:
        refusal = _gdap_fields.global_admin_auto_extend(self.roles, self.auto_extend)
        if refusal is not None:
            raise AutoExtendNotAllowed(
                "auto-extend is not allowed with Global administrator", reasons=(refusal,)
            )
        for item in self.grants:
            extra = item.roles - self.roles
            if extra:
                raise RoleNotApproved(
                    f"group {item.group!r} was granted roles outside the relationship",
                    reasons=(
                        Reason(
                            code="roles.gdap.role_not_approved",
                            params={
                                "group": item.group,
                                "roles": tuple(sorted(extra, key=_gdap_fields.entra_index)),
                            },
                            source=_GROUPS_SOURCE,
                        ),
                    ),
                )
        start = _validate.instant(self.activated_at, "activated_at")
        _validate.later(start, self.duration, "activated_at", self.activated_at)  # the end must exist
        if self.terminated_at is not None and _validate.instant(self.terminated_at, "terminated_at") < start:
            raise InvalidInput(
                "terminated_at", "before activated_at", self.terminated_at, code=ErrorCode.INCONSISTENT
            )
        switched_on = start if self.auto_extend_since is None else self._switched_on(start)
        not_yet = _gdap_fields.auto_extend_not_yet(self.auto_extend, switched_on.date())
        if not_yet is not None:
            raise AutoExtendNotAllowed("auto-extend was not available yet", reasons=(not_yet,))

    def _switched_on(self, start: dt.datetime) -> dt.datetime:
        """``auto_extend_since`` as a UTC instant, checked against the relationship's term."""
        moment = _validate.instant(
            _validate.aware_datetime(self.auto_extend_since, "auto_extend_since"), "auto_extend_since"
        )
        problem = None
        if not self.auto_extend:
            problem = "given without auto_extend"
        elif moment < start:
            problem = "before activated_at"
        elif moment >= start + self.duration:
            problem = "at or after the end: an expired relationship cannot be extended"
        elif self.terminated_at is not None and moment >= _validate.instant(
            self.terminated_at, "terminated_at"
        ):
            problem = "at or after terminated_at"
        if problem is not None:
            raise InvalidInput(
                "auto_extend_since", problem, self.auto_extend_since, code=ErrorCode.INCONSISTENT
            )
        return moment

    def _extending_at(self, moment: dt.datetime) -> bool:
        """Whether auto-extend is on at the UTC instant ``moment``."""
        if not self.auto_extend:
            return False
        return self.auto_extend_since is None or moment >= _validate.instant(
            self.auto_extend_since, "auto_extend_since"
        )

    @property
    def end_at(self) -> dt.datetime:
        """The end of the first term: ``activated_at + duration`` (Graph ``endDateTime``), in UTC.

        Days are whole 24-hour days of elapsed time, as in UTC, whatever the activation's time zone
        (a relationship activated on the eve of a daylight-saving change still lasts 24 hours a day).
        With auto-extend, the end then rolls forward; see :meth:`current_end_at`. A relationship whose
        end would fall after year 9999 is refused when it is built.

        >>> GdapRelationship(
        ...     customer_id="c",
        ...     roles={EntraRole.DIRECTORY_READERS},
        ...     duration=1,
        ...     activated_at=dt.datetime(2024, 2, 28, 12, tzinfo=dt.UTC),
        ... ).end_at.isoformat()
        '2024-02-29T12:00:00+00:00'
        """
        return self.activated_at.astimezone(dt.UTC) + self.duration

    def current_end_at(self, at: dt.datetime) -> dt.datetime:
        """The end in force at ``at``: with auto-extend, the first end after ``at``.

        Args:
            at: The instant (aware).

        Returns:
            :attr:`end_at`, or with auto-extend the end rolled forward by 180 days as often as
            needed to lie after ``at``; at or after ``terminated_at``, the termination (in UTC): the
            relationship ended then, and no longer rolls forward.

        Raises:
            InvalidInput: ``at`` is naive or outside the calendar in UTC, or the end in force would
                fall after year 9999.

        >>> rel = GdapRelationship(
        ...     customer_id="c",
        ...     roles={EntraRole.DIRECTORY_READERS},
        ...     duration=10,
        ...     activated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        ...     auto_extend=True,
        ... )
        >>> rel.current_end_at(dt.datetime(2024, 1, 20, tzinfo=dt.UTC)).date()
        datetime.date(2024, 7, 9)
        """
        moment = _validate.instant(at, "at")
        if self.terminated_at is not None:
            stopped = _validate.instant(self.terminated_at, "terminated_at")
            if moment >= stopped:
                return stopped
        end = self.end_at
        if self.auto_extend and moment >= end:
            periods = (moment - end) // AUTO_EXTEND + 1
            return _validate.later(end, AUTO_EXTEND * periods, "at", at)
        return end

    def status_at(self, at: dt.datetime) -> GdapStatus:
        """The relationship's status at ``at``.

        ``expiring`` is the last 30 days before the end (the first expiry notice); an
        auto-extending relationship never expires, so it stays ``active`` (from ``auto_extend_since``
        when auto-extend was switched on later).

        Args:
            at: The instant (aware).

        Returns:
            The status.

        >>> rel = GdapRelationship(
        ...     customer_id="c",
        ...     roles={EntraRole.DIRECTORY_READERS},
        ...     duration=90,
        ...     activated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        ... )
        >>> [rel.status_at(dt.datetime(2024, m, 1, tzinfo=dt.UTC)).value for m in (1, 3, 4)]
        ['active', 'expiring', 'expired']
        """
        moment = _validate.instant(at, "at")
        if self.terminated_at is not None and moment >= _validate.instant(
            self.terminated_at, "terminated_at"
        ):
            return GdapStatus.TERMINATED
        if moment < _validate.instant(self.activated_at, "activated_at"):
            return GdapStatus.APPROVED
        if self._extending_at(moment):
            return GdapStatus.ACTIVE
        left = self.end_at - moment  # a difference: the end minus 30 days may precede year 1
        if left <= dt.timedelta(0):
            return GdapStatus.EXPIRED
        if left <= dt.timedelta(days=NOTICE_DAYS[0]):
            return GdapStatus.EXPIRING
        return GdapStatus.ACTIVE

    def expiry_notices(self) -> tuple[ExpiryNotice, ...]:
        """The expiry notices due 30, 7 and 1 days before the end.

        Microsoft notifies only relationships that will expire, so an auto-extending one gets
        none (when auto-extend was switched on later, only the notices due before then);
        notices that would fall before activation (short relationships) are not sent, nor those at
        or after ``terminated_at``: a terminated relationship no longer expires.

        Returns:
            The notices, earliest first.

        >>> rel = GdapRelationship(
        ...     customer_id="c",
        ...     roles={EntraRole.DIRECTORY_READERS},
        ...     duration=10,
        ...     activated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        ... )
        >>> [(n.days_before, n.at.date().isoformat()) for n in rel.expiry_notices()]
        [(7, '2024-01-04'), (1, '2024-01-10')]
        """
        if self.auto_extend and self.auto_extend_since is None:
            return ()
        notices = []
        end = self.end_at
        stop = None if self.terminated_at is None else _validate.instant(self.terminated_at, "terminated_at")
        for days in NOTICE_DAYS:
            if end - self.activated_at < dt.timedelta(days=days):  # before activation (or year 1)
                continue
            moment = end - dt.timedelta(days=days)
            if self._extending_at(moment):  # auto-extend was on by then: no more notices
                continue
            if stop is not None and moment >= stop:  # terminated by then: it will not expire
                continue
            notices.append(
                ExpiryNotice(
                    at=moment,
                    days_before=days,
                    reason=Reason(
                        code="roles.gdap.expiry_notice",
                        params={"customer": self.customer_id, "days": days, "end": end},
                        source=_NOTICES_SOURCE,
                    ),
                )
            )
        return tuple(notices)

    def roles_for_groups(self, groups: Iterable[str], *, at: dt.datetime) -> frozenset[EntraRole]:
        """The roles this relationship gives members of ``groups`` at ``at`` (none unless active).

        >>> rel = GdapRelationship(
        ...     customer_id="c",
        ...     roles={EntraRole.DIRECTORY_READERS},
        ...     duration=10,
        ...     activated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        ...     grants=(RoleGrant(group="Readers", roles={EntraRole.DIRECTORY_READERS}),),
        ... )
        >>> sorted(
        ...     r.value for r in rel.roles_for_groups({"Readers"}, at=dt.datetime(2024, 1, 5, tzinfo=dt.UTC))
        ... )
        ['Directory readers']
        """
        if not self.status_at(at).grants_access:
            return frozenset()
        names = _gdap_fields.group_names(groups)
        found: set[EntraRole] = set()
        for item in self.grants:
            if item.group in names:
                found |= item.roles
        return frozenset(found)


def grant(relationship: GdapRelationship, group: str, roles: Iterable[EntraRole]) -> GdapRelationship:
    """A copy of ``relationship`` that also grants ``roles`` to ``group``.

    Args:
        relationship: The relationship.
        group: The partner security group.
        roles: Roles the customer approved in the relationship.

    Returns:
        The new relationship value.

    Raises:
        RoleNotApproved: A role is not among the relationship's roles.

    >>> rel = GdapRelationship(
    ...     customer_id="c",
    ...     roles={EntraRole.USER_ADMINISTRATOR},
    ...     duration=30,
    ...     activated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    ... )
    >>> grant(rel, "Service desk", {EntraRole.USER_ADMINISTRATOR}).grants[0].group
    'Service desk'
    """
    value = _validate.instance(relationship, GdapRelationship, "relationship")
    updated: GdapRelationship = attrs.evolve(
        value, grants=(*value.grants, RoleGrant(group=group, roles=roles))
    )
    return updated


def terminate(relationship: GdapRelationship, *, at: dt.datetime) -> GdapRelationship:
    """Terminate an active relationship at ``at``; its roles stop applying from then on.

    Args:
        relationship: The relationship.
        at: When the partner or customer terminates it (aware).

    Returns:
        The terminated relationship.

    Raises:
        RelationshipNotActive: It is not active (or expiring) at ``at``.

    >>> rel = GdapRelationship(
    ...     customer_id="c",
    ...     roles={EntraRole.DIRECTORY_READERS},
    ...     duration=30,
    ...     activated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    ... )
    >>> terminate(rel, at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC)).status_at(
    ...     dt.datetime(2024, 1, 3, tzinfo=dt.UTC)
    ... ).value
    'terminated'
    """
    value = _validate.instance(relationship, GdapRelationship, "relationship")
    status = value.status_at(at)
    if not status.grants_access:
        raise RelationshipNotActive(
            f"cannot terminate a relationship that is {status.value}",
            reasons=(
                Reason(
                    code="roles.gdap.not_active",
                    params={"customer": value.customer_id, "status": status},
                    source=Source(document="gdap-partner-terminate.md"),
                ),
            ),
        )
    ended: GdapRelationship = attrs.evolve(value, terminated_at=at)
    return ended
