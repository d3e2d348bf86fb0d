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

from typing import TYPE_CHECKING, Final

from cspcore.billing.terms import BillingFrequency, Term
from cspcore.billing.windows import (
    BillingPlanChangeRefused,
    QuantityOutOfRange,
    SubscriptionInactive,
    TermDowngradeRefused,
    TrialRestriction,
    UpgradeRefused,
)
from cspcore.explain import Reason, Source

if TYPE_CHECKING:
    import datetime as dt

    from cspcore.billing._replay import Track
    from cspcore.billing.events import ChangeBillingPlan, ChangeQuantity, ConvertTrial, Upgrade

__all__ = [
    "check_active",
    "check_conversion",
    "check_plan_change",
    "check_quantity_change",
    "check_upgrade",
]

_TRIAL_SOURCE: Final = Source(
    document="create-a-new-subscription.md",
    section="Manage trials for new commerce license-based subscriptions",
)
_TERM_SOURCE: Final = Source(
    document="create-a-new-subscription.md",
    section="Change billing frequency along with billing term and other fields (immediate change)",
)
_PLAN_SOURCE: Final = Source(
    document="create-a-new-subscription.md", section="Change only billing frequency (scheduled change)"
)
_UPGRADE_SOURCE: Final = Source(
    document="create-a-new-subscription.md", section="Upgrade for new commerce license-based subscriptions"
)
_PLAN_CHANGES: Final = frozenset(
    {
        (Term.P3Y, BillingFrequency.MONTHLY, BillingFrequency.ANNUAL),
        (Term.P3Y, BillingFrequency.ANNUAL, BillingFrequency.MONTHLY),
    }
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
    check_active(track, event.on)
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


def check_upgrade(track: Track, event: Upgrade) -> int:
    """Refuse what Partner Center refuses of an upgrade; return the number of seats upgraded."""
    check_active(track, event.on)
    if track.trial:
        raise TrialRestriction(
            "a trial is converted, not upgraded",
            reasons=(Reason(code="billing.trial.convert_instead", params={}, source=_TRIAL_SOURCE),),
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
    check_active(track, event.on)
    if (track.term, track.frequency, event.frequency) not in _PLAN_CHANGES or track.trial:
        raise BillingPlanChangeRefused(
            f"cannot change a {track.term.value} {track.frequency.value} plan to {event.frequency.value}",
            reasons=(
                Reason(
                    code="billing.plan.change_refused",
                    params={"term": track.term, "current": track.frequency, "requested": event.frequency},
                    source=_PLAN_SOURCE,
                ),
            ),
        )


def check_conversion(track: Track, event: ConvertTrial, maximum: int | None) -> int:
    """Refuse converting what is not a trial, or with fewer seats; return the seats it converts with."""
    check_active(track, event.on)
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
