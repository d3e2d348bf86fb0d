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

import functools
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from cspcore import _decimal, _validate
from cspcore.billing._refusals import (
    check_active,
    check_conversion,
    check_plan_change,
    check_quantity_change,
    check_upgrade,
)
from cspcore.billing._replay import Replay, Template
from cspcore.billing.charges import ChargeLine, ChargeType
from cspcore.billing.events import (
    EVENT_TYPES,
    Cancel,
    ChangeBillingPlan,
    ChangeQuantity,
    ConvertTrial,
    Event,
    PriceChange,
    Upgrade,
)
from cspcore.billing.proration import ProrationRounding, negated, prorated
from cspcore.billing.subscription import Subscription
from cspcore.billing.windows import (
    CancellationKind,
    cancellation_quote,
)
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput

if TYPE_CHECKING:
    import datetime as dt

__all__ = [
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

_ZERO: Final = Decimal(0)
_add = _decimal.EXACT.add


class _Rater(Replay):
    """Applies the events of one subscription's history to its replay (internal)."""

    def apply(self, event: Event) -> None:
        if isinstance(event, ChangeQuantity):
            self.change_quantity(event)
        elif isinstance(event, Cancel):
            self.cancel(event)
        elif isinstance(event, Upgrade):
            self.upgrade(event)
        elif isinstance(event, ChangeBillingPlan):
            self.change_plan(event)
        elif isinstance(event, ConvertTrial):
            self.convert(event)
        else:
            self.prices.append((event.on, event.unit_price.amount))

    def change_quantity(self, event: ChangeQuantity) -> None:
        track = self.base
        day = event.on
        check_quantity_change(track, event, self.max_quantity)
        new = event.quantity
        old = track.quantity
        if new == old:  # no change, so no order and no lines
            return
        if new < old:
            self.lots.reduce(old - new, on=day)
        else:
            self.lots.add(day, new - old)
        cycle = track.cycle
        share = self.prorate(track, track.unit_price, day)
        kind = ChargeType.REMOVE_QUANTITY if new < old else ChargeType.ADD_QUANTITY
        reference = self.reference(track, day)
        self.emit(track, day, kind, negated(share), old, day, cycle.end, reference)
        track.quantity = new
        self.emit(track, day, kind, share, new, day, cycle.end, reference)

    def cancel(self, event: Cancel) -> None:
        track = self.base
        day = event.day
        check_active(track, day)
        quote = cancellation_quote(self.window_opened, at=event.at)
        cycle = track.cycle
        if quote.kind is CancellationKind.FULL:
            charged = [
                line.subtotal.amount
                for line in self.lines[self.window_line :]
                if line.subscription_id == track.id
            ]
            refund = functools.reduce(_add, charged, _ZERO).copy_negate()
            start = min(track.term_start, day)
            self.emit(
                track,
                day,
                ChargeType.CANCEL_IMMEDIATE,
                (refund, track.quantity),
                track.quantity,
                start,
                cycle.end,
                None,
                subtotal=refund,
            )
        else:
            self.emit(
                track,
                day,
                ChargeType.CANCEL_IMMEDIATE,
                negated(self.prorate(track, track.unit_price, day)),
                track.quantity,
                day,
                cycle.end,
                None,
            )
        track.ended_on = day

    def upgrade(self, event: Upgrade) -> None:
        track = self.base
        day = event.on
        quantity = check_upgrade(track, event)
        partial = quantity < track.quantity
        kind = ChargeType.MOVE_QUANTITY if event.into_existing else ChargeType.CONVERT
        cycle = track.cycle
        reference = self.reference(track, day)
        self.emit(
            track,
            day,
            kind,
            negated(self.prorate(track, track.unit_price, day)),
            quantity,
            day,
            cycle.end,
            reference,
        )
        target_id = (
            track.id if not partial else event.subscription_id or f"{track.id}/upgrade/{day.isoformat()}"
        )
        new_price = event.unit_price.amount
        longer = event.term is not None and event.term.months > track.term.months
        if event.into_existing:
            # The seats join a subscription cspcore is not rating: only the pair is produced here,
            # and a full move leaves this subscription without seats.
            _, _, _, qualifiers, sub_start, sub_end, text, shown_frequency, _ = track.template
            moved: Template = (
                event.product,
                event.subscription_id or target_id,
                event.unit_price,
                qualifiers,
                sub_start,
                sub_end,
                text,
                shown_frequency,
                {},
            )
            share = self.prorate(track, new_price, day)
            self.build(moved, day, kind, share, quantity, day, cycle.end, reference)
            self.lots.shrink(quantity)
            track.quantity -= quantity
            if not track.quantity:  # every seat moved: nothing is left to charge
                track.ended_on = day
            return
        if partial:
            self.lots.shrink(quantity)
            track.quantity -= quantity
            target = self.spawn(track, target_id, quantity, event.product, new_price)
        else:
            target = track
            self.prices.clear()  # earlier list prices were the old product's
            target.product = event.product
            target.unit_price = new_price
            self.refresh(target)
        if longer and event.term is not None:
            frequency = event.frequency or track.frequency
            opened = self.window_opened
            self.start_term(target, day, event.term, frequency)
            self.window_opened = opened  # the window runs from the purchase, not from the upgrade
            first = target.cycle
            share = prorated(new_price, first.length, first.days)
            self.emit(target, day, kind, share, quantity, day, first.end, reference)
            return
        self.emit(
            target, day, kind, self.prorate(target, new_price, day), quantity, day, cycle.end, reference
        )

    def change_plan(self, event: ChangeBillingPlan) -> None:
        track = self.base
        check_plan_change(track, event)
        track.pending_plan = event
        self.prices.clear()  # earlier list prices were the old plan's

    def convert(self, event: ConvertTrial) -> None:
        track = self.base
        day = event.on
        quantity = check_conversion(track, event, self.max_quantity)
        reference = self.reference(track, day)
        self.emit(track, day, ChargeType.CONVERT, (_ZERO, 1), track.quantity, day, track.term_end, reference)
        track.quantity = quantity
        track.qualifiers = ()  # no longer a trial
        track.unit_price = event.unit_price.amount
        self.start_term(track, day, event.term, event.frequency)
        first = track.cycle
        self.emit(
            track, day, ChargeType.CONVERT, (track.unit_price, 1), track.quantity, day, first.end, reference
        )


def _check_event(index: int, event: object, sub: Subscription) -> Event:
    if not isinstance(event, EVENT_TYPES):
        raise InvalidInput(
            f"events[{index}]",
            "expected ChangeQuantity, Cancel, Upgrade, ChangeBillingPlan, ConvertTrial or PriceChange",
            event,
            code=ErrorCode.WRONG_TYPE,
        )
    if event.day < sub.start:
        raise InvalidInput(
            f"events[{index}]",
            f"happens before the subscription starts ({sub.start})",
            event,
            code=ErrorCode.INCONSISTENT,
        )
    price = getattr(event, "unit_price", None)
    if price is not None and price.currency != sub.currency:
        raise CurrencyMismatch(f"events[{index}].unit_price", sub.currency, price.currency)
    return event


#: The longest history :func:`rate` replays, from the subscription's start to ``through``: a century
#: (36,525 days), as for a what-if simulation; a longer one is refused rather than replayed for seconds.
MAX_RATED_DAYS: Final = 36_525


def rate(
    subscription: Subscription,
    events: Iterable[Event] = (),
    *,
    through: dt.date,
    rounding: ProrationRounding = ProrationRounding.UNIT_PRICE_FIRST,
) -> tuple[ChargeLine, ...]:
    """Every charge line of a subscription's history whose order date is on or before ``through``.

    Events are applied in date order; events of one day keep the order they are given in, so the
    result does not depend on how events of different days are ordered. Cycle charges and renewals
    of a day come before that day's events.

    Args:
        subscription: The subscription as purchased.
        events: Dated :class:`ChangeQuantity`, :class:`Cancel`, :class:`Upgrade`,
            :class:`ChangeBillingPlan`, :class:`ConvertTrial` and :class:`PriceChange` events.
        through: The last order date to produce lines for; later events are not examined.
        rounding: How prorated subtotals are rounded (see :class:`ProrationRounding`).

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
    sub: Subscription = _validate.instance(subscription, Subscription, "subscription")
    until = _validate.date(through, "through")
    mode = _validate.enum_member(ProrationRounding, rounding, "rounding")
    given: object = events
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise InvalidInput("events", "expected an iterable of events", events, code=ErrorCode.WRONG_TYPE)
    if sub.start <= until and (until - sub.start).days > MAX_RATED_DAYS:
        raise InvalidInput(
            "through",
            f"more than {MAX_RATED_DAYS} days (a century) after the subscription's start",
            through,
            code=ErrorCode.OUT_OF_RANGE,
        )
    checked = [(i, _check_event(i, e, sub)) for i, e in enumerate(_validate.bounded(given, "events"))]
    checked.sort(key=_day)
    rater = _Rater(sub, rounding=mode)
    if sub.start > until:
        return ()
    rater.charge_cycle(rater.base, ChargeType.NEW)
    rater.schedule(rater.base)
    for index, event in checked:
        day = event.day
        if day > until:
            break
        rater.advance(day)
        known = len(rater.tracks)
        try:
            rater.apply(event)
        except InvalidInput as refused:  # a new term that would end after year 9999
            raise InvalidInput(f"events[{index}]", refused.problem, event, code=refused.code) from None
        # an event changes the base subscription, and may create one (a partial upgrade)
        for track in (rater.base, *rater.tracks[known:]):
            rater.schedule(track)
    rater.advance(until)
    if len(rater.tracks) > 1:
        rater.lines.sort(key=_order_date)
    return tuple(rater.lines)


def _day(indexed: tuple[int, Event]) -> dt.date:
    return indexed[1].day


def _order_date(line: ChargeLine) -> dt.date:
    return line.order_date
