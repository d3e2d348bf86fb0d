"""What a subscription looks like after its history: status, term, windows and the change saved for renewal.

:func:`cspcore.billing.lifecycle` returns one :class:`SubscriptionState` per subscription it replayed
(the ones given and the ones partial upgrades created), as of the ``through`` day.

>>> SubscriptionStatus("suspended").name
'SUSPENDED'

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _validate
from cspcore._trusted import trusted_constructor
from cspcore.billing.terms import BillingFrequency, Term
from cspcore.billing.windows import SeatLot
from cspcore.enums import CspEnum
from cspcore.money import Money

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "EndReason",
    "NextTerm",
    "ScheduledChange",
    "SubscriptionState",
    "SubscriptionStatus",
    "trusted_state",
]

_DATE: Final = _validate.attrs_validator(_validate.date)
_OPTIONAL_DATE: Final = attrs.validators.optional(_DATE)
_TEXT: Final = _validate.attrs_validator(_validate.text)
_FLAG: Final = _validate.attrs_validator(_validate.flag)


# Instants are kept as the plain datetime ``_validate.aware_datetime`` reads (a subclass's code never
# runs); one named converter per field, so the attrs mypy plugin keeps each argument's type.
def _window_opened_at(value: dt.datetime) -> dt.datetime:
    return _validate.aware_datetime(value, "window_opened_at")


def _full_refund_until(value: dt.datetime) -> dt.datetime:
    return _validate.aware_datetime(value, "full_refund_until")


def _cancellable_until(value: dt.datetime) -> dt.datetime:
    return _validate.aware_datetime(value, "cancellable_until")


def _optional(kind: type[Any]) -> Callable[[Any, Any, Any], None]:
    return attrs.validators.optional(_validate.attrs_instance_of(kind))


def _seats(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    _validate.integer(value, attribute.name, minimum=0, maximum=_validate.MAX_QUANTITY)


def _optional_seats(_instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is not None:
        _validate.integer(value, attribute.name, minimum=1, maximum=_validate.MAX_QUANTITY)


class SubscriptionStatus(CspEnum):
    """Where a subscription stands on a day.

    >>> SubscriptionStatus("ended").value
    'ended'
    """

    ACTIVE = "active"
    """Running; the customer has access."""
    SUSPENDED = "suspended"
    """Access blocked; still billed; may be reactivated until the last day of the term."""
    ENDED = "ended"
    """No longer running (see :class:`EndReason`)."""


class EndReason(CspEnum):
    """Why a subscription stopped.

    >>> EndReason("not_reactivated").name
    'NOT_REACTIVATED'
    """

    CANCELLED = "cancelled"
    """Cancelled within its window."""
    EXPIRED = "expired"
    """Its term ended with auto-renew off."""
    TRIAL_ENDED = "trial_ended"
    """A trial ended with auto-renew off (not converted)."""
    MOVED = "moved"
    """Every seat moved into another subscription by an upgrade."""
    NOT_REACTIVATED = "not_reactivated"
    """Suspended when its term ended: not reactivated in time, its data is deleted
    (``create-a-new-subscription.md``, "Suspend a subscription")."""


@attrs.frozen(kw_only=True)
class ScheduledChange:
    """The change saved for a subscription's next term, as :class:`~cspcore.billing.ScheduleChange` gave it.

    ``None`` fields keep the current value at renewal.
    """

    saved_on: dt.date = attrs.field(validator=_DATE)
    renews_on: dt.date = attrs.field(validator=_DATE)
    quantity: int | None = attrs.field(default=None, validator=_optional_seats)
    term: Term | None = attrs.field(default=None, validator=_optional(Term))
    frequency: BillingFrequency | None = attrs.field(default=None, validator=_optional(BillingFrequency))
    product: str | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_validate.optional_text)
    )
    unit_price: Money | None = attrs.field(default=None, validator=_optional(Money))
    end: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)


@attrs.frozen(kw_only=True)
class NextTerm:
    """The term a subscription's renewal will start, as known on the last day replayed.

    What the replay will apply at the renewal: the change saved for it, the latest list price
    announced during the term (price protection), a billing-plan change still waiting, a trial's
    conversion to its paid equivalent (a year billed monthly unless scheduled otherwise).

    Args:
        starts_on: The renewal day.
        product: The product of the next term.
        unit_price: Its price per charge cycle; ``None`` for a trial whose paid price is not known.
        quantity: Seats.
        term: The next term's duration.
        frequency: Its billing plan.
        end: Its custom end date, if one is scheduled.
    """

    starts_on: dt.date = attrs.field(validator=_DATE)
    product: str = attrs.field(validator=_TEXT)
    unit_price: Money | None = attrs.field(validator=_optional(Money))
    quantity: int = attrs.field(validator=_seats)
    term: Term = attrs.field(validator=_validate.attrs_instance_of(Term))
    frequency: BillingFrequency = attrs.field(validator=_validate.attrs_instance_of(BillingFrequency))
    end: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)


@attrs.frozen(kw_only=True)
class SubscriptionState:
    """One subscription as of the last day replayed.

    Args:
        id: The subscription id.
        product: The product it runs now.
        status: Active, suspended or ended.
        end_reason: Why it ended (``None`` while it runs).
        ended_on: The first day it no longer ran.
        quantity: Seats.
        unit_price: The price per charge cycle of the current term.
        term: The current term.
        frequency: The current billing plan.
        term_start: First day of the current term.
        term_end: Last day of the current term.
        is_trial: Whether it is still a free trial.
        auto_renew: Whether it renews when the term ends.
        renews_on: The day the next term starts, or ``None`` when it will not renew.
        window_opened_at: The instant the current cancellation window opened (purchase or renewal
            completion; a partial upgrade's subscription keeps its parent's).
        full_refund_until: The end of the full-refund part of the window.
        cancellable_until: The instant the cancellation window closes.
        seat_lots: The seats by the day they were added in the current term, oldest first (each may
            be removed for seven days).
        scheduled_change: The change saved for the next term.
        reactivate_by: For a suspended subscription, the last day it can be reactivated (its term end).
        renewal_pending: A renewal started and has not completed: the subscription is read-only.
        parent: The subscription a partial upgrade created this one from.
        next_term: The term its renewal will start (``None`` when it will not renew).
    """

    id: str = attrs.field(validator=_TEXT)
    product: str = attrs.field(validator=_TEXT)
    status: SubscriptionStatus = attrs.field(validator=_validate.attrs_instance_of(SubscriptionStatus))
    end_reason: EndReason | None = attrs.field(validator=_optional(EndReason))
    ended_on: dt.date | None = attrs.field(validator=_OPTIONAL_DATE)
    quantity: int = attrs.field(validator=_seats)
    unit_price: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    term: Term = attrs.field(validator=_validate.attrs_instance_of(Term))
    frequency: BillingFrequency = attrs.field(validator=_validate.attrs_instance_of(BillingFrequency))
    term_start: dt.date = attrs.field(validator=_DATE)
    term_end: dt.date = attrs.field(validator=_DATE)
    is_trial: bool = attrs.field(validator=_FLAG)
    auto_renew: bool = attrs.field(validator=_FLAG)
    renews_on: dt.date | None = attrs.field(validator=_OPTIONAL_DATE)
    window_opened_at: dt.datetime = attrs.field(converter=_window_opened_at)
    full_refund_until: dt.datetime = attrs.field(converter=_full_refund_until)
    cancellable_until: dt.datetime = attrs.field(converter=_cancellable_until)
    seat_lots: tuple[SeatLot, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, SeatLot))
    scheduled_change: ScheduledChange | None = attrs.field(validator=_optional(ScheduledChange))
    reactivate_by: dt.date | None = attrs.field(validator=_OPTIONAL_DATE)
    renewal_pending: bool = attrs.field(validator=_FLAG)
    parent: str | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_validate.optional_text)
    )
    next_term: NextTerm | None = attrs.field(default=None, validator=_optional(NextTerm))

    @property
    def is_active(self) -> bool:
        """Whether the subscription still runs (active or suspended)."""
        return self.status is not SubscriptionStatus.ENDED

    @property
    def is_monthly_rollover(self) -> bool:
        """Whether its renewals are month-to-month (a ``P1M`` term), not an annual or longer commitment."""
        return self.term is Term.P1M


#: SubscriptionState's trusted constructor (every field by keyword), for the replay that built and
#: checked each value itself.
trusted_state: Final = trusted_constructor(SubscriptionState, keyword_only=True)
