"""Lifecycle events: renewals completing, auto-renew, suspension and the changes scheduled for renewal.

Like the events of :mod:`cspcore.billing.events`, each names the UTC day it happens on (:attr:`day`) and
checks only its own fields; whether Partner Center allows it then is decided by the replay
(:func:`cspcore.billing.lifecycle`):

* :class:`CompleteRenewal`: the instant a renewal completed. Renewals are processed from 00:00 UTC of
  the day after the term ends and can take up to 24 hours (``developer/create-scheduled-changes.md``);
  the cancellation window and the seat lots of the new term run from that instant
  (``create-a-new-subscription.md``: the window "starts precisely at this datetime of renewal
  completion"). Until then the subscription is read-only.
* :class:`SetAutoRenew`: turn auto-renew on or off.
* :class:`Suspend` / :class:`Reactivate`: block and restore the customer's access
  (``create-a-new-subscription.md``, "Suspend a subscription").
* :class:`ScheduleChange` / :class:`CancelScheduledChange`: the changes Partner Center's "Manage
  renewal" saves for the next term (``create-a-new-subscription.md``, "Scheduled changes for managing
  new commerce license-based subscription renewals").

>>> import datetime as dt
>>> from cspcore.billing.lifecycle_events import Suspend
>>> Suspend(at=dt.datetime(2024, 3, 2, 9, tzinfo=dt.UTC)).day
datetime.date(2024, 3, 2)

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs

from cspcore import _validate
from cspcore.billing.events import Event
from cspcore.billing.seat_lots import seat_count
from cspcore.billing.terms import (
    BillingFrequency,
    BillingFrequencySpelling,
    Term,
    TermSpelling,
    check_plan,
)
from cspcore.errors import ErrorCode, InvalidInput, RuleViolation
from cspcore.money import Money

__all__ = [
    "RENEWAL_PROCESSING",
    "CancelScheduledChange",
    "CompleteRenewal",
    "LifecycleEvent",
    "Reactivate",
    "RenewalPending",
    "ScheduleChange",
    "ScheduledChangeRefused",
    "SetAutoRenew",
    "Suspend",
    "SuspensionRefused",
]

#: How long a renewal may take to complete after it starts at 00:00 UTC
#: (``developer/create-scheduled-changes.md``: "may take up to 24-hours to be processed").
RENEWAL_PROCESSING: Final = dt.timedelta(hours=24)


def _check_day(_instance: object, attribute: attrs.Attribute[dt.date], value: object) -> None:
    _validate.date(value, attribute.name)


# Instants are kept as the plain datetime ``_validate.aware_datetime`` reads (a subclass's code never
# runs); one named converter per field, so the attrs mypy plugin keeps each argument's type.
def _at(value: dt.datetime) -> dt.datetime:
    moment = _validate.aware_datetime(value, "at")
    _validate.instant(moment, "at")  # an instant with no UTC day (hours from the calendar's ends)
    return moment


def _optional_subscription(value: str | None) -> str | None:
    return None if value is None else _validate.text(value, "subscription")


def _utc_day(at: dt.datetime) -> dt.date:
    return at.astimezone(dt.UTC).date()


@attrs.frozen(kw_only=True)
class CompleteRenewal:
    """The renewal that started at 00:00 UTC on ``on`` completed at ``at``.

    ``at`` is within the 24 hours the processing may take (:data:`RENEWAL_PROCESSING`). Without this
    event a renewal counts as complete at 00:00 UTC of its day, the earliest it can complete: the
    windows computed from that default never close later than Partner Center's.

    >>> import datetime as dt
    >>> CompleteRenewal(on=dt.date(2023, 3, 2), at=dt.datetime(2023, 3, 2, 7, 30, tzinfo=dt.UTC)).day
    datetime.date(2023, 3, 2)
    """

    on: dt.date = attrs.field(validator=_check_day)
    at: dt.datetime = attrs.field(converter=_at)
    subscription: str | None = attrs.field(default=None, converter=_optional_subscription)
    """The id of the subscription that renewed; ``None``: the subscription being rated."""

    def __attrs_post_init__(self) -> None:
        started = dt.datetime(self.on.year, self.on.month, self.on.day, tzinfo=dt.UTC)
        if not started <= self.at <= started + RENEWAL_PROCESSING:
            raise InvalidInput(
                "at",
                f"a renewal of {self.on.isoformat()} completes within 24 hours of 00:00 UTC that day",
                self.at,
                code=ErrorCode.OUT_OF_RANGE,
            )

    @property
    def day(self) -> dt.date:
        """The UTC day the renewal started (the event is applied right after that day's renewals)."""
        return self.on


@attrs.frozen(kw_only=True)
class SetAutoRenew:
    """Turn auto-renew on (``enabled=True``) or off on ``on``.

    Turning it off deletes a saved scheduled change (``create-a-new-subscription.md``).

    >>> import datetime as dt
    >>> SetAutoRenew(on=dt.date(2024, 5, 2), enabled=False).enabled
    False
    """

    on: dt.date = attrs.field(validator=_check_day)
    enabled: bool = attrs.field(validator=_validate.attrs_validator(_validate.flag))
    subscription: str | None = attrs.field(default=None, converter=_optional_subscription)
    """The id of the subscription; ``None``: the subscription being rated."""

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return self.on


@attrs.frozen(kw_only=True)
class Suspend:
    """Suspend the subscription at ``at``: access is blocked, auto-renew turns off, billing goes on.

    >>> import datetime as dt
    >>> Suspend(at=dt.datetime(2024, 3, 2, 9, tzinfo=dt.UTC)).subscription is None
    True
    """

    at: dt.datetime = attrs.field(converter=_at)
    subscription: str | None = attrs.field(default=None, converter=_optional_subscription)
    """The id of the subscription; ``None``: the subscription being rated."""

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return _utc_day(self.at)


@attrs.frozen(kw_only=True)
class Reactivate:
    """Reactivate a suspended subscription at ``at`` (no later than the last day of its term).

    >>> import datetime as dt
    >>> Reactivate(at=dt.datetime(2024, 3, 9, 9, tzinfo=dt.UTC)).day
    datetime.date(2024, 3, 9)
    """

    at: dt.datetime = attrs.field(converter=_at)
    subscription: str | None = attrs.field(default=None, converter=_optional_subscription)
    """The id of the subscription; ``None``: the subscription being rated."""

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return _utc_day(self.at)


def _optional_count(value: int | None) -> int | None:
    return None if value is None else seat_count(value, "quantity")


def _optional_term(value: Term | TermSpelling | None) -> Term | None:
    return None if value is None else _validate.enum_member(Term, value, "term")


def _optional_frequency(
    value: BillingFrequency | BillingFrequencySpelling | None,
) -> BillingFrequency | None:
    return None if value is None else _validate.enum_member(BillingFrequency, value, "frequency")


def _optional_product(value: str | None) -> str | None:
    return None if value is None else _validate.text(_validate.plain_text(value), "product")


def _optional_price(value: Money | None) -> Money | None:
    if value is None:
        return None
    money: Money = _validate.instance(value, Money, "unit_price")
    if money.is_negative():
        raise InvalidInput("unit_price", "must not be negative", money, code=ErrorCode.OUT_OF_RANGE)
    return money


def _optional_end(value: dt.date | None) -> dt.date | None:
    return None if value is None else _validate.date(value, "end")


@attrs.frozen(kw_only=True)
class ScheduleChange:
    """Save changes for the next term, made on ``on`` and applied when the subscription renews.

    Any of: ``quantity``, ``term`` and ``frequency`` (together a plan Partner Center sells),
    ``product`` (an upgrade at renewal), ``end`` (a coterminous or calendar-aligned end of the next
    term). A new price (``unit_price``, the price per charge cycle of the next term) is required when
    the product, the term or the billing frequency changes. On a trial, this is a *scheduled
    conversion*: it may set any seat count (the 25-seat floor binds only a mid-term conversion),
    term and frequency. Scheduling again replaces the saved change.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> ScheduleChange(on=dt.date(2024, 5, 2), quantity=8).quantity
    8
    """

    on: dt.date = attrs.field(validator=_check_day)
    quantity: int | None = attrs.field(default=None, converter=_optional_count)
    term: Term | None = attrs.field(default=None, converter=_optional_term)
    frequency: BillingFrequency | None = attrs.field(default=None, converter=_optional_frequency)
    product: str | None = attrs.field(default=None, converter=_optional_product)
    unit_price: Money | None = attrs.field(default=None, converter=_optional_price)
    end: dt.date | None = attrs.field(default=None, converter=_optional_end)
    subscription: str | None = attrs.field(default=None, converter=_optional_subscription)
    """The id of the subscription; ``None``: the subscription being rated."""

    def __attrs_post_init__(self) -> None:
        if (self.term is None) != (self.frequency is None):
            field = "frequency" if self.frequency is None else "term"
            raise InvalidInput(
                field,
                "a term and a billing frequency are scheduled together (they form one plan)",
                None,
                code=ErrorCode.MISSING,
            )
        if self.term is not None and self.frequency is not None:
            check_plan(self.term, self.frequency)
        changes = (self.quantity, self.term, self.product, self.unit_price, self.end)
        if all(change is None for change in changes):
            raise InvalidInput("on", "schedules no change", self.on, code=ErrorCode.MISSING)
        if self.unit_price is None and (self.product is not None or self.term is not None):
            raise InvalidInput(
                "unit_price",
                "a new product or plan needs its price for the next term",
                None,
                code=ErrorCode.MISSING,
            )

    @property
    def day(self) -> dt.date:
        """The UTC day the change is saved."""
        return self.on


@attrs.frozen(kw_only=True)
class CancelScheduledChange:
    """Remove the change saved for the next term (Partner Center's "Manage renewal", remove).

    >>> import datetime as dt
    >>> CancelScheduledChange(on=dt.date(2024, 5, 2)).day
    datetime.date(2024, 5, 2)
    """

    on: dt.date = attrs.field(validator=_check_day)
    subscription: str | None = attrs.field(default=None, converter=_optional_subscription)
    """The id of the subscription; ``None``: the subscription being rated."""

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return self.on


class RenewalPending(RuleViolation):
    """A change while a renewal is being processed: the subscription is read-only until it completes.

    ``create-a-new-subscription.md`` ("Renewal"): auto-renew, scheduled next-term instructions and
    suspend/reactivate are read-only until the renewal completes; other updates fail with "409: Conflict".

    >>> issubclass(RenewalPending, RuleViolation)
    True
    """


class SuspensionRefused(RuleViolation):
    """A change Partner Center refuses around a suspension.

    A change to a suspended subscription, a reactivation of one that is not suspended (or too late),
    or a suspension of one that is (or of a trial, whose status cannot change).

    >>> issubclass(SuspensionRefused, RuleViolation)
    True
    """


class ScheduledChangeRefused(RuleViolation):
    """A change for renewal that Partner Center would not save.

    The subscription is not active, auto-renew is off, or the change does not fit the next term.

    >>> issubclass(ScheduledChangeRefused, RuleViolation)
    True
    """


#: Any event :func:`~cspcore.billing.lifecycle` (and :func:`~cspcore.billing.rate`) replays: the changes of
#: :mod:`cspcore.billing.events` and the lifecycle events above, for annotating a history of mixed events.
LifecycleEvent = (
    Event | CompleteRenewal | SetAutoRenew | Suspend | Reactivate | ScheduleChange | CancelScheduledChange
)
