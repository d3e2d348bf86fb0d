"""Three subscriptions lived day by day: a monthly one, an annual one and a trial, on one calendar.

Random events (seat changes, cancellations, suspension and reactivation, auto-renew, scheduled
changes and their removal, renewal completions, upgrades and trial conversions) are tried on each day;
Partner Center may refuse them. After every step the whole history is replayed with ``lifecycle``
and checked against the laws that hold whatever happened:

* every line is dated on a day replayed, never before its subscription started, in date order;
* no subscription is ever refunded more than it was charged;
* a refused event changes nothing: the history without it replays as before;
* each state agrees with its lines (the seats of the last positive line; ended by a cancellation
  only when its last line is ``cancelImmediate``) and with what was done to it (it ends only after
  a cancellation, an expiry with auto-renew off, or every seat moved away);
* a scheduled change is gone after any event that deletes it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from cspcore import InvalidInput, Money, RuleViolation
from cspcore.billing import (
    Cancel,
    CancelScheduledChange,
    ChangeQuantity,
    CompleteRenewal,
    ConvertTrial,
    EndReason,
    Lifecycle,
    Reactivate,
    ScheduleChange,
    SetAutoRenew,
    Subscription,
    SubscriptionStatus,
    Suspend,
    Upgrade,
    lifecycle,
)
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from tests.lifecycle_events import AnyEvent

START = dt.date(2024, 1, 10)
LAST = START + dt.timedelta(days=800)  # a little over two years: every kind of renewal happens
PRICE = Money("12.00", "EUR")
SUBSCRIPTIONS = (
    Subscription(
        id="m",
        product="Microsoft 365 E3",
        start=START,
        term="P1M",
        frequency="monthly",
        quantity=5,
        unit_price=PRICE,
    ),
    Subscription(
        id="y",
        product="Microsoft 365 E3",
        start=START,
        term="P1Y",
        frequency="monthly",
        quantity=5,
        unit_price=PRICE,
    ),
    Subscription(
        id="t",
        product="Dynamics 365 Guides",
        start=START,
        term="P1M",
        frequency="none",
        quantity=25,
        unit_price=Money(0, "EUR"),
        trial=True,
        paid_unit_price=Money("52.61", "EUR"),
    ),
)


def instant(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


class LifecycleMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.today = START
        self.events: list[AnyEvent] = []
        self.result = lifecycle(SUBSCRIPTIONS, through=START)
        # The model: what was done to each subscription, in plain values.
        self.cancelled: set[str] = set()
        self.auto_renew_was_off: set[str] = set()
        self.moved_from: set[str] = set()  # subscriptions some seats were upgraded away from
        self.schedule_deleted: set[str] = set()  # a deleting event came after the last schedule
        self.upgrades = 0

    # -- helpers ---------------------------------------------------------------------------------

    def ids(self) -> list[str]:
        return sorted(self.result.states)

    def replay(self, events: list[AnyEvent]) -> Lifecycle:
        return lifecycle(SUBSCRIPTIONS, events, through=self.today)

    def attempt(self, event: AnyEvent) -> bool:
        """Add ``event`` if Partner Center allows it; a refused event must leave the history as it was."""
        try:
            result = self.replay([*self.events, event])
        except RuleViolation:
            pass
        except InvalidInput as refused:
            # only a completion of a renewal that is not under way is malformed here
            if refused.code is not ErrorCode.INCONSISTENT:
                raise
        else:
            self.events.append(event)
            self.result = result
            return True
        assert self.replay(self.events) == self.result  # a refusal changed nothing
        return False

    # -- time ------------------------------------------------------------------------------------

    @rule(days=st.integers(min_value=0, max_value=20))
    def advance(self, days: int) -> None:
        self.today = min(self.today + dt.timedelta(days=days), LAST)
        self.result = self.replay(self.events)

    @rule(data=st.data(), hour=st.integers(min_value=0, max_value=23))
    def renew_and_complete(self, data: st.DataObject, hour: int) -> None:
        """Go to a subscription's next renewal day and say when that renewal completed."""
        due = sorted(
            (state.renews_on, name)
            for name, state in self.result.states.items()
            if state.renews_on is not None and state.renews_on <= LAST
        )
        if not due:
            return
        day, name = data.draw(st.sampled_from(due))
        self.today = day
        self.result = self.replay(self.events)
        assert self.result.states[name].term_start == day  # it renewed on that day
        completion = CompleteRenewal(on=day, at=instant(day, hour), subscription=name)
        assert self.attempt(completion)  # nothing else happened on that day yet
        assert self.result.states[name].window_opened_at == instant(day, hour)

    # -- events ----------------------------------------------------------------------------------

    @rule(data=st.data(), delta=st.integers(min_value=-3, max_value=4))
    def change_seats(self, data: st.DataObject, delta: int) -> None:
        name = data.draw(st.sampled_from(self.ids()))
        before = self.result.states[name].quantity
        seats = max(before + delta, 1)
        changed = self.attempt(ChangeQuantity(on=self.today, quantity=seats, subscription=name))
        if changed and seats != before:  # setting the same count is no order, so it deletes nothing
            self.schedule_deleted.add(name)

    @rule(data=st.data(), hour=st.integers(min_value=0, max_value=23))
    def cancel(self, data: st.DataObject, hour: int) -> None:
        name = data.draw(st.sampled_from(self.ids()))
        if self.attempt(Cancel(at=instant(self.today, hour), subscription=name)):
            self.cancelled.add(name)
            self.schedule_deleted.add(name)

    @rule(data=st.data(), hour=st.integers(min_value=0, max_value=23))
    def suspend(self, data: st.DataObject, hour: int) -> None:
        name = data.draw(st.sampled_from(self.ids()))
        if self.attempt(Suspend(at=instant(self.today, hour), subscription=name)):
            self.auto_renew_was_off.add(name)
            self.schedule_deleted.add(name)

    @rule(data=st.data(), hour=st.integers(min_value=0, max_value=23))
    def reactivate(self, data: st.DataObject, hour: int) -> None:
        name = data.draw(st.sampled_from(self.ids()))
        self.attempt(Reactivate(at=instant(self.today, hour), subscription=name))

    @rule(data=st.data(), enabled=st.booleans())
    def set_auto_renew(self, data: st.DataObject, enabled: bool) -> None:
        name = data.draw(st.sampled_from(self.ids()))
        if self.attempt(SetAutoRenew(on=self.today, enabled=enabled, subscription=name)) and not enabled:
            self.auto_renew_was_off.add(name)
            self.schedule_deleted.add(name)

    @rule(data=st.data(), seats=st.integers(min_value=1, max_value=30))
    def schedule(self, data: st.DataObject, seats: int) -> None:
        name = data.draw(st.sampled_from(self.ids()))
        if self.attempt(ScheduleChange(on=self.today, quantity=seats, subscription=name)):
            self.schedule_deleted.discard(name)

    @rule(data=st.data())
    def schedule_a_new_plan(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(self.ids()))
        plan = ScheduleChange(
            on=self.today,
            term="P1Y",
            frequency="annual",
            unit_price=Money("130.00", "EUR"),
            subscription=name,
        )
        if self.attempt(plan):
            self.schedule_deleted.discard(name)

    @rule(data=st.data())
    def unschedule(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(self.ids()))
        if self.attempt(CancelScheduledChange(on=self.today, subscription=name)):
            self.schedule_deleted.add(name)

    @rule(data=st.data(), hour=st.integers(min_value=0, max_value=23))
    def complete_renewal(self, data: st.DataObject, hour: int) -> None:
        name = data.draw(st.sampled_from(self.ids()))
        self.attempt(CompleteRenewal(on=self.today, at=instant(self.today, hour), subscription=name))

    @rule(data=st.data(), seats=st.none() | st.integers(min_value=1, max_value=6))
    def upgrade(self, data: st.DataObject, seats: int | None) -> None:
        name = data.draw(st.sampled_from(self.ids()))
        self.upgrades += 1
        event = Upgrade(
            on=self.today,
            product=f"Microsoft 365 E5 #{self.upgrades}",
            unit_price=Money("20.00", "EUR"),
            quantity=seats,
            subscription_id=f"{name}/upgrade/{self.upgrades}",  # two partial upgrades a day: two ids
            subscription=name,
        )
        if self.attempt(event):
            self.moved_from.add(name)
            self.schedule_deleted.add(name)
            if name in self.auto_renew_was_off:  # the new subscription takes the source's auto-renew
                self.auto_renew_was_off.add(f"{name}/upgrade/{self.upgrades}")

    @precondition(lambda self: self.result.states["t"].is_trial)
    @rule(seats=st.integers(min_value=20, max_value=30))
    def convert_trial(self, seats: int) -> None:
        event = ConvertTrial(
            on=self.today, unit_price=Money("52.61", "EUR"), quantity=seats, subscription="t"
        )
        if self.attempt(event):
            self.schedule_deleted.add("t")

    # -- laws ------------------------------------------------------------------------------------

    @invariant()
    def lines_are_dated_within_the_history_in_order(self) -> None:
        days = [line.order_date for line in self.result.lines]
        assert days == sorted(days)
        assert all(START <= day <= self.today for day in days)

    @invariant()
    def no_subscription_is_refunded_more_than_it_was_charged(self) -> None:
        for name in self.result.states:
            amounts = [line.subtotal.amount for line in self.result.lines if line.subscription_id == name]
            charged = sum((amount for amount in amounts if amount > 0), Decimal(0))
            refunded = -sum((amount for amount in amounts if amount < 0), Decimal(0))
            assert refunded <= charged, name

    @invariant()
    def each_state_agrees_with_its_lines_and_its_history(self) -> None:
        for name, state in self.result.states.items():
            lines = [line for line in self.result.lines if line.subscription_id == name]
            last = lines[-1]
            positive = [line for line in lines if line.subtotal.amount > 0 or line.unit_price.is_zero()]
            if state.status is SubscriptionStatus.ENDED:
                if state.end_reason is EndReason.CANCELLED:
                    assert name in self.cancelled
                    assert last.charge_type.value == "cancelImmediate"
                elif state.end_reason is EndReason.MOVED:
                    assert name in self.moved_from
                else:  # expired, trial ended, not reactivated: auto-renew was off at the end
                    assert name in self.auto_renew_was_off
                    assert state.ended_on == state.term_end + dt.timedelta(days=1)
                continue
            assert last.charge_type.value != "cancelImmediate"
            if name not in self.moved_from and positive:
                # seats only change by a refund-and-recharge pair whose second line shows the new count
                assert int(positive[-1].quantity) == state.quantity, name
            assert state.auto_renew == (state.renews_on is not None)
            if state.status is SubscriptionStatus.SUSPENDED:
                assert (state.auto_renew, state.reactivate_by) == (False, state.term_end)

    @invariant()
    def a_deleted_scheduled_change_stays_gone(self) -> None:
        for name in self.schedule_deleted:
            if name in self.result.states:
                assert self.result.states[name].scheduled_change is None, name


LifecycleMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=25, deadline=None)
TestLifecycleMachine = LifecycleMachine.TestCase
