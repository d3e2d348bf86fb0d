"""A history's whole outcome: the charge lines and where each subscription stands afterwards.

:func:`lifecycle` replays one or more subscriptions with their events, like :func:`~cspcore.billing.rate`
(which returns only the lines), and also says, for every subscription it saw (those given and those
partial upgrades created): its status, term, seats, when it renews, until when it can be cancelled or
have seats removed, and the change saved for its renewal. Several subscriptions replayed together
share one calendar, so that an upgrade into an existing subscription (``moveQuantity``) rates both sides.

The lifecycle rules, from ``create-a-new-subscription.md`` unless noted:

* a renewal starts at 00:00 UTC the day after the term ends and may take up to 24 hours
  (``developer/create-scheduled-changes.md``); its cancellation window and seat lots run from the
  instant it completes (:class:`~cspcore.billing.CompleteRenewal`; by default 00:00 UTC, the earliest),
  and nothing can change while it is processed ("Renewal");
* a trial with auto-renew on converts to its paid equivalent (a year billed monthly, unless a
  scheduled conversion says otherwise) the day after its 30 days ("Manage trials ...");
* changes saved for renewal (:class:`~cspcore.billing.ScheduleChange`) need an active subscription
  with auto-renew on; they apply at the renewal, shown on its ``renew`` line, and are deleted by a
  mid-term cancellation, turning auto-renew off, a quantity change, an upgrade or a trial conversion
  ("Scheduled changes for managing new commerce license-based subscription renewals");
* suspending turns auto-renew off; the subscription is still billed and can be reactivated until the
  last day of its term, after which it ends and its data is deleted ("Suspend a subscription").

>>> import datetime as dt
>>> from cspcore import Money
>>> from cspcore.billing import ScheduleChange, Subscription, lifecycle
>>> sub = Subscription(
...     id="s",
...     product="Microsoft 365 E3",
...     start=dt.date(2024, 1, 10),
...     term="P1M",
...     frequency="monthly",
...     quantity=10,
...     unit_price=Money("36.00", "USD"),
... )
>>> change = ScheduleChange(on=dt.date(2024, 1, 20), quantity=12)
>>> result = lifecycle(sub, [change], through=dt.date(2024, 2, 10))
>>> [(line.charge_type.value, line.quantity, str(line.subtotal.amount)) for line in result.lines]
[('new', Decimal('10'), '360.00'), ('renew', Decimal('12'), '432.00')]
>>> state = result.states["s"]
>>> state.quantity, state.renews_on, state.cancellable_until.isoformat()
(12, datetime.date(2024, 3, 10), '2024-02-17T00:00:00+00:00')

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from cspcore import _validate
from cspcore.billing._rater import AnyEvent, run
from cspcore.billing._refusals import window_ends
from cspcore.billing.charges import ChargeLine
from cspcore.billing.proration import ProrationRounding
from cspcore.billing.states import (
    NextTerm,
    ScheduledChange,
    SubscriptionState,
    SubscriptionStatus,
    trusted_state,
)
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.money import Money

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cspcore.billing._replay import Track
    from cspcore.billing.exchange import ExchangeRates
    from cspcore.billing.subscription import Subscription

__all__ = ["Lifecycle", "lifecycle"]


def _states(value: Mapping[str, SubscriptionState]) -> Mapping[str, SubscriptionState]:
    """A read-only copy of a mapping of subscription ids to their states (each checked)."""
    given: Mapping[object, object] = _validate.instance(value, Mapping, "states")
    states: dict[str, SubscriptionState] = {}
    for name, state in _validate.bounded(given.items(), "states"):
        checked: SubscriptionState = _validate.instance(state, SubscriptionState, f"states[{name!r}]")
        if name != checked.id:
            raise InvalidInput(
                f"states[{name!r}]",
                "is the state of another subscription",
                checked.id,
                code=ErrorCode.INCONSISTENT,
            )
        states[checked.id] = checked
    return types.MappingProxyType(states)


@attrs.frozen(kw_only=True)
class Lifecycle:
    """The outcome of a history: its lines in the order they happen, and each subscription's state.

    Args:
        lines: Every charge line with an order date on or before ``through``.
        states: Each subscription by id, as of ``through`` (read-only).
        through: The last day replayed.
    """

    lines: tuple[ChargeLine, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, ChargeLine))
    states: Mapping[str, SubscriptionState] = attrs.field(converter=_states)
    through: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))

    @property
    def scheduled_changes(self) -> tuple[tuple[str, ScheduledChange], ...]:
        """The changes saved for renewal, by subscription id, in the order the subscriptions were seen."""
        return tuple(
            (name, state.scheduled_change)
            for name, state in self.states.items()
            if state.scheduled_change is not None
        )


def _state(track: Track, currency: str) -> SubscriptionState:
    opened = track.window_opened
    full_until, closes = window_ends(track)
    change = track.scheduled
    renewal = track.next_term_start  # None for a term ending on December 31, 9999: no term follows it
    renews_on = renewal if track.active and track.auto_renew else None
    if not track.active:
        status = SubscriptionStatus.ENDED
    elif track.suspended:
        status = SubscriptionStatus.SUSPENDED
    else:
        status = SubscriptionStatus.ACTIVE
    return trusted_state(
        id=track.id,
        product=track.product,
        status=status,
        end_reason=track.end_reason,
        ended_on=track.ended_on,
        quantity=track.quantity,
        unit_price=Money(track.unit_price, currency),
        term=track.term,
        frequency=track.frequency,
        term_start=track.term_start,
        term_end=track.term_end,
        is_trial=track.trial,
        auto_renew=track.auto_renew,
        renews_on=renews_on,
        window_opened_at=opened,
        full_refund_until=full_until,
        cancellable_until=closes,
        seat_lots=track.lots.lots(),
        scheduled_change=None
        if change is None or renewal is None  # a change is saved only for a renewal that can start
        else ScheduledChange(
            saved_on=change.on,
            renews_on=renewal,
            quantity=change.quantity,
            term=change.term,
            frequency=change.frequency,
            product=change.product,
            unit_price=change.unit_price,
            end=change.end,
        ),
        reactivate_by=track.term_end if track.suspended and track.active else None,
        renewal_pending=track.renewal_pending,
        parent=track.parent,
        next_term=None if renews_on is None else _next_term(track, currency, renews_on),
    )


def _next_term(track: Track, currency: str, starts_on: dt.date) -> NextTerm:
    product, price, quantity, term, frequency, end = track.next_term()
    return NextTerm(
        starts_on=starts_on,
        product=product,
        unit_price=None if price is None else Money(price, currency),
        quantity=quantity,
        term=term,
        frequency=frequency,
        end=end,
    )


def lifecycle(
    subscriptions: Subscription | Iterable[Subscription],
    events: Iterable[AnyEvent] = (),
    *,
    through: dt.date,
    rounding: ProrationRounding = ProrationRounding.UNIT_PRICE_FIRST,
    exchange: ExchangeRates | None = None,
) -> Lifecycle:
    """Replay subscriptions and their events through ``through``: the lines and each one's state.

    Args:
        subscriptions: One subscription, or several replayed on one calendar (same currency, distinct
            ids); with several, every event names its ``subscription``.
        events: Dated events of :mod:`cspcore.billing.events` and :mod:`cspcore.billing.lifecycle_events`,
            applied in date order (events of one day in the order given, after that day's renewals).
        through: The last day to replay.
        rounding: How prorated subtotals are rounded.
        exchange: Monthly ``PCToBCExchangeRate`` s from the subscriptions' currency (the pricing
            currency) to the billing currency: each line's subtotal is converted at the rate of its
            order date's month by the reconciliation file's formula (see :func:`~cspcore.billing.rate`).

    Returns:
        A :class:`Lifecycle`.

    Raises:
        RuleViolation: the refusals of :func:`~cspcore.billing.rate`, and
            :class:`~cspcore.billing.RenewalPending`, :class:`~cspcore.billing.SuspensionRefused`,
            :class:`~cspcore.billing.ScheduledChangeRefused`.
        InvalidInput: for invalid arguments; ``events[i].at`` (code ``inconsistent``) for a
            cancellation, suspension or reactivation before the subscription's ``purchased_at``;
            ``paid_unit_price`` (code ``missing``) when a trial converts to paid within the replay and
            neither it nor a scheduled conversion gives the price.
    """
    rater = run(subscriptions, events, through=through, rounding=rounding, exchange=exchange)
    states = {track.id: _state(track, rater.currency) for track in rater.tracks}
    return Lifecycle(lines=tuple(rater.lines), states=states, through=through)
