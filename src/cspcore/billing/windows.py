"""Windows: when a new-commerce subscription may still be cancelled or have seats removed.

* A subscription may be cancelled for a **full** refund within 24 hours of its purchase or renewal,
  and for a **prorated** refund within seven days (168 hours); after that it cannot be cancelled
  (``billing-basics.md``, "Subscription cancelation"; ``create-a-new-subscription.md``, "Cancel
  new commerce license-based subscriptions"). A renewal opens a new window, starting when the
  renewal completes.
* Seats may be removed only within seven days of when *those* seats were added, at purchase, at
  renewal or mid-term, so each addition is its own lot with its own deadline
  (``create-a-new-subscription.md``, "Increase or decrease licenses in new commerce license-based
  subscriptions").

Refusals are :class:`~cspcore.errors.RuleViolation` subclasses whose ``reasons`` say why, with
their source, in any of the five locales.

>>> import datetime as dt
>>> from cspcore.billing import cancellation_quote
>>> bought = dt.datetime(2024, 3, 15, 11, tzinfo=dt.UTC)
>>> cancellation_quote(bought, at=bought + dt.timedelta(hours=30)).kind
<CancellationKind.PRORATED: 'prorated'>

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs

from cspcore import _validate
from cspcore._validate import CspEnum
from cspcore.errors import InvalidInput, RuleViolation
from cspcore.explain import Reason, Source

__all__ = [
    "FULL_REFUND_HOURS",
    "REDUCTION_DAYS",
    "WINDOW_HOURS",
    "BillingPlanChangeRefused",
    "CancellationKind",
    "CancellationQuote",
    "CancellationWindowClosed",
    "CotermRefused",
    "QuantityOutOfRange",
    "SeatLot",
    "SeatReductionWindowClosed",
    "SubscriptionInactive",
    "TermDowngradeRefused",
    "TrialRestriction",
    "UpgradeRefused",
    "cancellation_quote",
    "reduce_lots",
    "reducible_seats",
    "seat_reduction_deadline",
]

#: Hours after purchase or renewal during which a cancellation is refunded in full.
FULL_REFUND_HOURS: Final = 24
#: Hours after purchase or renewal during which a cancellation is possible (seven days).
WINDOW_HOURS: Final = 168
#: Days after seats were added during which they may be removed.
REDUCTION_DAYS: Final = 7

_CANCEL_SOURCE: Final = Source("billing-basics.md", "Subscription cancelation")
_SEATS_SOURCE: Final = Source(
    "create-a-new-subscription.md",
    "Increase or decrease licenses in new commerce license-based subscriptions",
)


class CancellationWindowClosed(RuleViolation):
    """The seven-day cancellation window of the current term has closed.

    >>> from cspcore import RuleViolation
    >>> issubclass(CancellationWindowClosed, RuleViolation)
    True
    """


class SeatReductionWindowClosed(RuleViolation):
    """Seats would be removed that were added more than seven days earlier.

    >>> from cspcore import RuleViolation
    >>> issubclass(SeatReductionWindowClosed, RuleViolation)
    True
    """


class QuantityOutOfRange(RuleViolation):
    """A seat count below the minimum (1) or above the offer's maximum.

    >>> from cspcore import RuleViolation
    >>> issubclass(QuantityOutOfRange, RuleViolation)
    True
    """


class TrialRestriction(RuleViolation):
    """The change is not available on (or only on) a trial subscription.

    >>> from cspcore import RuleViolation
    >>> issubclass(TrialRestriction, RuleViolation)
    True
    """


class TermDowngradeRefused(RuleViolation):
    """A change to a shorter term: Partner Center accepts only moves to a higher term.

    >>> from cspcore import RuleViolation
    >>> issubclass(TermDowngradeRefused, RuleViolation)
    True
    """


class BillingPlanChangeRefused(RuleViolation):
    """A billing-plan change that Partner Center does not offer for the term.

    >>> from cspcore import RuleViolation
    >>> issubclass(BillingPlanChangeRefused, RuleViolation)
    True
    """


class UpgradeRefused(RuleViolation):
    """An upgrade of more seats than the subscription has, or of every seat as a partial upgrade.

    >>> from cspcore import RuleViolation
    >>> issubclass(UpgradeRefused, RuleViolation)
    True
    """


class SubscriptionInactive(RuleViolation):
    """The subscription is cancelled or its term ended without renewal.

    >>> from cspcore import RuleViolation
    >>> issubclass(SubscriptionInactive, RuleViolation)
    True
    """


class CotermRefused(RuleViolation):
    """No coterminous end date is allowed for the requested pair of subscriptions.

    >>> from cspcore import RuleViolation
    >>> issubclass(CotermRefused, RuleViolation)
    True
    """


class CancellationKind(CspEnum):
    """What a cancellation now would refund.

    >>> CancellationKind("prorated").name
    'PRORATED'
    """

    FULL = "full"
    """Everything charged since the purchase or renewal (under 24 hours)."""
    PRORATED = "prorated"
    """The unused days of the current charge cycle (under 168 hours)."""


@attrs.frozen(kw_only=True)
class CancellationQuote:
    """The answer to "what if we cancelled now?".

    Args:
        kind: Full or prorated refund.
        window_opened_at: The purchase or renewal instant the window runs from.
        full_refund_until: The instant the full refund ends (24 hours after opening).
        closes_at: The instant the window closes (168 hours after opening).
        reasons: Why, with the source.

    >>> import datetime as dt
    >>> quote = cancellation_quote(
    ...     dt.datetime(2021, 7, 15, tzinfo=dt.UTC), at=dt.datetime(2021, 7, 15, 9, tzinfo=dt.UTC)
    ... )
    >>> quote.kind.value, quote.closes_at.isoformat()
    ('full', '2021-07-22T00:00:00+00:00')
    """

    kind: CancellationKind
    window_opened_at: dt.datetime
    full_refund_until: dt.datetime
    closes_at: dt.datetime
    reasons: tuple[Reason, ...]

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)


def cancellation_quote(purchased_at: dt.datetime, *, at: dt.datetime) -> CancellationQuote:
    """Say what cancelling at ``at`` would refund, for a term purchased or renewed at ``purchased_at``.

    Under 24 hours after ``purchased_at``: a full refund; under 168 hours: a refund prorated by
    day; from 168 hours on: refused (``billing-basics.md``, "Subscription cancelation";
    ``common-billing-scenarios-onetime-recurring.md``, cancellation example). Both bounds are
    exclusive: at exactly 24 hours the refund is prorated, at exactly 168 hours the window is closed.
    For a renewal, pass the instant the renewal completed: it opens a new window.

    Args:
        purchased_at: The purchase or renewal instant (aware).
        at: The instant of the cancellation (aware; not before ``purchased_at``).

    Returns:
        A :class:`CancellationQuote`.

    Raises:
        CancellationWindowClosed: from 168 hours after ``purchased_at``.
        InvalidInput: for naive datetimes or ``at`` before ``purchased_at``.

    >>> import datetime as dt
    >>> bought = dt.datetime(2021, 7, 15, tzinfo=dt.UTC)
    >>> cancellation_quote(bought, at=bought + dt.timedelta(days=8))
    Traceback (most recent call last):
    ...
    cspcore.billing.windows.CancellationWindowClosed: the cancellation window closed at 2021-07-22...
    """
    opened = _validate.aware_datetime(purchased_at, "purchased_at")
    now = _validate.aware_datetime(at, "at")
    # Elapsed time, not wall-clock time: Python compares and subtracts two datetimes of one zone by
    # their wall clocks (ignoring ``fold`` and the offset), which is an hour off across a DST change.
    # So work on UTC instants and give the bounds back in the purchase's own zone.
    start, moment = opened.astimezone(dt.UTC), now.astimezone(dt.UTC)
    if moment < start:
        raise InvalidInput("at", f"is before purchased_at {opened.isoformat()}", now)
    hours = int((moment - start).total_seconds() // 3600)
    zone = opened.tzinfo
    full_until = (start + dt.timedelta(hours=FULL_REFUND_HOURS)).astimezone(zone)
    closes = (start + dt.timedelta(hours=WINDOW_HOURS)).astimezone(zone)
    if moment >= start + dt.timedelta(hours=WINDOW_HOURS):
        raise CancellationWindowClosed(
            f"the cancellation window closed at {closes.isoformat()}",
            reasons=(
                Reason(
                    "billing.cancel.window_closed",
                    {"hours": hours, "closed_at": closes},
                    source=_CANCEL_SOURCE,
                ),
            ),
        )
    if moment < start + dt.timedelta(hours=FULL_REFUND_HOURS):
        kind = CancellationKind.FULL
        reason = Reason("billing.cancel.full_refund", {"hours": hours}, source=_CANCEL_SOURCE)
    else:
        kind = CancellationKind.PRORATED
        reason = Reason(
            "billing.cancel.prorated_refund", {"hours": hours, "closes_at": closes}, source=_CANCEL_SOURCE
        )
    return CancellationQuote(
        kind=kind, window_opened_at=opened, full_refund_until=full_until, closes_at=closes, reasons=(reason,)
    )


# -- seat lots -----------------------------------------------------------------------------------


def seat_reduction_deadline(added_on: dt.date) -> dt.date:
    """The last day on which seats added on ``added_on`` may be removed.

    Seats may be removed within seven days of being added (``create-a-new-subscription.md``,
    "Increase or decrease licenses ..."); a date-only reduction on the seventh day counts as within.

    >>> import datetime as dt
    >>> seat_reduction_deadline(dt.date(2022, 3, 5))
    datetime.date(2022, 3, 12)
    """
    return _validate.date(added_on, "added_on") + dt.timedelta(days=REDUCTION_DAYS)


def _positive(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    _validate.integer(value, attribute.name, minimum=1)


@attrs.frozen
class SeatLot:
    """Seats added together (at purchase, at renewal or mid-term), with their reduction deadline.

    Args:
        added_on: The day the seats were added (UTC).
        quantity: How many seats (at least 1).

    >>> import datetime as dt
    >>> SeatLot(dt.date(2022, 3, 7), 5).deadline
    datetime.date(2022, 3, 14)
    """

    added_on: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    quantity: int = attrs.field(validator=_positive)

    @property
    def deadline(self) -> dt.date:
        """The last day these seats may be removed."""
        return self.added_on + dt.timedelta(days=REDUCTION_DAYS)


def _lots(value: object) -> tuple[SeatLot, ...]:
    return tuple(_validate.instance(lot, SeatLot, "lots[]") for lot in _validate.items(value, "lots"))


def reducible_seats(lots: tuple[SeatLot, ...], *, on: dt.date) -> int:
    """How many seats of ``lots`` may still be removed on ``on``.

    >>> import datetime as dt
    >>> lots = (SeatLot(dt.date(2022, 3, 5), 10), SeatLot(dt.date(2022, 3, 10), 10))
    >>> reducible_seats(lots, on=dt.date(2022, 3, 14))
    10
    """
    day = _validate.date(on, "on")
    return sum(lot.quantity for lot in _lots(lots) if day <= lot.deadline)


def reduce_lots(lots: tuple[SeatLot, ...], by: int, *, on: dt.date) -> tuple[SeatLot, ...]:
    """Remove ``by`` seats on ``on``, newest lots first, refusing seats past their deadline.

    Args:
        lots: The subscription's lots, oldest first.
        by: How many seats to remove (0 or more).
        on: The day of the reduction (UTC).

    Returns:
        The remaining lots, oldest first.

    Raises:
        SeatReductionWindowClosed: when fewer than ``by`` seats are still within their window.

    >>> import datetime as dt
    >>> lots = (SeatLot(dt.date(2022, 3, 5), 10), SeatLot(dt.date(2022, 3, 10), 10))
    >>> [lot.quantity for lot in reduce_lots(lots, 2, on=dt.date(2022, 3, 12))]
    [10, 8]
    """
    day = _validate.date(on, "on")
    count = _validate.integer(by, "by", minimum=0)
    lots = _lots(lots)
    available = reducible_seats(lots, on=day)
    if count > available:
        closed = [lot.deadline for lot in lots if day > lot.deadline]
        raise SeatReductionWindowClosed(
            f"only {available} of the seats may still be removed on {day.isoformat()}",
            reasons=(
                Reason(
                    "billing.seats.reduction_closed",
                    {
                        "requested": count,
                        "reducible": available,
                        "on": day,
                        "deadline": max(closed, default=None),
                    },
                    source=_SEATS_SOURCE,
                ),
            ),
        )
    remaining: list[SeatLot] = []
    for lot in reversed(lots):
        if count and day <= lot.deadline:
            taken = min(count, lot.quantity)
            count -= taken
            if lot.quantity > taken:
                remaining.append(SeatLot(lot.added_on, lot.quantity - taken))
        else:
            remaining.append(lot)
    return tuple(reversed(remaining))
