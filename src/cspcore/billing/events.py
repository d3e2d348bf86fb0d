"""Events: the dated changes that :func:`~cspcore.billing.rate` replays over a subscription's history.

Each event names the UTC day it happens on (:attr:`day`): a seat change (:class:`ChangeQuantity`), a
cancellation (:class:`Cancel`), an upgrade (:class:`Upgrade`), a billing-plan change
(:class:`ChangeBillingPlan`), a trial conversion (:class:`ConvertTrial`) and a new list price
(:class:`PriceChange`). Each checks its own fields; whether Partner Center allows it on that day is
decided by the replay.

>>> import datetime as dt
>>> from cspcore.billing.events import ChangeQuantity
>>> ChangeQuantity(on=dt.date(2021, 6, 20), quantity=12).day
datetime.date(2021, 6, 20)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs

from cspcore import _validate
from cspcore._keyword_only import positional_deprecated
from cspcore.billing.seat_lots import seat_count
from cspcore.billing.terms import (
    BillingFrequency,
    BillingFrequencySpelling,
    Term,
    TermSpelling,
    check_plan,
)
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.money import Money

__all__ = [
    "Cancel",
    "ChangeBillingPlan",
    "ChangeQuantity",
    "ConvertTrial",
    "Event",
    "PriceChange",
    "Upgrade",
]


def _check_day(_instance: object, attribute: attrs.Attribute[dt.date], value: object) -> None:
    _validate.date(value, attribute.name)


def _frequency(value: BillingFrequency | BillingFrequencySpelling) -> BillingFrequency:
    return _validate.enum_member(BillingFrequency, value, "frequency")


def _term(value: Term | TermSpelling) -> Term:
    return _validate.enum_member(Term, value, "term")


def _price(value: Money) -> Money:
    money: Money = _validate.instance(value, Money, "unit_price")
    if money.is_negative():
        raise InvalidInput("unit_price", "must not be negative", money, code=ErrorCode.OUT_OF_RANGE)
    return money


def _count(value: int) -> int:
    return seat_count(value, "quantity", minimum=None)


def _optional_count(value: int | None) -> int | None:
    return None if value is None else seat_count(value, "quantity")


def _optional_term(value: Term | TermSpelling | None) -> Term | None:
    return None if value is None else _validate.enum_member(Term, value, "term")


def _optional_frequency(
    value: BillingFrequency | BillingFrequencySpelling | None,
) -> BillingFrequency | None:
    return None if value is None else _validate.enum_member(BillingFrequency, value, "frequency")


def _optional_text(value: str | None) -> str | None:
    return None if value is None else _validate.text(value, "subscription_id")


def _optional_price(value: Money | None) -> Money | None:
    return None if value is None else _price(value)


def _optional_into(value: str | None) -> str | None:
    return None if value is None else _validate.text(value, "into")


def _optional_subscription(value: str | None) -> str | None:
    return None if value is None else _validate.text(value, "subscription")


@positional_deprecated("on", "quantity")
@attrs.frozen(kw_only=True)
class ChangeQuantity:
    """Set the seat count to ``quantity`` on ``on`` (``addQuantity`` / ``removeQuantity``).

    >>> import datetime as dt
    >>> ChangeQuantity(on=dt.date(2021, 6, 20), quantity=12).quantity
    12
    """

    on: dt.date = attrs.field(validator=_check_day)
    quantity: int = attrs.field(converter=_count)
    subscription: str | None = attrs.field(default=None, converter=_optional_subscription)
    """The id of the subscription the event acts on; ``None``: the subscription being rated."""

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return self.on


# Instants are kept as the plain datetime ``_validate.aware_datetime`` reads (a subclass's code never
# runs); one named converter per field, so the attrs mypy plugin keeps each argument's type.
def _cancel_at(value: dt.datetime) -> dt.datetime:
    return _validate.aware_datetime(value, "at")


@positional_deprecated("at")
@attrs.frozen(kw_only=True)
class Cancel:
    """Cancel the subscription at the instant ``at`` (``cancelImmediate``).

    >>> import datetime as dt
    >>> Cancel(at=dt.datetime(2021, 7, 17, 9, tzinfo=dt.UTC)).day
    datetime.date(2021, 7, 17)
    """

    at: dt.datetime = attrs.field(converter=_cancel_at)
    subscription: str | None = attrs.field(default=None, converter=_optional_subscription)
    """The id of the subscription the event acts on; ``None``: the subscription being rated."""

    def __attrs_post_init__(self) -> None:
        _validate.instant(self.at, "at")  # an instant with no UTC day (hours from the calendar's ends)

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return self.at.astimezone(dt.UTC).date()


@attrs.frozen(kw_only=True)
class Upgrade:
    """Upgrade all seats (``quantity=None``) or some of them to ``product`` on ``on`` (``convert``).

    Args:
        on: The day of the upgrade.
        product: The target product.
        unit_price: The target's price per charge cycle.
        quantity: Seats to upgrade; ``None`` for a full upgrade (the subscription keeps its id).
        term: The target's term; a shorter term than the current one is refused. A longer term
            starts a new term on ``on`` (``create-a-new-subscription.md``: a move to a higher term
            is accepted mid-term).
        frequency: The billing plan of that longer term (default: the current plan); only with
            ``term``.
        subscription_id: The id of the subscription a partial upgrade creates (derived when omitted);
            with ``into_existing``, the id of the existing target (required).
        into_existing: The target subscription already exists (``moveQuantity``); only the pair of
            lines is produced.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> Upgrade(
    ...     on=dt.date(2021, 6, 25), product="Office 365 E1", unit_price=Money("6.43", "EUR")
    ... ).quantity is None
    True
    """

    on: dt.date = attrs.field(validator=_check_day)
    product: str = attrs.field(
        converter=_validate.plain_text, validator=_validate.attrs_validator(_validate.text)
    )
    unit_price: Money = attrs.field(converter=_price)
    quantity: int | None = attrs.field(default=None, converter=_optional_count)
    term: Term | None = attrs.field(default=None, converter=_optional_term)
    frequency: BillingFrequency | None = attrs.field(default=None, converter=_optional_frequency)
    subscription_id: str | None = attrs.field(default=None, converter=_optional_text)
    into_existing: bool = attrs.field(default=False, validator=_validate.attrs_validator(_validate.flag))
    subscription: str | None = attrs.field(default=None, converter=_optional_subscription)
    """The id of the subscription the event acts on; ``None``: the subscription being rated."""

    def __attrs_post_init__(self) -> None:
        if self.into_existing and self.subscription_id is None:
            raise InvalidInput(
                "subscription_id",
                "name the existing subscription the seats move into",
                None,
                code=ErrorCode.MISSING,
            )
        if self.frequency is not None:
            if self.term is None:
                raise InvalidInput(
                    "frequency",
                    "only with a longer term; pass term too",
                    self.frequency,
                    code=ErrorCode.MISSING,
                )
            check_plan(self.term, self.frequency)

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return self.on


@positional_deprecated("on", "frequency", "unit_price")
@attrs.frozen(kw_only=True)
class ChangeBillingPlan:
    """Switch the billing plan to ``frequency`` at ``unit_price`` per new cycle, from the next cycle.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> ChangeBillingPlan(
    ...     on=dt.date(2021, 9, 21), frequency="annual", unit_price=Money("250", "EUR")
    ... ).frequency
    <BillingFrequency.ANNUAL: 'annual'>
    """

    on: dt.date = attrs.field(validator=_check_day)
    frequency: BillingFrequency = attrs.field(converter=_frequency)
    unit_price: Money = attrs.field(converter=_price)
    subscription: str | None = attrs.field(default=None, converter=_optional_subscription)
    """The id of the subscription the event acts on; ``None``: the subscription being rated."""

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return self.on


@positional_deprecated("on", "unit_price", "term", "frequency", "quantity")
@attrs.frozen(kw_only=True)
class ConvertTrial:
    """Convert a trial into a paid subscription on ``on``: a new term starts that day (``convert``).

    The term defaults to a year billed monthly; ``quantity`` (default: the trial's seats) may not be
    lower than the trial's (``create-a-new-subscription.md``, "Midterm trial conversion").

    With ``into``, the trial's seats join an existing subscription instead (replayed in the same
    :func:`~cspcore.billing.lifecycle` call), which keeps its term, billing frequency and price; its end
    date must be on or after the trial's ("Manage trials for new commerce license-based subscriptions").
    ``unit_price``, ``term`` and ``frequency`` are then not given.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> ConvertTrial(on=dt.date(2021, 6, 25), unit_price=Money("52.61", "EUR")).term
    <Term.P1Y: 'P1Y'>
    """

    on: dt.date = attrs.field(validator=_check_day)
    unit_price: Money | None = attrs.field(default=None, converter=_optional_price)
    term: Term = attrs.field(default=Term.P1Y, converter=_term)
    frequency: BillingFrequency = attrs.field(default=BillingFrequency.MONTHLY, converter=_frequency)
    quantity: int | None = attrs.field(default=None, converter=_optional_count)
    subscription: str | None = attrs.field(default=None, converter=_optional_subscription)
    """The id of the subscription the event acts on; ``None``: the subscription being rated."""
    into: str | None = attrs.field(default=None, converter=_optional_into)
    """The id of an existing subscription the trial's seats join; ``None``: a new paid term."""

    def __attrs_post_init__(self) -> None:
        check_plan(self.term, self.frequency)
        if (self.unit_price is None) == (self.into is None):
            raise InvalidInput(
                "unit_price",
                "give the paid price, or `into` an existing subscription (which keeps its own price)",
                self.unit_price,
                code=ErrorCode.MISSING if self.unit_price is None else ErrorCode.NOT_ALLOWED,
            )

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return self.on


@positional_deprecated("on", "unit_price")
@attrs.frozen(kw_only=True)
class PriceChange:
    """A new list price from ``on``; price protection applies it only from the next renewal.

    ``pricing-and-offers.md``: price changes during the term do not affect an existing subscription.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> PriceChange(on=dt.date(2022, 4, 1), unit_price=Money("11", "EUR")).unit_price
    Money('11', 'EUR')
    """

    on: dt.date = attrs.field(validator=_check_day)
    unit_price: Money = attrs.field(converter=_price)
    subscription: str | None = attrs.field(default=None, converter=_optional_subscription)
    """The id of the subscription the event acts on; ``None``: the subscription being rated."""

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return self.on


Event = ChangeQuantity | Cancel | Upgrade | ChangeBillingPlan | ConvertTrial | PriceChange
EVENT_TYPES: Final = (ChangeQuantity, Cancel, Upgrade, ChangeBillingPlan, ConvertTrial, PriceChange)
