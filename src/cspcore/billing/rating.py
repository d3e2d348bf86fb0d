"""Rating: the charge lines Microsoft puts on the reconciliation file for a subscription's history.

:func:`rate` replays a subscription and its dated events and returns every
:class:`~cspcore.billing.ChargeLine` up to a date. The rules, each from
``common-billing-scenarios-onetime-recurring.md`` unless noted:

* The purchase charges the first charge cycle (``new``); every later cycle of the term is charged on
  its first day (``cycleCharge``); with auto-renew on, the day after the term ends starts a new term
  whose first cycle is charged as ``renew`` (``create-a-new-subscription.md``, "Renewal").
* A change in the middle of a cycle is a *refund and recreate* pair over the days from the event to
  the cycle end: ``effective unit price = unit price / charge cycle days × billing days``, both
  ends counted ("How are licenses (seats) added or removed?").
* The subtotal of a line is ``ROUNDDOWN(EUP, 2) × quantity`` (:attr:`ProrationRounding.UNIT_PRICE_FIRST`,
  the reconciliation-file formula, ``modern-invoice-reconciliation-file.md``, ``Subtotal``) or
  ``ROUNDDOWN(EUP × quantity, 2)`` (:attr:`ProrationRounding.LINE_TOTAL`). Microsoft's seat tables
  need the second; its cancellation, upgrade and billing-plan examples need the first.

A change Partner Center refuses (a seat change of a trial, an upgrade to a shorter term, a
billing-plan change it does not offer, anything after a cancellation) raises before any line is
made; those checks are the rules of :mod:`cspcore.billing._refusals`.

>>> import datetime as dt
>>> from cspcore import Money
>>> from cspcore.billing import ChangeQuantity, ProrationRounding, Subscription, rate
>>> sub = Subscription(
...     id="sub-1",
...     product="Microsoft 365 Business Standard",
...     start=dt.date(2021, 6, 18),
...     term="P1M",
...     frequency="monthly",
...     quantity=10,
...     unit_price=Money("10.08", "EUR"),
... )
>>> lines = rate(
...     sub,
...     [ChangeQuantity(on=dt.date(2021, 6, 20), quantity=12)],
...     through=dt.date(2021, 6, 30),
...     rounding=ProrationRounding.LINE_TOTAL,
... )
>>> [(line.charge_type.value, str(line.subtotal.amount)) for line in lines]
[('new', '100.80'), ('addQuantity', '-94.08'), ('addQuantity', '112.89')]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cspcore import _validate
from cspcore.billing._rater import MAX_RATED_DAYS, AnyEvent, run
from cspcore.billing.events import (
    Cancel,
    ChangeBillingPlan,
    ChangeQuantity,
    ConvertTrial,
    Event,
    PriceChange,
    Upgrade,
)
from cspcore.billing.proration import ProrationRounding
from cspcore.billing.subscription import Subscription

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from cspcore.billing.charges import ChargeLine
    from cspcore.billing.exchange import ExchangeRates

__all__ = [
    "MAX_RATED_DAYS",
    "Cancel",
    "ChangeBillingPlan",
    "ChangeQuantity",
    "ConvertTrial",
    "Event",
    "PriceChange",
    "ProrationRounding",
    "Upgrade",
    "rate",
]


def rate(
    subscription: Subscription,
    events: Iterable[AnyEvent] = (),
    *,
    through: dt.date,
    rounding: ProrationRounding = ProrationRounding.UNIT_PRICE_FIRST,
    exchange: ExchangeRates | None = None,
) -> tuple[ChargeLine, ...]:
    """Every charge line of a subscription's history whose order date is on or before ``through``.

    Events are applied in date order; events of one day keep the order they are given in, so the
    result does not depend on how events of different days are ordered. Cycle charges and renewals
    of a day come before that day's events.

    Args:
        subscription: The subscription as purchased.
        events: Dated :class:`ChangeQuantity`, :class:`Cancel`, :class:`Upgrade`,
            :class:`ChangeBillingPlan`, :class:`ConvertTrial` and :class:`PriceChange` events, and the
            lifecycle events of :mod:`cspcore.billing.lifecycle_events` (renewal completion,
            auto-renew, suspension, scheduled changes); see :func:`~cspcore.billing.lifecycle`,
            which also reports each subscription's state and replays several together.
        through: The last order date to produce lines for; later events are not examined.
        rounding: How prorated subtotals are rounded (see :class:`ProrationRounding`).
        exchange: When the subscription is priced in another currency than the partner is billed in:
            the monthly ``PCToBCExchangeRate`` s (:class:`~cspcore.billing.exchange.ExchangeRates`, from
            the subscription's currency). Each line takes the rate of its order date's month (the rate
            is "determined based on the date of the charge", ``billing-basics.md``) and its subtotal
            follows the reconciliation file's formula: ``ROUNDDOWN(EUP × rate, 2) × quantity`` with
            ``UNIT_PRICE_FIRST`` (seat-based), ``ROUNDDOWN(ROUNDDOWN(EUP × quantity, 2) × rate, 2)``
            with ``LINE_TOTAL`` (usage-based). Prices stay in the pricing currency; amounts are in
            the billing currency, and the line carries the currency, rate and rate date.

    Returns:
        The lines in the order they happen.

    Raises:
        CancellationWindowClosed: a cancellation after the seven-day window.
        SeatReductionWindowClosed: a reduction of seats added more than seven days earlier.
        QuantityOutOfRange: a seat count below 1 or above ``max_quantity``.
        TrialRestriction: a seat change during a trial, a conversion of a paid subscription.
        TermDowngradeRefused: an upgrade to a shorter term.
        BillingPlanChangeRefused: a plan change Partner Center does not offer for the term.
        UpgradeRefused: more seats upgraded than the subscription has.
        SubscriptionInactive: an event after a cancellation or the end of the last term.
        InvalidInput: for invalid arguments.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Cancel, Subscription, rate
    >>> sub = Subscription(
    ...     id="s",
    ...     product="Microsoft 365 Business Standard",
    ...     start=dt.date(2021, 7, 15),
    ...     term="P1M",
    ...     frequency="monthly",
    ...     quantity=10,
    ...     unit_price=Money("10.08", "EUR"),
    ... )
    >>> lines = rate(
    ...     sub, [Cancel(at=dt.datetime(2021, 7, 17, 12, tzinfo=dt.UTC))], through=dt.date(2021, 7, 31)
    ... )
    >>> [str(line.total.amount) for line in lines]
    ['100.80', '-94.20']
    """
    _validate.instance(subscription, Subscription, "subscription")
    return tuple(run(subscription, events, through=through, rounding=rounding, exchange=exchange).lines)
