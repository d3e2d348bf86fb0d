"""What Partner Center refuses when a subscription changes, and why (internal to rating).

Each check reads the replayed state of one subscription (a :class:`~cspcore.billing._replay.Track`)
and the event about to change it, and raises the :class:`~cspcore.errors.RuleViolation` that
:func:`~cspcore.billing.rate` documents, with its reason and source, or returns what the change
may go ahead with. The rules are from ``create-a-new-subscription.md`` unless noted:

* nothing changes a subscription once it is cancelled or its last term has ended;
* a trial keeps its seat count, is converted rather than upgraded, and converts with at least its
  seats; only a trial can be converted;
* a seat count stays between 1 and the offer's maximum (``pricing-and-offers.md``);
* an upgrade never moves to a shorter term, nor takes more seats than the subscription has;
* of billing-plan changes, only a triennial term's switch between monthly and annual billing is
  offered.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from cspcore import _validate
from cspcore.billing.families import (
    FamilyPolicy,
    FamilyRestriction,
    ProductFamily,
    RefundKind,
    family_policy,
)
from cspcore.billing.lifecycle_events import RenewalPending, ScheduledChangeRefused, SuspensionRefused
from cspcore.billing.plan_rules import PLAN_CHANGE_RULE
from cspcore.billing.refunds import refund_quote
from cspcore.billing.states import EndReason
from cspcore.billing.terms import Term, latest_end
from cspcore.billing.windows import (
    BillingPlanChangeRefused,
    CancellationKind,
    CancellationWindowClosed,
    CotermRefused,
    QuantityOutOfRange,
    SubscriptionInactive,
    TermDowngradeRefused,
    TrialRestriction,
    UpgradeRefused,
    cancellation_quote,
)
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Reason, Source

if TYPE_CHECKING:
    from cspcore.billing._replay import Track
    from cspcore.billing.events import ChangeBillingPlan, ChangeQuantity, ConvertTrial, Upgrade
    from cspcore.billing.lifecycle_events import ScheduleChange

__all__ = [
    "check_active",
    "check_changeable",
    "check_conversion",
    "check_conversion_target",
    "check_family_quantity",
    "check_move_target",
    "check_plan_change",
    "check_quantity_change",
    "check_reactivation",
    "check_schedule",
    "check_scheduled_end",
    "check_suspension",
    "check_upgrade",
    "refund_kind",
    "refuse_pending",
    "window_ends",
]

_TRIAL_SOURCE: Final = Source(
    document="create-a-new-subscription.md",
    section="Manage trials for new commerce license-based subscriptions",
)
_TERM_SOURCE: Final = Source(
    document="create-a-new-subscription.md",
    section="Change billing frequency along with billing term and other fields (immediate change)",
)
_UPGRADE_SOURCE: Final = Source(
    document="create-a-new-subscription.md", section="Upgrade for new commerce license-based subscriptions"
)
_RENEWAL_SOURCE: Final = Source(document="create-a-new-subscription.md", section="Renewal")
_SUSPEND_SOURCE: Final = Source(document="create-a-new-subscription.md", section="Suspend a subscription")
_SCHEDULE_SOURCE: Final = Source(
    document="create-a-new-subscription.md",
    section="Scheduled changes for managing new commerce license-based subscription renewals",
)


def check_active(track: Track, day: dt.date) -> None:
    """Refuse any change to a subscription that is cancelled or past the end of its last term."""
    if not track.active:
        raise SubscriptionInactive(
            f"subscription {track.id} is no longer active on {day.isoformat()}",
            reasons=(
                Reason(
                    code="billing.subscription.inactive",
                    params={"subscription": track.id, "on": day},
                    source=Source(
                        document="create-a-new-subscription.md",
                        section="Cancel new commerce license-based subscriptions",
                    ),
                ),
            ),
        )


def check_quantity_change(track: Track, event: ChangeQuantity, maximum: int | None) -> None:
    """Refuse a seat change of an inactive subscription or a trial, or to a count out of range."""
    check_changeable(track, event.on)
    if track.trial:
        raise TrialRestriction(
            "the seat count of a trial cannot change",
            reasons=(
                Reason(
                    code="billing.trial.quantity_locked",
                    params={"quantity": track.quantity},
                    source=_TRIAL_SOURCE,
                ),
            ),
        )
    new = event.quantity
    if new < 1 or (maximum is not None and new > maximum):
        raise QuantityOutOfRange(
            f"quantity {new} is out of range",
            reasons=(
                Reason(
                    code="billing.seats.out_of_range",
                    params={"quantity": new, "minimum": 1, "maximum": maximum},
                    source=Source(document="pricing-and-offers.md"),
                ),
            ),
        )
    check_family_quantity(track, new)


def check_upgrade(track: Track, event: Upgrade) -> int:
    """Refuse what Partner Center refuses of an upgrade; return the number of seats upgraded."""
    check_changeable(track, event.on)
    if track.trial:
        raise TrialRestriction(
            "a trial is converted, not upgraded",
            reasons=(
                Reason(
                    code="billing.trial.convert_instead",
                    params={},  # pragma: no mutate - None and the default are this empty Params too
                    source=_TRIAL_SOURCE,
                ),
            ),
        )
    if event.term is not None and event.term.months < track.term.months:
        raise TermDowngradeRefused(
            f"cannot move from {track.term.value} to {event.term.value}",
            reasons=(
                Reason(
                    code="billing.term.downgrade",
                    params={"current": track.term, "requested": event.term},
                    source=_TERM_SOURCE,
                ),
            ),
        )
    if event.quantity is not None and event.quantity > track.quantity:
        raise UpgradeRefused(
            f"cannot upgrade {event.quantity} of {track.quantity} seats",
            reasons=(
                Reason(
                    code="billing.upgrade.quantity",
                    params={"quantity": event.quantity, "available": track.quantity},
                    source=_UPGRADE_SOURCE,
                ),
            ),
        )
    return track.quantity if event.quantity is None else event.quantity


def check_plan_change(track: Track, event: ChangeBillingPlan) -> None:
    """Refuse a billing-plan change that Partner Center does not offer for the term (or for a trial)."""
    check_changeable(track, event.on)
    version = PLAN_CHANGE_RULE.at(event.on)
    if (track.term, track.frequency, event.frequency) not in version.value or track.trial:
        raise BillingPlanChangeRefused(
            f"cannot change a {track.term.value} {track.frequency.value} plan to {event.frequency.value}",
            reasons=(
                Reason(
                    code="billing.plan.change_refused",
                    params={"term": track.term, "current": track.frequency, "requested": event.frequency},
                    source=version.source,
                ),
            ),
        )


def check_conversion(track: Track, event: ConvertTrial, maximum: int | None) -> int:
    """Refuse converting what is not a trial, or with fewer seats; return the seats it converts with."""
    check_changeable(track, event.on)
    if not track.trial:
        raise TrialRestriction(
            "only a trial can be converted",
            reasons=(
                Reason(
                    code="billing.trial.not_a_trial",
                    params={"subscription": track.id},
                    source=_TRIAL_SOURCE,
                ),
            ),
        )
    quantity = track.quantity if event.quantity is None else event.quantity
    if quantity < track.quantity:
        raise QuantityOutOfRange(
            f"a trial converts with at least its {track.quantity} seats",
            reasons=(
                Reason(
                    code="billing.seats.out_of_range",
                    params={
                        "quantity": quantity,
                        "minimum": track.quantity,
                        "maximum": maximum,
                    },
                    source=_TRIAL_SOURCE,
                ),
            ),
        )
    return quantity


def refuse_pending(track: Track, day: dt.date, *, at: dt.datetime | None = None) -> None:
    """Refuse any change while a renewal is being processed (or at an instant before it completed)."""
    # UTC instants: two datetimes of one zone compare by their wall clocks, ignoring ``fold``
    if track.renewal_pending or (
        at is not None and at.astimezone(dt.UTC) < track.window_opened.astimezone(dt.UTC)
    ):
        raise RenewalPending(
            f"subscription {track.id} is renewing on {day.isoformat()}; it is read-only until that completes",
            reasons=(
                Reason(
                    code="billing.renewal.pending",
                    params={"subscription": track.id, "on": track.term_start},
                    source=_RENEWAL_SOURCE,
                ),
            ),
        )


def _suspended(track: Track, day: dt.date) -> SuspensionRefused:
    return SuspensionRefused(
        f"subscription {track.id} is suspended on {day.isoformat()}; reactivate it first",
        reasons=(
            Reason(
                code="billing.suspension.suspended",
                params={"subscription": track.id, "reactivate_by": track.term_end},
                source=_SUSPEND_SOURCE,
            ),
        ),
    )


def check_changeable(track: Track, day: dt.date) -> None:
    """Refuse a change of a subscription that is inactive, renewing or suspended."""
    check_active(track, day)
    refuse_pending(track, day)
    if track.suspended:
        raise _suspended(track, day)


def check_suspension(track: Track, day: dt.date, *, suspend: bool | None) -> None:
    """Refuse suspending a trial or anything of a suspended subscription.

    ``suspend=True`` for a suspension; ``None`` for another change (e.g. turning auto-renew on).
    """
    check_active(track, day)
    refuse_pending(track, day)
    if suspend and track.trial:
        raise TrialRestriction(
            "the status of a trial cannot change",
            reasons=(
                Reason(
                    code="billing.trial.status_locked",
                    params={},  # pragma: no mutate - None and the default are this empty Params too
                    source=_TRIAL_SOURCE,
                ),
            ),
        )
    if track.suspended:
        raise _suspended(track, day)


def check_reactivation(track: Track, day: dt.date) -> None:
    """Refuse reactivating what is not suspended, or what ended because it was not reactivated in time."""
    if track.end_reason is EndReason.NOT_REACTIVATED:
        raise SuspensionRefused(
            f"subscription {track.id} was not reactivated by the end of its term; its data is deleted",
            reasons=(
                Reason(
                    code="billing.suspension.deadline_passed",
                    params={"subscription": track.id, "reactivate_by": track.term_end},
                    source=_SUSPEND_SOURCE,
                ),
            ),
        )
    check_active(track, day)
    refuse_pending(track, day)
    if not track.suspended:
        raise SuspensionRefused(
            f"subscription {track.id} is not suspended",
            reasons=(
                Reason(
                    code="billing.suspension.not_suspended",
                    params={"subscription": track.id},
                    source=_SUSPEND_SOURCE,
                ),
            ),
        )


def _schedule_refused(track: Track, code: str, **params: object) -> ScheduledChangeRefused:
    return ScheduledChangeRefused(
        f"cannot schedule this change of subscription {track.id} ({code.rsplit('.', 1)[-1]})",
        reasons=(Reason(code=code, params={"subscription": track.id, **params}, source=_SCHEDULE_SOURCE),),
    )


def check_schedule(track: Track, event: ScheduleChange) -> None:
    """Refuse a change for renewal that Partner Center would not save.

    The subscription must be active and not suspended, with auto-renew on; the seats within the
    offer's range; a custom end within the next term; a trial's conversion needs its paid price.
    """
    check_active(track, event.on)
    refuse_pending(track, event.on)
    if track.suspended:
        raise _suspended(track, event.on)
    if not track.auto_renew:
        raise _schedule_refused(track, "billing.schedule.auto_renew_off")
    maximum = track.max_quantity
    if event.quantity is not None and maximum is not None and event.quantity > maximum:
        raise QuantityOutOfRange(
            f"quantity {event.quantity} is out of range",
            reasons=(
                Reason(
                    code="billing.seats.out_of_range",
                    params={"quantity": event.quantity, "minimum": 1, "maximum": maximum},
                    source=Source(document="pricing-and-offers.md"),
                ),
            ),
        )
    renewal = track.next_term_start
    if renewal is None:
        raise InvalidInput(
            "term_end",
            "the term ends on December 31, 9999: no renewal follows it to save a change for",
            track.term_end,
            code=ErrorCode.OUT_OF_RANGE,
        )
    if event.end is not None and not _policy(track).coterm.value:
        raise _schedule_refused(track, "billing.schedule.no_coterm", family=track.family)
    if event.end is not None:
        term = event.term or (Term.P1Y if track.trial else track.term)
        latest = latest_end(renewal, term.months)
        if not renewal <= event.end <= latest:
            raise _schedule_refused(
                track, "billing.schedule.end_outside_term", end=event.end, start=renewal, latest=latest
            )
        check_scheduled_end(event.end, term)
    if track.trial and event.unit_price is None and track.paid_price is None:
        raise _schedule_refused(track, "billing.schedule.conversion_price")


def _policy(track: Track) -> FamilyPolicy:
    """The family policy in force for the current term (bought or renewed on its first day)."""
    return family_policy(track.family, on=track.window_opened.astimezone(dt.UTC).date())


def _after(opened: dt.datetime, hours: int) -> dt.datetime:
    """``hours`` of elapsed time after ``opened``, given in its zone.

    Added to the UTC instant: an aware datetime plus a timedelta moves its wall clock, an hour off
    the elapsed time across a daylight-saving change (as :func:`~cspcore.billing.cancellation_quote`).
    """
    try:
        return (opened.astimezone(dt.UTC) + dt.timedelta(hours=hours)).astimezone(opened.tzinfo)
    except OverflowError:  # a window that would end after year 9999 runs to the calendar's end
        return _validate.LAST_INSTANT


def window_ends(track: Track) -> tuple[dt.datetime, dt.datetime]:
    """When ``track``'s full refund ends and its cancellation window closes (its family's policy).

    The policy is the one in force on the day the window opened; a family without a self-service
    window (Azure savings plans, reservations) closes as it opens.
    """
    opened = track.window_opened
    policy = _policy(track)
    full = policy.full_refund_for(track.term).value or 0
    whole = max(full, policy.prorated_refund.value or 0)
    return _after(opened, full), _after(opened, whole)


def check_move_target(source: Track, target: Track, day: dt.date) -> None:
    """Refuse a destination Partner Center does not offer for moving seats into an existing subscription.

    ``create-a-new-subscription.md`` ("Upgrade for new commerce license-based subscriptions"): not one
    still within its cancellation window, nor one of another term duration, nor one whose term ends
    before the source's.
    """
    check_changeable(target, day)
    start = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    closes = window_ends(target)[1]
    params: dict[str, object]
    if start < closes:
        code, params = "billing.upgrade.target_in_window", {"until": closes}
    elif target.term is not source.term:
        code, params = "billing.upgrade.target_term", {"term": target.term, "source_term": source.term}
    elif target.term_end < source.term_end:
        code = "billing.upgrade.target_ends_earlier"
        params = {"end": target.term_end, "source_end": source.term_end}
    else:
        return
    raise UpgradeRefused(
        f"seats of {source.id} cannot move into {target.id}",
        reasons=(Reason(code=code, params={"target": target.id, **params}, source=_UPGRADE_SOURCE),),
    )


def refund_kind(track: Track, at: dt.datetime) -> CancellationKind:
    """What cancelling ``track`` at ``at`` refunds; refuse a cancellation past every window.

    License-based subscriptions follow the dated windows of :func:`~cspcore.billing.cancellation_quote`;
    other families their own policy (:func:`~cspcore.billing.refunds.refund_quote`), whose reasons
    (and the route a refund request takes afterwards) a refusal carries.
    """
    if track.family is ProductFamily.LICENSE_BASED:
        return cancellation_quote(track.window_opened, at=at).kind
    quote = refund_quote(track.family, purchased_at=track.window_opened, at=at, term=track.term)
    if quote.kind is RefundKind.NONE:
        raise CancellationWindowClosed(
            f"{track.family.value} subscription {track.id} can no longer be cancelled for a refund",
            reasons=quote.reasons,
        )
    return CancellationKind.FULL if quote.kind is RefundKind.FULL else CancellationKind.PRORATED


def check_family_quantity(track: Track, new: int) -> None:
    """Refuse a seat change that the product family does not allow at all."""
    policy = _policy(track)
    source: Source
    if new < track.quantity and policy.seat_reduction.value is None:
        source, code = policy.seat_reduction.source, "billing.family.seats_not_reducible"
    elif new > track.quantity and not policy.quantity_increase.value:
        source, code = policy.quantity_increase.source, "billing.family.seats_not_addable"
    else:
        return
    raise FamilyRestriction(
        f"{track.family.value} subscription {track.id} cannot change from {track.quantity} to {new} seats",
        reasons=(
            Reason(
                code=code,
                params={"subscription": track.id, "family": track.family},
                source=source,
            ),
        ),
    )


def check_conversion_target(trial: Track, target: Track) -> None:
    """Refuse converting a trial into a subscription that ends before the trial does, or is a trial."""
    if target.trial or target.term_end < trial.term_end:
        raise TrialRestriction(
            f"trial {trial.id} cannot convert into {target.id}",
            reasons=(
                Reason(
                    code="billing.trial.target_ends_earlier",
                    params={"target": target.id, "target_end": target.term_end, "trial_end": trial.term_end},
                    source=_TRIAL_SOURCE,
                ),
            ),
        )


def check_scheduled_end(end: dt.date, term: Term) -> None:
    """Refuse a monthly next term whose custom end falls on the 28th-30th and is not a month end."""
    last = (end.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if term is Term.P1M and end.day >= 28 and end != last:
        raise CotermRefused(
            f"a monthly subscription cannot align with an end on day {end.day}",
            reasons=(
                Reason(
                    code="billing.coterm.monthly_day",
                    params={"day": end.day, "end": end},
                    source=Source(
                        document="align-subscription-end-dates.md", section="Setting custom term end dates"
                    ),
                ),
            ),
        )
