"""What cancelling a purchase of any product family would refund, and where a late request goes.

:func:`refund_quote` applies the family's policy (:func:`~cspcore.billing.families.family_policy`,
in force on the purchase day) to an instant: a full refund, a prorated one or none, the window that
applied and its deadline, and the route of a refund request once the windows have passed.

>>> import datetime as dt
>>> bought = dt.datetime(2023, 1, 9, tzinfo=dt.UTC)
>>> refund_quote("perpetual software", purchased_at=bought, at=bought + dt.timedelta(days=29)).kind.value
'full'

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs

from cspcore import _validate
from cspcore.billing.families import (
    ProductFamily,
    RefundKind,
    RefundRoute,
    family_policy,
    window_hours,
)
from cspcore.billing.terms import Term
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Reason

__all__ = ["RefundQuote", "refund_quote"]


# Instants are kept as the plain datetime ``_validate.aware_datetime`` reads (a subclass's code never
# runs); one named converter per field, so the attrs mypy plugin keeps each argument's type.
def _deadline(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else _validate.aware_datetime(value, "deadline")


@attrs.frozen(kw_only=True)
class RefundQuote:
    """What cancelling a purchase of a product family at an instant would refund.

    Args:
        family: The product family.
        kind: Full, prorated or no refund.
        window_hours: The window the cancellation falls in (``None`` when it falls in none).
        deadline: When that window ends; with no refund, when the last window ended (``None`` when
            the family has no self-service window at all).
        route: Where a refund request goes after the window.
        reasons: Why, each with its source: the decision, the route, then any page that disagrees.
    """

    family: ProductFamily = attrs.field(validator=_validate.attrs_instance_of(ProductFamily))
    kind: RefundKind = attrs.field(validator=_validate.attrs_instance_of(RefundKind))
    window_hours: int | None = attrs.field(validator=_validate.attrs_validator(window_hours))
    deadline: dt.datetime | None = attrs.field(converter=_deadline)
    route: RefundRoute = attrs.field(validator=_validate.attrs_instance_of(RefundRoute))
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Reason))


_ROUTE_CODES: Final = {
    RefundRoute.NONE: "billing.family.route_none",
    RefundRoute.MICROSOFT_SUPPORT: "billing.family.route_support",
    RefundRoute.PUBLISHER: "billing.family.route_publisher",
}


def _after(start: dt.datetime, hours: int, zone: dt.tzinfo | None) -> dt.datetime:
    try:
        return (start + dt.timedelta(hours=hours)).astimezone(zone)
    except OverflowError:
        raise InvalidInput(
            "purchased_at", "its refund window would end after year 9999", start, code=ErrorCode.OUT_OF_RANGE
        ) from None


def refund_quote(
    family: ProductFamily | str, *, purchased_at: dt.datetime, at: dt.datetime, term: Term | str | None = None
) -> RefundQuote:
    """Say what cancelling a ``family`` purchase made at ``purchased_at`` would refund at ``at``.

    The policy is the one in force on the UTC day of ``purchased_at`` (:func:`family_policy`). Under
    the full-refund window: a full refund; else under the prorated window: a prorated one; else
    none, and the quote says where a refund request goes (:class:`RefundRoute`). Windows are
    exclusive at their end, as in :func:`~cspcore.billing.cancellation_quote`. A quote, not a
    refusal: it never raises for a closed window.

    Args:
        family: The product family.
        purchased_at: The purchase or renewal instant (aware).
        at: The instant of the cancellation (aware; not before ``purchased_at``).
        term: The term, where the family's windows depend on it (marketplace SaaS); ``None`` for a
            one-time purchase.

    Raises:
        InvalidInput: naive datetimes, ``at`` before ``purchased_at`` (INCONSISTENT), an unknown
            family or term, or a purchase before the family's documented rules (``purchased_at``,
            OUT_OF_RANGE).

    >>> import datetime as dt
    >>> bought = dt.datetime(2022, 6, 1, tzinfo=dt.UTC)
    >>> late = refund_quote("azure reservation", purchased_at=bought, at=bought + dt.timedelta(days=40))
    >>> late.kind.value, late.route.value
    ('none', 'microsoftSupport')
    """
    member = _validate.enum_member(ProductFamily, family, "family")
    opened = _validate.aware_datetime(purchased_at, "purchased_at")
    now = _validate.aware_datetime(at, "at")
    length = None if term is None else _validate.enum_member(Term, term, "term")
    start, moment = _validate.instant(opened, "purchased_at"), _validate.instant(now, "at")
    if moment < start:
        raise InvalidInput(
            "at", f"is before purchased_at {opened.isoformat()}", now, code=ErrorCode.INCONSISTENT
        )
    try:
        policy = family_policy(member, on=start.date())
    except InvalidInput as refused:  # a purchase before the family's rules: the caller's purchased_at
        raise refused.renamed("purchased_at") from None
    elapsed = moment - start
    zone = opened.tzinfo
    windows = [
        (RefundKind.FULL, policy.full_refund_for(length)),
        (RefundKind.PRORATED, policy.prorated_refund),
    ]
    route = Reason(code=_ROUTE_CODES[policy.after_window.value], params={}, source=policy.after_window.source)
    last: dt.datetime | None = None
    for kind, fact in windows:
        if fact.value is None:
            continue
        ends = _after(start, fact.value, zone)
        last = ends if last is None else max(last, ends)
        if elapsed < dt.timedelta(hours=fact.value):
            code = (
                "billing.family.full_refund" if kind is RefundKind.FULL else "billing.family.prorated_refund"
            )
            decision = Reason(
                code=code,
                params={"family": member, "hours": fact.value, "deadline": ends},
                source=fact.source,
            )
            return RefundQuote(
                family=member,
                kind=kind,
                window_hours=fact.value,
                deadline=ends,
                route=policy.after_window.value,
                reasons=(decision, route, *policy.conflicts),
            )
    if last is None:
        decision = Reason(
            code="billing.family.no_window", params={"family": member}, source=policy.prorated_refund.source
        )
    else:
        decision = Reason(
            code="billing.family.window_passed",
            params={"family": member, "deadline": last},
            source=windows[0][1].source if windows[1][1].value is None else windows[1][1].source,
        )
    return RefundQuote(
        family=member,
        kind=RefundKind.NONE,
        window_hours=None,
        deadline=last,
        route=policy.after_window.value,
        reasons=(decision, route, *policy.conflicts),
    )
