"""A subscription's lifecycle driven against a plain model of seats, lots and windows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from cspcore import Money
from cspcore.billing import (
    Cancel,
    CancellationWindowClosed,
    ChangeQuantity,
    ChargeLine,
    QuantityOutOfRange,
    SeatReductionWindowClosed,
    Subscription,
    SubscriptionInactive,
    rate,
)

if TYPE_CHECKING:
    from cspcore.billing import Event

START = dt.date(2024, 1, 31)


class SubscriptionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.sub = Subscription(
            id="machine",
            product="Microsoft 365 E3",
            start=START,
            term="P1Y",
            frequency="monthly",
            quantity=5,
            unit_price=Money("12.00", "EUR"),
        )
        self.events: list[Event] = []
        self.today = START
        # The model: plain values, no cspcore logic.
        self.quantity = 5
        self.lots: list[tuple[dt.date, int]] = [(START, 5)]
        self.active = True
        self.previous: tuple[ChargeLine, ...] = ()

    def reducible(self) -> int:
        return sum(count for added, count in self.lots if self.today <= added + dt.timedelta(days=7))

    def rated(self) -> tuple[ChargeLine, ...]:
        return rate(self.sub, self.events, through=self.today)

    @rule(days=st.integers(min_value=0, max_value=12))
    def advance(self, days: int) -> None:
        self.today = min(self.today + dt.timedelta(days=days), self.sub.term_end)

    @precondition(lambda self: self.active)
    @rule(delta=st.integers(min_value=0, max_value=10))
    def add_seats(self, delta: int) -> None:
        self.events.append(ChangeQuantity(on=self.today, quantity=self.quantity + delta))
        self.quantity += delta
        if delta:
            self.lots.append((self.today, delta))

    @precondition(lambda self: self.active)
    @rule(count=st.integers(min_value=1, max_value=12))
    def remove_seats(self, count: int) -> None:
        event = ChangeQuantity(on=self.today, quantity=self.quantity - count)
        if self.quantity - count < 1:
            with pytest.raises(QuantityOutOfRange):
                rate(self.sub, [*self.events, event], through=self.today)
            return
        if count > self.reducible():
            with pytest.raises(SeatReductionWindowClosed):
                rate(self.sub, [*self.events, event], through=self.today)
            return
        self.events.append(event)
        self.quantity -= count
        left = count
        kept: list[tuple[dt.date, int]] = []
        for added, seats in reversed(self.lots):
            taken = min(left, seats) if self.today <= added + dt.timedelta(days=7) else 0
            left -= taken
            if seats > taken:
                kept.append((added, seats - taken))
        self.lots = kept[::-1]

    @precondition(lambda self: self.active)
    @rule(hour=st.integers(min_value=0, max_value=23))
    def cancel(self, hour: int) -> None:
        at = dt.datetime(self.today.year, self.today.month, self.today.day, hour, tzinfo=dt.UTC)
        event = Cancel(at=at)
        elapsed = at - dt.datetime(START.year, START.month, START.day, tzinfo=dt.UTC)
        if elapsed >= dt.timedelta(hours=168):
            with pytest.raises(CancellationWindowClosed):
                rate(self.sub, [*self.events, event], through=self.today)
            return
        self.events.append(event)
        self.active = False

    @precondition(lambda self: not self.active)
    @rule()
    def nothing_after_cancellation(self) -> None:
        with pytest.raises(SubscriptionInactive):
            rate(
                self.sub,
                [*self.events, ChangeQuantity(on=self.today, quantity=self.quantity + 1)],
                through=self.today,
            )

    @invariant()
    def the_history_agrees_with_the_model(self) -> None:
        lines = self.rated()
        # The history only grows: what was billed stays billed.
        assert list(self.previous) == list(lines[: len(self.previous)])
        self.previous = lines
        # The last line shows the model's seat count.
        assert Decimal(self.quantity) == lines[-1].quantity
        if not self.active:
            assert lines[-1].charge_type.value == "cancelImmediate"
        # The partner is never owed money overall.
        assert sum((line.subtotal.amount for line in lines), Decimal(0)) >= 0


SubscriptionMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=20, deadline=None)
TestSubscriptionMachine = SubscriptionMachine.TestCase
