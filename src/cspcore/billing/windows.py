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

import bisect
import datetime as dt
from typing import Final

import attrs

from cspcore import _validate
from cspcore._keyword_only import positional_deprecated
from cspcore.enums import CspEnum
from cspcore.errors import ErrorCode, InvalidInput, RuleViolation
from cspcore.explain import Reason, Source
from cspcore.rules import RuleVersion, VersionedRule

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

_CANCEL_SOURCE: Final = Source(document="billing-basics.md", section="Subscription cancelation")
_SEATS_SOURCE: Final = Source(
    document="create-a-new-subscription.md",
    section="Increase or decrease licenses in new commerce license-based subscriptions",
)
#: Where the start of new commerce for license-based offers is dated (partners have migrated to it
#: "since October 2021").
NCE_LAUNCH: Final = dt.date(2021, 10, 1)
_LAUNCH_SOURCE: Final = Source(
    document="announcements/includes/july-2023/next-steps-new-commerce.md",
    section="Next steps in CSP new commerce: Commercial legacy seat-based subscription migration",
)
#: The day cspcore takes the seven-day window to apply from (see :data:`CANCELLATION_WINDOW_RULE`).
SEVEN_DAY_WINDOW_FROM: Final = dt.date(2022, 3, 1)
_EXTENSION_SOURCE: Final = Source(
    document="Microsoft expands 72-hour window for NCE changes",
    section="the seven-day window applies retroactively to purchases from 12 a.m. UTC on March 12",
    url="https://www.crn.com/news/cloud/microsoft-expands-72-hour-window-for-nce-changes",
    publisher="CRN (secondary, quoting Microsoft's March 2022 Partner Center announcement)",
)
_EXTENSION_NOTE: Final = (
    "Microsoft announced the change on March 17, 2022; it went live at 5 p.m. Pacific on March 18 "
    "(00:00 UTC March 19) and reached back to purchases from 00:00 UTC March 12 (CRN, secondary). "
    "cspcore applies it from March 1, 2022, the month the project's sources give, because "
    "Microsoft's own published seat example (March 5-25, 2022) removes seats four days after they "
    "were added, which only the seven-day rule allows."
)
_LAUNCH_NOTE: Final = (
    "New commerce launched with a 72-hour window for cancellations and seat reductions (CRN; "
    "kb.cloud.im, secondary). No page gives its first day; it also governs any earlier day."
)


def _extended(name: str, at_launch: int, extended: int, source: Source) -> VersionedRule[int]:
    """A window of ``at_launch`` units at launch, ``extended`` from March 2022 (cited from ``source``)."""
    return VersionedRule(
        name=name,
        versions=(
            RuleVersion(
                effective_from=NCE_LAUNCH, value=at_launch, source=_EXTENSION_SOURCE, note=_LAUNCH_NOTE
            ),
            RuleVersion(
                effective_from=SEVEN_DAY_WINDOW_FROM, value=extended, source=source, note=_EXTENSION_NOTE
            ),
        ),
    )


#: Hours after purchase or renewal during which a cancellation is possible, by the UTC day of the
#: purchase or renewal: 72 hours at launch, seven days (168 hours) from March 2022.
CANCELLATION_WINDOW_RULE: Final = _extended(
    "new-commerce cancellation window (hours)", 72, 168, _CANCEL_SOURCE
)
#: Hours after purchase or renewal during which a cancellation is refunded in full. One version: no
#: source says whether the 24-hour full refund existed at launch; cspcore assumes it did (a
#: cancellation within the purchase's first day refunds the whole first day under daily proration too).
FULL_REFUND_RULE: Final = VersionedRule[int](
    name="new-commerce full-refund window (hours)",
    versions=(
        RuleVersion(
            effective_from=NCE_LAUNCH,
            value=24,
            source=_CANCEL_SOURCE,
            note="Assumed unchanged since launch: no source dates the 24-hour full refund.",
        ),
    ),
)
#: Days after seats were added during which they may be removed, by the UTC day they were added:
#: three days (72 hours) at launch, seven from March 2022. Windows never shrink from one version to
#: the next, which :class:`SeatStack` relies on.
SEAT_REDUCTION_RULE: Final = _extended("new-commerce seat-reduction window (days)", 3, 7, _SEATS_SOURCE)

#: Hours after purchase or renewal during which a cancellation is refunded in full (current version).
FULL_REFUND_HOURS: Final = FULL_REFUND_RULE.current.value
#: Hours after purchase or renewal during which a cancellation is possible (current version: seven days).
WINDOW_HOURS: Final = CANCELLATION_WINDOW_RULE.current.value
#: Days after seats were added during which they may be removed (current version).
REDUCTION_DAYS: Final = SEAT_REDUCTION_RULE.current.value


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
    ('full', '2021-07-18T00:00:00+00:00')
    >>> quote.reasons[-1].params["window_hours"]
    72
    """

    kind: CancellationKind = attrs.field(validator=_validate.attrs_instance_of(CancellationKind))
    window_opened_at: dt.datetime = attrs.field(validator=_validate.attrs_validator(_validate.aware_datetime))
    full_refund_until: dt.datetime = attrs.field(
        validator=_validate.attrs_validator(_validate.aware_datetime)
    )
    closes_at: dt.datetime = attrs.field(validator=_validate.attrs_validator(_validate.aware_datetime))
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
    cspcore.billing.windows.CancellationWindowClosed: the cancellation window closed at 2021-07-18...
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
        reason = Reason(code="billing.cancel.full_refund", params={"hours": hours}, source=_CANCEL_SOURCE)
    else:
        kind = CancellationKind.PRORATED
        reason = Reason(
            code="billing.cancel.prorated_refund",
            params={"hours": hours, "closes_at": closes},
            source=_CANCEL_SOURCE,
        )
    return CancellationQuote(
        kind=kind,
        window_opened_at=opened,
        full_refund_until=full_until,
        closes_at=closes,
        reasons=(reason, version),
    )


# -- seat lots -----------------------------------------------------------------------------------


def seat_count(value: object, field: str, *, minimum: int | None = 1) -> int:
    """A whole number of seats of at most :data:`~cspcore._validate.MAX_QUANTITY` (for billing's values).

    >>> seat_count(10**13, "quantity")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: quantity: at most 1000000000000 either way (got 10000000000000)
    """
    count = _validate.integer(value, field, minimum=minimum)
    _validate.quantity(count, field)
    return count


def _reduction_days(added_on: dt.date) -> int:
    """Days seats added on ``added_on`` may be removed within (the version in force that day)."""
    return SEAT_REDUCTION_RULE.at(added_on).value


def _deadline(added_on: dt.date, field: str) -> dt.date:
    try:
        return added_on + dt.timedelta(days=_reduction_days(added_on))
    except OverflowError:
        raise InvalidInput(
            field, "its seat-reduction deadline falls after year 9999", added_on, code=ErrorCode.OUT_OF_RANGE
        ) from None


def _within(added_on: dt.date, day: dt.date) -> bool:
    """Whether seats added on ``added_on`` may still be removed on ``day`` (never leaves the calendar)."""
    return (day - added_on).days <= _reduction_days(added_on)


def seat_reduction_deadline(added_on: dt.date) -> dt.date:
    """The last day on which seats added on ``added_on`` may be removed.

    Seats may be removed within seven days of being added (``create-a-new-subscription.md``,
    "Increase or decrease licenses ..."); a date-only reduction on the seventh day counts as within.
    Seats added before March 2022 had three days (:data:`SEAT_REDUCTION_RULE`).

    Raises:
        InvalidInput: for a non-date, or a deadline after December 31, 9999.

    >>> import datetime as dt
    >>> seat_reduction_deadline(dt.date(2022, 3, 5))
    datetime.date(2022, 3, 12)
    >>> seat_reduction_deadline(dt.date(2021, 6, 20))
    datetime.date(2021, 6, 23)
    """
    return _deadline(_validate.date(added_on, "added_on"), "added_on")


def _positive(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    seat_count(value, attribute.name)


@positional_deprecated("added_on", "quantity")
@attrs.frozen(kw_only=True)
class SeatLot:
    """Seats added together (at purchase, at renewal or mid-term), with their reduction deadline.

    Args:
        added_on: The day the seats were added (UTC).
        quantity: How many seats (at least 1, at most a trillion).

    >>> import datetime as dt
    >>> SeatLot(added_on=dt.date(2022, 3, 7), quantity=5).deadline
    datetime.date(2022, 3, 14)
    """

    added_on: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    quantity: int = attrs.field(validator=_positive)

    @property
    def deadline(self) -> dt.date:
        """The last day these seats may be removed (InvalidInput when it falls after year 9999)."""
        return _deadline(self.added_on, "added_on")


def _lots(value: object) -> tuple[SeatLot, ...]:
    return tuple(_validate.instance(lot, SeatLot, "lots[]") for lot in _validate.items(value, "lots"))


def _reduction_closed(requested: int, available: int, day: dt.date, closed: dt.date | None) -> RuleViolation:
    """The refusal of a reduction past the window; ``closed`` is the latest lot out of it (internal)."""
    # The latest lot out of its window (else the day itself) names the rule version that applied.
    version = SEAT_REDUCTION_RULE.at(day if closed is None else closed)
    return SeatReductionWindowClosed(
        f"only {available} of the seats may still be removed on {day.isoformat()}",
        reasons=(
            Reason(
                code="billing.seats.reduction_closed",
                params={
                    "requested": requested,
                    "reducible": available,
                    "on": day,
                    # out of its window, so before ``day``: always a calendar date
                    "deadline": None if closed is None else _deadline(closed, "added_on"),
                },
                source=version.source,
            ),
            Reason(
                code="billing.seats.rule_version",
                params={"days": version.value, "effective_from": version.effective_from},
                source=version.source,
            ),
        ),
    )


def reducible_seats(lots: tuple[SeatLot, ...], *, on: dt.date) -> int:
    """How many seats of ``lots`` may still be removed on ``on``.

    >>> import datetime as dt
    >>> lots = (
    ...     SeatLot(added_on=dt.date(2022, 3, 5), quantity=10),
    ...     SeatLot(added_on=dt.date(2022, 3, 10), quantity=10),
    ... )
    >>> reducible_seats(lots, on=dt.date(2022, 3, 14))
    10
    """
    day = _validate.date(on, "on")
    return sum(lot.quantity for lot in _lots(lots) if _within(lot.added_on, day))


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
    >>> lots = (
    ...     SeatLot(added_on=dt.date(2022, 3, 5), quantity=10),
    ...     SeatLot(added_on=dt.date(2022, 3, 10), quantity=10),
    ... )
    >>> [lot.quantity for lot in reduce_lots(lots, 2, on=dt.date(2022, 3, 12))]
    [10, 8]
    """
    day = _validate.date(on, "on")
    count = seat_count(by, "by", minimum=0)
    lots = _lots(lots)
    available = reducible_seats(lots, on=day)
    if count > available:
        closed = [lot.added_on for lot in lots if not _within(lot.added_on, day)]
        raise _reduction_closed(count, available, day, max(closed, default=None))
    remaining: list[SeatLot] = []
    for lot in reversed(lots):
        if count and _within(lot.added_on, day):
            taken = min(count, lot.quantity)
            count -= taken
            if lot.quantity > taken:
                remaining.append(SeatLot(added_on=lot.added_on, quantity=lot.quantity - taken))
        else:
            remaining.append(lot)
    return tuple(reversed(remaining))


class SeatStack:
    """A subscription's seat lots while its history is replayed in date order (internal to billing).

    Lots are added in date order, so the lots still within their window are the newest ones, and a
    reduction (newest first) only ever takes lots off the top. The stack keeps each lot's day and the
    running total of seats up to it: a reduction costs a binary search plus the lots it removes, so
    replaying n seat changes costs O(n log n), not O(n²).

    >>> import datetime as dt
    >>> stack = SeatStack(dt.date(2022, 3, 5), 10)
    >>> stack.add(dt.date(2022, 3, 10), 10)
    >>> stack.reduce(12, on=dt.date(2022, 3, 13))
    Traceback (most recent call last):
    ...
    cspcore.billing.windows.SeatReductionWindowClosed: only 10 of the seats may still be removed on 2022-03-13
    >>> stack.reduce(2, on=dt.date(2022, 3, 12))
    >>> [(lot.added_on.day, lot.quantity) for lot in stack.lots()]
    [(5, 10), (10, 8)]
    """

    __slots__ = ("_days", "_totals")

    def __init__(self, added_on: dt.date, quantity: int) -> None:
        self._days = [added_on]
        self._totals = [quantity]

    def add(self, added_on: dt.date, quantity: int) -> None:
        """Add ``quantity`` seats on ``added_on`` (no earlier than the newest lot)."""
        self._days.append(added_on)
        self._totals.append((self._totals[-1] if self._totals else 0) + quantity)

    def _first_within(self, day: dt.date) -> int:
        # Whether a lot is still within its window is monotone in its day (a later lot has a window
        # at least as long: versions never shrink), so the first lot within is a binary search.
        return bisect.bisect_left(self._days, 1, key=lambda added_on: int(_within(added_on, day)))

    def reduce(self, count: int, *, on: dt.date) -> None:
        """Remove ``count`` seats on ``on``, newest first; refuse seats past their window."""
        first = self._first_within(on)
        total = self._totals[-1] if self._totals else 0
        before = self._totals[first - 1] if first else 0
        if count > total - before:
            raise _reduction_closed(count, total - before, on, self._days[first - 1] if first else None)
        self.shrink(count)

    def shrink(self, count: int) -> None:
        """Remove ``count`` seats, newest first, whatever their window (an upgrade moves them)."""
        totals = self._totals
        target = (totals[-1] if totals else 0) - count
        while totals and (totals[-2] if len(totals) > 1 else 0) >= target:
            totals.pop()
            self._days.pop()
        if totals:
            totals[-1] = target

    def lots(self) -> tuple[SeatLot, ...]:
        """The lots, oldest first."""
        previous = 0
        result = []
        for day, running in zip(self._days, self._totals, strict=True):
            result.append(SeatLot(added_on=day, quantity=running - previous))
            previous = running
        return tuple(result)
