"""The rules a preview applies to a change (internal to :mod:`cspcore.billing.preview`).

Until when each kind of change can be undone, with its page, and the reasons that describe the lines
a change adds and removes; plus the line arithmetic (multiset difference, total) a preview needs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Final

from cspcore import _validate
from cspcore.billing.events import (
    Cancel,
    ChangeBillingPlan,
    ChangeQuantity,
    ConvertTrial,
    PriceChange,
    Upgrade,
)
from cspcore.billing.lifecycle_events import (
    CancelScheduledChange,
    CompleteRenewal,
    Reactivate,
    ScheduleChange,
    SetAutoRenew,
    Suspend,
)
from cspcore.billing.windows import seat_reduction_deadline
from cspcore.explain import Reason, Source
from cspcore.money import Money

if TYPE_CHECKING:
    from cspcore.billing._rater import AnyEvent
    from cspcore.billing.charges import ChargeLine
    from cspcore.billing.lifecycle_replay import Lifecycle
    from cspcore.billing.states import SubscriptionState

__all__ = [
    "AT_RENEWAL",
    "INSTANT_EVENTS",
    "NOT_CHANGES",
    "SCHEDULED",
    "difference",
    "line_reasons",
    "next_line_day",
    "renewal_day",
    "reversibility",
    "total",
]

_PAGE: Final = "create-a-new-subscription.md"
_SEATS: Final = Source(
    document=_PAGE, section="Increase or decrease licenses in new commerce license-based subscriptions"
)
_CANCEL: Final = Source(document=_PAGE, section="Cancel new commerce license-based subscriptions")
_UPGRADE: Final = Source(document=_PAGE, section="Upgrade for new commerce license-based subscriptions")
SCHEDULED: Final = Source(
    document=_PAGE, section="Scheduled changes for managing new commerce license-based subscription renewals"
)
_RENEWALS: Final = Source(document=_PAGE, section="Subscription renewals")
_PLAN: Final = Source(document=_PAGE, section="Change only billing frequency (scheduled change)")
_SUSPEND: Final = Source(document=_PAGE, section="Suspend a subscription")
_TRIALS: Final = Source(document=_PAGE, section="Manage trials for new commerce license-based subscriptions")

#: Events that happen to a subscription rather than being made by the partner: nothing to preview.
NOT_CHANGES: Final = (PriceChange, CompleteRenewal)
#: Events that act at an instant (``at``) rather than on a day (``on``).
INSTANT_EVENTS: Final = (Cancel, Suspend, Reactivate)
#: Changes that show at the renewal (the ``renew`` line, or its absence).
AT_RENEWAL: Final = (ScheduleChange, CancelScheduledChange, SetAutoRenew, Suspend)
_ONE_DAY: Final = dt.timedelta(days=1)


def _midnight_after(day: dt.date, field: str) -> dt.datetime:
    """00:00 UTC of the day after ``day``: the instant ``day`` ends."""
    start = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    return _validate.later(start, _ONE_DAY, field, day)


def _term_over(term_end: dt.date) -> dt.datetime:
    """The instant a term ending on ``term_end`` is over: 00:00 UTC the next day, the renewal's instant.

    A term ending on December 31, 9999 is over at the calendar's last instant, in UTC (as a
    cancellation window that would close after it, :func:`~cspcore.billing._refusals.window_ends`).
    """
    if term_end == dt.date.max:
        return _validate.LAST_INSTANT
    return _midnight_after(term_end, "through")


def difference(lines: tuple[ChargeLine, ...], other: tuple[ChargeLine, ...]) -> tuple[ChargeLine, ...]:
    """The lines of ``lines`` not matched one for one by a line of ``other``, in their order."""
    unmatched = Counter(other)
    kept = []
    for line in lines:
        if unmatched[line]:
            unmatched[line] -= 1
        else:
            kept.append(line)
    return tuple(kept)


def total(lines: tuple[ChargeLine, ...], currency: str) -> Money:
    total = Money.zero(currency)
    for line in lines:
        total += line.subtotal
    return total


def next_line_day(outcome: Lifecycle, target: str, day: dt.date) -> dt.date | None:
    """The first day after ``day`` on which ``target`` has a line: its next cycle or its renewal."""
    return next(
        (
            line.order_date
            for line in outcome.lines
            if line.subscription_id == target and line.order_date > day
        ),
        None,
    )


def renewal_day(state: SubscriptionState, day: dt.date) -> dt.date:
    """The day ``state``'s renewal would start: the day after its term (an allowed change keeps it active)."""
    if state.term_end == dt.date.max:  # no renewal follows a term ending on the calendar's last day
        return day
    return max(day, state.term_end + _ONE_DAY)


def reversibility(  # noqa: C901, PLR0911 - one branch per kind of change
    proposed: AnyEvent, before: SubscriptionState, after: SubscriptionState, effective: dt.date
) -> tuple[dt.datetime | None, tuple[Reason, ...]]:
    """Until when the allowed change can be undone, and why (states as of the change's day)."""
    renewal = _term_over(before.term_end)
    if isinstance(proposed, ChangeQuantity):
        added = proposed.quantity - before.quantity
        if added > 0:
            until = _midnight_after(seat_reduction_deadline(proposed.on), "proposed.on")
            reason = Reason(
                code="billing.preview.reversible_seats",
                params={"seats": added, "until": until},
                source=_SEATS,
            )
            return until, (reason,)
        if added < 0:
            reason = Reason(
                code="billing.preview.irreversible_reduction", params={"seats": -added}, source=_SEATS
            )
            return None, (reason,)
        return None, ()
    if isinstance(proposed, Cancel):
        return None, (Reason(code="billing.preview.irreversible_cancellation", source=_CANCEL),)
    if isinstance(proposed, Upgrade):
        return None, (Reason(code="billing.preview.irreversible_upgrade", source=_UPGRADE),)
    if isinstance(proposed, ConvertTrial):
        reason = Reason(
            code="billing.preview.irreversible_conversion",
            params={"until": after.cancellable_until},
            source=_TRIALS,
        )
        return None, (reason,)
    if isinstance(proposed, ChangeBillingPlan):
        until = dt.datetime(effective.year, effective.month, effective.day, tzinfo=dt.UTC)
        return until, (Reason(code="billing.preview.reversible_plan", params={"until": until}, source=_PLAN),)
    if isinstance(proposed, (ScheduleChange, CancelScheduledChange)):
        reason = Reason(
            code="billing.preview.reversible_scheduled", params={"until": renewal}, source=SCHEDULED
        )
        return renewal, (reason,)
    if isinstance(proposed, SetAutoRenew):
        reason = Reason(
            code="billing.preview.reversible_auto_renew", params={"until": renewal}, source=_RENEWALS
        )
        return renewal, (reason,)
    if isinstance(proposed, Suspend):
        reason = Reason(
            code="billing.preview.reversible_suspension", params={"until": renewal}, source=_SUSPEND
        )
        return renewal, (reason,)
    # Reactivate (PriceChange and CompleteRenewal are refused as proposals)
    reason = Reason(
        code="billing.preview.reversible_reactivation", params={"until": renewal}, source=_SUSPEND
    )
    return renewal, (reason,)


def line_reasons(
    added: tuple[ChargeLine, ...], removed: tuple[ChargeLine, ...], net: Money, through: dt.date
) -> tuple[Reason, ...]:
    if not added and not removed:
        return (Reason(code="billing.preview.no_lines", params={"through": through}),)
    reasons = []
    currency = net.currency
    if added:
        reasons.append(
            Reason(
                code="billing.preview.adds",
                params={"count": len(added), "amount": total(added, currency), "through": through},
            )
        )
    if removed:
        reasons.append(
            Reason(
                code="billing.preview.removes",
                params={"count": len(removed), "amount": total(removed, currency), "through": through},
            )
        )
    reasons.append(Reason(code="billing.preview.net", params={"net": net}))
    return tuple(reasons)
