"""The events of a history applied to its replay: the engine behind ``rate`` and ``lifecycle`` (internal).

:func:`run` checks the arguments, replays the subscriptions and applies each event in date order on
the subscription it names; :class:`Rater` holds one handler per kind of event. What Partner Center
refuses is decided by the checks of :mod:`cspcore.billing._refusals` before anything changes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from decimal import Decimal
from typing import Final

import attrs

from cspcore import _decimal, _validate
from cspcore.billing._refusals import (
    check_active,
    check_changeable,
    check_conversion,
    check_conversion_target,
    check_move_target,
    check_plan_change,
    check_quantity_change,
    check_reactivation,
    check_schedule,
    check_suspension,
    check_upgrade,
    refund_kind,
    refuse_pending,
)
from cspcore.billing._replay import Replay, Template, Track
from cspcore.billing.charges import ChargeLine, ChargeType
from cspcore.billing.events import (
    Cancel,
    ChangeBillingPlan,
    ChangeQuantity,
    ConvertTrial,
    PriceChange,
    Upgrade,
)
from cspcore.billing.exchange import ExchangeRates
from cspcore.billing.lifecycle_events import (
    CancelScheduledChange,
    CompleteRenewal,
    LifecycleEvent,
    Reactivate,
    ScheduleChange,
    SetAutoRenew,
    Suspend,
)
from cspcore.billing.proration import ProrationRounding, trusted_negated, trusted_prorated
from cspcore.billing.states import EndReason
from cspcore.billing.subscription import Subscription
from cspcore.billing.windows import CancellationKind
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput

__all__ = ["EVENT_TYPES", "MAX_RATED_DAYS", "AnyEvent", "Rater", "run"]

#: Any event the replay applies (:data:`cspcore.billing.lifecycle_events.LifecycleEvent`).
AnyEvent = LifecycleEvent
EVENT_TYPES: Final = (
    ChangeQuantity,
    Cancel,
    Upgrade,
    ChangeBillingPlan,
    ConvertTrial,
    PriceChange,
    CompleteRenewal,
    SetAutoRenew,
    Suspend,
    Reactivate,
    ScheduleChange,
    CancelScheduledChange,
)
_EVENT_NAMES: Final = ", ".join(kind.__name__ for kind in EVENT_TYPES)
_INSTANT_EVENTS: Final = (Cancel, Suspend, Reactivate)  # the events given by an instant, not a day

#: The longest history :func:`run` replays, from the first subscription's start to ``through``: a
#: century (36,525 days), as for a what-if simulation; a longer one is refused, not replayed for seconds.
MAX_RATED_DAYS: Final = 36_525

_ZERO: Final = Decimal(0)
_add = _decimal.EXACT.add
_mul = _decimal.EXACT.multiply


class Rater(Replay):
    """Applies the events of a history to its replay (internal)."""

    def target(self, event: AnyEvent) -> Track:
        """The subscription ``event`` acts on: the one it names, else the first one rated."""
        name = event.subscription
        if name is None:
            return self.base
        track = self.by_id.get(name)
        if track is None:
            raise InvalidInput(
                "subscription",
                "names no subscription of this history (given, or created by an upgrade before the event)",
                name,
                code=ErrorCode.UNKNOWN_REFERENCE,
            )
        return track

    def apply(self, event: AnyEvent) -> None:  # noqa: C901 - one branch per kind of event
        track = self.target(event)
        if isinstance(event, ChangeQuantity):
            self.change_quantity(track, event)
        elif isinstance(event, Cancel):
            self.cancel(track, event)
        elif isinstance(event, Upgrade):
            self.upgrade(track, event)
        elif isinstance(event, ChangeBillingPlan):
            check_plan_change(track, event)
            track.pending_plan = event
            track.prices.clear()  # earlier list prices were the old plan's
        elif isinstance(event, ConvertTrial):
            self.convert(track, event)
        elif isinstance(event, PriceChange):
            track.prices.append((event.on, event.unit_price.amount))
        elif isinstance(event, CompleteRenewal):
            self.complete_renewal(track, event)
        elif isinstance(event, SetAutoRenew):
            self.set_auto_renew(track, event)
        elif isinstance(event, Suspend):
            check_suspension(track, event.day, suspend=True)
            track.suspended = True
            track.auto_renew = False  # suspending a new-commerce subscription turns auto-renew off
            track.scheduled = None
        elif isinstance(event, Reactivate):
            check_reactivation(track, event.day)
            track.suspended = False  # auto-renew stays off until turned on again
        elif isinstance(event, ScheduleChange):
            check_schedule(track, event)
            track.scheduled = event
        else:
            check_active(track, event.on)
            refuse_pending(track, event.on)
            track.scheduled = None

    # -- seats, cancellation ---------------------------------------------------------------------

    def change_quantity(self, track: Track, event: ChangeQuantity) -> None:
        day = event.on
        check_quantity_change(track, event, track.max_quantity)
        new = event.quantity
        old = track.quantity
        if new == old:  # no change, so no order and no lines
            return
        if new < old:  # pragma: no mutate - `<=` is the same: equal counts returned above
            track.lots.reduce(old - new, on=day)
        else:
            track.lots.add(day, new - old)
        track.scheduled = None  # a mid-term quantity change deletes the change saved for renewal
        cycle = track.cycle
        share = self.prorate(track, track.unit_price, day)
        kind = ChargeType.REMOVE_QUANTITY if new < old else ChargeType.ADD_QUANTITY
        reference = self.reference(track, day)
        self.emit(track, day, kind, trusted_negated(share), old, day, cycle.end, reference)
        track.quantity = new
        self.emit(track, day, kind, share, new, day, cycle.end, reference)

    def cancel(self, track: Track, event: Cancel) -> None:
        day = event.day
        check_active(track, day)
        refuse_pending(track, day, at=event.at)
        kind = refund_kind(track, event.at)
        cycle = track.cycle
        if kind is CancellationKind.FULL:
            charged = [line for line in self.lines[track.window_line :] if line.subscription_id == track.id]
            refund = functools.reduce(
                _add,
                (line.subtotal.amount for line in charged),
                _ZERO,  # pragma: no mutate - `charged` holds at least the term's first charge
            ).copy_negate()
            # the refund line's price: what it returns per seat, in the currency prices are in
            priced = refund
            if self.exchange is not None:
                paid = (_mul(line.effective_unit_price.amount, line.quantity) for line in charged)
                priced = functools.reduce(
                    _add,
                    paid,
                    _ZERO,  # pragma: no mutate - `charged` holds at least the term's first charge
                ).copy_negate()
            start = min(track.term_start, day)
            self.emit(
                track,
                day,
                ChargeType.CANCEL_IMMEDIATE,
                (priced, track.quantity),
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
                trusted_negated(self.prorate(track, track.unit_price, day)),
                track.quantity,
                day,
                cycle.end,
                None,
            )
        track.end(day, EndReason.CANCELLED)

    # -- upgrades and conversions ----------------------------------------------------------------

    def upgrade(self, track: Track, event: Upgrade) -> None:
        day = event.on
        quantity = check_upgrade(track, event)
        track.scheduled = None  # an upgrade deletes the change saved for renewal
        partial = quantity < track.quantity
        kind = ChargeType.MOVE_QUANTITY if event.into_existing else ChargeType.CONVERT
        cycle = track.cycle
        reference = self.reference(track, day)
        self.emit(
            track,
            day,
            kind,
            trusted_negated(self.prorate(track, track.unit_price, day)),
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
            self.move_into(track, event, quantity, reference)
            return
        if partial:
            if target_id in self.by_id:
                raise InvalidInput(
                    "subscription_id",
                    "a partial upgrade creates a new subscription; this id is taken",
                    target_id,
                    code=ErrorCode.DUPLICATE,
                )
            track.lots.shrink(quantity)
            track.quantity -= quantity
            target = self.spawn(track, target_id, quantity, event.product, new_price)
        else:
            target = track
            track.prices.clear()  # earlier list prices were the old product's
            target.product = event.product
            target.unit_price = new_price
            self.refresh(target)
        if longer and event.term is not None:
            frequency = event.frequency or track.frequency
            # the window runs from the purchase, not from the upgrade
            self.start_term(
                target,
                day,
                event.term,
                frequency,
                window=False,  # pragma: no mutate - `None` is as false
            )
            first = target.cycle
            share = trusted_prorated(new_price, first.length, first.days)
            self.emit(target, day, kind, share, quantity, day, first.end, reference)
            return
        self.emit(
            target, day, kind, self.prorate(target, new_price, day), quantity, day, cycle.end, reference
        )

    def move_into(self, track: Track, event: Upgrade, quantity: int, reference: str) -> None:
        """Move ``quantity`` seats of ``track`` into an existing subscription (``moveQuantity``).

        When that subscription is replayed here too, its side is rated on its own cycle and price
        and its seat count grows (the moved seats come with no window of their own: none applies to
        upgrades); otherwise the line is built from the event's product and price.
        """
        day = event.on
        target_id = event.subscription_id or track.id
        existing = self.by_id.get(target_id)
        if existing is not None:
            check_move_target(track, existing, day)
            share = self.prorate(existing, existing.unit_price, day)
            end = existing.cycle.end
            self.emit(existing, day, ChargeType.MOVE_QUANTITY, share, quantity, day, end, reference)
            existing.quantity += quantity
        else:
            _, _, _, qualifiers, sub_start, sub_end, text, shown_frequency, _ = track.template
            moved: Template = (
                event.product,
                target_id,
                event.unit_price,
                qualifiers,
                sub_start,
                sub_end,
                text,
                shown_frequency,
                {},
            )
            share = self.prorate(track, event.unit_price.amount, day)
            self.build(moved, day, ChargeType.MOVE_QUANTITY, share, quantity, day, track.cycle.end, reference)
        track.lots.shrink(quantity)
        track.quantity -= quantity
        if not track.quantity:  # every seat moved: nothing is left to charge
            track.end(day, EndReason.MOVED)

    def convert(self, track: Track, event: ConvertTrial) -> None:
        day = event.on
        quantity = check_conversion(track, event, track.max_quantity)
        target = None if event.into is None else self.conversion_target(track, event)
        track.scheduled = None  # converting deletes a scheduled conversion
        reference = self.reference(track, day)
        self.emit(track, day, ChargeType.CONVERT, (_ZERO, 1), track.quantity, day, track.term_end, reference)
        if target is not None:  # the seats join the existing subscription, at its price, to its cycle end
            share = self.prorate(target, target.unit_price, day)
            self.emit(target, day, ChargeType.CONVERT, share, quantity, day, target.cycle.end, reference)
            target.quantity += quantity
            track.end(day, EndReason.MOVED)
            return
        price = event.unit_price
        if price is None:  # pragma: no cover - ConvertTrial requires a price without `into`
            raise AssertionError
        track.quantity = quantity
        track.qualifiers = ()  # no longer a trial
        track.unit_price = price.amount
        self.start_term(track, day, event.term, event.frequency)
        first = track.cycle
        self.emit(
            track, day, ChargeType.CONVERT, (track.unit_price, 1), track.quantity, day, first.end, reference
        )

    def conversion_target(self, track: Track, event: ConvertTrial) -> Track:
        """The existing subscription a trial converts into, once Partner Center would allow it."""
        name = event.into
        target = None if name is None else self.by_id.get(name)
        if target is None or target is track:
            raise InvalidInput(
                "into",
                "names no other subscription of this history (replay it in the same call)",
                name,
                code=ErrorCode.UNKNOWN_REFERENCE,
            )
        check_changeable(target, event.on)
        check_conversion_target(track, target)
        return target

    # -- renewals, auto-renew -------------------------------------------------------------------

    def complete_renewal(self, track: Track, event: CompleteRenewal) -> None:
        if not track.renewal_pending or track.term_start != event.on:
            raise InvalidInput(
                "on",
                f"no renewal of {track.id} is being processed on that day",
                event.on,
                code=ErrorCode.INCONSISTENT,
            )
        track.window_opened = event.at
        track.renewal_pending = False

    def set_auto_renew(self, track: Track, event: SetAutoRenew) -> None:
        check_active(track, event.on)
        refuse_pending(track, event.on)
        if event.enabled:
            check_suspension(track, event.on, suspend=None)
        else:
            track.scheduled = None  # turning auto-renew off deletes the change saved for renewal
        track.auto_renew = event.enabled


def _check_event(index: int, event: object, starts: dict[str, Subscription], first: Subscription) -> AnyEvent:
    if not isinstance(event, EVENT_TYPES):
        raise InvalidInput(f"events[{index}]", f"expected {_EVENT_NAMES}", event, code=ErrorCode.WRONG_TYPE)
    name = event.subscription
    if name is None and len(starts) > 1:
        raise InvalidInput(
            f"events[{index}].subscription",
            "name the subscription the event acts on (more than one is rated)",
            None,  # pragma: no mutate - left out, the value is this None too
            code=ErrorCode.MISSING,
        )
    sub = first if name is None else starts.get(name)
    if sub is not None and event.day < sub.start:
        raise InvalidInput(
            f"events[{index}]",
            f"happens before the subscription starts ({sub.start})",
            event,
            code=ErrorCode.INCONSISTENT,
        )
    # an instant on the start day but before the purchase: the subscription did not exist yet
    if (
        sub is not None
        and isinstance(event, _INSTANT_EVENTS)
        and event.at.astimezone(dt.UTC) < sub.purchased_at.astimezone(dt.UTC)
    ):
        raise InvalidInput(
            f"events[{index}].at",
            f"is before the subscription was purchased ({sub.purchased_at.isoformat()})",
            event.at,
            code=ErrorCode.INCONSISTENT,
        )
    price = getattr(event, "unit_price", None)
    if price is not None and price.currency != first.currency:
        raise CurrencyMismatch(f"events[{index}].unit_price", first.currency, price.currency)
    return event


def _exchange(given: object, currency: str) -> ExchangeRates | None:
    """The exchange rates from the subscriptions' (pricing) currency, or None."""
    if given is None:
        return None
    rates: ExchangeRates = _validate.instance(given, ExchangeRates, "exchange")
    if rates.pricing_currency != currency:
        raise CurrencyMismatch("exchange.pricing_currency", currency, rates.pricing_currency)
    return rates


def _check_span(first: dt.date, until: dt.date) -> None:
    if first <= until and (until - first).days > MAX_RATED_DAYS:
        raise InvalidInput(
            "through",
            f"more than {MAX_RATED_DAYS} days (a century) after the subscription's start",
            until,
            code=ErrorCode.OUT_OF_RANGE,
        )


def _subscriptions(given: object) -> list[Subscription]:
    if isinstance(given, Subscription):
        return [given]
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise InvalidInput(
            "subscriptions",
            "expected a Subscription or an iterable of them",
            given,
            code=ErrorCode.WRONG_TYPE,
        )
    subs: list[Subscription] = []
    seen: set[str] = set()
    for index, item in enumerate(_validate.bounded(given, "subscriptions")):
        sub: Subscription = _validate.instance(item, Subscription, f"subscriptions[{index}]")
        if sub.id in seen:
            raise InvalidInput(
                f"subscriptions[{index}].id", "appears twice", sub.id, code=ErrorCode.DUPLICATE
            )
        if subs and sub.currency != subs[0].currency:
            raise CurrencyMismatch(f"subscriptions[{index}].unit_price", subs[0].currency, sub.currency)
        seen.add(sub.id)
        subs.append(sub)
    if not subs:
        raise InvalidInput("subscriptions", "expected at least one subscription", given, code=ErrorCode.EMPTY)
    return subs


def run(
    subscriptions: object,
    events: object,
    *,
    through: object,
    rounding: object,
    exchange: object = None,
) -> Rater:
    """Check the arguments, replay the subscriptions through ``through`` and return the finished replay."""
    subs = _subscriptions(subscriptions)
    rates = _exchange(exchange, subs[0].currency)
    until = _validate.date(through, "through")
    mode = _validate.enum_member(ProrationRounding, rounding, "rounding")
    if isinstance(events, (str, bytes)) or not isinstance(events, Iterable):
        raise InvalidInput("events", "expected an iterable of events", events, code=ErrorCode.WRONG_TYPE)
    _check_span(min(sub.start for sub in subs), until)
    starts = {sub.id: sub for sub in subs}
    checked = [
        (i, _check_event(i, e, starts, subs[0])) for i, e in enumerate(_validate.bounded(events, "events"))
    ]
    checked.sort(key=_day)
    rater = Rater(subs, rounding=mode, completions=_completions(checked, subs[0].id), exchange=rates)
    for track in rater.tracks:
        if track.term_start <= until:
            rater.charge_cycle(track, ChargeType.NEW)
            rater.schedule(track)
    for index, event in checked:
        day = event.day
        if day > until:
            break
        rater.advance(day)
        known = len(rater.tracks)  # pragma: no mutate - re-queuing an unchanged track adds only a stale entry
        try:
            track = rater.target(event)
            rater.apply(event)
        except InvalidInput as refused:  # e.g. a new term that would end after year 9999
            raise _under_event(refused, index, event) from None
        # an event changes its subscription, and may create one (a partial upgrade) or grow another
        for changed in (track, *rater.tracks[known:]):
            rater.schedule(changed)
        if isinstance(event, Upgrade) and event.subscription_id in rater.by_id:
            rater.schedule(rater.by_id[event.subscription_id])
    rater.advance(until)
    if len(rater.tracks) > 1:
        rater.lines.sort(key=_order_date)
    return rater


def _under_event(refused: InvalidInput, index: int, event: AnyEvent) -> InvalidInput:
    """A refusal raised while applying ``events[index]``, named for the caller's argument at fault.

    Renamed, so everything but its field is kept: its class (a ``CurrencyMismatch`` stays one, with
    both currencies), value, code and choices. A refusal of one of the event's own fields stays under
    it (``events[3].subscription_id``: the id a partial upgrade would take is taken); one a rule makes
    of the event as a whole names the event (``events[3]``: the new term it starts would end after
    year 9999), as :func:`_check_event` names them before the replay.
    """
    if refused.field == "exchange":  # the rates given lack the month of the event's line
        return refused
    if refused.field in attrs.fields_dict(type(event)):
        return refused.renamed(f"events[{index}].{refused.field}")
    return refused.renamed(f"events[{index}]")


def _completions(checked: list[tuple[int, AnyEvent]], first: str) -> frozenset[tuple[str, dt.date]]:
    """The renewals whose completion instant an event gives, by subscription id and day."""
    return frozenset(
        (event.subscription or first, event.on) for _, event in checked if isinstance(event, CompleteRenewal)
    )


def _day(indexed: tuple[int, AnyEvent]) -> dt.date:
    return indexed[1].day


def _order_date(line: ChargeLine) -> dt.date:
    return line.order_date
