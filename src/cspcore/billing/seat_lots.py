"""Seat lots: each addition of seats may be removed only within its own window.

Seats may be removed only within seven days (72 hours before March 2022) of when *those* seats
were added, at purchase, at renewal or mid-term, so each addition is its own lot with its own
deadline (``create-a-new-subscription.md``, "Increase or decrease licenses in new commerce
license-based subscriptions"). :mod:`cspcore.billing.windows` re-exports every public name.

>>> import datetime as dt
>>> seat_reduction_deadline(dt.date(2024, 3, 5))
datetime.date(2024, 3, 12)

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import bisect
import datetime as dt

import attrs

from cspcore import _validate
from cspcore._keyword_only import positional_deprecated
from cspcore.billing.violations import SeatReductionWindowClosed
from cspcore.billing.window_rules import SEAT_REDUCTION_RULE
from cspcore.errors import ErrorCode, InvalidInput, RuleViolation
from cspcore.explain import Reason

__all__ = [
    "SeatLot",
    "SeatStack",
    "reduce_lots",
    "reducible_seats",
    "seat_count",
    "seat_reduction_deadline",
]


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


def _lots(value: object, day: dt.date) -> tuple[SeatLot, ...]:
    """The lots of a subscription on ``day``: oldest first, none added after ``day``.

    Lots out of date order would have the newest seats taken for the oldest; a lot added after
    ``day`` holds seats the subscription did not have yet on that day, so lots holding one are no
    subscription's lots on ``day``. Both are refused, never answered with a wrong count.
    """
    lots = tuple(_validate.instance(lot, SeatLot, "lots[]") for lot in _validate.items(value, "lots"))
    previous = dt.date.min
    for index, lot in enumerate(lots):
        added_on = lot.added_on
        if added_on < previous:
            raise InvalidInput(
                f"lots[{index}].added_on",
                "lots must be given oldest first; this one was added before the lot ahead of it",
                added_on,
                code=ErrorCode.OUT_OF_ORDER,
            )
        if added_on > day:
            raise InvalidInput(
                f"lots[{index}].added_on",
                f"seats added after the day asked about ({day.isoformat()}) were not there on that day",
                added_on,
                code=ErrorCode.INCONSISTENT,
            )
        previous = added_on
    return lots


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

    ``lots`` are the subscription's lots on ``on``, oldest first (as :func:`reduce_lots` reads them).

    Raises:
        InvalidInput: on ``lots[i].added_on`` for a lot older than the one before it
            (``out_of_order``) or added after ``on`` (``inconsistent``).

    >>> import datetime as dt
    >>> lots = (
    ...     SeatLot(added_on=dt.date(2022, 3, 5), quantity=10),
    ...     SeatLot(added_on=dt.date(2022, 3, 10), quantity=10),
    ... )
    >>> reducible_seats(lots, on=dt.date(2022, 3, 14))
    10
    """
    day = _validate.date(on, "on")
    return _reducible(_lots(lots, day), day)


def _reducible(lots: tuple[SeatLot, ...], day: dt.date) -> int:
    return sum(lot.quantity for lot in lots if _within(lot.added_on, day))


def reduce_lots(lots: tuple[SeatLot, ...], by: int, *, on: dt.date) -> tuple[SeatLot, ...]:
    """Remove ``by`` seats on ``on``, newest lots first, refusing seats past their deadline.

    Args:
        lots: The subscription's lots on ``on``, oldest first (none added after ``on``).
        by: How many seats to remove (0 or more).
        on: The day of the reduction (UTC).

    Returns:
        The remaining lots, oldest first.

    Raises:
        SeatReductionWindowClosed: when fewer than ``by`` seats are still within their window.
        InvalidInput: on ``lots[i].added_on`` for a lot older than the one before it
            (``out_of_order``) or added after ``on`` (``inconsistent``).

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
    lots = _lots(lots, day)
    available = _reducible(lots, day)
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
    cspcore.billing.violations.SeatReductionWindowClosed: only 10 of the seats may still be removed on...
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
