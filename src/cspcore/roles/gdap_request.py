"""GDAP relationship requests: what an Admin agent sends, and the customer's approval.

A request the customer has not approved expires after 90 days (``gdap-faq.md``); approving it
starts the relationship (:class:`~cspcore.roles.gdap_relationship.GdapRelationship`) at that instant.

>>> import datetime as dt
>>> from cspcore.roles import EntraRole, GdapRequest, approve
>>> req = GdapRequest(
...     customer_id="contoso",
...     roles={EntraRole.HELPDESK_ADMINISTRATOR},
...     duration=30,
...     created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
... )
>>> req.expires_at.isoformat()
'2024-03-31T00:00:00+00:00'
>>> approve(req, at=req.expires_at)
Traceback (most recent call last):
...
cspcore.roles.gdap_request.RequestExpired: the request expired before the customer approved it

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs

from cspcore import _validate
from cspcore.errors import ErrorCode, InvalidInput, RuleViolation
from cspcore.explain import Reason, Source
from cspcore.roles import _gdap_fields
from cspcore.roles.catalog import EntraRole
from cspcore.roles.gdap_relationship import AutoExtendNotAllowed, GdapRelationship

__all__ = ["REQUEST_LIFETIME", "GdapRequest", "RequestExpired", "approve"]

#: A request the customer has not approved expires after this long.
REQUEST_LIFETIME: Final = dt.timedelta(days=90)

_FAQ: Final = Source(document="gdap-faq.md", section="Setting up GDAP")


class RequestExpired(RuleViolation):
    """The customer approved a request more than 90 days after it was created."""


def _created_at(value: dt.datetime) -> dt.datetime:
    """A plain aware datetime: a subclass given is read as the plain ``datetime`` it holds."""
    return _validate.aware_datetime(value, "created_at")


@attrs.frozen(kw_only=True)
class GdapRequest:
    """A relationship request an Admin agent sent, awaiting the customer's approval.

    Args:
        customer_id: The customer's tenant id.
        roles: The roles requested.
        duration: Whole days, 1 to 730.
        created_at: When the request was created (aware).
        auto_extend: Whether the relationship will auto-extend: refused with Global administrator,
            and on a request created before the UTC day auto-extend became available
            (:data:`~cspcore.roles.gdap_relationship.AUTO_EXTEND_RULE`).

    >>> req = GdapRequest(
    ...     customer_id="c",
    ...     roles={EntraRole.DIRECTORY_READERS},
    ...     duration=30,
    ...     created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    ... )
    >>> req.expires_at.date()
    datetime.date(2024, 3, 31)
    """

    customer_id: str = attrs.field(validator=_validate.attrs_validator(_gdap_fields.customer))
    roles: frozenset[EntraRole] = attrs.field(converter=_gdap_fields.entra_roles)
    duration: dt.timedelta = attrs.field(converter=_gdap_fields.duration)
    created_at: dt.datetime = attrs.field(converter=_created_at)
    auto_extend: bool = attrs.field(default=False, validator=_validate.attrs_validator(_gdap_fields.flag))

    def __attrs_post_init__(self) -> None:
        refusal = _gdap_fields.global_admin_auto_extend(self.roles, self.auto_extend)
        if refusal is not None:
            raise AutoExtendNotAllowed(
                "auto-extend is not allowed with Global administrator", reasons=(refusal,)
            )
        created = _validate.instant(self.created_at, "created_at")
        _validate.later(created, REQUEST_LIFETIME, "created_at", self.created_at)  # the lapse must exist
        not_yet = _gdap_fields.auto_extend_not_yet(self.auto_extend, created.date())
        if not_yet is not None:
            raise AutoExtendNotAllowed("auto-extend was not available yet", reasons=(not_yet,))

    @property
    def expires_at(self) -> dt.datetime:
        """When the request lapses unless approved: 90 days after creation, in UTC (``gdap-faq.md``).

        A request that would lapse after year 9999 is refused when it is built.
        """
        return self.created_at.astimezone(dt.UTC) + REQUEST_LIFETIME


def approve(request: GdapRequest, *, at: dt.datetime) -> GdapRelationship:
    """The relationship that starts when the customer approves ``request`` at ``at``.

    Args:
        request: The request.
        at: When the customer approves (aware).

    Returns:
        The active relationship, activated at ``at``.

    Raises:
        RequestExpired: ``at`` is 90 days or more after the request was created.
        InvalidInput: ``at`` is before the request was created, or the relationship would end
            after year 9999.

    >>> req = GdapRequest(
    ...     customer_id="c",
    ...     roles={EntraRole.DIRECTORY_READERS},
    ...     duration=30,
    ...     created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    ... )
    >>> approve(req, at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC)).end_at.date()
    datetime.date(2024, 2, 1)
    """
    value = _validate.instance(request, GdapRequest, "request")
    moment = _validate.aware_datetime(at, "at")
    if _validate.instant(moment, "at") < _validate.instant(value.created_at, "created_at"):
        raise InvalidInput("at", "before the request was created", at, code=ErrorCode.OUT_OF_ORDER)
    if moment >= value.expires_at:
        raise RequestExpired(
            "the request expired before the customer approved it",
            reasons=(
                Reason(
                    code="roles.gdap.request_expired",
                    params={"customer": value.customer_id, "expired": value.expires_at},
                    source=_FAQ,
                ),
            ),
        )
    try:
        return GdapRelationship(
            customer_id=value.customer_id,
            roles=value.roles,
            duration=value.duration,
            activated_at=moment,
            auto_extend=value.auto_extend,
        )
    except InvalidInput as error:  # the end of a relationship activated at ``at``
        raise InvalidInput("at", error.problem, at, code=error.code) from None
