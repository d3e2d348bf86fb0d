"""Subscriptions: what a partner bought, for how long, billed how often, at what price.

>>> import datetime as dt
>>> from cspcore import Money
>>> from cspcore.billing import BillingFrequency, Subscription, Term
>>> sub = Subscription(
...     id="sub-1",
...     product="Microsoft 365 Business Standard",
...     start=dt.date(2021, 6, 18),
...     term=Term.P1Y,
...     frequency=BillingFrequency.MONTHLY,
...     quantity=10,
...     unit_price=Money("10.08", "EUR"),
... )
>>> sub.term_end, sub.purchased_at.isoformat()
(datetime.date(2022, 6, 17), '2021-06-18T00:00:00+00:00')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _validate
from cspcore.billing.families import ProductFamily, ProductFamilySpelling, family_policy
from cspcore.billing.seat_lots import seat_count
from cspcore.billing.terms import (
    BillingFrequency,
    BillingFrequencySpelling,
    Term,
    TermSpelling,
    check_plan,
    latest_end,
    term_end,
)
from cspcore.dates import add_days
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.money import Money

__all__ = ["TRIAL_DAYS", "Subscription"]

#: New-commerce trials last 30 days (``create-a-new-subscription.md``, "Manage trials for new
#: commerce license-based subscriptions").
TRIAL_DAYS: Final = 30


def _term(value: Term | TermSpelling) -> Term:
    return _validate.enum_member(Term, value, "term")


def _frequency(value: BillingFrequency | BillingFrequencySpelling) -> BillingFrequency:
    return _validate.enum_member(BillingFrequency, value, "frequency")


def _quantity(value: int) -> int:
    return seat_count(value, "quantity")


def _optional_max(value: int | None) -> int | None:
    return None if value is None else seat_count(value, "max_quantity")


def _price(value: Money) -> Money:
    money: Money = _validate.instance(value, Money, "unit_price")
    if money.is_negative():
        raise InvalidInput("unit_price", "must not be negative", money, code=ErrorCode.OUT_OF_RANGE)
    return money


def _family(value: ProductFamily | ProductFamilySpelling) -> ProductFamily:
    return _validate.enum_member(ProductFamily, value, "family")


def _optional_price(value: Money | None) -> Money | None:
    if value is None:
        return None
    money: Money = _validate.instance(value, Money, "paid_unit_price")
    if money.is_negative():
        raise InvalidInput("paid_unit_price", "must not be negative", money, code=ErrorCode.OUT_OF_RANGE)
    return money


def _optional_date(value: dt.date | None) -> dt.date | None:
    return None if value is None else _validate.date(value, "end")


def _purchased_at(value: object, sub: Any) -> dt.datetime:  # Any: attrs passes the instance
    """The purchase instant given, or ``start`` at 00:00 UTC (start is checked first: it is read)."""
    if value is None:
        start = _validate.date(sub.start, "start")
        return dt.datetime(start.year, start.month, start.day, tzinfo=dt.UTC)
    return _validate.aware_datetime(value, "purchased_at")


if TYPE_CHECKING:  # mypy's attrs plugin reads a named function's first parameter, not attrs.Converter

    def _purchased_at_converter(value: dt.datetime | None) -> dt.datetime: ...

else:
    _purchased_at_converter = attrs.Converter(_purchased_at, takes_self=True)


def _last_day(sub: Subscription) -> dt.date:
    """The inclusive end of the first term: the custom end, 30 days for a trial, else the standard end."""
    if sub.end is not None:
        return sub.end
    start = _validate.date(sub.start, "start")
    if sub.trial is True:
        try:
            return add_days(start, TRIAL_DAYS - 1)
        except InvalidInput:
            raise InvalidInput(
                "start", "a trial from this day would end after year 9999", start, code=ErrorCode.OUT_OF_RANGE
            ) from None
    return term_end(start, sub.term)


_check_bool = _validate.attrs_validator(_validate.flag)


@attrs.frozen(kw_only=True)
class Subscription:
    """A new-commerce license-based subscription at the start of its first term.

    Args:
        id: The subscription id (``SubscriptionId``).
        product: The product or SKU name.
        start: The first day of the term (UTC).
        term: The term (``P1M``, ``P1Y``, ``P3Y``).
        frequency: The billing plan; must be sold with ``term`` (:data:`~cspcore.billing.terms.VALID_PLANS`),
            ``NONE`` for trials.
        quantity: Seats (at least 1; at most ``max_quantity`` when given, and at most a trillion,
            :data:`~cspcore._validate.MAX_QUANTITY`, in any case).
        unit_price: The price per seat per charge cycle, as the reconciliation file shows it
            (a month's price for monthly plans, a year's for annual ones).
        purchased_at: The purchase instant that opens the cancellation window, on ``start`` in UTC;
            defaults to ``start`` at 00:00 UTC.
        end: A custom end date of the first term (coterminous or calendar-aligned), on or after
            ``start`` and no later than the day a standard term would renew.
        trial: A free trial (30 days, price zero, plan ``NONE``).
        auto_renew: Whether the term renews when it ends.
        max_quantity: The offer's maximum seats (``MaxLicenses``), when known.
        paid_unit_price: For a trial, the price per charge cycle of its paid equivalent (a year billed
            monthly): with auto-renew on, a trial converts to it the day after it ends
            (``create-a-new-subscription.md``, "Manage trials for new commerce license-based
            subscriptions"); rating past that day needs it.
        family: The product family (:class:`~cspcore.billing.families.ProductFamily`; license-based by
            default), whose policy on the start day decides refunds, seat changes, coterm and trials.

    Raises:
        InvalidInput: for any invalid field or combination.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> Subscription(
    ...     id="s",
    ...     product="Microsoft 365 E3",
    ...     start=dt.date(2022, 7, 15),
    ...     term="P1Y",
    ...     frequency="monthly",
    ...     quantity=5,
    ...     unit_price=Money("36.00", "USD"),
    ...     end=dt.date(2023, 6, 30),
    ... ).term_end
    datetime.date(2023, 6, 30)
    """

    id: str = attrs.field(converter=_validate.plain_text, validator=_validate.attrs_validator(_validate.text))
    product: str = attrs.field(
        converter=_validate.plain_text, validator=_validate.attrs_validator(_validate.text)
    )
    start: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    term: Term = attrs.field(converter=_term)
    frequency: BillingFrequency = attrs.field(converter=_frequency)
    quantity: int = attrs.field(converter=_quantity)
    unit_price: Money = attrs.field(converter=_price)
    purchased_at: dt.datetime = attrs.field(default=None, converter=_purchased_at_converter)
    end: dt.date | None = attrs.field(default=None, converter=_optional_date)
    trial: bool = attrs.field(default=False, validator=_check_bool)
    auto_renew: bool = attrs.field(default=True, validator=_check_bool)
    max_quantity: int | None = attrs.field(default=None, converter=_optional_max)
    paid_unit_price: Money | None = attrs.field(default=None, converter=_optional_price)
    family: ProductFamily = attrs.field(default=ProductFamily.LICENSE_BASED, converter=_family)
    _end: dt.date = attrs.field(
        init=False, repr=False, eq=False, default=attrs.Factory(_last_day, takes_self=True)
    )

    def __attrs_post_init__(self) -> None:
        given = self.purchased_at
        if _validate.instant(given, "purchased_at").date() != self.start:
            # Partner Center dates are UTC days: the purchase instant falls on the start date.
            raise InvalidInput(
                "purchased_at",
                f"is not on start {self.start.isoformat()} in UTC",
                given,
                code=ErrorCode.INCONSISTENT,
            )
        check_plan(self.term, self.frequency, trial=self.trial)
        if self.trial and not self.unit_price.is_zero():
            raise InvalidInput(
                "unit_price", "a trial is free; pass zero", self.unit_price, code=ErrorCode.NOT_ALLOWED
            )
        if self.end is not None:
            if self.trial:
                raise InvalidInput(
                    "end", "trials cannot have a custom end date", self.end, code=ErrorCode.NOT_ALLOWED
                )
            latest = latest_end(self.start, self.term.months)
            if not self.start <= self.end <= latest:
                raise InvalidInput(
                    "end",
                    f"must be within the first term ({self.start} to {latest})",
                    self.end,
                    code=ErrorCode.OUT_OF_RANGE,
                )
        self._check_family()
        if self.paid_unit_price is not None:
            if not self.trial:
                raise InvalidInput(
                    "paid_unit_price",
                    "only a trial has a paid equivalent; the subscription's price is unit_price",
                    self.paid_unit_price,
                    code=ErrorCode.NOT_ALLOWED,
                )
            if self.paid_unit_price.currency != self.currency:
                raise CurrencyMismatch("paid_unit_price", self.currency, self.paid_unit_price.currency)
        if self.max_quantity is not None and self.quantity > self.max_quantity:
            raise InvalidInput(
                "quantity",
                f"above max_quantity {self.max_quantity}",
                self.quantity,
                code=ErrorCode.OUT_OF_RANGE,
            )

    def _check_family(self) -> None:
        """Refuse what the family's policy (in force on the start day) does not sell."""
        try:
            policy = family_policy(self.family, on=self.start)
        except InvalidInput as refused:
            raise refused.renamed("start") from None
        if self.trial and not policy.trials.value:
            raise InvalidInput(
                "trial", f"{self.family.value} has no trials", self.trial, code=ErrorCode.NOT_ALLOWED
            )
        if self.end is not None and not policy.coterm.value:
            raise InvalidInput(
                "end",
                f"{self.family.value} cannot have a custom end date (no coterminosity)",
                self.end,
                code=ErrorCode.NOT_ALLOWED,
            )

    @property
    def currency(self) -> str:
        """The billing currency."""
        return self.unit_price.currency

    @property
    def term_end(self) -> dt.date:
        """The inclusive end of the first term: ``end`` if given, 30 days for a trial, else standard.

        >>> import datetime as dt
        >>> from cspcore import Money
        >>> Subscription(
        ...     id="t",
        ...     product="Dynamics 365 Guides",
        ...     start=dt.date(2021, 6, 25),
        ...     term="P1M",
        ...     frequency="none",
        ...     quantity=25,
        ...     unit_price=Money(0, "EUR"),
        ...     trial=True,
        ... ).term_end
        datetime.date(2021, 7, 24)
        """
        return self._end

    @property
    def is_upfront(self) -> bool:
        """``True`` when the whole term is one charge cycle (a one-time payment)."""
        return self.frequency.months == self.term.months
