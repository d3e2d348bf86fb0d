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
* Both windows are rules that changed: new commerce launched with a 72-hour window for
  cancellations and seat reductions, extended to seven days in March 2022. Each is a
  :class:`~cspcore.rules.VersionedRule` (:data:`CANCELLATION_WINDOW_RULE`,
  :data:`FULL_REFUND_RULE`, :data:`SEAT_REDUCTION_RULE`) looked up by the UTC day the window counts
  from: the purchase or renewal, or the day the seats were added.

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

import attrs

from cspcore import _validate
from cspcore.billing.seat_lots import (
    SeatLot,
    reduce_lots,
    reducible_seats,
    seat_reduction_deadline,
)
from cspcore.billing.violations import (
    BillingPlanChangeRefused,
    CancellationWindowClosed,
    CotermRefused,
    QuantityOutOfRange,
    SeatReductionWindowClosed,
    SubscriptionInactive,
    TermDowngradeRefused,
    TrialRestriction,
    UpgradeRefused,
)
from cspcore.billing.window_rules import (
    CANCEL_SOURCE,
    CANCELLATION_WINDOW_RULE,
    FULL_REFUND_HOURS,
    FULL_REFUND_RULE,
    REDUCTION_DAYS,
    SEAT_REDUCTION_RULE,
    WINDOW_HOURS,
)
from cspcore.enums import CspEnum
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Reason

__all__ = [
    "CANCELLATION_WINDOW_RULE",
    "FULL_REFUND_HOURS",
    "FULL_REFUND_RULE",
    "REDUCTION_DAYS",
    "SEAT_REDUCTION_RULE",
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


class CancellationKind(CspEnum):
    """What a cancellation now would refund.

    >>> CancellationKind("prorated").name
    'PRORATED'
    """

    FULL = "full"
    """Everything charged since the purchase or renewal (under 24 hours)."""
    PRORATED = "prorated"
    """The unused days of the current charge cycle (under 168 hours)."""


# Instants are kept as the plain datetime ``_validate.aware_datetime`` reads (a subclass's code never
# runs); one named converter per field, so the attrs mypy plugin keeps each argument's type.
def _window_opened_at(value: dt.datetime) -> dt.datetime:
    return _validate.aware_datetime(value, "window_opened_at")


def _full_refund_until(value: dt.datetime) -> dt.datetime:
    return _validate.aware_datetime(value, "full_refund_until")


def _closes_at(value: dt.datetime) -> dt.datetime:
    return _validate.aware_datetime(value, "closes_at")


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
    ('full', '2021-07-18T00:00:00+00:00')
    >>> quote.reasons[-1].params["window_hours"]
    72
    """

    kind: CancellationKind = attrs.field(validator=_validate.attrs_instance_of(CancellationKind))
    window_opened_at: dt.datetime = attrs.field(converter=_window_opened_at)
    full_refund_until: dt.datetime = attrs.field(converter=_full_refund_until)
    closes_at: dt.datetime = attrs.field(converter=_closes_at)
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Reason))


def cancellation_quote(purchased_at: dt.datetime, *, at: dt.datetime) -> CancellationQuote:
    """Say what cancelling at ``at`` would refund, for a term purchased or renewed at ``purchased_at``.

    Under 24 hours after ``purchased_at``: a full refund; under 168 hours: a refund prorated by
    day; from 168 hours on: refused (``billing-basics.md``, "Subscription cancelation";
    ``common-billing-scenarios-onetime-recurring.md``, cancellation example). Both bounds are
    exclusive: at exactly 24 hours the refund is prorated, at exactly 168 hours the window is closed.
    For a renewal, pass the instant the renewal completed: it opens a new window.

    The hours are those of the rule versions in force on the UTC day of ``purchased_at``
    (:data:`CANCELLATION_WINDOW_RULE`, :data:`FULL_REFUND_RULE`): a purchase before March 2022 had
    72 hours. The quote's (or the refusal's) last reason, ``billing.cancel.rule_version``, names the
    version that applied and cites its source.

    Args:
        purchased_at: The purchase or renewal instant (aware).
        at: The instant of the cancellation (aware; not before ``purchased_at``).

    Returns:
        A :class:`CancellationQuote`.

    Raises:
        CancellationWindowClosed: from 168 hours after ``purchased_at`` (72 before March 2022).
        InvalidInput: for naive datetimes or ``at`` before ``purchased_at``.

    >>> import datetime as dt
    >>> bought = dt.datetime(2021, 7, 15, tzinfo=dt.UTC)
    >>> cancellation_quote(bought, at=bought + dt.timedelta(days=8))
    Traceback (most recent call last):
    ...
    cspcore.billing.violations.CancellationWindowClosed: the cancellation window closed at 2021-07-18...
    """
    opened = _validate.aware_datetime(purchased_at, "purchased_at")
    now = _validate.aware_datetime(at, "at")
    # Elapsed time, not wall-clock time: Python compares and subtracts two datetimes of one zone by
    # their wall clocks (ignoring ``fold`` and the offset), which is an hour off across a DST change.
    # So work on UTC instants and give the bounds back in the purchase's own zone.
    start, moment = _validate.instant(opened, "purchased_at"), _validate.instant(now, "at")
    if moment < start:
        raise InvalidInput(
            "at", f"is before purchased_at {opened.isoformat()}", now, code=ErrorCode.INCONSISTENT
        )
    elapsed = moment - start
    hours = int(elapsed.total_seconds() // 3600)
    zone = opened.tzinfo
    window, full = CANCELLATION_WINDOW_RULE.at(start.date()), FULL_REFUND_RULE.at(start.date())
    version = Reason(
        code="billing.cancel.rule_version",
        params={
            "window_hours": window.value,
            "full_refund_hours": full.value,
            "effective_from": window.effective_from,
        },
        source=window.source,
    )
    try:
        full_until = (start + dt.timedelta(hours=full.value)).astimezone(zone)
        closes = (start + dt.timedelta(hours=window.value)).astimezone(zone)
    except OverflowError:
        raise InvalidInput(
            "purchased_at",
            "its cancellation window would close after year 9999",
            opened,
            code=ErrorCode.OUT_OF_RANGE,
        ) from None
    if elapsed >= dt.timedelta(hours=window.value):
        raise CancellationWindowClosed(
            f"the cancellation window closed at {closes.isoformat()}",
            reasons=(
                Reason(
                    code="billing.cancel.window_closed",
                    params={"hours": hours, "closed_at": closes},
                    source=window.source,
                ),
                version,
            ),
        )
    if elapsed < dt.timedelta(hours=full.value):
        kind = CancellationKind.FULL
        reason = Reason(code="billing.cancel.full_refund", params={"hours": hours}, source=CANCEL_SOURCE)
    else:
        kind = CancellationKind.PRORATED
        reason = Reason(
            code="billing.cancel.prorated_refund",
            params={"hours": hours, "closes_at": closes},
            source=CANCEL_SOURCE,
        )
    return CancellationQuote(
        kind=kind,
        window_opened_at=opened,
        full_refund_until=full_until,
        closes_at=closes,
        reasons=(reason, version),
    )
